/** One part of readiness (PostgreSQL, Temporal, the worker's polling): resolves when the part answers. */
export type HealthCheck = () => Promise<unknown>;

export type PartHealth = { status: 'up' } | { status: 'down'; reason: 'timeout' | 'error' };

/** The body of /health/live and /health/ready: `ok` with 200, `error` with 503 and the parts that failed. */
export type HealthReport = { status: 'ok' | 'error'; checks: Record<string, PartHealth> };

export type HealthResult = { httpStatus: 200 | 503; report: HealthReport; errors: Record<string, unknown> };

/** The answer of /health/live: the process runs its event loop; nothing else is asked. */
export const LIVE: HealthResult = { httpStatus: 200, report: { status: 'ok', checks: {} }, errors: {} };

/** Rejects after `ms` (the timer does not keep the process up). */
export function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * Runs every check at once, each bounded by `timeoutMs`: 200 when all answer, else 503 naming each part that did
 * not (`down`, reason `timeout` or `error`). The errors themselves are returned for the log, not for the answer.
 */
export async function checkHealth(checks: Record<string, HealthCheck>, timeoutMs: number): Promise<HealthResult> {
  const names = Object.keys(checks);
  const settled = await Promise.allSettled(
    names.map((name) => within(timeoutMs, Promise.resolve().then(checks[name]))),
  );
  const report: HealthReport = { status: 'ok', checks: {} };
  const errors: Record<string, unknown> = {};
  settled.forEach((outcome, i) => {
    const name = names[i];
    if (outcome.status === 'fulfilled') report.checks[name] = { status: 'up' };
    else {
      report.status = 'error';
      errors[name] = outcome.reason;
      report.checks[name] = { status: 'down', reason: outcome.reason instanceof TimeoutError ? 'timeout' : 'error' };
    }
  });
  return { httpStatus: report.status === 'ok' ? 200 : 503, report, errors };
}
