/**
 * The fan-out of a deadline-policy change (issue 7 §4): a durable workflow pages through the
 * cases waiting on the step and sends each the `retimeForPolicy` update, whose answer confirms
 * the new due dates. Progress and counts are written to `deadline_policy_operation`.
 */
export const deadlinePolicyOperationId = ({
  process,
  step,
  version,
}: {
  process: string;
  step: string;
  version: number;
}): string => `deadline-policy-${process}-${step}-v${version}`;

export type PolicyOperationCounts = {
  /** Cases found waiting on the step. */
  cases: number;
  /** Cases whose workflow confirmed a new due date for at least one task. */
  retimedCases: number;
  /** Tasks whose workflow confirmed a new due date. */
  retimedTasks: number;
  /** Cases whose tasks were already on the new version (e.g. opened after the change). */
  alreadyCurrent: number;
  /** Cases whose workflow is closed (completed, failed, terminated…): reported, not fatal. */
  closedCases: number;
  /** Cases whose workflow refused the update or did not answer. */
  failedCases: number;
};
export const EMPTY_POLICY_OPERATION_COUNTS: PolicyOperationCounts = {
  cases: 0,
  retimedCases: 0,
  retimedTasks: 0,
  alreadyCurrent: 0,
  closedCases: 0,
  failedCases: 0,
};

export type PolicyOperationFailure = {
  workflowId: string;
  kind: 'closed' | 'failed';
  status: string | null;
  reason: string;
};

export type DeadlinePolicyFanOutInput = {
  operationId: string;
  process: string;
  step: string;
  version: number;
  /**
   * Issue 11 §2: the organisation whose override changed (its subtree is re-timed, minus deeper overrides);
   * absent for the national default (the whole tree minus the overrides in force).
   */
  orgId?: string;
  /** Issue 14 §1: a change applied to chosen cases re-times only these (case ids); absent: every waiting case. */
  caseIds?: string[];
  pageSize?: number;
  /** Carried across continue-as-new. */
  after?: string;
  counts?: PolicyOperationCounts;
  failures?: PolicyOperationFailure[];
};
export type DeadlinePolicyFanOutResult = {
  operationId: string;
  counts: PolicyOperationCounts;
  failures: PolicyOperationFailure[];
};

export type RetimeCaseOutcome =
  | { workflowId: string; kind: 'retimed'; retimedTasks: number }
  | { workflowId: string; kind: 'already_current'; retimedTasks: 0 }
  | { workflowId: string; kind: 'closed' | 'failed'; status: string | null; reason: string };

export type PolicyFanOutActivities = {
  /** Workflow ids with an open task of the step in the scope (`orgId`, else national), after `after` in id order. */
  listWaitingCases(input: {
    process: string;
    step: string;
    after?: string;
    limit: number;
    orgId?: string;
    /** The change's version: an override in force below the scope that is older keeps its tasks. */
    version: number;
    /** Only these cases (issue 14 §1). */
    caseIds?: string[];
  }): Promise<string[]>;
  /** Sends one case the `retimeForPolicy` update and classifies its answer. */
  retimeCaseForPolicy(input: {
    workflowId: string;
    process: string;
    step: string;
    version: number;
  }): Promise<RetimeCaseOutcome>;
  recordPolicyOperation(input: {
    operationId: string;
    counts: PolicyOperationCounts;
    failures: PolicyOperationFailure[];
    done: boolean;
    at: string;
  }): Promise<void>;
};
