import {
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  checklistProblem,
  INSPECTION_PROCESS,
  labelVi,
  type ChecklistFinding,
  type InspectionItem,
} from '@partyflow/domain';
import {
  checklistRecordedSignal,
  cellInspectionStateQuery,
  INSPECTION_TASKS,
  resultsAnnouncedSignal,
  SA_ORG_CODES,
  type CellInspectionInput,
  type CellInspectionResult,
  type CellInspectionState,
  type CompleteTaskInput,
  type InspectionActivities,
} from '@partyflow/contracts';
import { DATABASE_ACTIVITY } from '../shared/activity-options';
import { startCase } from '../shared/start-case';

// Inspection bookkeeping reads or writes PostgreSQL: short and idempotent; guarded with incidents
// (retry) in the workflow.
const unguarded = proxyActivities<InspectionActivities>(DATABASE_ACTIVITY);

/**
 * The inspection of one cell in a round [seed:000][seed:004]: the inspecting committee assigns a
 * team from outside the cell, the team fills the checklist (pre-filled from the activity records),
 * and after the round's results are announced each shortcoming is remediated by the cell and
 * verified by the committee. What is not verified when the round ends carries over to the next.
 * Bounded by construction: one round, at most `maxRemediationAttempts` fix/verify pairs per item.
 */
