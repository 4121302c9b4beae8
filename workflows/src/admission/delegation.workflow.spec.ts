import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  completeTaskUpdate,
  reassignTaskSignal,
  reassignTaskUpdate,
  TASK_ERRORS,
  type AdmissionResult,
} from '@partyflow/contracts';
import { createActivities } from '@partyflow/activities';
import { AuditLogEntity, DelegationGrantEntity, HumanTaskEntity, NotificationEntity } from '@partyflow/persistence';
import type { DataSource } from 'typeorm';
import {
  actor,
  afterCellVoteThroughAppraisal,
  complete,
  currentTime,
  eventually,
  throughAppraisal,
  throughCellVote,
  today,
  useAdmissionHarness,
  waitForTask,
  type AdmissionCtx,
} from '@partyflow/testing';

/**
 * Delegation of authority (ủy quyền) [seed:000][R5]: the decision goes to whoever holds the power
 * when the decision step opens; revocation moves an already open decision to the revoking committee.
 */
const DAY = 86_400_000;

async function grant(
  ctx: AdmissionCtx,
  { power, from, until }: { power: 'admission' | 'expulsion'; from: number; until: number },
): Promise<DelegationGrantEntity> {
  return ctx.db.dataSource.getRepository(DelegationGrantEntity).save({
    id: randomUUID(),
    grantorOrgId: ctx.f.orgs.district.id,
    granteeOrgId: ctx.f.orgs.grassroots.id,
    power,
    validFrom: new Date(from),
    validUntil: new Date(until),
    revokedAt: null,
    reason: 'Nghị quyết ủy quyền số 05-NQ/QU',
    grantedBy: 'Ngô Xuân Sơn',
    revokedBy: null,
    revokeReason: null,
  });
}

const decisionRow = (ds: DataSource, caseId: string) =>
  ds.getRepository(HumanTaskEntity).findOneByOrFail({ caseId, taskKey: 'decision' });

