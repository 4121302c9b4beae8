import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { Counter } from 'prom-client';

/**
 * An activity interceptor counting retries (issue 12 §4): every attempt after the first, by activity type, in
 * `partyflow_activity_retries_total` of the worker that runs it. Each attempt runs on exactly one replica, so the
 * sum over the replicas is the number of retries (a restart resets the counter, which Prometheus' rate() expects).
 */
export function countActivityRetries(counter: Counter<'activity_type'>): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        if (ctx.info.attempt > 1) counter.inc({ activity_type: ctx.info.activityType });
        return next(input);
      },
    },
  });
}
