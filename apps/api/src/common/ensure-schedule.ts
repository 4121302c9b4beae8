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
): Promise<void> {
  await retryTemporal(client, temporal.call, options.scheduleId, async () => {
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
  });
}
