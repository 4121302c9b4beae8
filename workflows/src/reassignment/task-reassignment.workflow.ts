import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import {
  EMPTY_REASSIGNMENT_COUNTS,
  type ReassignmentActivities,
  type ReassignmentCounts,
  type ReassignmentFailure,
  type ReassignmentMove,
  type TaskReassignmentInput,
  type TaskReassignmentResult,
} from '@partyflow/contracts';
import { DATABASE_ACTIVITY, FAN_OUT_CASE_ACTIVITY } from '../shared/activity-options';

const db = proxyActivities<ReassignmentActivities>(DATABASE_ACTIVITY);
// One task's move waits for its case's reassignTaskUpdate (see FAN_OUT_CASE_ACTIVITY).
const cases = proxyActivities<ReassignmentActivities>(FAN_OUT_CASE_ACTIVITY);

const DEFAULT_PAGE_SIZE = 50;
/** Moves in flight at once. */
const PARALLEL = 10;

/**
 * Bulk reassignment (issue 14 §2): pages through the open tasks the operation's filter matches, moves each through
 * its case's reassignTaskUpdate and records the page's outcomes (progress) on the operation row. A case that refuses
 * or is closed is reported, never fatal. Continues as new when the history grows long.
 */
export async function taskReassignmentWorkflow(input: TaskReassignmentInput): Promise<TaskReassignmentResult> {
  const { operationId } = input;
  const counts: ReassignmentCounts = { ...EMPTY_REASSIGNMENT_COUNTS, ...input.counts };
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  let after = input.after;
  for (;;) {
    const page = await db.listReassignmentTasks({ operationId, after, limit: pageSize });
    const moves: ReassignmentMove[] = [];
    const failures: ReassignmentFailure[] = [];
    for (let i = 0; i < page.length; i += PARALLEL) {
      const outcomes = await Promise.all(
        page.slice(i, i + PARALLEL).map((taskId) => cases.reassignOneTask({ operationId, taskId })),
      );
      for (const o of outcomes) {
        counts.matched += 1;
        if (o.kind === 'moved') {
          counts.moved += 1;
          moves.push(o.move);
        } else if (o.kind === 'unchanged') counts.unchanged += 1;
        else {
          counts.failed += 1;
          failures.push(o.failure);
        }
      }
    }
    after = page.length ? page[page.length - 1] : after;
    const done = page.length < pageSize;
    await db.recordReassignment({ operationId, counts, moves, failures, done, at: new Date().toISOString() });
    if (done) return { operationId, counts };
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof taskReassignmentWorkflow>({ ...input, after, counts });
    }
  }
}
