import type { Assignee } from './human-task.contracts';

/**
 * Bulk reassignment (issue 14 §2): every open task matching a filter moves to another assignee in one durable
 * operation, each through the case's own `reassignTaskUpdate`, so that every workflow knows. Its progress and what
 * moved are written to `task_reassignment`.
 */
export const taskReassignmentWorkflowId = (operationId: string): string => `task-reassignment-${operationId}`;

/**
 * The tasks an operation moves, as stored with it: open tasks under `orgPath` (of `process` and `step` when given)
 * and, when `assignees` is given, held by one of them (a user's named tasks and the roles they alone held).
 */
export type ReassignmentFilter = {
  orgPath: string;
  process?: string;
  step?: string;
  assignees?: Assignee[];
};

export type ReassignmentCounts = { matched: number; moved: number; unchanged: number; failed: number };
export const EMPTY_REASSIGNMENT_COUNTS: ReassignmentCounts = { matched: 0, moved: 0, unchanged: 0, failed: 0 };
export type ReassignmentMove = { taskId: string; workflowId: string; from: Assignee; to: Assignee };
export type ReassignmentFailure = { taskId: string; workflowId: string; reason: string };

export type TaskReassignmentInput = {
  operationId: string;
  pageSize?: number;
  /** Carried across continue-as-new. */
  after?: string;
  counts?: ReassignmentCounts;
};
export type TaskReassignmentResult = { operationId: string; counts: ReassignmentCounts };

export type ReassignOneOutcome =
  | { kind: 'moved'; move: ReassignmentMove }
  | { kind: 'unchanged'; taskId: string }
  | { kind: 'failed'; failure: ReassignmentFailure };

export type ReassignmentActivities = {
  /** The next page of matching open task ids after `after` (by id), as the operation's filter says. */
  listReassignmentTasks(input: { operationId: string; after?: string; limit: number }): Promise<string[]>;
  /** Moves one task through its case's reassignTaskUpdate; never throws for one case that refuses or is closed. */
  reassignOneTask(input: { operationId: string; taskId: string }): Promise<ReassignOneOutcome>;
  /** Adds a page's outcomes to the operation row; `done` completes it (audited). */
  recordReassignment(input: {
    operationId: string;
    counts: ReassignmentCounts;
    moves: ReassignmentMove[];
    failures: ReassignmentFailure[];
    done: boolean;
    at: string;
  }): Promise<void>;
};
