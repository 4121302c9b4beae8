import { WorkflowUpdateFailedError } from '@temporalio/client';
import { startOfLocalDay } from '@partyflow/domain';
import { TASK_ERRORS, type CellInspectionResult, type InspectionRoundResult } from '@partyflow/contracts';
import {
  AuditLogEntity,
  CellInspectionEntity,
  HumanTaskEntity,
  InspectionFindingEntity,
  InspectionRoundEntity,
  NotificationEntity,
  UserEntity,
} from '@partyflow/persistence';
import {
  A_CHECKLIST,
  ALL_MET,
  completeInspectionTask,
  currentTime,
  eventually,
  inspectionOf,
  nextHalfYearStart,
  remediationOf,
  remediationWhen,
  seedRecords,
  TEAM,
  today,
  useInspectionHarness,
  waitForChecklist,
  waitForInspectionTask,
  workflowsDiagnosis,
} from '@partyflow/testing';

const h = useInspectionHarness();

describe('inspection round (time-skipping server, real activities and PostgreSQL)', () => {
  it('should refuse a team member of the inspected cell and a checklist that leaves an item without records unanswered [seed:000]', async () => {
    await h.withProgramme(async (ctx) => {
      // grassroots3 is also a member of cell A: never on the team that inspects cell A.
      await ctx.db.dataSource
        .getRepository(UserEntity)
        .update({ id: ctx.f.users.grassroots3.id }, { memberId: ctx.f.officialIds[1] });
      const round = await ctx.startRound(1);
      const a = await inspectionOf(ctx, round.workflowId, ctx.f.orgs.cellA.id);
      const refused = await completeInspectionTask(ctx, a, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx)).catch(
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({
        type: TASK_ERRORS.invalidData,
        message: expect.stringMatching(/^data\.teamUserIds: /),
        details: [
          {
            code: TASK_ERRORS.invalidData,
            field: 'data.teamUserIds',
            reason: expect.stringContaining(ctx.f.users.grassroots3.id),
          },
        ],
      });

      await completeInspectionTask(ctx, a, 'assign_team', 'grassroots1', 'assigned', {
        teamUserIds: [ctx.f.users.grassroots2.id],
      });
      const missing = await completeInspectionTask(ctx, a, 'checklist', 'grassroots1', 'submitted', {
        findings: [{ item: 'thematic_meetings', result: 'met' }],
      }).catch((e: unknown) => e);
      expect((missing as WorkflowUpdateFailedError).cause).toMatchObject({
        message: expect.stringMatching(/member_records .*; self_criticism /),
      });
      await round.terminate('test over');
    });
  });

  it('should run a round over its six months with remediation on time, verified at the second attempt, late (escalated) and carried over, then start the next round with the carried finding [seed:000][seed:004][R41][R42]', async () => {
    await h.withProgramme(async (ctx) => {
      const ds = ctx.db.dataSource;
      // The Schedule starts rounds at 00:00 on 1 January and 1 July; this round runs from one of them to the next.
      await ctx.env.sleep(
        Date.parse(startOfLocalDay(nextHalfYearStart(await today(ctx.env)))) - (await currentTime(ctx.env)) + 60_000,
      );
      await seedRecords(ctx);
      const round1 = await ctx.startRound(1);
      const a = await inspectionOf(ctx, round1.workflowId, ctx.f.orgs.cellA.id);
      const b = await inspectionOf(ctx, round1.workflowId, ctx.f.orgs.cellB.id);

      // Pre-filled from the records: the team confirms rather than retypes.
      await completeInspectionTask(ctx, a, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await waitForChecklist(ctx, a);
      const prefilled = await ds.getRepository(InspectionFindingEntity).findBy({ inspectionId: a });
      expect(prefilled.find((p) => p.item === 'monthly_meetings')).toMatchObject({
        prefilledResult: 'shortcoming',
        prefilledValue: expect.stringMatching(/^5\/6 tháng/),
        prefillSource: 'meeting_attendance',
      });
      expect(prefilled.find((p) => p.item === 'dues_collected')).toMatchObject({
        prefilledResult: 'shortcoming',
        prefillSource: 'dues_payment',
      });
      expect(prefilled.find((p) => p.item === 'transfers_handled')).toMatchObject({
        prefilledResult: 'not_applicable',
      });
      await completeInspectionTask(ctx, a, 'checklist', 'grassroots2', 'submitted', {
        findings: [
          { item: 'thematic_meetings', result: 'met' },
          { item: 'member_records', result: 'shortcoming', note: 'Sổ đảng viên chưa cập nhật' },
          { item: 'self_criticism', result: 'shortcoming', note: 'Chưa tổ chức kiểm điểm tự phê bình giữa năm' },
        ],
      });

      // Results are announced only when every cell of the organisation has been checked.
      await completeInspectionTask(ctx, b, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await completeInspectionTask(ctx, b, 'checklist', 'grassroots2', 'submitted', {
        findings: [
          { item: 'thematic_meetings', result: 'met' },
          { item: 'member_records', result: 'met' },
          { item: 'self_criticism', result: 'met' },
        ],
      });
      const notices = await eventually(async () => {
        const rows = await ds.getRepository(NotificationEntity).findBy({ kind: 'inspection_results' });
        return rows.length >= 3 ? rows : undefined;
      }, 'results notice');
      expect(notices.map((n) => n.recipientOrgId).sort()).toEqual(
        [ctx.f.orgs.cellA.id, ctx.f.orgs.cellB.id, ctx.f.orgs.grassroots.id].sort(),
      );
      expect(notices[0].message).toContain('Chi bộ Khu đô thị Linh Đàm: đạt tất cả nội dung');

      // On time: monthly meetings fixed and verified.
      await completeInspectionTask(ctx, a, 'remediation:monthly_meetings', 'secretaryA', 'fixed', {
        actionTaken: 'Đã họp bù và lập lịch họp cố định ngày 5 hằng tháng',
      });
      await completeInspectionTask(ctx, a, 'verify_fix:monthly_meetings', 'grassroots1', 'verified', {
        note: 'Đã kiểm tra biên bản',
      });
      expect(await remediationWhen(ctx, a, 'monthly_meetings', 'verified')).toMatchObject({
        status: 'verified',
        escalated: false,
        verifiedByName: 'Phạm Quang Hùng',
      });

      // Not fixed at the first check: the cell gets a second remediation task, then it is verified.
      await completeInspectionTask(ctx, a, 'remediation:member_records', 'secretaryA', 'fixed', {
        actionTaken: 'Đã bổ sung sổ',
      });
      await completeInspectionTask(ctx, a, 'verify_fix:member_records', 'grassroots1', 'not_fixed', {
        note: 'Còn thiếu lý lịch hai đảng viên',
      });
      await completeInspectionTask(ctx, a, 'remediation:member_records#2', 'secretaryA', 'fixed', {
        actionTaken: 'Đã bổ sung lý lịch còn thiếu',
      });
      await completeInspectionTask(ctx, a, 'verify_fix:member_records#2', 'grassroots1', 'verified', {
        note: 'Hồ sơ đầy đủ',
      });
      expect(await remediationWhen(ctx, a, 'member_records', 'verified')).toMatchObject({
        attempts: 2,
        actionTaken: 'Đã bổ sung lý lịch còn thiếu',
      });

      // Late: the dues fix passes its 30-working-day deadline and escalates [A]; fixed afterwards, then verified.
      await waitForInspectionTask(ctx, a, 'remediation:dues_collected');
      await ctx.env.sleep('60 days');
      const overdue = await eventually(async () => {
        const r = await remediationOf(ctx, a, 'dues_collected');
        return r.escalated ? r : undefined;
      }, 'escalation of the dues remediation');
      expect(overdue.status).toBe('overdue');
      const task = await ds
        .getRepository(HumanTaskEntity)
        .findOneByOrFail({ caseId: a, taskKey: 'remediation:dues_collected' });
      expect(task.status).toBe('overdue');
      expect(
        await ds.getRepository(NotificationEntity).countBy({ taskId: task.id, kind: 'task_escalated' }),
      ).toBeGreaterThan(0);
      await completeInspectionTask(ctx, a, 'remediation:dues_collected', 'secretaryA', 'fixed', {
        actionTaken: 'Đã thu đủ đảng phí các tháng còn thiếu',
      });
      await completeInspectionTask(ctx, a, 'verify_fix:dues_collected', 'grassroots1', 'verified', {
        note: 'Sổ thu đảng phí đã đầy đủ',
      });
      expect(await remediationWhen(ctx, a, 'dues_collected', 'verified')).toMatchObject({
        status: 'verified',
        escalated: true,
      });

      // Never fixed: self-criticism is still open when the round ends, six months after it started.
      const result1: InspectionRoundResult = await round1.result();
      expect(result1).toMatchObject({ cells: 2, shortcomings: 4, verified: 3, carriedOver: 1 });
      const carried = await remediationOf(ctx, a, 'self_criticism');
      expect(carried.status).toBe('carried_over');
      expect(
        (await ds.getRepository(HumanTaskEntity).findOneByOrFail({ caseId: a, taskKey: 'remediation:self_criticism' }))
          .status,
      ).toBe('cancelled');
      expect(
        (await ds.getRepository(InspectionRoundEntity).findOneByOrFail({ workflowId: round1.workflowId })).status,
      ).toBe('closed');

      // The next round (the Schedule's next run) starts cell A's checklist with the carried finding.
      const round2 = await ctx.startRound(2);
      const a2 = await inspectionOf(ctx, round2.workflowId, ctx.f.orgs.cellA.id);
      await completeInspectionTask(ctx, a2, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await waitForChecklist(ctx, a2);
      const carriedFinding = await ds
        .getRepository(InspectionFindingEntity)
        .findOneByOrFail({ inspectionId: a2, item: 'self_criticism' });
      expect(carriedFinding.carriedFromRemediationId).toBe(carried.id);
      await completeInspectionTask(ctx, a2, 'checklist', 'grassroots2', 'submitted', {
        findings: [
          { item: 'thematic_meetings', result: 'met' },
          { item: 'member_records', result: 'met' },
          { item: 'monthly_meetings', result: 'met' },
          { item: 'dues_collected', result: 'met' },
          { item: 'self_criticism', result: 'shortcoming', note: 'Vẫn chưa kiểm điểm' },
        ],
      });
      const b2 = await inspectionOf(ctx, round2.workflowId, ctx.f.orgs.cellB.id);
      await completeInspectionTask(ctx, b2, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await completeInspectionTask(ctx, b2, 'checklist', 'grassroots2', 'submitted', {
        findings: [
          { item: 'thematic_meetings', result: 'met' },
          { item: 'member_records', result: 'met' },
          { item: 'self_criticism', result: 'met' },
          { item: 'monthly_meetings', result: 'met' },
          { item: 'dues_collected', result: 'met' },
        ],
      });
      const again = await remediationOf(ctx, a2, 'self_criticism');
      expect(again.carriedFromRemediationId).toBe(carried.id);
      const result2: InspectionRoundResult = await round2.result();
      expect(result2).toMatchObject({ cells: 2, shortcomings: 1, verified: 0, carriedOver: 1 });
    });
  });
});

describe('inspection rounds never wait forever (issue 7 §5)', () => {
  it('should end a round triggered by hand at the next scheduled round, announce it there with the cell that never recorded its checklist listed as missing, and close that cell as not inspected', async () => {
    await h.withProgramme(async (ctx) => {
      const ds = ctx.db.dataSource;
      const startedOn = await today(ctx.env);
      const round = await ctx.startRound(1);
      const a = await inspectionOf(ctx, round.workflowId, ctx.f.orgs.cellA.id);
      const b = await inspectionOf(ctx, round.workflowId, ctx.f.orgs.cellB.id);
      const row = await ds.getRepository(InspectionRoundEntity).findOneByOrFail({ workflowId: round.workflowId });
      // Not six months after the trigger: the next 1 January or 1 July, when the Schedule starts the next round.
      expect(row).toMatchObject({ startedOn, endsOn: nextHalfYearStart(startedOn) });

      await completeInspectionTask(ctx, a, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await completeInspectionTask(ctx, a, 'checklist', 'grassroots2', 'submitted', A_CHECKLIST);
      await waitForInspectionTask(ctx, b, 'assign_team');
      // Cell B never assigns its team. The round waits no further than its end.
      await ctx.env.sleep(Date.parse(startOfLocalDay(row.endsOn)) - (await currentTime(ctx.env)) + 3_600_000);
      const result: InspectionRoundResult = await round.result();
      expect(result).toEqual({
        roundId: row.id,
        cells: 2,
        shortcomings: 1,
        verified: 0,
        carriedOver: 1,
        missingCells: [
          { inspectionId: b, cellOrgId: ctx.f.orgs.cellB.id, cellName: ctx.f.orgs.cellB.name, reason: 'not_recorded' },
        ],
      });
      const notices = await ds.getRepository(NotificationEntity).findBy({ kind: 'inspection_results' });
      expect(notices.map((n) => n.recipientOrgId).sort()).toEqual(
        [ctx.f.orgs.cellA.id, ctx.f.orgs.cellB.id, ctx.f.orgs.grassroots.id].sort(),
      );
      expect(notices[0].message).toMatch(
        /: Chi bộ Tổ dân phố số 5: 1 hạn chế \([^)]+\) \| Chưa có kết quả: Chi bộ Khu đô thị Linh Đàm \(chưa hoàn thành phiếu kiểm tra khi hết đợt\)$/,
      );
      const announced = await ds
        .getRepository(AuditLogEntity)
        .findOneByOrFail({ action: 'inspection.results_announced', caseId: row.id });
      expect(announced.details).toEqual({
        cells: [{ cellOrgId: ctx.f.orgs.cellA.id, shortcomings: 1 }],
        missing: [{ cellOrgId: ctx.f.orgs.cellB.id, cellName: ctx.f.orgs.cellB.name, reason: 'not_recorded' }],
      });
      // Cell B: its open task left the inbox and the inspection closed as not done; cell A's open finding carried over.
      expect(
        (await ctx.env.client.workflow.getHandle(`cell-inspection-${b}`).result()) as CellInspectionResult,
      ).toEqual({ inspectionId: b, shortcomings: [], verified: [], carriedOver: [], notInspected: true });
      expect(
        (await ds.getRepository(HumanTaskEntity).findOneByOrFail({ caseId: b, taskKey: 'assign_team' })).status,
      ).toBe('cancelled');
      expect(await ds.getRepository(CellInspectionEntity).findOneByOrFail({ id: b })).toMatchObject({
        status: 'closed',
      });
      expect(
        (await ds.getRepository(AuditLogEntity).findOneByOrFail({ action: 'inspection.not_inspected', caseId: b }))
          .details,
      ).toEqual({ cancelledTasks: ['assign_team'] });
      expect((await remediationOf(ctx, a, 'member_records')).status).toBe('carried_over');
      expect(await ds.getRepository(InspectionRoundEntity).findOneByOrFail({ id: row.id })).toMatchObject({
        status: 'closed',
      });
    });
  });

  it('should announce at once, with the failed cell listed, when a cell inspection fails instead of waiting for it until the round ends', async () => {
    await h.withProgramme(async (ctx) => {
      const ds = ctx.db.dataSource;
      const round = await ctx.startRound(1);
      const a = await inspectionOf(ctx, round.workflowId, ctx.f.orgs.cellA.id);
      const b = await inspectionOf(ctx, round.workflowId, ctx.f.orgs.cellB.id);
      await waitForInspectionTask(ctx, b, 'assign_team');
      // Cell B's inspection ends abnormally (cancelled; the time-skipping server does not report a
      // terminated child to its parent).
      await ctx.env.client.workflow.getHandle(`cell-inspection-${b}`).cancel();
      await completeInspectionTask(ctx, a, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await completeInspectionTask(ctx, a, 'checklist', 'grassroots2', 'submitted', ALL_MET);
      // Announced: the row has its announcement instant, whether the poll sees it remediating or already closed (with
      // nothing to remediate the round closes at once; on a loaded machine a poll saw only 'closed' several times).
      const row = await eventually(async () => {
        const r = await ds.getRepository(InspectionRoundEntity).findOneByOrFail({ workflowId: round.workflowId });
        return r.announcedAt ? r : undefined;
      }, 'the announcement').catch(async (e: Error) => {
        // On a timeout, say what each workflow was doing.
        const ids = [round.workflowId, `cell-inspection-${a}`, `cell-inspection-${b}`];
        throw new Error(`${e.message}\n${await workflowsDiagnosis(ctx.env.client, ids)}`);
      });
      // Announced on the day, long before the round's end.
      expect(row.announcedAt?.getTime()).toBeLessThan(Date.parse(startOfLocalDay(row.endsOn)));
      const announced = await ds
        .getRepository(AuditLogEntity)
        .findOneByOrFail({ action: 'inspection.results_announced', caseId: row.id });
      expect(announced.details).toEqual({
        cells: [{ cellOrgId: ctx.f.orgs.cellA.id, shortcomings: 0 }],
        missing: [
          {
            cellOrgId: ctx.f.orgs.cellB.id,
            cellName: ctx.f.orgs.cellB.name,
            reason: 'failed',
            error: expect.stringMatching(/cancel/i),
          },
        ],
      });
      expect(announced.comment).toMatch(
        /Chi bộ Tổ dân phố số 5: đạt tất cả nội dung \| Chưa có kết quả: Chi bộ Khu đô thị Linh Đàm \(quy trình kiểm tra gặp lỗi\)$/,
      );
      // Cell A had nothing to remediate: the round closes without waiting for its end.
      const result: InspectionRoundResult = await round.result();
      expect(result).toMatchObject({
        cells: 2,
        shortcomings: 0,
        verified: 0,
        carriedOver: 0,
        missingCells: [{ inspectionId: b, reason: 'failed' }],
      });
    });
  });

  it('should start the checklist of a second round triggered by hand with the open finding of the first round, which is still running', async () => {
    await h.withProgramme(async (ctx) => {
      const ds = ctx.db.dataSource;
      const round1 = await ctx.startRound(1);
      const a1 = await inspectionOf(ctx, round1.workflowId, ctx.f.orgs.cellA.id);
      const b1 = await inspectionOf(ctx, round1.workflowId, ctx.f.orgs.cellB.id);
      await completeInspectionTask(ctx, a1, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await completeInspectionTask(ctx, a1, 'checklist', 'grassroots2', 'submitted', A_CHECKLIST);
      await completeInspectionTask(ctx, b1, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await completeInspectionTask(ctx, b1, 'checklist', 'grassroots2', 'submitted', ALL_MET);
      await waitForInspectionTask(ctx, a1, 'remediation:member_records');
      const open = await remediationOf(ctx, a1, 'member_records');
      expect(open.status).toBe('open');

      const round2 = await ctx.startRound(2);
      const a2 = await inspectionOf(ctx, round2.workflowId, ctx.f.orgs.cellA.id);
      await completeInspectionTask(ctx, a2, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await waitForChecklist(ctx, a2);
      const findings = await ds.getRepository(InspectionFindingEntity).findBy({ inspectionId: a2 });
      expect(
        findings.filter((f) => f.carriedFromRemediationId).map((f) => [f.item, f.carriedFromRemediationId]),
      ).toEqual([['member_records', open.id]]);
      await round2.terminate('test over');
      await round1.terminate('test over');
    });
  });
});
