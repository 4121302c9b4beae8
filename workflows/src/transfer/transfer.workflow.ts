import { proxyActivities, sleep } from '@temporalio/workflow';
import {
  addMonths,
  TRANSFER_NOT_PRESENTED_GROUND,
  TRANSFER_PROCESS,
  transferArrivalDateProblem,
  transferReturnDateProblem,
} from '@partyflow/domain';
import {
  TRANSFER_TASKS,
  transferStateQuery,
  type TransferActivities,
  type TransferInput,
  type TransferResult,
  type TransferState,
} from '@partyflow/contracts';
import { DATABASE_ACTIVITY } from '../shared/activity-options';
import { dateChecked } from '../shared/date-check';
import { startCase } from '../shared/start-case';
import { startOfLocalDayMs } from '../shared/time';
import { openScreeningCase } from '../screening/open-screening-case';

// Guarded with incidents in the workflow (retry; the overdue notice may be skipped).
const unguarded = proxyActivities<TransferActivities>(DATABASE_ACTIVITY);

/**
 * A party-activity transfer (chuyển sinh hoạt đảng, DOMAIN.md §5): the receiving cell confirms the
 * member's arrival within the limit counted from the introduction [R30]; when overdue, the
 * supervisors of both organisations hear of it and a screening case opens [seed:000][seed:004].
 * A late arrival is still accepted. A temporary transfer ends with the member's return [R29].
 */
export async function transferWorkflow(input: TransferInput): Promise<TransferResult> {
  const { transferId, member, fromOrgId, toOrgId, issuedOn } = input;
  const state: TransferState = { status: 'issued', escalations: 0 };
  const { tasks, acts, nowIso } = startCase({
    process: TRANSFER_PROCESS,
    caseId: transferId,
    orgId: toOrgId,
    orgCodes: input.orgCodes,
    state,
    stateQuery: transferStateQuery,
    activities: unguarded,
    currentStep: () => (state.status === 'issued' ? 'confirm_arrival' : 'confirm_return'),
    skippable: { notifyTransferOverdue: () => undefined },
  });

  // Arrival: the receiving cell's task. Escalation level 1 notifies the receiving side's supervisors
  // (the helper); this hook adds the sending side's and opens the screening case (deduplicated).
  // The arrival is dated from the letter up to today (issue 11 §3).
  const arrival = await tasks.run({
    step: 'confirm_arrival',
    title: `Xác nhận đảng viên ${member.fullName} đến sinh hoạt (giới thiệu ngày ${issuedOn})`,
    assignee: { kind: 'role', orgId: toOrgId, role: 'cell_secretary' },
    definition: dateChecked(TRANSFER_TASKS.confirm_arrival, (data, today) =>
      transferArrivalDateProblem({ presentedOn: data.presentedOn as string, issuedOn, today }),
    ),
    anchorAt: new Date(startOfLocalDayMs(issuedOn)).toISOString(),
    onEscalated: async (level) => {
      state.escalations = level;
      await acts.notifyTransferOverdue({ transferId, level, at: nowIso() });
      const opened = await openScreeningCase({
        memberId: member.memberId,
        ground: TRANSFER_NOT_PRESENTED_GROUND,
        source: 'transfer',
        evidence: { transferId, kind: input.kind, fromOrgId, toOrgId, issuedOn },
        startedBy: { userId: '', name: 'Hệ thống (chuyển sinh hoạt đảng quá hạn)' },
      });
      state.screeningCaseId = opened.caseId;
    },
  });
  const presentedOn = (arrival.data as { presentedOn: string }).presentedOn;
  const returnDue = input.kind === 'temporary' && input.periodMonths ? addMonths(issuedOn, input.periodMonths) : null;
  await acts.recordArrival({ transferId, presentedOn, returnDue, actor: arrival.actor, at: nowIso() });
  state.status = 'presented';
  state.presentedOn = presentedOn;
  if (!returnDue) return { status: 'presented', presentedOn };

  // Temporary transfer: a durable timer to the end of the period, then the sending cell confirms the return.
  state.returnDue = returnDue;
  const returnAt = startOfLocalDayMs(returnDue);
  if (returnAt > Date.now()) await sleep(returnAt - Date.now());
  const back = await tasks.run({
    step: 'confirm_return',
    title: `Xác nhận đảng viên ${member.fullName} trở về sinh hoạt (hết hạn ${returnDue})`,
    assignee: { kind: 'role', orgId: fromOrgId, role: 'cell_secretary' },
    definition: dateChecked(TRANSFER_TASKS.confirm_return, (data, today) =>
      transferReturnDateProblem({ returnedOn: data.returnedOn as string, presentedOn, today }),
    ),
    anchorAt: new Date(returnAt).toISOString(),
  });
  const returnedOn = (back.data as { returnedOn: string }).returnedOn;
  await acts.recordReturn({ transferId, returnedOn, actor: back.actor, at: nowIso() });
  state.status = 'returned';
  state.returnedOn = returnedOn;
  return { status: 'returned', presentedOn, returnedOn };
}
