import { ApplicationFailure } from '@temporalio/common';
import { QueryFailedError } from 'typeorm';
import { ACTIVITY_FAILURES, type DatabaseFailureDetails } from '@partyflow/contracts';

type DriverError = { code?: unknown; constraint?: string; table?: string; column?: string; detail?: string };

/**
 * A PostgreSQL error a retry cannot fix, as a non-retryable failure: SQLSTATE class 23 (integrity
 * constraint: CHECK, unique, foreign key, not null) and class 22 (data exception). Anything else
 * (connection lost, serialization failure, a database shutting down) stays retryable.
 */
export function permanentDatabaseFailure(e: unknown, activity: string): ApplicationFailure | undefined {
  if (!(e instanceof QueryFailedError)) return undefined;
  const driver = (e as QueryFailedError & { driverError?: DriverError }).driverError ?? {};
  const sqlState = typeof driver.code === 'string' ? driver.code : '';
  const type = sqlState.startsWith('23')
    ? ACTIVITY_FAILURES.constraintViolation
    : sqlState.startsWith('22')
      ? ACTIVITY_FAILURES.invalidActivityInput
      : undefined;
  if (!type) return undefined;
  const details: DatabaseFailureDetails = { sqlState, activity };
  if (driver.constraint) details.constraint = driver.constraint;
  if (driver.table) details.table = driver.table;
  if (driver.column) details.column = driver.column;
  if (driver.detail) details.detail = driver.detail;
  return ApplicationFailure.nonRetryable(e.message, type, details);
}

/** Wraps every activity of a set so that a permanent database error is thrown as non-retryable (one place for all). */
export function withPermanentFailures<T extends object>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] =
      typeof fn !== 'function'
        ? fn
        : async (...args: unknown[]) => {
            try {
              return await (fn as (...a: unknown[]) => Promise<unknown>).apply(activities, args);
            } catch (e) {
              throw permanentDatabaseFailure(e, name) ?? e;
            }
          };
  }
  return wrapped as T;
}
