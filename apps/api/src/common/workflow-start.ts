import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { WorkflowArgs, WorkflowFunction, WorkflowRef } from '@partyflow/contracts';
import { ApiError } from './api-error';

/** Tries, and the wait before each retry (issue 7 §3: a start after the commit is retried, bounded). */
export const TEMPORAL_ATTEMPTS = 3;
const RETRY_DELAYS_MS = [250, 1000];
/** The time one try may take before it counts as failed. */
const ATTEMPT_DEADLINE_MS = 5_000;

/** A Temporal call for committed rows that still failed after its bounded retries. */
export class TemporalCallFailed extends Error {
  constructor(
    readonly target: string,
    readonly reason: unknown,
  ) {
    super(`${target}: Temporal refused ${TEMPORAL_ATTEMPTS} times: ${(reason as Error)?.message ?? String(reason)}`);
  }
}

/**
 * Runs an idempotent Temporal call up to `TEMPORAL_ATTEMPTS` times, each try bounded by a deadline on
 * `client`'s connection (the one the call uses); never inside a database transaction.
 */
export async function retryTemporal<T>(client: Client, target: string, call: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let attempt = 1; attempt <= TEMPORAL_ATTEMPTS; attempt++) {
    try {
      return await client.withDeadline(Date.now() + ATTEMPT_DEADLINE_MS, call);
    } catch (e) {
      last = e;
      const delay = RETRY_DELAYS_MS[attempt - 1];
      if (delay !== undefined) await new Promise((r) => setTimeout(r, delay));
    }
  }
  throw new TemporalCallFailed(target, last);
}

/**
 * Starts a workflow whose rows are already committed (issue 7 §3). The id is deterministic and a
 * running workflow of that id is used as is, so a retried start (here, or after a lost answer) is
 * harmless, and a closed one is never started again. Throws `TemporalCallFailed` for the caller to mark its row.
 */
export async function startCommitted<R extends WorkflowRef>(
  client: Client,
  workflow: R,
  options: { workflowId: string; taskQueue: string; args: WorkflowArgs<R> },
): Promise<void> {
  await retryTemporal(client, options.workflowId, async () => {
    try {
      await client.workflow.start<WorkflowFunction<R>>(workflow.workflowType, {
        ...options,
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (e) {
      // Started by an earlier try whose answer was lost, and closed since: the start did happen.
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  });
}

/** The answer when a committed row's workflow (or Schedule) could not be started: a 503 in the API error format. */
export const workflowStartFailedError = (
  what: string,
  consequence = "Hồ sơ đã được đánh dấu 'khởi động thất bại' và không chặn việc lập lại",
) =>
  new ApiError(
    503,
    'WORKFLOW_START_FAILED',
    `Không khởi động được quy trình ${what} vì Temporal không phản hồi. ${consequence}; vui lòng thử lại sau.`,
  );
