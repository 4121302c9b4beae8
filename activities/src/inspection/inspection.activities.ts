import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import {
  CELL_DEPTH_BELOW,
  INSPECTING_ROLE,
  INSPECTION_ITEMS,
  INSPECTION_PROCESS,
  labelVi,
  monthsBetween,
  prefillDues,
  prefillMonthlyMeetings,
  prefillTransfers,
  roundPeriod,
  startOfLocalDay,
  toLocalDate,
  type ChecklistPrefill,
  type FindingResult,
  type InspectionItem,
  type Prefill,
} from '@partyflow/domain';
import {
  ACTIVITY_FAILURES,
  cellInspectionWorkflowId,
  type InspectionActivities,
  type RoundCell,
  type RoundOpened,
} from '@partyflow/contracts';
import {
  CellInspectionEntity,
  HumanTaskEntity,
  InspectionFindingEntity,
  InspectionProgrammeEntity,
  InspectionRoundEntity,
  OrganisationEntity,
  RemediationEntity,
} from '@partyflow/persistence';
import { appendAudit, notify, SYSTEM_ACTOR } from '@partyflow/audit';
import { orgCodesOfPath } from '../shared/organisations';

export type InspectionDeps = { dataSource: DataSource };

const notFound = (what: string, id: string) =>
  ApplicationFailure.create({ type: ACTIVITY_FAILURES.notFound, nonRetryable: true, message: `No ${what} ${id}` });
const actorOf = (a: { userId: string; name: string }) => ({ userId: a.userId || null, name: a.name });
const byItemOrder = (a: InspectionItem, b: InspectionItem) => INSPECTION_ITEMS.indexOf(a) - INSPECTION_ITEMS.indexOf(b);

async function loadInspection(em: EntityManager, inspectionId: string) {
  const inspection = await em.findOneBy(CellInspectionEntity, { id: inspectionId });
  if (!inspection) throw notFound('cell inspection', inspectionId);
  const round = await em.findOneByOrFail(InspectionRoundEntity, { id: inspection.roundId });
  return { inspection, round };
}

/** Pre-filled values from the activity records of the cell over the reviewed period. */
async function prefillFromRecords(
  em: EntityManager,
  cellOrgId: string,
  from: string,
  to: string,
): Promise<Partial<Record<InspectionItem, Prefill>>> {
  const periodMonths = monthsBetween({ from, to });
  const attended = (await em.query(
    `SELECT DISTINCT to_char(month, 'YYYY-MM-DD') AS month FROM meeting_attendance WHERE organisation_id = $1 AND month >= $2 AND month < $3`,
    [cellOrgId, from, to],
  )) as { month: string }[];
  const [dues] = (await em.query(
    `SELECT (SELECT count(*) FROM member WHERE organisation_id = $1 AND status IN ('official','probationary'))::int AS members,
            (SELECT count(*) FROM dues_payment d JOIN member m ON m.id = d.member_id
              WHERE m.organisation_id = $1 AND m.status IN ('official','probationary') AND d.paid_on IS NOT NULL AND d.month >= $2 AND d.month < $3)::int AS paid`,
    [cellOrgId, from, to],
  )) as { members: number; paid: number }[];
  const transfers = (await em.query(
    `SELECT to_char(present_by, 'YYYY-MM-DD') AS "presentBy", to_char(presented_on, 'YYYY-MM-DD') AS "presentedOn"
       FROM party_transfer WHERE from_org_id = $1 AND status <> 'cancelled' AND issued_on >= $2 AND issued_on < $3`,
    [cellOrgId, from, to],
  )) as { presentBy: string; presentedOn: string | null }[];
  return {
    monthly_meetings: prefillMonthlyMeetings({ periodMonths, monthsWithAttendance: attended.map((r) => r.month) }),
    dues_collected: prefillDues({ memberMonths: dues.members * periodMonths.length, paidMemberMonths: dues.paid }),
    transfers_handled: prefillTransfers({ transfers, asOf: to }),
  };
}

/**
 * Activities of the inspection process. Idempotent: rows are keyed by round and cell, finding by
 * inspection and item, remediation by finding; audit events and notifications by event keys.
 * Times come from the workflow, never from this process's clock.
 */
