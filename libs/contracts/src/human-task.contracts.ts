import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Role } from '@partyflow/domain';

/**
 * The contract of the human-task pattern shared by every process: the workflow opens a task
 * through an activity, waits with reminder and escalation timers, and is completed only through
 * the validated `completeTask` update, which the API sends after it has checked the user's authority.
 */
export type Assignee =
  { kind: 'role'; orgId: string; role: Role } | { kind: 'member'; orgId: string; memberId: string };

/**
 * Who completes or moves a task. `onBehalfOf`: someone completing it for another person, checked by the API,
 * recorded by the activity; the workflow passes the actor on as it is (no command changes).
 */
export type Actor = { userId: string; name: string; onBehalfOf?: ActedFor };
/**
 * Issue 14 §6: a proxy, for someone who cannot use the system, under a standing grant, with the paper minutes
 * attesting it. `kind` is absent in the histories recorded before substitutes.
 */
export type ProxyActedFor = {
  kind?: 'proxy';
  userId: string;
  name: string;
  grantId: string;
  minutesRef: string;
  minutesDate: string;
};
/** Issue 14 §2: an out-of-office substitute, for the absent person, within the substitution's local dates. */
export type SubstituteActedFor = {
  kind: 'substitute';
  userId: string;
  name: string;
  substitutionId: string;
  validFrom: string;
  validUntil: string;
};
export type ActedFor = ProxyActedFor | SubstituteActedFor;

export type CompleteTaskInput = {
  taskKey: string;
  outcome: string;
  comment?: string;
  data?: Record<string, unknown>;
  actor: Actor;
  /**
   * Whom the user acts as, checked by the API against the task row and the delegation grants at
   * completion time; the workflow refuses it when it no longer matches the task's current
   * assignee (e.g. a revoked delegation moved the decision meanwhile). Absent in old histories.
   */
  actingAs?: ActingAs;
};

export type ActingAs = { orgId: string; role: Role | null; memberId: string | null };

export type CompleteTaskResult = {
  taskId: string;
  taskKey: string;
  outcome: string;
  completedAt: string;
};

export type DeadlinePolicyChanged = { process: string; step: string; version: number };

/** Error types the workflow raises to the caller of an update; the API maps them to HTTP. */
export const TASK_ERRORS = {
  notOpen: 'TaskNotOpen',
  outcomeNotAllowed: 'OutcomeNotAllowed',
  invalidData: 'InvalidTaskData',
  notAssignee: 'TaskNotAssignee',
} as const;
export type TaskErrorCode = (typeof TASK_ERRORS)[keyof typeof TASK_ERRORS];

/** Moves an open task to another assignee (e.g. a revoked delegation hands a decision back). */
export type ReassignTask = { taskKey: string; assignee: Assignee; reason: string; actor: Actor };
/** What a reassignment moved: the task, from whom and to whom (`moved` is false when it already was with `to`). */
export type ReassignTaskResult = { taskId: string; taskKey: string; from: Assignee; to: Assignee; moved: boolean };

/** The answer of a case to a deadline-policy change: each open task of the step with its confirmed due date. */
export type RetimeForPolicyResult = {
  tasks: {
    taskId: string;
    taskKey: string;
    dueAtBefore: string;
    dueAt: string;
    policyVersion: number;
    retimed: boolean;
  }[];
};

/**
 * Issue 14 §3, a re-promise (phiếu hẹn lại): the assignee of an overdue task commits to a new date (a Vietnamese local
 * date; the task is due at its end) with a reason. The API checks who may, how far and how often; escalation then
 * follows the new date.
 */
export type RepromiseTask = { taskKey: string; dueDate: string; reason: string; actor: Actor };
export type RepromiseTaskResult = {
  taskId: string;
  taskKey: string;
  dueAtBefore: string;
  dueAt: string;
  repromiseCount: number;
};

export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskInput]>('completeTask');
export const repromiseTaskUpdate = defineUpdate<RepromiseTaskResult, [RepromiseTask]>('repromiseTask');
export const deadlinePolicyChangedSignal = defineSignal<[DeadlinePolicyChanged]>('deadlinePolicyChanged');
/** Kept for histories recorded before reassignment became an update; the API sends `reassignTaskUpdate`. */
export const reassignTaskSignal = defineSignal<[ReassignTask]>('reassignTask');
export const reassignTaskUpdate = defineUpdate<ReassignTaskResult, [ReassignTask]>('reassignTaskUpdate');
/** Re-times the open tasks of a step to the policy version given and answers with the confirmed due dates. */
export const retimeForPolicyUpdate = defineUpdate<RetimeForPolicyResult, [DeadlinePolicyChanged]>('retimeForPolicy');

/** Activities behind the human-task helper. All writes are keyed by (workflow id, task key). */
export type OpenTaskInput = {
  workflowId: string;
  process: string;
  caseId: string;
  step: string;
  taskKey: string;
  title: string;
  assignee: Assignee;
  allowedOutcomes: readonly string[];
  /** Workflow time: the activity must not use its own clock, or time-skipping tests would drift. */
  openedAt: string;
  /** For policies anchored on a case event (e.g. the decision limit runs from the cell vote). */
  anchorAt?: string;
  /** Shown with the task in the inbox (an incident carries the failed step and the error). */
  payload?: Record<string, unknown>;
};

export type TaskTiming = {
  taskId: string;
  dueAt: string;
  remindAt: string | null;
  /** Instants of escalation levels 1..n; level 1 is the due date. */
  escalateAt: string[];
  policyVersion: number;
};

export type RetimeTaskInput = { workflowId: string; taskKey: string; now: string; anchorAt?: string };
export type RemindTaskInput = { workflowId: string; taskKey: string; at: string };
export type EscalateTaskInput = { workflowId: string; taskKey: string; level: number; at: string };
export type CloseTaskInput = {
  workflowId: string;
  taskKey: string;
  outcome: string;
  comment?: string;
  data?: Record<string, unknown>;
  actor: Actor;
  at: string;
};

export type ReassignTaskInput = {
  workflowId: string;
  taskKey: string;
  assignee: Assignee;
  reason: string;
  actor: Actor;
  at: string;
};

export type RepromiseTaskInput = RepromiseTask & { workflowId: string; at: string };

export type HumanTaskActivities = {
  /** Writes a re-promise (issue 14 §3) and answers the task's timing from the new date. */
  repromiseTask(input: RepromiseTaskInput): Promise<TaskTiming & { dueAtBefore: string; repromiseCount: number }>;
  reassignTask(input: ReassignTaskInput): Promise<void>;
  openTask(input: OpenTaskInput): Promise<TaskTiming>;
  retimeTask(input: RetimeTaskInput): Promise<TaskTiming>;
  remindTask(input: RemindTaskInput): Promise<void>;
  escalateTask(input: EscalateTaskInput): Promise<void>;
  closeTask(input: CloseTaskInput): Promise<void>;
};
