import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import {
  EMPTY_POLICY_OPERATION_COUNTS,
  type DeadlinePolicyFanOutInput,
  type DeadlinePolicyFanOutResult,
  type PolicyFanOutActivities,
  type PolicyOperationCounts,
  type PolicyOperationFailure,
} from '@partyflow/contracts';
import { DATABASE_ACTIVITY, FAN_OUT_CASE_ACTIVITY } from '../shared/activity-options';

// Paging and progress rows are short PostgreSQL reads and writes (bounded: a long outage fails the operation, visibly).
const db = proxyActivities<PolicyFanOutActivities>(DATABASE_ACTIVITY);
// One case's update waits for its re-timing activity (see FAN_OUT_CASE_ACTIVITY).
const cases = proxyActivities<PolicyFanOutActivities>(FAN_OUT_CASE_ACTIVITY);

const DEFAULT_PAGE_SIZE = 100;
/** Updates in flight at once: enough to finish 448 cases in seconds without flooding the worker. */
const PARALLEL = 10;
const MAX_LISTED_FAILURES = 200;

/**
 * The fan-out of a deadline-policy change (issue 7 §4): pages through the cases waiting on the
 * step, sends each the `retimeForPolicy` update and counts the confirmed re-timings. A closed or
 * failing case is reported, never fatal. Continues as new when the history grows long.
 */
export async function deadlinePolicyFanOutWorkflow(
  input: DeadlinePolicyFanOutInput,
): Promise<DeadlinePolicyFanOutResult> {
  const { operationId, process, step, version } = input;
  const counts: PolicyOperationCounts = { ...EMPTY_POLICY_OPERATION_COUNTS, ...input.counts };
  const failures: PolicyOperationFailure[] = [...(input.failures ?? [])];
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  let after = input.after;
  for (;;) {
    // Issue 11 §2: an override's change re-times only its subtree (no orgId in histories before: national).
    // Issue 14 §1: a change applied to chosen cases re-times only those (none in histories before: every one).
    const scope = {
      ...(input.orgId ? { orgId: input.orgId } : {}),
      ...(input.caseIds ? { caseIds: input.caseIds } : {}),
    };
    const page = await db.listWaitingCases({ process, step, after, limit: pageSize, version, ...scope });
    for (let i = 0; i < page.length; i += PARALLEL) {
      const outcomes = await Promise.all(
        page
          .slice(i, i + PARALLEL)
          .map((workflowId) => cases.retimeCaseForPolicy({ workflowId, process, step, version })),
      );
      for (const o of outcomes) {
        counts.cases += 1;
        if (o.kind === 'retimed') {
          counts.retimedCases += 1;
          counts.retimedTasks += o.retimedTasks;
        } else if (o.kind === 'already_current') counts.alreadyCurrent += 1;
        else {
          if (o.kind === 'closed') counts.closedCases += 1;
          else counts.failedCases += 1;
          // The counts stay exact; the list keeps the first failures so the history stays bounded.
          if (failures.length < MAX_LISTED_FAILURES)
            failures.push({ workflowId: o.workflowId, kind: o.kind, status: o.status, reason: o.reason });
        }
      }
    }
    after = page.length ? page[page.length - 1] : after;
    const done = page.length < pageSize;
    await db.recordPolicyOperation({ operationId, counts, failures, done, at: new Date().toISOString() });
    if (done) return { operationId, counts, failures };
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof deadlinePolicyFanOutWorkflow>({ ...input, after, counts, failures });
    }
  }
}
