import {
  condition,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { INSPECTION_PROCESS } from '@partyflow/domain';
import {
  checklistRecordedSignal,
  resultsAnnouncedSignal,
  SA_ORG_CODES,
  SA_PROCESS,
  type CellInspectionResult,
  type InspectionActivities,
  type InspectionRoundInput,
  type InspectionRoundResult,
  type MissingCell,
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
  setHandler(checklistRecordedSignal, ({ inspectionId, shortcomings }) => {
    recorded.set(inspectionId, shortcomings);
  });
  upsertSearchAttributes([{ key: SA_PROCESS, value: INSPECTION_PROCESS }]);
  const nowIso = () => new Date().toISOString();

  const round = await acts.openRound({ programmeId: input.programmeId, workflowId, at: nowIso() });
  if (round.orgCodes?.length && patched('inspection-org-codes'))
    upsertSearchAttributes([{ key: SA_ORG_CODES, value: round.orgCodes }]);
  const cells = await acts.listRoundCells({ roundId: round.roundId });
  const children = await Promise.all(
    cells.map((cell) =>
      startChild(cellInspectionWorkflow, {
        workflowId: cell.workflowId,
        args: [
          {
            inspectionId: cell.inspectionId,
            roundId: round.roundId,
            programmeId: input.programmeId,
            cellOrgId: cell.cellOrgId,
            cellName: cell.cellName,
            inspectingOrgId: round.inspectingOrgId,
            inspectingRole: round.inspectingRole,
            review: round.review,
            roundEndsAt: round.endsAt,
            maxRemediationAttempts: round.maxRemediationAttempts,
            ...(cell.orgCodes ? { orgCodes: cell.orgCodes } : {}),
          },
        ],
      }),
    ),
  );

  if (patched('inspection-round-bounded-by-end')) {
    // Nothing waits past the round's end (the next round's start): a cell whose checklist is not in by then, or whose
    // inspection failed (seen at once: each child's result races the wait), is announced as missing, not waited for.
    const outcomes = new Map<string, CellInspectionResult>();
    const failed = new Map<string, string>();
    const ended = children.map((child, i) =>
      child.result().then(
        (r) => {
          outcomes.set(cells[i].inspectionId, r);
        },
        (e: unknown) => {
          failed.set(
            cells[i].inspectionId,
            e instanceof Error
              ? `${e.message}${e.cause instanceof Error ? `: ${e.cause.message || e.cause.name}` : ''}`
              : String(e),
          );
        },
      ),
    );
    const untilEnd = Date.parse(round.endsAt) - Date.now();
    if (untilEnd > 0)
      await condition(() => cells.every((c) => recorded.has(c.inspectionId) || failed.has(c.inspectionId)), untilEnd);
    const missingCells: MissingCell[] = cells
      .filter((c) => !recorded.has(c.inspectionId))
      .map((c) => ({
        inspectionId: c.inspectionId,
        cellOrgId: c.cellOrgId,
        cellName: c.cellName,
        ...(failed.has(c.inspectionId)
          ? { reason: 'failed' as const, error: failed.get(c.inspectionId) }
          : { reason: 'not_recorded' as const }),
      }));
    await acts.announceResults({ roundId: round.roundId, at: nowIso(), missing: missingCells });
    const announcedAt = nowIso();
    // A child that already ended (failed, or closed uninspected at the round's end) cannot take the signal.
    await Promise.all(
      children.map((child, i) =>
        failed.has(cells[i].inspectionId)
          ? undefined
          : child.signal(resultsAnnouncedSignal, { roundId: round.roundId, at: announcedAt }).catch(() => undefined),
      ),
    );
    await Promise.all(ended);
    const results = [...outcomes.values()];
    const failedAfter = cells
      .filter((c) => failed.has(c.inspectionId) && !missingCells.some((m) => m.inspectionId === c.inspectionId))
      .map((c): MissingCell => ({
        inspectionId: c.inspectionId,
        cellOrgId: c.cellOrgId,
        cellName: c.cellName,
        reason: 'failed',
        error: failed.get(c.inspectionId),
      }));
    const bounded: InspectionRoundResult = {
      roundId: round.roundId,
      cells: cells.length,
      shortcomings: results.reduce((n, r) => n + r.shortcomings.length, 0),
      verified: results.reduce((n, r) => n + r.verified.length, 0),
      carriedOver: results.reduce((n, r) => n + r.carriedOver.length, 0),
      missingCells: [...missingCells, ...failedAfter],
    };
    await acts.closeRound({ roundId: round.roundId, result: bounded, at: nowIso() });
    return bounded;
  }

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
