import {
  type Client,
  ScheduleAlreadyRunning,
  type ScheduleOptions,
  type ScheduleUpdateOptions,
} from '@temporalio/client';
import type { AppConfig } from '@partyflow/config';
import { retryTemporal } from './workflow-start';

/**
 * Creates a Schedule the system keeps for itself, or updates an existing one to `options` (several API instances
 * start, and each makes sure of the same one): its spec, action and policies; its state (paused…) is kept.
 */
export async function ensureSchedule(
  client: Client,
  temporal: AppConfig['temporal'],
  options: ScheduleOptions,
  signal?: AbortSignal,
): Promise<void> {
  await retryTemporal(
    client,
    temporal.call,
    options.scheduleId,
    async () => {
      try {
        await client.schedule.create(options);
      } catch (e) {
        if (!(e instanceof ScheduleAlreadyRunning)) throw e;
        await client.schedule.getHandle(options.scheduleId).update((prev): ScheduleUpdateOptions => ({
          ...prev,
          spec: options.spec,
          action: options.action,
          policies: { ...prev.policies, ...options.policies },
        }));
      }
    },
    signal,
  );
}

/**
 * A Schedule made sure of in the background when the API starts (the API answers while Temporal is still coming up;
 * a failure is logged, not fatal), and stopped when the API closes: the try under way is cancelled and awaited, so
 * no retry of the SDK outlives the connection it runs on.
 */
export class BackgroundEnsure {
  private readonly stopping = new AbortController();
  private pending: Promise<void> = Promise.resolve();

  start(ensure: (signal: AbortSignal) => Promise<void>, onError: (e: Error) => void): void {
    this.pending = ensure(this.stopping.signal).catch((e: Error) => {
      if (!this.stopping.signal.aborted) onError(e);
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.pending;
  }
}
