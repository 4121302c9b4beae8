import type { ActivityOptions } from '@temporalio/workflow';

/**
 * Activities that read or write PostgreSQL (task rows, case read models, audit, rule checks over
 * the records): short, and idempotent by key, so they are retried until the database answers.
 */
export const DATABASE_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
};
