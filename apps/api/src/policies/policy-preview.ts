import type { EntityManager } from 'typeorm';
import { instantToEpochMs, previewRetiming, type DeadlinePolicy, type RetimingOutcome } from '@partyflow/domain';
import { loadHolidayCalendar, policyScopeCondition } from '@partyflow/persistence';

/** One open task in a deadline change's preview (issue 14 §1). */
export type PreviewTask = RetimingOutcome & {
  taskId: string;
  caseId: string;
  title: string;
  orgId: string;
  orgName: string;
  status: 'open' | 'overdue';
  escalationLevel: number;
};

type OrgCounts = {
  cases: number;
  tasks: number;
  /** Tasks whose due date would move. */
  changed: number;
  earlier: number;
  later: number;
  /** Open tasks that would be overdue at once, and tasks that would escalate at once. */
  becomeOverdue: number;
  escalate: number;
  /** Tasks of a case-event step opened without their case event recorded: their new date is not known. */
  unknownAnchor: number;
};

/** What a preview found: in all, and per organisation holding the tasks. */
export type PreviewSummary = {
  counts: OrgCounts;
  byOrganisation: (OrgCounts & { orgId: string; orgName: string })[];
};

const zero = (): OrgCounts => ({
  cases: 0,
  tasks: 0,
  changed: 0,
  earlier: 0,
  later: 0,
  becomeOverdue: 0,
  escalate: 0,
  unknownAnchor: 0,
});

type Row = {
  taskId: string;
  caseId: string;
  workflowId: string;
  title: string;
  orgId: string;
  orgName: string;
  status: 'open' | 'overdue';
  openedAt: Date;
  anchorAt: Date | null;
  dueAt: Date;
  escalationLevel: number;
};

/**
 * The preview of re-timing a step's open tasks under `policy` (issue 14 §1), from the read model and the policy
 * arithmetic alone (no workflow is asked): the tasks a change of the scope re-times, as the fan-out lists them
 * (policyScopeCondition), each re-timed by libs/domain previewRetiming; the counts in all and per organisation.
 * The tasks come back soonest new due date first (unknown ones last).
 */
export async function computePreview(
  em: EntityManager,
  args: {
    process: string;
    step: string;
    scope: { path: string; id: string } | null;
    /** The version the change would get (a deeper override older than it keeps its tasks). */
    version: number;
    policy: DeadlinePolicy;
    now: string;
  },
): Promise<{ summary: PreviewSummary; tasks: PreviewTask[] }> {
  const rows = (await em.query(
    `SELECT t.id AS "taskId", t.case_id AS "caseId", t.workflow_id AS "workflowId", t.title,
            t.assignee_org_id AS "orgId", o.name AS "orgName", t.status, t.opened_at AS "openedAt",
            t.anchor_at AS "anchorAt", t.due_at AS "dueAt", t.escalation_level AS "escalationLevel"
       FROM human_task t JOIN organisation o ON o.id = t.assignee_org_id
      WHERE t.process = $1 AND t.step = $2 AND t.status IN ('open', 'overdue')
        AND ${policyScopeCondition('$3', '$4', '$5')}`,
    [args.process, args.step, args.scope?.path ?? '', args.scope?.id ?? null, args.version],
  )) as Row[];
  const holidays = await loadHolidayCalendar(em);
  const total = zero();
  const perOrg = new Map<string, OrgCounts & { orgId: string; orgName: string; workflows: Set<string> }>();
  const allWorkflows = new Set<string>();
  const tasks: PreviewTask[] = rows.map((r) => {
    const outcome = previewRetiming(
      {
        openedAt: r.openedAt.toISOString(),
        anchorAt: r.anchorAt?.toISOString() ?? null,
        dueAt: r.dueAt.toISOString(),
        status: r.status,
        escalationLevel: r.escalationLevel,
      },
      args.policy,
      holidays,
      args.now,
    );
    let org = perOrg.get(r.orgId);
    if (!org) perOrg.set(r.orgId, (org = { ...zero(), orgId: r.orgId, orgName: r.orgName, workflows: new Set() }));
    org.workflows.add(r.workflowId);
    allWorkflows.add(r.workflowId);
    const after = outcome.dueAtAfter ? instantToEpochMs(outcome.dueAtAfter) : null;
    for (const c of [total, org]) {
      c.tasks += 1;
      if (outcome.changed) c.changed += 1;
      if (after !== null && after < r.dueAt.getTime()) c.earlier += 1;
      if (after !== null && after > r.dueAt.getTime()) c.later += 1;
      if (outcome.becomesOverdue) c.becomeOverdue += 1;
      if (outcome.escalatesTo !== null) c.escalate += 1;
      if (outcome.dueAtAfter === null) c.unknownAnchor += 1;
    }
    return {
      taskId: r.taskId,
      caseId: r.caseId,
      title: r.title,
      orgId: r.orgId,
      orgName: r.orgName,
      status: r.status,
      escalationLevel: r.escalationLevel,
      ...outcome,
    };
  });
  total.cases = allWorkflows.size;
  const byOrganisation = [...perOrg.values()]
    .map(({ workflows, ...c }) => ({ ...c, cases: workflows.size }))
    .sort((a, b) => b.tasks - a.tasks || a.orgName.localeCompare(b.orgName, 'vi'));
  const key = (t: PreviewTask) => (t.dueAtAfter ? instantToEpochMs(t.dueAtAfter) : Number.MAX_SAFE_INTEGER);
  tasks.sort((a, b) => key(a) - key(b) || a.taskId.localeCompare(b.taskId));
  return { summary: { counts: total, byOrganisation }, tasks };
}
