import { In } from 'typeorm';
import type { TransferResult } from '@partyflow/contracts';
import { addDays, TRANSFER_NOT_PRESENTED_GROUND } from '@partyflow/domain';
import {
  AuditLogEntity,
  HumanTaskEntity,
  MemberEntity,
  NotificationEntity,
  PartyTransferEntity,
  ScreeningCaseEntity,
} from '@partyflow/persistence';
import {
  complete,
  eventually,
  issueTransfer,
  today,
  useProcessHarness,
  waitForTask,
  type TransferCtx,
} from '@partyflow/testing';

// A time-skipping server and a PostgreSQL database per test; the bundle once per file.
const h = useProcessHarness();

const transferRow = (ctx: TransferCtx) =>
  h.db.dataSource.getRepository(PartyTransferEntity).findOneByOrFail({ id: ctx.transferId });
const audit = (ctx: TransferCtx, action: string) =>
  h.db.dataSource.getRepository(AuditLogEntity).findOneBy({ caseId: ctx.transferId, action });
const screeningCases = (ctx: TransferCtx) =>
  h.db.dataSource
    .getRepository(ScreeningCaseEntity)
    .findBy({ memberId: ctx.memberId, ground: TRANSFER_NOT_PRESENTED_GROUND });
const supervisorAlerts = (orgIds: string[]) =>
  h.db.dataSource
    .getRepository(NotificationEntity)
    .findBy({ kind: 'task_escalated', recipientRole: 'supervisor', recipientOrgId: In(orgIds) });
const arrival = async (ctx: TransferCtx) => ({
  presentedOn: await today(ctx.env),
  receivedBy: 'Bí thư chi bộ Tổ dân phố số 1',
});