export function createInspectionActivities({ dataSource }: InspectionDeps): InspectionActivities {
  return {
    async openRound({ programmeId, workflowId, at }): Promise<RoundOpened> {
      return dataSource.transaction(async (em) => {
        const programme = await em.findOneBy(InspectionProgrammeEntity, { id: programmeId });
        if (!programme) throw notFound('inspection programme', programmeId);
        let round = await em.findOneBy(InspectionRoundEntity, { workflowId });
        if (!round) {
          const startedOn = toLocalDate(at);
          const period = roundPeriod({ startedOn, intervalMonths: programme.intervalMonths });
          round = em.create(InspectionRoundEntity, {
            id: randomUUID(),
            programmeId,
            workflowId,
            startedOn,
            reviewFrom: period.reviewFrom,
            reviewTo: period.reviewTo,
            endsOn: period.endsOn,
            status: 'inspecting',
            startedAt: new Date(at),
            announcedAt: null,
            closedAt: null,
          });
          await em.insert(InspectionRoundEntity, round);
          await appendAudit(em, {
            eventKey: `${workflowId}:round.opened`,
            at: new Date(at),
            action: 'inspection.round_opened',
            actor: SYSTEM_ACTOR,
            process: INSPECTION_PROCESS,
            caseId: round.id,
            details: { programmeId, intervalMonths: programme.intervalMonths, ...period },
          });
        }
        const inspecting = await em.findOneByOrFail(OrganisationEntity, { id: programme.inspectingOrgId });
        return {
          roundId: round.id,
          inspectingOrgId: programme.inspectingOrgId,
          inspectingRole: INSPECTING_ROLE[programme.scope],
          scope: programme.scope,
          review: { from: round.reviewFrom, to: round.reviewTo },
          endsAt: startOfLocalDay(round.endsOn),
          maxRemediationAttempts: programme.maxRemediationAttempts,
          orgCodes: await orgCodesOfPath(em, inspecting.path),
        };
      });
    },

    async listRoundCells({ roundId }): Promise<RoundCell[]> {
      return dataSource.transaction(async (em) => {
        const round = await em.findOneByOrFail(InspectionRoundEntity, { id: roundId });
        const programme = await em.findOneByOrFail(InspectionProgrammeEntity, { id: round.programmeId });
        const org = await em.findOneByOrFail(OrganisationEntity, { id: programme.inspectingOrgId });
        const cells = await em
          .createQueryBuilder(OrganisationEntity, 'o')
          .where("o.path LIKE :path AND o.kind = 'cell' AND o.depth = :depth", {
            path: `${org.path}%`,
            depth: org.depth + CELL_DEPTH_BELOW[programme.scope],
          })
          .orderBy('o.code', 'ASC')
          .getMany();
        for (const cell of cells) {
          const id = randomUUID();
          await em
            .createQueryBuilder()
            .insert()
            .into(CellInspectionEntity)
            .values({
              id,
              roundId,
              cellOrgId: cell.id,
              orgPath: cell.path,
              workflowId: cellInspectionWorkflowId(id),
              teamUserIds: [],
              status: 'assigning',
              checkedAt: null,
              closedAt: null,
            })
            .orIgnore()
            .execute();
        }
        const rows = await em.findBy(CellInspectionEntity, { roundId });
        const out: RoundCell[] = [];
        for (const cell of cells) {
          const row = rows.find((r) => r.cellOrgId === cell.id) as CellInspectionEntity;
          out.push({
            inspectionId: row.id,
            cellOrgId: cell.id,
            cellName: cell.name,
            workflowId: row.workflowId,
            orgCodes: await orgCodesOfPath(em, cell.path),
          });
        }
        return out;
      });
    },

    async cellMemberUserIds({ cellOrgId }): Promise<string[]> {
      const rows = (await dataSource.query(
        `SELECT u.id FROM app_user u JOIN member m ON m.id = u.member_id WHERE m.organisation_id = $1 AND m.status <> 'removed' ORDER BY u.id`,
        [cellOrgId],
      )) as { id: string }[];
      return rows.map((r) => r.id);
    },

    async recordTeam({ inspectionId, teamUserIds, actor, at }): Promise<void> {
      await dataSource.transaction(async (em) => {
        const { inspection } = await loadInspection(em, inspectionId);
        await em.update(CellInspectionEntity, { id: inspection.id }, { teamUserIds, status: 'checking' });
        await appendAudit(em, {
          eventKey: `${inspection.workflowId}:team`,
          at: new Date(at),
          action: 'inspection.team_assigned',
          actor: actorOf(actor),
          process: INSPECTION_PROCESS,
          caseId: inspectionId,
          step: 'assign_team',
          details: { teamUserIds },
        });
      });
    },

    async prefillChecklist({ inspectionId }): Promise<ChecklistPrefill[]> {
      return dataSource.transaction(async (em) => {
        const { inspection, round } = await loadInspection(em, inspectionId);
        const existing = await em.findBy(InspectionFindingEntity, { inspectionId });
        if (existing.length === 0) {
          const prefills = await prefillFromRecords(em, inspection.cellOrgId, round.reviewFrom, round.reviewTo);
          // Findings not verified in an earlier round of this cell start the new checklist [DOMAIN.md §4]: carried over
          // when that round ended, or still open in an earlier round that is still running (a round triggered by hand).
          const carried = (await em.query(
            `SELECT r.id, r.item FROM remediation r
               JOIN inspection_finding f0 ON f0.id = r.finding_id JOIN cell_inspection i0 ON i0.id = f0.inspection_id JOIN inspection_round r0 ON r0.id = i0.round_id
              WHERE r.cell_org_id = $1 AND i0.round_id <> $2
                AND (r.status = 'carried_over' OR (r.status NOT IN ('verified','carried_over') AND r0.status <> 'closed' AND r0.started_at <= $3))
                AND NOT EXISTS (SELECT 1 FROM inspection_finding f WHERE f.carried_from_remediation_id = r.id)
              ORDER BY r.opened_at`,
            [inspection.cellOrgId, round.id, round.startedAt],
          )) as { id: string; item: InspectionItem }[];
          for (const item of INSPECTION_ITEMS) {
            const p = prefills[item];
            await em.insert(InspectionFindingEntity, {
              id: randomUUID(),
              inspectionId,
              item,
              result: null,
              prefilledValue: p?.value ?? null,
              prefilledResult: p?.suggested ?? null,
              prefillSource: p?.source ?? null,
              carriedFromRemediationId: carried.find((c) => c.item === item)?.id ?? null,
              note: null,
              confirmedByUserId: null,
              confirmedByName: null,
              confirmedAt: null,
            });
          }
        }
        const rows = await em.findBy(InspectionFindingEntity, { inspectionId });
        return rows
          .sort((a, b) => byItemOrder(a.item, b.item))
          .map((f) => ({
            item: f.item,
            prefilledValue: f.prefilledValue,
            prefilledResult: f.prefilledResult,
            source: f.prefillSource as ChecklistPrefill['source'],
            carriedFromRemediationId: f.carriedFromRemediationId,
          }));
      });
    },

    async recordChecklist({ inspectionId, findings, actor, at }): Promise<{ shortcomings: InspectionItem[] }> {
      return dataSource.transaction(async (em) => {
        const { inspection } = await loadInspection(em, inspectionId);
        const rows = await em.findBy(InspectionFindingEntity, { inspectionId });
        const when = new Date(at);
        const shortcomings: InspectionItem[] = [];
        for (const row of rows) {
          const given = findings.find((f) => f.item === row.item);
          // An item left out confirms its pre-filled result.
          const result = (given?.result ?? row.prefilledResult) as FindingResult;
          await em.update(
            InspectionFindingEntity,
            { id: row.id },
            {
              result,
              note: given?.note ?? null,
              confirmedByUserId: actor.userId || null,
              confirmedByName: actor.name,
              confirmedAt: when,
            },
          );
          if (result === 'shortcoming') {
            shortcomings.push(row.item);
            await em
              .createQueryBuilder()
              .insert()
              .into(RemediationEntity)
              .values({
                id: randomUUID(),
                findingId: row.id,
                cellOrgId: inspection.cellOrgId,
                item: row.item,
                status: 'open',
                attempts: 0,
                escalated: false,
                carriedFromRemediationId: row.carriedFromRemediationId,
                actionTaken: null,
                fixedAt: null,
                verifiedByName: null,
                verifiedAt: null,
                carriedOverAt: null,
                openedAt: when,
              })
              .orIgnore()
              .execute();
          }
        }
        await em.update(CellInspectionEntity, { id: inspectionId }, { status: 'checked', checkedAt: when });
        await appendAudit(em, {
          eventKey: `${inspection.workflowId}:checklist`,
          at: when,
          action: 'inspection.checklist_recorded',
          actor: actorOf(actor),
          process: INSPECTION_PROCESS,
          caseId: inspectionId,
          step: 'checklist',
          details: { findings, shortcomings },
        });
        return { shortcomings: shortcomings.sort(byItemOrder) };
      });
    },

    async announceResults({ roundId, at, missing = [] }): Promise<void> {
      await dataSource.transaction(async (em) => {
        const round = await em.findOneByOrFail(InspectionRoundEntity, { id: roundId });
        const programme = await em.findOneByOrFail(InspectionProgrammeEntity, { id: round.programmeId });
        const summary = (await em.query(
          `SELECT i.id, i.cell_org_id AS "cellOrgId", o.name, count(f.id) FILTER (WHERE f.result = 'shortcoming')::int AS shortcomings,
                  coalesce(string_agg(f.item, ',' ORDER BY f.item) FILTER (WHERE f.result = 'shortcoming'), '') AS items
             FROM cell_inspection i JOIN organisation o ON o.id = i.cell_org_id LEFT JOIN inspection_finding f ON f.inspection_id = i.id
            WHERE i.round_id = $1 GROUP BY i.id, i.cell_org_id, o.name, o.code ORDER BY o.code`,
          [roundId],
        )) as { id: string; cellOrgId: string; name: string; shortcomings: number; items: string }[];
        const isMissing = (id: string) => missing.some((m) => m.inspectionId === id);
        const lines = summary
          .filter((s) => !isMissing(s.id))
          .map(
            (s) =>
              `${s.name}: ${s.shortcomings ? `${s.shortcomings} hạn chế (${s.items.split(',').map(labelVi).join('; ')})` : 'đạt tất cả nội dung'}`,
          );
        // Cells without a recorded checklist are named, never counted as having met every item.
        const missingText = missing.length
          ? ` | Chưa có kết quả: ${missing.map((m) => `${m.cellName} (${m.reason === 'failed' ? 'quy trình kiểm tra gặp lỗi' : 'chưa hoàn thành phiếu kiểm tra khi hết đợt'})`).join('; ')}`
          : '';
        const message = `Thông báo kết quả kiểm tra chi bộ kỳ ${round.reviewFrom} – ${round.reviewTo}: ${lines.join(' | ')}${missingText}`;
        const when = new Date(at);
        // The results go to every cell of the organisation, not only to the cells with findings [seed:004][R42].
        for (const s of summary) {
          await notify(em, {
            key: `${round.workflowId}:results:${s.cellOrgId}`,
            at: when,
            kind: 'inspection_results',
            orgId: s.cellOrgId,
            role: 'cell_secretary',
            taskId: null,
            message,
          });
        }
        await notify(em, {
          key: `${round.workflowId}:results:committee`,
          at: when,
          kind: 'inspection_results',
          orgId: programme.inspectingOrgId,
          role: INSPECTING_ROLE[programme.scope],
          taskId: null,
          message,
        });
        await em.update(InspectionRoundEntity, { id: roundId }, { status: 'remediating', announcedAt: when });
        await em.query(`UPDATE cell_inspection SET status = 'remediating' WHERE round_id = $1 AND status = 'checked'`, [
          roundId,
        ]);
        await appendAudit(em, {
          eventKey: `${round.workflowId}:announced`,
          at: when,
          action: 'inspection.results_announced',
          actor: SYSTEM_ACTOR,
          process: INSPECTION_PROCESS,
          caseId: roundId,
          details: {
            cells: summary
              .filter((s) => !isMissing(s.id))
              .map((s) => ({ cellOrgId: s.cellOrgId, shortcomings: s.shortcomings })),
            missing: missing.map((m) => ({
              cellOrgId: m.cellOrgId,
              cellName: m.cellName,
              reason: m.reason,
              ...(m.error ? { error: m.error } : {}),
            })),
          },
          comment: message,
        });
      });
    },

    async recordRemediation({ inspectionId, item, event, attempt, actor, text, at }): Promise<void> {
      await dataSource.transaction(async (em) => {
        const { inspection } = await loadInspection(em, inspectionId);
        const finding = await em.findOneByOrFail(InspectionFindingEntity, { inspectionId, item });
        const rem = await em.findOneBy(RemediationEntity, { findingId: finding.id });
        if (!rem) throw notFound('remediation', `${inspectionId}/${item}`);
        const when = new Date(at);
        if (rem.status === 'verified' || rem.status === 'carried_over') return;
        if (event === 'opened')
          await em.update(
            RemediationEntity,
            { id: rem.id },
            { status: 'open', attempts: Math.max(rem.attempts, attempt) },
          );
        if (event === 'escalated')
          await em.update(RemediationEntity, { id: rem.id }, { status: 'overdue', escalated: true });
        if (event === 'fixed')
          await em.update(
            RemediationEntity,
            { id: rem.id },
            { status: 'fixed', actionTaken: text ?? null, fixedAt: when },
          );
        if (event === 'verified')
          await em.update(
            RemediationEntity,
            { id: rem.id },
            { status: 'verified', verifiedByName: actor?.name ?? null, verifiedAt: when },
          );
        if (event === 'not_fixed') await em.update(RemediationEntity, { id: rem.id }, { status: 'open' });
        await appendAudit(em, {
          eventKey: `${inspection.workflowId}:remediation:${item}:${event}:${attempt}`,
          at: when,
          action: `inspection.remediation_${event}`,
          actor: actor ? actorOf(actor) : SYSTEM_ACTOR,
          process: INSPECTION_PROCESS,
          caseId: inspectionId,
          comment: text,
          details: { item, attempt },
        });
      });
    },

    async carryOver({ inspectionId, workflowId, at }): Promise<InspectionItem[]> {
      return dataSource.transaction(async (em) => {
        const when = new Date(at);
        const rows = (await em.query(
          `UPDATE remediation r SET status = 'carried_over', carried_over_at = $2
             FROM inspection_finding f WHERE f.id = r.finding_id AND f.inspection_id = $1 AND r.status NOT IN ('verified','carried_over')
           RETURNING r.item`,
          [inspectionId, when],
        )) as [{ item: InspectionItem }[], number];
        const items = rows[0].map((r) => r.item).sort(byItemOrder);
        // Tasks of the ended round leave the inbox; the next round's checklist starts with these findings.
        await em
          .createQueryBuilder()
          .update(HumanTaskEntity)
          .set({ status: 'cancelled' })
          .where("workflow_id = :workflowId AND status IN ('open','overdue')", { workflowId })
          .execute();
        await appendAudit(em, {
          eventKey: `${workflowId}:carried_over`,
          at: when,
          action: 'inspection.carried_over',
          actor: SYSTEM_ACTOR,
          process: INSPECTION_PROCESS,
          caseId: inspectionId,
          details: { items },
        });
        return items;
      });
    },

    async endUninspected({ inspectionId, workflowId, at }): Promise<void> {
      await dataSource.transaction(async (em) => {
        const when = new Date(at);
        const open = await em.find(HumanTaskEntity, {
          where: { workflowId, status: In(['open', 'overdue']) },
          order: { openedAt: 'ASC' },
        });
        if (open.length) await em.update(HumanTaskEntity, { id: In(open.map((t) => t.id)) }, { status: 'cancelled' });
        await em.update(CellInspectionEntity, { id: inspectionId }, { status: 'closed', closedAt: when });
        await appendAudit(em, {
          eventKey: `${workflowId}:not_inspected`,
          at: when,
          action: 'inspection.not_inspected',
          actor: SYSTEM_ACTOR,
          process: INSPECTION_PROCESS,
          caseId: inspectionId,
          comment: 'Hết đợt kiểm tra khi chưa ghi nhận phiếu kiểm tra',
          details: { cancelledTasks: open.map((t) => t.taskKey) },
        });
      });
    },

    async closeInspection({ inspectionId, at }): Promise<void> {
      await dataSource
        .getRepository(CellInspectionEntity)
        .update({ id: inspectionId }, { status: 'closed', closedAt: new Date(at) });
    },

    async closeRound({ roundId, result, at }): Promise<void> {
      await dataSource.transaction(async (em) => {
        const round = await em.findOneByOrFail(InspectionRoundEntity, { id: roundId });
        await em.update(InspectionRoundEntity, { id: roundId }, { status: 'closed', closedAt: new Date(at) });
        await appendAudit(em, {
          eventKey: `${round.workflowId}:closed`,
          at: new Date(at),
          action: 'inspection.round_closed',
          actor: SYSTEM_ACTOR,
          process: INSPECTION_PROCESS,
          caseId: roundId,
          details: result,
        });
      });
    },
  };
}
