import { z } from 'zod';
import { INCIDENT_OUTCOMES } from '@partyflow/domain';
import type { Assignee } from './human-task.contracts';

/**
 * Failure types the activities throw as non-retryable `ApplicationFailure`s: a retry cannot
 * change the answer (a missing row, a refused constraint). Every activity policy lists them in
 * `nonRetryableErrorTypes`, so the server stops at once and the workflow opens an incident.
 */
export const ACTIVITY_FAILURES = {
  caseNotFound: 'CaseNotFound',
  memberNotFound: 'MemberNotFound',
  organisationNotFound: 'OrganisationNotFound',
  taskNotFound: 'TaskNotFound',
  transferNotFound: 'TransferNotFound',
  notFound: 'NotFound',
  deadlinePolicyMissing: 'DeadlinePolicyMissing',
  /** PostgreSQL SQLSTATE class 23 (integrity constraint violation: CHECK, unique, foreign key, not null). */
  constraintViolation: 'ConstraintViolation',
  /** PostgreSQL SQLSTATE class 22 (data exception: a bad date, a value out of range, invalid text). */
  invalidActivityInput: 'InvalidActivityInput',
} as const;
export type ActivityFailureType = (typeof ACTIVITY_FAILURES)[keyof typeof ACTIVITY_FAILURES];
export const PERMANENT_ACTIVITY_FAILURES: readonly ActivityFailureType[] = Object.values(ACTIVITY_FAILURES);

/** What a translated database failure carries in its `details[0]`. */
export type DatabaseFailureDetails = {
  sqlState: string;
  constraint?: string;
  table?: string;
  column?: string;
  detail?: string;
  activity?: string;
};

/**
 * Incidents (sự cố): a step a workflow cannot get past (an exhausted or non-retryable activity
 * failure) opens an administrator's task instead of failing the case or retrying forever, as
 * Camunda Operate does. The administrator retries the step, skips it (where the step allows that)
 * or cancels the case; skip and cancel need a reason (step and outcomes: @partyflow/domain incident.ts).
 */
/** Thrown (as a non-retryable ApplicationFailure) through the workflow when an incident cancels the case. */
export const CASE_CANCELLED = 'CaseCancelled';

export const INCIDENT_TASK = {
  outcomes: INCIDENT_OUTCOMES,
  data: z.object({ reason: z.string().trim().max(2000, 'tối đa 2000 ký tự').optional() }).strict(),
} as const;

/** What the incident task row carries (`payload`), so the inbox shows the failed step and the error. */
export type IncidentPayload = {
  /** The case step the workflow was in (e.g. 'screening_appeal_review'). */
  step: string;
  /** The case's organisation: supervision and reports count the incident in its subtree. */
  orgId: string;
  /** The activity that failed (e.g. 'applyMemberStatus'). */
  activity: string;
  attempt: number;
  error: { type: string | null; message: string; details: unknown[]; retryState: string | null };
  skippable: boolean;
};

export type IncidentActivities = {
  /** The administrator role of the nearest organisation at or above `orgId` that has one, else of the root. */
  resolveIncidentAssignee(input: { orgId: string }): Promise<Assignee>;
  /** Cancels the case's open task rows when a case is cancelled from an incident (audited per task). */
  cancelOpenTasks(input: {
    workflowId: string;
    reason: string;
    actor: { userId: string; name: string };
    at: string;
  }): Promise<number>;
};