describe('delegation of admission decisions on the time-skipping server [seed:000][R5]', () => {
  // One time-skipping server for these tests (none of them skips time), a PostgreSQL database per test.
  const h = useAdmissionHarness({ server: 'per-file' });

  it('should move the open decision task to the standing committee of the revoking committee, with an audit note, and let the new assignee complete it when the grant is revoked while the task is open', async () => {
    await h.withCase(async (ctx) => {
      const now = await currentTime(h.env);
      const g = await grant(ctx, { power: 'admission', from: now - DAY, until: now + 365 * DAY });
      await throughAppraisal(ctx);
      await waitForTask(h.db.dataSource, ctx.caseId, 'decision');
      expect(await decisionRow(h.db.dataSource, ctx.caseId)).toMatchObject({
        assigneeOrgId: ctx.f.orgs.grassroots.id,
        assigneeRole: 'grassroots_committee_member',
        status: 'open',
      });

      // What POST /delegations/:id/revoke does: mark the grant revoked, then signal the case's workflow.
      await h.db.dataSource
        .getRepository(DelegationGrantEntity)
        .update(
          { id: g.id },
          { revokedAt: new Date(), revokedBy: 'Ngô Xuân Sơn', revokeReason: 'Đảng ủy chưa thực hiện đúng quy trình' },
        );
      const reason = 'Thu hồi ủy quyền: Đảng ủy chưa thực hiện đúng quy trình';
      await ctx.handle.signal(reassignTaskSignal, {
        taskKey: 'decision',
        assignee: { kind: 'role', orgId: ctx.f.orgs.district.id, role: 'standing_committee_member' },
        reason,
        actor: actor(ctx.f, 'standing'),
      });
      const moved = await eventually(async () => {
        const row = await decisionRow(h.db.dataSource, ctx.caseId);
        return row.assigneeOrgId === ctx.f.orgs.district.id ? row : undefined;
      }, 'the decision task moving to the district');
      expect(moved).toMatchObject({
        assigneeRole: 'standing_committee_member',
        status: 'open',
        orgPath: ctx.f.orgs.district.path,
      });
      const audit = await h.db.dataSource
        .getRepository(AuditLogEntity)
        .findOneByOrFail({ caseId: ctx.caseId, action: 'task.reassigned' });
      expect(audit).toMatchObject({ step: 'decision', comment: reason, actorName: 'Ngô Xuân Sơn' });
      expect(audit.details).toMatchObject({
        before: { orgId: ctx.f.orgs.grassroots.id, role: 'grassroots_committee_member' },
        after: { orgId: ctx.f.orgs.district.id, role: 'standing_committee_member' },
      });
      expect(
        await h.db.dataSource
          .getRepository(NotificationEntity)
          .countBy({ taskId: moved.id, recipientOrgId: ctx.f.orgs.district.id, kind: 'task_assigned' }),
      ).toBe(1);

      // The new assignee decides; the case proceeds to the ceremony.
      const day = await today(h.env);
      await complete(ctx, 'decision', 'standing', 'admitted', { decisionNumber: '130-QĐ/QU', decidedOn: day });
      expect(await decisionRow(h.db.dataSource, ctx.caseId)).toMatchObject({
        status: 'completed',
        completedByName: 'Ngô Xuân Sơn',
        outcome: 'admitted',
      });
      await waitForTask(h.db.dataSource, ctx.caseId, 'ceremony');
    });
  });

  it('should give admission decisions to the grassroots committee but keep expulsion with the superior when only admission is delegated', async () => {
    await h.withCase(async (ctx) => {
      const now = await currentTime(h.env);
      const g = await grant(ctx, { power: 'admission', from: now - DAY, until: now + 365 * DAY });
      await throughAppraisal(ctx);
      await waitForTask(h.db.dataSource, ctx.caseId, 'decision');
      expect(await decisionRow(h.db.dataSource, ctx.caseId)).toMatchObject({
        assigneeOrgId: ctx.f.orgs.grassroots.id,
        assigneeRole: 'grassroots_committee_member',
      });

      // The resolution activities against PostgreSQL, at the same instant, for each power.
      const acts = createActivities({ dataSource: h.db.dataSource });
      const at = new Date(await currentTime(h.env)).toISOString();
      const orgs = { grassrootsOrgId: ctx.f.orgs.grassroots.id, competentOrgId: ctx.f.orgs.district.id, at };
      expect(await acts.resolveAuthority({ power: 'admission', ...orgs })).toEqual({
        orgId: ctx.f.orgs.grassroots.id,
        role: 'grassroots_committee_member',
        delegated: true,
        grantId: g.id,
      });
      expect(await acts.resolveAuthority({ power: 'expulsion', ...orgs })).toEqual({
        orgId: ctx.f.orgs.district.id,
        role: 'standing_committee_member',
        delegated: false,
        grantId: null,
      });

      const day = await today(h.env);
      await complete(ctx, 'decision', 'grassroots1', 'admitted', { decisionNumber: '07-QĐ/ĐU', decidedOn: day });
      await waitForTask(h.db.dataSource, ctx.caseId, 'ceremony');
    });
  });

  it('should keep admission decisions with the superior when only expulsion is delegated', async () => {
    await h.withCase(async (ctx) => {
      const now = await currentTime(h.env);
      await grant(ctx, { power: 'expulsion', from: now - DAY, until: now + 365 * DAY });
      await throughAppraisal(ctx);
      await waitForTask(h.db.dataSource, ctx.caseId, 'decision');
      expect(await decisionRow(h.db.dataSource, ctx.caseId)).toMatchObject({
        assigneeOrgId: ctx.f.orgs.district.id,
        assigneeRole: 'standing_committee_member',
      });
    });
  });

  it('should answer the reassignment update with what moved, with the row already moved, and refuse a completion acting as the former assignee [issue 7 §4]', async () => {
    await h.withCase(async (ctx) => {
      const now = await currentTime(h.env);
      const g = await grant(ctx, { power: 'admission', from: now - DAY, until: now + 365 * DAY });
      await throughAppraisal(ctx);
      await waitForTask(h.db.dataSource, ctx.caseId, 'decision');
      const row = await decisionRow(h.db.dataSource, ctx.caseId);
      await h.db.dataSource
        .getRepository(DelegationGrantEntity)
        .update({ id: g.id }, { revokedAt: new Date(), revokedBy: 'Ngô Xuân Sơn', revokeReason: 'Thu hồi' });

      const ward = { kind: 'role', orgId: ctx.f.orgs.grassroots.id, role: 'grassroots_committee_member' } as const;
      const district = { kind: 'role', orgId: ctx.f.orgs.district.id, role: 'standing_committee_member' } as const;
      const answer = await ctx.handle.executeUpdate(reassignTaskUpdate, {
        args: [
          { taskKey: 'decision', assignee: district, reason: 'Thu hồi ủy quyền', actor: actor(ctx.f, 'standing') },
        ],
      });
      expect(answer).toEqual({ taskId: row.id, taskKey: 'decision', from: ward, to: district, moved: true });
      expect(await decisionRow(h.db.dataSource, ctx.caseId)).toMatchObject({
        assigneeOrgId: ctx.f.orgs.district.id,
        assigneeRole: 'standing_committee_member',
        status: 'open',
      });

      // The ward committee's completion, sent as it acted before the move, is refused by the validator.
      const day = await today(h.env);
      const data = { decisionNumber: '131-QĐ/QU', decidedOn: day };
      const stale = ctx.handle.executeUpdate(completeTaskUpdate, {
        args: [
          {
            taskKey: 'decision',
            outcome: 'admitted',
            data,
            actor: actor(ctx.f, 'grassroots1'),
            actingAs: { orgId: ward.orgId, role: ward.role, memberId: null },
          },
        ],
      });
      await expect(stale).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expect(stale).rejects.toMatchObject({ cause: { type: TASK_ERRORS.notAssignee } });
      expect(await decisionRow(h.db.dataSource, ctx.caseId)).toMatchObject({ status: 'open', outcome: null });

      const done = await ctx.handle.executeUpdate(completeTaskUpdate, {
        args: [
          {
            taskKey: 'decision',
            outcome: 'admitted',
            data,
            actor: actor(ctx.f, 'standing'),
            actingAs: { orgId: district.orgId, role: district.role, memberId: null },
          },
        ],
      });
      expect(done).toMatchObject({ taskId: row.id, outcome: 'admitted' });
      await waitForTask(h.db.dataSource, ctx.caseId, 'ceremony');
    });
  });
});