describe('transfer workflow (chuyển sinh hoạt đảng; DOMAIN.md §5) on the time-skipping server', () => {
  it('should move the member to the receiving cell and open no screening case when arrival is confirmed in time [R28][R30]', async () => {
    await h.withWorker(async (base) => {
      const ctx = await issueTransfer(base, 'official');
      const task = await waitForTask(h.db.dataSource, ctx.transferId, 'confirm_arrival');
      expect(task).toMatchObject({ assigneeOrgId: ctx.toCell.id, assigneeRole: 'cell_secretary', process: 'transfer' });
      await complete(ctx, 'confirm_arrival', 'secretaryA', 'presented', await arrival(ctx));
      expect((await ctx.handle.result()) as TransferResult).toEqual({ status: 'presented', presentedOn: ctx.issuedOn });
      expect(await transferRow(ctx)).toMatchObject({ status: 'presented', presentedOn: ctx.issuedOn, returnDue: null });
      expect(
        (await h.db.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: ctx.memberId })).organisationId,
      ).toBe(ctx.toCell.id);
      expect(await audit(ctx, 'transfer.presented')).toMatchObject({ outcome: 'on_time', actorName: 'Trần Văn Bình' });
      expect(await screeningCases(ctx)).toHaveLength(0);
    });
  });

  it('should alert the supervisors of both organisations, open a screening case and still accept a late arrival when the 30 days pass [R30][seed:000][seed:004]', async () => {
    await h.withWorker(async (base) => {
      const ctx = await issueTransfer(base, 'official');
      await h.env.sleep('32 days');
      // Receiving side: the helper escalates to the parent of the receiving cell; sending side: this workflow's hook.
      const alerts = await eventually(async () => {
        const rows = await supervisorAlerts([ctx.f.orgs.otherGrassroots.id, ctx.f.orgs.grassroots.id]);
        return rows.length >= 2 && rows;
      }, 'supervisor alerts');
      expect(alerts.map((n) => n.recipientOrgId).sort()).toEqual(
        [ctx.f.orgs.otherGrassroots.id, ctx.f.orgs.grassroots.id].sort(),
      );
      const [opened] = await eventually(async () => {
        const rows = await screeningCases(ctx);
        return rows.length > 0 && rows;
      }, 'screening case');
      expect(opened).toMatchObject({ source: 'transfer', status: 'in_progress', cellOrgId: ctx.f.orgs.cellA.id });
      await waitForTask(h.db.dataSource, opened.id, 'screening_review');

      await complete(ctx, 'confirm_arrival', 'secretaryA', 'presented', {
        ...(await arrival(ctx)),
        lateReason: 'Ốm nằm viện',
      });
      expect(await ctx.handle.result()).toMatchObject({ status: 'presented' });
      expect(await transferRow(ctx)).toMatchObject({ status: 'presented' });
      expect(await audit(ctx, 'transfer.presented')).toMatchObject({ outcome: 'late' });
      expect(
        await h.db.dataSource
          .getRepository(HumanTaskEntity)
          .findOneByOrFail({ caseId: ctx.transferId, taskKey: 'confirm_arrival' }),
      ).toMatchObject({ status: 'completed' });
    });
  });

  it('should open the screening case only once when escalation fires twice and the member never presents [seed:000][seed:004]', async () => {
    await h.withWorker(async (base) => {
      const ctx = await issueTransfer(base, 'official');
      await h.env.sleep('60 days');
      await eventually(
        async () =>
          (await audit(ctx, 'transfer.overdue_notified')) &&
          (await h.db.dataSource
            .getRepository(AuditLogEntity)
            .countBy({ caseId: ctx.transferId, action: 'transfer.overdue_notified' })) >= 2,
        'second escalation',
      );
      // Level 2 goes one level further up on both sides: the district above both grassroots committees. Only the
      // transfer's own alerts count here: the screening case it opened has deadlines of its own, which may escalate
      // to the district within the same 60 days depending on the day the transfer was issued.
      const alerts = (
        await supervisorAlerts([ctx.f.orgs.otherGrassroots.id, ctx.f.orgs.grassroots.id, ctx.f.orgs.district.id])
      ).filter((n) => n.notificationKey.startsWith(`${ctx.handle.workflowId}:`));
      expect(
        alerts
          .filter((n) => n.recipientOrgId === ctx.f.orgs.district.id)
          .map((n) => n.notificationKey)
          .sort(),
      ).toEqual([
        `${ctx.handle.workflowId}:confirm_arrival:escalated:2`,
        `${ctx.handle.workflowId}:sending-escalated:2`,
      ]);
      expect(await screeningCases(ctx)).toHaveLength(1);
      expect(
        await h.db.dataSource.getRepository(AuditLogEntity).countBy({ action: 'screening.duplicate_skipped' }),
      ).toBe(1);
      expect(await transferRow(ctx)).toMatchObject({ status: 'issued', presentedOn: null });
      expect(
        (
          await h.db.dataSource
            .getRepository(HumanTaskEntity)
            .findOneByOrFail({ caseId: ctx.transferId, taskKey: 'confirm_arrival' })
        ).status,
      ).toBe('overdue');
      expect(
        (await h.db.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: ctx.memberId })).organisationId,
      ).toBe(ctx.f.orgs.cellA.id);
    });
  });

  it('should end a temporary transfer with the return confirmed by the sending cell after the period [R29]', async () => {
    await h.withWorker(async (base) => {
      const ctx = await issueTransfer(base, 'temporary', 3);
      await complete(ctx, 'confirm_arrival', 'secretaryA', 'presented', await arrival(ctx));
      // Records stay with the sending cell during a temporary transfer.
      expect(
        (await h.db.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: ctx.memberId })).organisationId,
      ).toBe(ctx.f.orgs.cellA.id);
      await eventually(async () => (await transferRow(ctx)).status === 'presented', 'arrival recorded');
      await h.env.sleep('95 days');
      const task = await waitForTask(h.db.dataSource, ctx.transferId, 'confirm_return');
      expect(task).toMatchObject({ assigneeOrgId: ctx.f.orgs.cellA.id, assigneeRole: 'cell_secretary' });
      const returnedOn = await today(ctx.env);
      await complete(ctx, 'confirm_return', 'secretaryA', 'returned', { returnedOn, receivedBy: 'Trần Văn Bình' });
      expect(await ctx.handle.result()).toEqual({ status: 'returned', presentedOn: ctx.issuedOn, returnedOn });
      expect(await transferRow(ctx)).toMatchObject({ status: 'returned', returnedOn, returnDue: expect.any(String) });
      expect(await audit(ctx, 'transfer.returned')).toMatchObject({ actorName: 'Trần Văn Bình' });
    });
  });

  it('issue 11 §3 [R30][R29]: should refuse an impossible or out-of-order arrival and return date in the validator, keeping the task open, then accept real dates in order', async () => {
    await h.withWorker(async (base) => {
      const ctx = await issueTransfer(base, 'temporary', 3);
      const refused = (field: string, reason: string | RegExp) => ({
        cause: {
          type: 'InvalidTaskData',
          details: [{ field, reason: typeof reason === 'string' ? reason : expect.stringMatching(reason) }],
        },
      });
      const arrive = (presentedOn: string) =>
        complete(ctx, 'confirm_arrival', 'secretaryA', 'presented', { presentedOn, receivedBy: 'Bí thư chi bộ' });
      await expect(arrive('2025-02-30')).rejects.toMatchObject(
        refused('data.presentedOn', 'phải là ngày có thật dạng YYYY-MM-DD'),
      );
      await expect(arrive(addDays(ctx.issuedOn, -1))).rejects.toMatchObject(refused('data.presentedOn', /\[R30\]\.$/));
      await expect(arrive(addDays(ctx.issuedOn, 1))).rejects.toMatchObject(
        refused('data.presentedOn', /sau ngày hôm nay/),
      );
      expect(await transferRow(ctx)).toMatchObject({ status: 'issued', presentedOn: null });
      await arrive(ctx.issuedOn);
      await eventually(async () => (await transferRow(ctx)).status === 'presented', 'arrival recorded');
      await h.env.sleep('95 days');
      const back = (returnedOn: string) =>
        complete(ctx, 'confirm_return', 'secretaryA', 'returned', { returnedOn, receivedBy: 'Trần Văn Bình' });
      const returnedOn = await today(ctx.env);
      await expect(back('9999-99-99')).rejects.toMatchObject(
        refused('data.returnedOn', 'phải là ngày có thật dạng YYYY-MM-DD'),
      );
      await expect(back(addDays(ctx.issuedOn, -1))).rejects.toMatchObject(refused('data.returnedOn', /\[R29\]\.$/));
      await expect(back(addDays(returnedOn, 1))).rejects.toMatchObject(refused('data.returnedOn', /sau ngày hôm nay/));
      expect(await transferRow(ctx)).toMatchObject({ status: 'presented', returnedOn: null });
      await back(returnedOn);
      expect(await ctx.handle.result()).toEqual({ status: 'returned', presentedOn: ctx.issuedOn, returnedOn });
    });
  });
});
