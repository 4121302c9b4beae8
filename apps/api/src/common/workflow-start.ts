import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { AppConfig, TemporalCallPolicy } from '@partyflow/config';
import type { WorkflowArgs, WorkflowFunction, WorkflowRef } from '@partyflow/contracts';
import { ApiError } from './api-error';

/**
 * The wait before the second try and after (issue 7 §3: a start after the commit is retried, bounded); the number of
 * tries and the deadline of each are configuration (`TEMPORAL_CALL_ATTEMPTS`, `TEMPORAL_CALL_TIMEOUT_MS`).
 */
const RETRY_DELAYS_MS = [250, 1000];
const retryDelay = (attempt: number): number => RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length) - 1];

/** Waits `ms`, or less when `signal` aborts meanwhile. */
const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** A Temporal call for committed rows that still failed after its bounded retries. */
export class TemporalCallFailed extends Error {
  constructor(
    readonly target: string,
    readonly attempts: number,
    readonly reason: unknown,
  ) {
    super(`${target}: Temporal refused ${attempts} times: ${(reason as Error)?.message ?? String(reason)}`);
  }
}

/**
 * Runs an idempotent Temporal call up to `policy.attempts` times, each try bounded by `policy.timeoutMs` on
 * `client`'s connection (the one the call uses); never inside a database transaction. With `signal` (a call the API
 * makes in the background), an abort cancels the try under way and makes no other, so the connection can close.
 */
export async function retryTemporal<T>(
  client: Client,
  policy: TemporalCallPolicy,
  target: string,
  call: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  let last: unknown;
  let tries = 0;
  for (let attempt = 1; attempt <= policy.attempts && !signal?.aborted; attempt++) {
    tries = attempt;
    try {
      const bounded = () => client.withDeadline(Date.now() + policy.timeoutMs, call);
      return await (signal ? client.withAbortSignal(signal, bounded) : bounded());
    } catch (e) {
      last = e;
      if (attempt < policy.attempts && !signal?.aborted) await pause(retryDelay(attempt), signal);
    }
  }
  if (signal?.aborted) throw new TemporalCallFailed(target, tries, new Error('stopped: the API is shutting down'));
  throw new TemporalCallFailed(target, policy.attempts, last);
}

/**
 * Starts a workflow whose rows are already committed (issue 7 §3). The id is deterministic and a
 * running workflow of that id is used as is, so a retried start (here, or after a lost answer) is
 * harmless, and a closed one is never started again. Throws `TemporalCallFailed` for the caller to mark its row.
 */
export async function startCommitted<R extends WorkflowRef>(
  client: Client,
  temporal: AppConfig['temporal'],
  workflow: R,
  options: { workflowId: string; args: WorkflowArgs<R> },
): Promise<void> {
  await retryTemporal(client, temporal.call, options.workflowId, async () => {
    try {
      await client.workflow.start<WorkflowFunction<R>>(workflow.workflowType, {
        ...options,
        taskQueue: temporal.taskQueue,
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
