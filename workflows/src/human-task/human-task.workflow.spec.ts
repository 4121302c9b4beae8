import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  ADMISSION_PROCESS,
  completeTaskUpdate,
  deadlinePolicyChangedSignal,
  repromiseTaskUpdate,
  TASK_ERRORS,
} from '@partyflow/contracts';
import { addDays, computeTaskTimes, endOfLocalDay, localDateOf } from '@partyflow/domain';
import {
  AuditLogEntity,
  DeadlinePolicyEntity,
  DeadlinePolicyOverrideEntity,
  HumanTaskEntity,
  loadHolidayCalendar,
  NotificationEntity,
} from '@partyflow/persistence';
import {
  buildFixture,
  complete,
  currentTime,
  eventually,
  introducersData,
  lengthenPolicy,
  useAdmissionHarness,
  waitForTask,
} from '@partyflow/testing';
import { bundleWorkflows } from '../../../apps/worker/src/workflow-bundle';
import { cancelWaitUpdate } from './fixtures/cancelled-task';

// A time-skipping server and a PostgreSQL database per test, real activities (the admission harness).
const h = useAdmissionHarness();

describe('human-task helper: lengthening a deadline keeps an escalation (issue 7 §5)', () => {
  it('should keep an escalated opinion overdue at level 1 when its deadline is lengthened, audit that, and escalate level 2 from the new due date only', async () => {
    await h.withCase(async (ctx) => {
      const ds = ctx.db.dataSource;
      await complete(ctx, 'introducers', 'secretaryA', 'submitted', introducersData(ctx.f));
      await complete(ctx, 'background_check', 'grassroots1', 'cleared', {
        verifiedPersons: [{ relation: 'cha', fullName: 'Nguyễn Văn Tâm', conclusion: 'Tốt' }],
        conclusion: 'Rõ',
      });
      await complete(ctx, 'opinion_mass_org:doan_thanh_nien', 'secretaryA', 'favourable', {
        givenBy: 'Đoàn phường',
        summary: 'Tốt',
      });
      const opinion = await waitForTask(ds, ctx.caseId, 'opinion_residence');
      const tasks = ds.getRepository(HumanTaskEntity);
      // Just past the due date (level 1, notified to the grassroots supervisors), before level 2.
      await h.env.sleep(opinion.dueAt.getTime() - (await currentTime(h.env)) + 3_600_000);
      expect(await tasks.findOneByOrFail({ id: opinion.id })).toMatchObject({ status: 'overdue', escalationLevel: 1 });

      // An administrator lengthens the step's deadline by 20 working days; the running case learns of it.
      const version = await lengthenPolicy(ds, 'opinion_residence', 20, 'test');
      await ctx.handle.signal(deadlinePolicyChangedSignal, {
        process: ADMISSION_PROCESS,
        step: 'opinion_residence',
        version,
      });
      const audits = ds.getRepository(AuditLogEntity);
      await eventually(
        () => audits.findOneBy({ taskId: opinion.id, action: 'task.retimed' }),
        'the re-timing',
        20_000,
        50,
      );
      const retimed = await tasks.findOneByOrFail({ id: opinion.id });
      expect(retimed.dueAt.getTime()).toBeGreaterThan(await currentTime(h.env));
      // The escalation stands: the row and the audit say so, and the workflow's timers below act on it.
      expect(retimed).toMatchObject({ status: 'overdue', escalationLevel: 1, policyVersion: version });
      expect((await audits.findOneByOrFail({ taskId: opinion.id, action: 'task.retimed' })).details).toEqual({
        dueAtBefore: opinion.dueAt.toISOString(),
        dueAt: retimed.dueAt.toISOString(),
        policyVersion: version,
        policyOrgId: null,
        status: 'overdue',
        escalationLevel: 1,
      });
      expect(await audits.countBy({ taskId: opinion.id, action: 'task.escalated' })).toBe(1);

      // Level 1 is not sent again at the new due date; level 2 follows the new timing.
      await h.env.sleep(retimed.dueAt.getTime() - (await currentTime(h.env)) + 3_600_000);
      const escalations = await ds
        .getRepository(NotificationEntity)
        .findBy({ taskId: opinion.id, kind: 'task_escalated' });
      expect(escalations.map((n) => n.notificationKey.split(':').pop()).sort()).toEqual(['1']);
    });
  });
});

