import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { addMonths, firstOfMonth, monthsBetween } from '@partyflow/domain';
import { completeTaskUpdate, TASK_ERRORS, type InspectionRoundInput, type InspectionRoundResult } from '@partyflow/contracts';
import {
  CellInspectionEntity, DuesPaymentEntity, HumanTaskEntity, InspectionFindingEntity, InspectionProgrammeEntity, InspectionRoundEntity, MeetingAttendanceEntity,
  MemberEntity, NotificationEntity, RemediationEntity, UserEntity,
} from '@partyflow/persistence';
import { buildFixture, type Fixture, type TestDatabase } from '@partyflow/testing';
import { actor, today } from '../replay/admission-driver';
import { useTimeSkipping } from '../replay/time-skipping';

/**
 * Drives inspection rounds on the Java time-skipping server with the real activities over a
 * per-test PostgreSQL database, completing tasks through the `completeTask` update as the API
 * would. The same shape as `useAdmissionHarness`. The time-skipping server has no Schedules, so
 * each round workflow is started here as the Schedule would start it.
 *
 */
type InspectionCtx = {
  f: Fixture;
  programmeId: string;
  worker: Worker;
  taskQueue: string;
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  /** Starts a round workflow as the programme's Schedule would. */
  startRound(n: number): Promise<WorkflowHandle>;
};

type InspectionHarness = {
  readonly env: TestWorkflowEnvironment;
  readonly db: TestDatabase;
  /** Builds the fixture tree and a programme of the grassroots committee over its own cells [seed:004], then runs `body` while a worker polls. */
  withProgramme(body: (ctx: InspectionCtx) => Promise<void>): Promise<void>;
};

function useInspectionHarness(): InspectionHarness {
  const ts = useTimeSkipping();

  const harness: InspectionHarness = {
    get env() { return ts.env; },
    get db() { return ts.db; },
    async withProgramme(body) {
      const e = harness.env;
      const d = harness.db;
      const f = await buildFixture(d.dataSource, {});
      const programmeId = randomUUID();
      const now = new Date();
      await d.dataSource.getRepository(InspectionProgrammeEntity).insert({
        id: programmeId, inspectingOrgId: f.orgs.grassroots.id, scope: 'grassroots_own_cells', intervalMonths: 6, maxRemediationAttempts: 3,
        scheduleId: `inspection-programme-${programmeId}`, active: true, createdBy: 'test', createdAt: now, updatedAt: now,
      });
      const { worker, taskQueue } = await ts.createWorker('inspection-test');
      const startRound = (n: number) => e.client.workflow.start('inspectionRoundWorkflow', {
        workflowId: `inspection-round-${programmeId}-${n}`, taskQueue, args: [{ programmeId } satisfies InspectionRoundInput],
      });
      await worker.runUntil(body({ f, programmeId, worker, taskQueue, env: e, db: d, startRound }));
    },
  };
  return harness;
}

/** Waits for the task row of a cell inspection, then completes it as `who` through the update. */
async function completeInspectionTask(
  ctx: InspectionCtx, inspectionId: string, taskKey: string, who: string, outcome: string, data: Record<string, unknown>,
) {
  await waitForTask(ctx, inspectionId, taskKey);
  return ctx.env.client.workflow.getHandle(`cell-inspection-${inspectionId}`)
    .executeUpdate(completeTaskUpdate, { args: [{ taskKey, outcome, data, actor: actor(ctx.f, who) }] });
}

