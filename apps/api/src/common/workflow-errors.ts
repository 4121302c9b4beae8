import { Logger } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { readRefusal, SCREENING_ERRORS, TASK_ERRORS, type WorkflowRefusalCode } from '@partyflow/contracts';
import { ApiError } from './api-error';

/**
 * The one map from a workflow's typed refusal code to the API's answer (issue 7 §7). A
 * `Record` over the code union: adding a code to a capability without mapping it does not compile.
 */
export const REFUSAL_HTTP: Record<WorkflowRefusalCode, { status: 400 | 409; code: string }> = {
  [TASK_ERRORS.notOpen]: { status: 409, code: 'TASK_NOT_OPEN' },
  [TASK_ERRORS.notAssignee]: { status: 409, code: 'TASK_REASSIGNED' },
  [TASK_ERRORS.outcomeNotAllowed]: { status: 400, code: 'VALIDATION_FAILED' },
  [TASK_ERRORS.invalidData]: { status: 400, code: 'VALIDATION_FAILED' },
  [SCREENING_ERRORS.notAccepting]: { status: 409, code: 'NOT_ACCEPTING' },
  [SCREENING_ERRORS.invalid]: { status: 400, code: 'VALIDATION_FAILED' },
};

const logger = new Logger('WorkflowErrors');

/**
 * Maps an error from a workflow update (or start) to the API's error format, by type only: a
 * closed or unknown workflow is a 409 with `closedMessage`; a refusal answers its mapped status,
 * naming the field it carries; anything else is logged and answered as a plain 500.
 */
export function mapWorkflowError(e: unknown, closedMessage: string): ApiError {
  if (e instanceof ApiError) return e;
  // The server answers an update to a completed workflow with NOT_FOUND, which the client raises as this type.
  if (e instanceof WorkflowNotFoundError) return ApiError.conflict('CASE_CLOSED', closedMessage);
  const failure = e instanceof WorkflowUpdateFailedError ? e.cause : undefined;
  const refusal = failure instanceof ApplicationFailure ? readRefusal(failure) : undefined;
  if (refusal) {
    const { status, code } = REFUSAL_HTTP[refusal.code];
    return new ApiError(
      status,
      code,
      refusal.field ? `${refusal.field}: ${refusal.reason}` : refusal.reason,
      refusal.field,
    );
  }
  const kind =
    failure instanceof ApplicationFailure
      ? `${failure.type ?? 'ApplicationFailure'}`
      : ((e as Error)?.constructor?.name ?? typeof e);
  logger.error(`Unmapped workflow error (${kind}): ${(e as Error)?.message ?? String(e)}`, (e as Error)?.stack);
  return new ApiError(500, 'INTERNAL', 'Lỗi hệ thống');
}