describe('human-task helper: a late step re-promised (issue 14 §3, phiếu hẹn lại)', () => {
  it('should move an overdue task to the promised date, notify the supervisors, keep level 1, and escalate level 2 at the promised date, not before', async () => {
    await h.withCase(async (ctx) => {
      const ds = ctx.db.dataSource;
      const tasks = ds.getRepository(HumanTaskEntity);
      const introducers = await waitForTask(ds, ctx.caseId, 'introducers');
      await h.env.sleep(introducers.dueAt.getTime() - (await currentTime(h.env)) + 3_600_000);
      expect(await tasks.findOneByOrFail({ id: introducers.id })).toMatchObject({
        status: 'overdue',
        escalationLevel: 1,
      });

      const dueDate = addDays(localDateOf(await currentTime(h.env)), 3);
      const answer = await ctx.handle.executeUpdate(repromiseTaskUpdate, {
        args: [
          {
            taskKey: 'introducers',
            dueDate,
            reason: 'Người giới thiệu đi công tác, về sau ba ngày',
            actor: { userId: ctx.f.users.secretaryA.id, name: 'Bí thư chi bộ A' },
          },
        ],
      });
      const promised = endOfLocalDay(dueDate);
      expect(answer).toEqual({
        taskId: introducers.id,
        taskKey: 'introducers',
        dueAtBefore: introducers.dueAt.toISOString(),
        dueAt: promised,
        repromiseCount: 1,
      });
      expect(await tasks.findOneByOrFail({ id: introducers.id })).toMatchObject({
        status: 'open',
        escalationLevel: 1,
        dueAt: new Date(promised),
        originalDueAt: introducers.dueAt,
        repromiseCount: 1,
        repromiseReason: 'Người giới thiệu đi công tác, về sau ba ngày',
      });
      const notifications = ds.getRepository(NotificationEntity);
      expect(
        (await notifications.findBy({ taskId: introducers.id, kind: 'task_repromised' })).map((n) => [
          n.recipientOrgId,
          n.recipientRole,
        ]),
      ).toEqual([[ctx.f.orgs.grassroots.id, 'supervisor']]);
      const audit = await ds
        .getRepository(AuditLogEntity)
        .findOneByOrFail({ taskId: introducers.id, action: 'task.repromised' });
      expect([audit.actorName, audit.comment]).toEqual([
        'Bí thư chi bộ A',
        'Người giới thiệu đi công tác, về sau ba ngày',
      ]);

      const escalated = async () =>
        (await notifications.findBy({ taskId: introducers.id, kind: 'task_escalated' }))
          .map((n) => n.notificationKey.split(':').pop())
          .sort();
      // An hour before the promised date: nothing more; an hour after it: level 2.
      await h.env.sleep(Date.parse(promised) - (await currentTime(h.env)) - 3_600_000);
      expect(await escalated()).toEqual(['1']);
      expect((await tasks.findOneByOrFail({ id: introducers.id })).status).toBe('open');
      await h.env.sleep(2 * 3_600_000);
      await eventually(async () => (await escalated()).length === 2, 'level 2 at the promised date', 20_000, 50);
      expect(await tasks.findOneByOrFail({ id: introducers.id })).toMatchObject({
        status: 'overdue',
        escalationLevel: 2,
      });
    });
  });
});