/** Polls until `read` returns a value (activities and child workflows run in real time). */
async function eventually<T>(read: () => Promise<T | undefined | null>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Six-monthly cell inspection [seed:000][seed:004] on the time-skipping server, with the real
 * activities and PostgreSQL: the round's whole length (six months), remediation on time, late
 * (escalated) and not done (carried over to the next round), and two consecutive rounds.
 */
const h = useInspectionHarness();
const TEAM = (ctx: InspectionCtx) => ({ teamUserIds: [ctx.f.users.grassroots2.id, ctx.f.users.grassroots3.id] });

async function inspectionOf(ctx: InspectionCtx, roundWorkflowId: string, cellOrgId: string): Promise<string> {
  return eventually(async () => {
    const round = await ctx.db.dataSource.getRepository(InspectionRoundEntity).findOneBy({ workflowId: roundWorkflowId });
    if (!round) return undefined;
    return (await ctx.db.dataSource.getRepository(CellInspectionEntity).findOneBy({ roundId: round.id, cellOrgId }))?.id;
  }, `inspection of ${cellOrgId}`);
}

const remediationOf = async (ctx: InspectionCtx, inspectionId: string, item: string) => {
  const finding = await ctx.db.dataSource.getRepository(InspectionFindingEntity).findOneByOrFail({ inspectionId, item: item as InspectionFindingEntity['item'] });
  return ctx.db.dataSource.getRepository(RemediationEntity).findOneByOrFail({ findingId: finding.id });
};

/** The workflow records a verification after the update has answered: wait for the row to say so. */
const remediationWhen = (ctx: InspectionCtx, inspectionId: string, item: string, status: RemediationEntity['status']) =>
  eventually(async () => {
    const r = await remediationOf(ctx, inspectionId, item);
    return r.status === status ? r : undefined;
  }, `remediation ${item} ${status}`);

/** Records for the reviewed half year: cell A missed one monthly meeting and collected no dues; cell B is in order. */
async function seedRecords(ctx: InspectionCtx): Promise<void> {
  const ds = ctx.db.dataSource;
  const day = await today(ctx.env);
  const months = monthsBetween({ from: addMonths(firstOfMonth(day), -6), to: firstOfMonth(day) });
  const memberB = randomUUID();
  await ds.getRepository(MemberEntity).insert({
    id: memberB, organisationId: ctx.f.orgs.cellB.id, fullName: 'Lê Văn Khoa', birthDate: '1975-02-02', status: 'official', educationLevel: 'university',
    courseCertificateIssuedOn: null, residenceOrgId: null, massOrganisations: [], specialCases: [], joinedOn: '2000-01-01', officialSince: '2001-01-01',
  });
  for (const month of months) {
    await ds.getRepository(MeetingAttendanceEntity).insert({ memberId: memberB, month, organisationId: ctx.f.orgs.cellB.id, status: 'present', reason: null, recordedBy: 'test' });
    await ds.getRepository(DuesPaymentEntity).insert({ memberId: memberB, month, amountVnd: 50000, paidOn: month, recordedBy: 'test' });
  }
  for (const month of months.slice(1)) {
    await ds.getRepository(MeetingAttendanceEntity).insert({ memberId: ctx.f.officialIds[0], month, organisationId: ctx.f.orgs.cellA.id, status: 'present', reason: null, recordedBy: 'test' });
  }
}

describe('inspection round (time-skipping server, real activities and PostgreSQL)', () => {
  it('should refuse a team member of the inspected cell and a checklist that leaves an item without records unanswered [seed:000]', async () => {
    await h.withProgramme(async (ctx) => {
      // grassroots3 is also a member of cell A: never on the team that inspects cell A.
      await ctx.db.dataSource.getRepository(UserEntity).update({ id: ctx.f.users.grassroots3.id }, { memberId: ctx.f.officialIds[1] });
      const round = await ctx.startRound(1);
      const a = await inspectionOf(ctx, round.workflowId, ctx.f.orgs.cellA.id);
      const refused = await completeInspectionTask(ctx, a, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx)).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: TASK_ERRORS.invalidData, message: expect.stringContaining('data.teamUserIds') });

      await completeInspectionTask(ctx, a, 'assign_team', 'grassroots1', 'assigned', { teamUserIds: [ctx.f.users.grassroots2.id] });
      const missing = await completeInspectionTask(ctx, a, 'checklist', 'grassroots1', 'submitted', { findings: [{ item: 'thematic_meetings', result: 'met' }] })
        .catch((e: unknown) => e);
      expect((missing as WorkflowUpdateFailedError).cause).toMatchObject({ message: expect.stringMatching(/member_records .*; self_criticism /) });
      await round.terminate('test over');
    });
  });

  it('should run a round over its six months with remediation on time, verified at the second attempt, late (escalated) and carried over, then start the next round with the carried finding [seed:000][seed:004][R41][R42]', async () => {
    await h.withProgramme(async (ctx) => {
      const ds = ctx.db.dataSource;
      await seedRecords(ctx);
      const round1 = await ctx.startRound(1);
      const a = await inspectionOf(ctx, round1.workflowId, ctx.f.orgs.cellA.id);
      const b = await inspectionOf(ctx, round1.workflowId, ctx.f.orgs.cellB.id);

      // Pre-filled from the records: the team confirms rather than retypes.
      await completeInspectionTask(ctx, a, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await waitForChecklist(ctx, a);
      const prefilled = await ds.getRepository(InspectionFindingEntity).findBy({ inspectionId: a });
      expect(prefilled.find((p) => p.item === 'monthly_meetings')).toMatchObject({ prefilledResult: 'shortcoming', prefilledValue: expect.stringMatching(/^5\/6 tháng/), prefillSource: 'meeting_attendance' });
      expect(prefilled.find((p) => p.item === 'dues_collected')).toMatchObject({ prefilledResult: 'shortcoming', prefillSource: 'dues_payment' });
      expect(prefilled.find((p) => p.item === 'transfers_handled')).toMatchObject({ prefilledResult: 'not_applicable' });
      await completeInspectionTask(ctx, a, 'checklist', 'grassroots2', 'submitted', { findings: [
        { item: 'thematic_meetings', result: 'met' },
        { item: 'member_records', result: 'shortcoming', note: 'Sổ đảng viên chưa cập nhật' },
        { item: 'self_criticism', result: 'shortcoming', note: 'Chưa tổ chức kiểm điểm tự phê bình giữa năm' },
      ] });

      // Results are announced only when every cell of the organisation has been checked.
      await completeInspectionTask(ctx, b, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await completeInspectionTask(ctx, b, 'checklist', 'grassroots2', 'submitted', { findings: [
        { item: 'thematic_meetings', result: 'met' }, { item: 'member_records', result: 'met' }, { item: 'self_criticism', result: 'met' },
      ] });
      const notices = await eventually(async () => {
        const rows = await ds.getRepository(NotificationEntity).findBy({ kind: 'inspection_results' });
        return rows.length >= 3 ? rows : undefined;
      }, 'results notice');
      expect(notices.map((n) => n.recipientOrgId).sort()).toEqual([ctx.f.orgs.cellA.id, ctx.f.orgs.cellB.id, ctx.f.orgs.grassroots.id].sort());
      expect(notices[0].message).toContain('Chi bộ Khu đô thị Linh Đàm: đạt tất cả nội dung');

      // On time: monthly meetings fixed and verified.
      await completeInspectionTask(ctx, a, 'remediation:monthly_meetings', 'secretaryA', 'fixed', { actionTaken: 'Đã họp bù và lập lịch họp cố định ngày 5 hằng tháng' });
      await completeInspectionTask(ctx, a, 'verify_fix:monthly_meetings', 'grassroots1', 'verified', { note: 'Đã kiểm tra biên bản' });
      expect(await remediationWhen(ctx, a, 'monthly_meetings', 'verified')).toMatchObject({ status: 'verified', escalated: false, verifiedByName: 'Phạm Quang Hùng' });

      // Not fixed at the first check: the cell gets a second remediation task, then it is verified.
      await completeInspectionTask(ctx, a, 'remediation:member_records', 'secretaryA', 'fixed', { actionTaken: 'Đã bổ sung sổ' });
      await completeInspectionTask(ctx, a, 'verify_fix:member_records', 'grassroots1', 'not_fixed', { note: 'Còn thiếu lý lịch hai đảng viên' });
      await completeInspectionTask(ctx, a, 'remediation:member_records#2', 'secretaryA', 'fixed', { actionTaken: 'Đã bổ sung lý lịch còn thiếu' });
      await completeInspectionTask(ctx, a, 'verify_fix:member_records#2', 'grassroots1', 'verified', { note: 'Hồ sơ đầy đủ' });
      expect(await remediationWhen(ctx, a, 'member_records', 'verified')).toMatchObject({ attempts: 2, actionTaken: 'Đã bổ sung lý lịch còn thiếu' });

      // Late: the dues fix passes its 30-working-day deadline and escalates [A]; fixed afterwards, then verified.
      await waitForTask(ctx, a, 'remediation:dues_collected');
      await ctx.env.sleep('60 days');
      const overdue = await eventually(async () => {
        const r = await remediationOf(ctx, a, 'dues_collected');
        return r.escalated ? r : undefined;
      }, 'escalation of the dues remediation');
      expect(overdue.status).toBe('overdue');
      const task = await ds.getRepository(HumanTaskEntity).findOneByOrFail({ caseId: a, taskKey: 'remediation:dues_collected' });
      expect(task.status).toBe('overdue');
      expect(await ds.getRepository(NotificationEntity).countBy({ taskId: task.id, kind: 'task_escalated' })).toBeGreaterThan(0);
      await completeInspectionTask(ctx, a, 'remediation:dues_collected', 'secretaryA', 'fixed', { actionTaken: 'Đã thu đủ đảng phí các tháng còn thiếu' });
      await completeInspectionTask(ctx, a, 'verify_fix:dues_collected', 'grassroots1', 'verified', { note: 'Sổ thu đảng phí đã đầy đủ' });
      expect(await remediationWhen(ctx, a, 'dues_collected', 'verified')).toMatchObject({ status: 'verified', escalated: true });

      // Never fixed: self-criticism is still open when the round ends, six months after it started.
      const result1: InspectionRoundResult = await round1.result();
      expect(result1).toMatchObject({ cells: 2, shortcomings: 4, verified: 3, carriedOver: 1 });
      const carried = await remediationOf(ctx, a, 'self_criticism');
      expect(carried.status).toBe('carried_over');
      expect((await ds.getRepository(HumanTaskEntity).findOneByOrFail({ caseId: a, taskKey: 'remediation:self_criticism' })).status).toBe('cancelled');
      expect((await ds.getRepository(InspectionRoundEntity).findOneByOrFail({ workflowId: round1.workflowId })).status).toBe('closed');

      // The next round (the Schedule's next run) starts cell A's checklist with the carried finding.
      const round2 = await ctx.startRound(2);
      const a2 = await inspectionOf(ctx, round2.workflowId, ctx.f.orgs.cellA.id);
      await completeInspectionTask(ctx, a2, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await waitForChecklist(ctx, a2);
      const carriedFinding = await ds.getRepository(InspectionFindingEntity).findOneByOrFail({ inspectionId: a2, item: 'self_criticism' });
      expect(carriedFinding.carriedFromRemediationId).toBe(carried.id);
      await completeInspectionTask(ctx, a2, 'checklist', 'grassroots2', 'submitted', { findings: [
        { item: 'thematic_meetings', result: 'met' }, { item: 'member_records', result: 'met' }, { item: 'monthly_meetings', result: 'met' },
        { item: 'dues_collected', result: 'met' }, { item: 'self_criticism', result: 'shortcoming', note: 'Vẫn chưa kiểm điểm' },
      ] });
      const b2 = await inspectionOf(ctx, round2.workflowId, ctx.f.orgs.cellB.id);
      await completeInspectionTask(ctx, b2, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await completeInspectionTask(ctx, b2, 'checklist', 'grassroots2', 'submitted', { findings: [
        { item: 'thematic_meetings', result: 'met' }, { item: 'member_records', result: 'met' }, { item: 'self_criticism', result: 'met' },
        { item: 'monthly_meetings', result: 'met' }, { item: 'dues_collected', result: 'met' },
      ] });
      const again = await remediationOf(ctx, a2, 'self_criticism');
      expect(again.carriedFromRemediationId).toBe(carried.id);
      const result2: InspectionRoundResult = await round2.result();
      expect(result2).toMatchObject({ cells: 2, shortcomings: 1, verified: 0, carriedOver: 1 });
    });
  });
});

async function waitForTask(ctx: InspectionCtx, inspectionId: string, taskKey: string) {
  return eventually(() => ctx.db.dataSource.getRepository(HumanTaskEntity).findOneBy({ caseId: inspectionId, taskKey }), `task ${taskKey}`);
}
const waitForChecklist = (ctx: InspectionCtx, inspectionId: string) => waitForTask(ctx, inspectionId, 'checklist');