describe('delegation of admission decisions across an expiry on the time-skipping server [seed:000][R5]', () => {
  // A time-skipping server of its own per test: this one skips three weeks.
  const h = useAdmissionHarness();

  it('should route the decision to the superior standing committee when the grant expired before the decision step opened', async () => {
    await h.withCase(async (ctx) => {
      const start = await currentTime(h.env);
      await grant(ctx, { power: 'admission', from: start - 30 * DAY, until: start + 10 * DAY });
      const acts = createActivities({ dataSource: h.db.dataSource });
      const holderAt = (at: number) =>
        acts.resolveAdmissionAuthority({
          grassrootsOrgId: ctx.f.orgs.grassroots.id,
          competentOrgId: ctx.f.orgs.district.id,
          at: new Date(at).toISOString(),
        });
      expect((await holderAt(start)).delegated).toBe(true);

      await throughCellVote(ctx);
      // Three weeks pass on the workflow clock before the grassroots vote and the appraisal: the
      // grant expires meanwhile.
      await h.env.sleep('21 days');
      await afterCellVoteThroughAppraisal(ctx);
      await waitForTask(h.db.dataSource, ctx.caseId, 'decision');
      expect(await decisionRow(h.db.dataSource, ctx.caseId)).toMatchObject({
        assigneeOrgId: ctx.f.orgs.district.id,
        assigneeRole: 'standing_committee_member',
      });
      expect((await holderAt(await currentTime(h.env))).delegated).toBe(false);
      const day = await today(h.env);
      await complete(
        ctx,
        'decision',
        'standing',
        'rejected',
        { decisionNumber: '131-QĐ/QU', decidedOn: day },
        'Chưa đủ điều kiện',
      );
      expect((await ctx.handle.result()) as AdmissionResult).toMatchObject({ status: 'rejected', endStep: 'decision' });
    });
  });
});