describe('human-task helper: the deadline policy of the task organisation (issue 11 §2)', () => {
  it("issue 11 §2: should time a task by its nearest ancestor's override and record it, not by a sibling's", async () => {
    await h.withCase(async (ctx) => {
      const ds = ctx.db.dataSource;
      const step = 'background_check';
      const national = await ds
        .getRepository(DeadlinePolicyEntity)
        .findOneByOrFail({ process: ADMISSION_PROCESS, step });
      const override = (organisationId: string, amount: number, version: number) => ({
        id: randomUUID(),
        organisationId,
        process: ADMISSION_PROCESS,
        step,
        dueAmount: amount,
        dueUnit: national.dueUnit,
        remindAmount: 1,
        remindUnit: national.remindUnit,
        escalateAmount: national.escalateAmount,
        escalateUnit: national.escalateUnit,
        maxEscalationLevel: national.maxEscalationLevel,
        source: 'Nghị quyết của cấp ủy',
        version,
        clearedAt: null,
        updatedBy: 'test',
      });
      // The district above the grassroots committee that does the check: 3 working days; a sibling committee: 1.
      const overrides = ds.getRepository(DeadlinePolicyOverrideEntity);
      await overrides.insert(override(ctx.f.orgs.district.id, 3, national.version + 1));
      await overrides.insert(override(ctx.f.orgs.otherGrassroots.id, 1, national.version + 2));

      await complete(ctx, 'introducers', 'secretaryA', 'submitted', introducersData(ctx.f));
      const task = await waitForTask(ds, ctx.caseId, 'background_check');
      const row = await ds.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id });
      const expected = computeTaskTimes({
        openedAt: row.openedAt.toISOString(),
        anchorAt: row.openedAt.toISOString(),
        policy: {
          process: ADMISSION_PROCESS,
          step,
          due: { amount: 3, unit: national.dueUnit },
          remindBefore: { amount: 1, unit: national.remindUnit },
          escalateEvery: { amount: national.escalateAmount, unit: national.escalateUnit },
          maxEscalationLevel: national.maxEscalationLevel,
          anchor: national.anchor,
          source: national.source,
        },
        holidays: await loadHolidayCalendar(ds.manager),
      });
      expect({ org: row.policyOrgId, version: row.policyVersion, dueAt: row.dueAt.toISOString() }).toEqual({
        org: ctx.f.orgs.district.id,
        version: national.version + 1,
        dueAt: expected.dueAt,
      });
      const opened = await ds.getRepository(AuditLogEntity).findOneByOrFail({ taskId: task.id, action: 'task.opened' });
      expect(opened.details).toMatchObject({
        policyOrgId: ctx.f.orgs.district.id,
        policyVersion: national.version + 1,
      });
    });
  });
});

describe('human-task helper: a task whose wait was cancelled is no longer open', () => {
  it('should refuse as not open a completion that arrives after the wait was cancelled while the workflow runs on', async () => {
    const ds = h.db.dataSource;
    const f = await buildFixture(ds, {});
    const bundle = await bundleWorkflows({
      workflowsPath: path.resolve(__dirname, 'fixtures/cancelled-task.ts'),
    });
    // The harness's worker: stopped after the test whatever happens (a worker of the test's own would go on polling
    // a stopped server after a timeout and hold Jest open).
    const { worker, taskQueue } = await h.createWorker('cancelled-task', { workflowBundle: bundle });
    await worker.runUntil(async () => {
      const assignee = { kind: 'role', orgId: f.orgs.cellA.id, role: 'cell_secretary' } as const;
      const caseId = randomUUID();
      const handle = await h.env.client.workflow.start('cancelledTaskWorkflow', {
        workflowId: 'cancelled-task-1',
        taskQueue,
        args: [{ caseId, assignee }],
      });
      await waitForTask(ds, caseId, 'introducers');
      // The task's row is written by the openTask activity before the workflow records its completion: cancel the
      // wait only once the workflow has it, so that the cancellation does not race the activity's completion (the
      // time-skipping server then failed the workflow task and never delivered the update). A case started now
      // opens its tasks with a local activity (issue 13 §5): its result is a marker in the history.
      await eventually(
        async () =>
          (await handle.fetchHistory()).events?.some(
            (e) =>
              e.activityTaskCompletedEventAttributes ||
              e.markerRecordedEventAttributes?.markerName === 'core_local_activity',
          )
            ? true
            : undefined,
        'the openTask activity completed in the history',
      );
      await handle.executeUpdate(cancelWaitUpdate);
      const refused = await handle
        .executeUpdate(completeTaskUpdate, {
          args: [
            {
              taskKey: 'introducers',
              outcome: 'withdrawn',
              data: {},
              actor: { userId: f.users.secretaryA.id, name: f.users.secretaryA.name },
            },
          ],
        })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: TASK_ERRORS.notOpen });
      expect((await ds.getRepository(HumanTaskEntity).findOneByOrFail({ caseId, taskKey: 'introducers' })).status).toBe(
        'open',
      );
      await handle.terminate('test over');
    });
  });
});
