import { ApplicationFailure } from '@temporalio/workflow';
import type { RefusalDetails, WorkflowRefusalCode } from '@partyflow/contracts';

/**
 * Refuses an update from its validator: the typed code is the failure type and, with the field,
 * the first detail, so the API maps it without reading the message (issue 7 §7).
 */
export const refuse = (code: WorkflowRefusalCode, reason: string, field?: string): never => {
  const details: RefusalDetails = { code, reason, ...(field ? { field } : {}) };
  throw ApplicationFailure.create({
    type: code,
    message: field ? `${field}: ${reason}` : reason,
    details: [details],
    nonRetryable: true,
  });
};