export async function cellInspectionWorkflow(input: CellInspectionInput): Promise<CellInspectionResult> {
  const { inspectionId, cellOrgId, cellName } = input;
  const { workflowId } = workflowInfo();
  const state: CellInspectionState = { phase: 'assigning', remediation: {} };
  let announced = false;
  // No orgCodes here: cases started before they existed upsert PartyProcess alone, the codes below.
  const { tasks, acts, nowIso } = startCase({
    process: INSPECTION_PROCESS,
    caseId: inspectionId,
    orgId: cellOrgId,
    state,
    stateQuery: cellInspectionStateQuery,
    activities: unguarded,
    currentStep: () => state.phase,
  });
  setHandler(resultsAnnouncedSignal, () => {
    announced = true;
  });
  if (input.orgCodes?.length && patched('inspection-org-codes'))
    upsertSearchAttributes([{ key: SA_ORG_CODES, value: input.orgCodes }]);
  // Cases started before this change wait for the team, the checklist and the announcement without a bound.
  const bounded = patched('cell-inspection-bounded-by-round-end');
  const roundLeft = () => Date.parse(input.roundEndsAt) - Date.now();
  const committee = { kind: 'role', orgId: input.inspectingOrgId, role: input.inspectingRole } as const;
  const cell = { kind: 'role', orgId: cellOrgId, role: 'cell_secretary' } as const;

  const inspect = async (): Promise<InspectionItem[]> => {
    // 1. The team: never a member of the inspected cell.
    const cellUsers = await acts.cellMemberUserIds({ cellOrgId });
    const team = await tasks.run({
      step: 'assign_team',
      title: `Phân công đoàn kiểm tra: ${cellName}`,
      assignee: committee,
      definition: {
        ...INSPECTION_TASKS.assign_team,
        check: ({ data }: CompleteTaskInput) => {
          const inCell = ((data?.teamUserIds ?? []) as string[]).filter((id) => cellUsers.includes(id));
          return inCell.length
            ? {
                field: 'data.teamUserIds',
                message: `thành viên đoàn kiểm tra không được là đảng viên của chi bộ được kiểm tra (${inCell.join(', ')})`,
              }
            : undefined;
        },
      },
    });
    await acts.recordTeam({
      inspectionId,
      teamUserIds: (team.data as { teamUserIds: string[] }).teamUserIds,
      actor: team.actor,
      at: nowIso(),
    });

    // 2. The checklist, pre-filled from the records so the team confirms rather than retypes.
    state.phase = 'checking';
    const prefill = await acts.prefillChecklist({ inspectionId, at: nowIso() });
    const checklist = await tasks.run({
      step: 'checklist',
      title: `Kiểm tra chi bộ: ${cellName}`,
      assignee: committee,
      definition: {
        ...INSPECTION_TASKS.checklist,
        check: ({ data }: CompleteTaskInput) =>
          checklistProblem({ findings: (data as { findings: ChecklistFinding[] }).findings, prefill }),
      },
    });
    const { shortcomings } = await acts.recordChecklist({
      inspectionId,
      findings: (checklist.data as { findings: ChecklistFinding[] }).findings,
      actor: checklist.actor,
      at: nowIso(),
    });
    if (parent)
      await getExternalWorkflowHandle(parent.workflowId).signal(checklistRecordedSignal, {
        inspectionId,
        shortcomings: shortcomings.length,
      });
    return shortcomings;
  };
  const parent = workflowInfo().parent;
  let shortcomings: InspectionItem[] = [];
  if (!bounded) shortcomings = await inspect();
  else {
    // The team and the checklist have until the round's end; then the inspection closes as not done.
    const inspecting = new CancellationScope();
    let inspected: InspectionItem[] | undefined;
    let stopped: unknown;
    let over = false;
    const job = inspecting.run(inspect).then(
      (items) => {
        inspected = items;
        over = true;
      },
      (e: unknown) => {
        if (!isCancellation(e)) stopped = e;
        over = true;
      },
    );
    if (roundLeft() > 0) await condition(() => over, roundLeft());
    if (!over) {
      inspecting.cancel();
      await job;
    }
    if (stopped) throw stopped;
    if (!inspected) {
      state.phase = 'closed';
      await acts.endUninspected({ inspectionId, workflowId, at: nowIso() });
      return { inspectionId, shortcomings: [], verified: [], carriedOver: [], notInspected: true };
    }
    shortcomings = inspected;
  }

  // 3. Remediation starts once the results are announced to every cell of the organisation [R42].
  state.phase = 'awaiting_announcement';
  if (parent && !bounded) await condition(() => announced);
  else if (parent && roundLeft() > 0) await condition(() => announced, roundLeft());
  state.phase = 'remediating';
  const verified: InspectionItem[] = [];

  const followUp = async (item: InspectionItem): Promise<void> => {
    for (let attempt = 1; attempt <= input.maxRemediationAttempts; attempt++) {
      const suffix = attempt === 1 ? '' : `#${attempt}`;
      state.remediation[item] = 'open';
      await acts.recordRemediation({ inspectionId, item, event: 'opened', attempt, at: nowIso() });
      const fix = await tasks.run({
        step: 'remediation',
        taskKey: `remediation:${item}${suffix}`,
        title: `Khắc phục (${labelVi(item)}): ${cellName}`,
        assignee: cell,
        definition: INSPECTION_TASKS.remediation,
        onEscalated: async (level) => {
          // An overdue fix escalates: the helper notifies the supervisors; the finding is marked overdue.
          state.remediation[item] = 'overdue';
          if (level === 1)
            await acts.recordRemediation({ inspectionId, item, event: 'escalated', attempt, at: nowIso() });
        },
      });
      state.remediation[item] = 'fixed';
      await acts.recordRemediation({
        inspectionId,
        item,
        event: 'fixed',
        attempt,
        actor: fix.actor,
        text: (fix.data as { actionTaken: string }).actionTaken,
        at: fix.completedAt,
      });
      const check = await tasks.run({
        step: 'verify_fix',
        taskKey: `verify_fix:${item}${suffix}`,
        title: `Kiểm tra việc khắc phục (${labelVi(item)}): ${cellName}`,
        assignee: committee,
        definition: INSPECTION_TASKS.verify_fix,
      });
      const ok = check.outcome === 'verified';
      await acts.recordRemediation({
        inspectionId,
        item,
        event: ok ? 'verified' : 'not_fixed',
        attempt,
        actor: check.actor,
        text: (check.data as { note: string }).note,
        at: check.completedAt,
      });
      if (ok) {
        state.remediation[item] = 'verified';
        verified.push(item);
        return;
      }
    }
    state.remediation[item] = 'unresolved';
  };

  // The follow-up runs until every item is settled or the round ends, whichever comes first.
  const scope = new CancellationScope();
  let settled = false;
  let failure: unknown;
  // Not announced before the round's end (bounded cases only): no time is left, every shortcoming carries over.
  const noTimeLeft = bounded && ((!!parent && !announced) || roundLeft() <= 0);
  const work = (noTimeLeft ? Promise.resolve() : scope.run(() => Promise.all(shortcomings.map(followUp)))).then(
    () => {
      settled = true;
    },
    (e: unknown) => {
      if (!isCancellation(e)) failure = e;
      settled = true;
    },
  );
  const untilEnd = Date.parse(input.roundEndsAt) - Date.now();
  if (untilEnd > 0) await condition(() => settled, untilEnd);
  if (!settled) {
    scope.cancel();
    await work;
  }
  if (failure) throw failure;
  let carriedOver: InspectionItem[] = [];
  if (verified.length < shortcomings.length) {
    carriedOver = await acts.carryOver({ inspectionId, workflowId, at: nowIso() });
    for (const item of carriedOver) state.remediation[item] = 'carried_over';
  }
  state.phase = 'closed';
  await acts.closeInspection({ inspectionId, at: nowIso() });
  return { inspectionId, shortcomings, verified, carriedOver };
}
