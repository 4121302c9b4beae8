import { proxyActivities } from '@temporalio/workflow';
import type { AuditActivities, AuditDigestInput, AuditDigestResult } from '@partyflow/contracts';
import { AUDIT_ACTIVITY } from '../shared/activity-options';

const audit = proxyActivities<AuditActivities>(AUDIT_ACTIVITY);

/**
 * The audit ledger's daily digest (issue 14 §5), started by the audit-chain-digest Schedule: records the chain's head
 * for the local date. Its result, the head, stays in the workflow's history too.
 */
export async function auditDigestWorkflow(_input: AuditDigestInput): Promise<AuditDigestResult> {
  return audit.recordAuditDigest({ at: new Date(Date.now()).toISOString() });
}
