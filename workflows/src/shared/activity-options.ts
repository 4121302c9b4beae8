import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';
import { PERMANENT_ACTIVITY_FAILURES } from '@partyflow/contracts';

/**
 * One constant per retry policy (issue 7 §2). Every policy ends: a bounded number of attempts
 * and a schedule-to-close limit, and stops at once on a failure a retry cannot fix (a missing
 * row, a refused constraint: libs/contracts activity-failures.ts). A workflow whose case cannot
 * get past such a failure opens an incident (shared/incident.ts) instead of retrying forever.
 * Tested by activity-options.spec.ts, which also refuses an activity proxy created with any other policy.
 */
const nonRetryableErrorTypes = [...PERMANENT_ACTIVITY_FAILURES];

/**
 * Activities that read or write PostgreSQL (task rows, case read models, audit, rule checks over
 * the records): short, and idempotent by key. Retried through a database restart or failover
 * (20 attempts, backing off to one a minute: about a quarter of an hour), then the case's incident.
 */
export const DATABASE_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '30 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 20,
    nonRetryableErrorTypes,
  },
};

/**
 * The human-task helper's own bookkeeping (open and close a task row; issue 13 §5): the same bounds as
 * DATABASE_ACTIVITY, run as local activities in the worker that runs the workflow, so that a completion costs
 * one workflow task instead of a round trip through the server per activity. Retries past the local threshold
 * wait on a durable timer.
 */
export const LOCAL_DATABASE_ACTIVITY: LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '30 minutes',
  localRetryThreshold: '10 seconds',
  retry: DATABASE_ACTIVITY.retry,
};

/**
 * Round bookkeeping that writes one row per cell of an organisation (open a round, list its
 * cells): up to a minute an attempt; fewer attempts, since each one is longer.
 */
export const ROUND_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '30 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 10,
    nonRetryableErrorTypes,
  },
};

/**
 * A detection page reads the records of a few hundred members: up to 5 minutes an attempt. A page
 * that fails five times fails the run (visible in Temporal); the next run starts over, and opening
 * cases is deduplicated.
 */
export const DETECTION_PAGE_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '5 minutes',
  scheduleToCloseTimeout: '1 hour',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
    maximumAttempts: 5,
    nonRetryableErrorTypes,
  },
};

/**
 * The incident path itself (who handles it, cancelling a case's tasks): bounded more tightly, so
 * that when even an incident cannot be opened the workflow fails, visibly in Temporal, rather
 * than loop on incidents.
 */
export const INCIDENT_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '15 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 10,
    nonRetryableErrorTypes,
  },
};

/**
 * One case of a deadline-policy fan-out: the activity sends the case the `retimeForPolicy` update
 * and waits for its answer (up to 30 s, then reports the case as not answering, not as an error).
 * So a retry only covers a lost worker: three attempts.
 */
export const FAN_OUT_CASE_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  scheduleToCloseTimeout: '15 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 3,
    nonRetryableErrorTypes,
  },
};

/**
 * Sending queued mails (issue 12 §5): a batch of SMTP conversations, up to 2 minutes an attempt. A mail refused
 * for now (4xx, no connection) goes back to the queue and fails the attempt, so the retry, backing off to two
 * minutes, sends it; each row has its own attempt limit (MAIL_MAX_ATTEMPTS), and the next Schedule run goes on.
 */
export const MAIL_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  scheduleToCloseTimeout: '30 minutes',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
    maximumAttempts: 8,
    nonRetryableErrorTypes,
  },
};

/**
 * Recording the audit ledger's daily digest (issue 14 §5): one short query. Retried for up to an hour (the database
 * restarting); a day whose digest still failed is seen in the workflow's failed run, and the next day records again.
 */
export const AUDIT_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '1 hour',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 12,
    nonRetryableErrorTypes,
  },
};
