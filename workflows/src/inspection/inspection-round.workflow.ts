import { condition, proxyActivities, setHandler, startChild, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { INSPECTION_PROCESS } from '@partyflow/domain';
import {
  checklistRecordedSignal,
  resultsAnnouncedSignal,
  SA_PROCESS,
  type InspectionActivities,
  type InspectionRoundInput,
  type InspectionRoundResult,
} from '@partyflow/contracts';
import { ROUND_ACTIVITY } from '../shared/activity-options';
import { cellInspectionWorkflow } from './cell-inspection.workflow';

// Round bookkeeping reads or writes PostgreSQL: idempotent, bounded retries; a failure fails the round, visibly.
const acts = proxyActivities<InspectionActivities>(ROUND_ACTIVITY);

/**
 * One inspection round of a programme, started by its Temporal Schedule every N months
 * [seed:000][seed:004]: one child inspection per cell; when every checklist is recorded the
 * results are announced to every cell of the organisation [R42] and remediation starts; the
 * round closes when every cell's follow-up has ended (at the latest when the next round starts).
 * One round per workflow: the recurrence is the Schedule's, so histories stay bounded.
 */
export async function inspectionRoundWorkflow(input: InspectionRoundInput): Promise<InspectionRoundResult> {
  const { workflowId } = workflowInfo();
  const recorded = new Map<string, number>();
  setHandler(checklistRecordedSignal, ({ inspectionId, shortcomings }) => { recorded.set(inspectionId, shortcomings); });
  upsertSearchAttributes([{ key: SA_PROCESS, value: INSPECTION_PROCESS }]);
  const nowIso = () => new Date().toISOString();

  const round = await acts.openRound({ programmeId: input.programmeId, workflowId, at: nowIso() });
  const cells = await acts.listRoundCells({ roundId: round.roundId });
  const children = await Promise.all(cells.map((cell) => startChild(cellInspectionWorkflow, {
    workflowId: cell.workflowId,
    args: [{
      inspectionId: cell.inspectionId, roundId: round.roundId, programmeId: input.programmeId, cellOrgId: cell.cellOrgId, cellName: cell.cellName,
      inspectingOrgId: round.inspectingOrgId, inspectingRole: round.inspectingRole, review: round.review, roundEndsAt: round.endsAt,
      maxRemediationAttempts: round.maxRemediationAttempts,
    }],
  })));

  await condition(() => recorded.size === cells.length);
  await acts.announceResults({ roundId: round.roundId, at: nowIso() });
  const at = nowIso();
  await Promise.all(children.map((child) => child.signal(resultsAnnouncedSignal, { roundId: round.roundId, at })));

  const results = await Promise.all(children.map((child) => child.result()));
  const result: InspectionRoundResult = {
    roundId: round.roundId,
    cells: cells.length,
    shortcomings: results.reduce((n, r) => n + r.shortcomings.length, 0),
    verified: results.reduce((n, r) => n + r.verified.length, 0),
    carriedOver: results.reduce((n, r) => n + r.carriedOver.length, 0),
  };
  await acts.closeRound({ roundId: round.roundId, result, at: nowIso() });
  return result;
}
