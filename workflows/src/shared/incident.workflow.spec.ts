import { randomUUID } from 'node:crypto';
import { completeTaskUpdate, type Actor } from '@partyflow/contracts';
import {
  AdmissionCaseEntity,
  AuditLogEntity,
  HumanTaskEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@partyflow/persistence';
import {
  complete,
  throughAppraisal,
  today,
  useAdmissionHarness,
  waitForTask,
  type AdmissionCtx,
} from '@partyflow/testing';

/**
 * Issue 7 §2 "Retries that end, and incidents instead of silent failure", on the time-skipping
 * server with the real activities over a per-test PostgreSQL database. The failure is real: the
 * test installs a trigger in its own database that refuses the row an activity writes, with
 * SQLSTATE 23514 (check_violation, class 23), as the `ends_on >= decided_on` CHECK did in CI.
 */
// One time-skipping server for the file (no test here skips time) and a PostgreSQL database per test.
const h = useAdmissionHarness({ server: 'per-file' });

const refuseOn = async (table: string, condition: string, errcode = 'check_violation') => {
  await h.db.dataSource.query(`
    CREATE FUNCTION test_refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF ${condition} THEN
        RAISE EXCEPTION 'Dòng bị từ chối bởi kiểm thử' USING ERRCODE = '${errcode}', CONSTRAINT = 'test_refuse_row', TABLE = '${table}';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER test_refuse_row BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION test_refuse_row();`);
};
/** "The data is fixed": the trigger goes. */
const fixData = (table: string) =>
  h.db.dataSource.query(`DROP TRIGGER test_refuse_row ON ${table}; DROP FUNCTION test_refuse_row();`);

const addAdministrator = async (orgId: string): Promise<Actor> => {
  const id = randomUUID();
  await h.db.dataSource.getRepository(UserEntity).save({
    id,
    username: `admin-${id.slice(0, 8)}`,
    passwordHash: 'x',
    fullName: 'Quản trị Nguyễn Văn Khải',
    memberId: null,
  });
  await h.db.dataSource
    .getRepository(RoleAssignmentEntity)
    .save({ id: randomUUID(), userId: id, organisationId: orgId, role: 'administrator' });
  return { userId: id, name: 'Quản trị Nguyễn Văn Khải' };
};
const resolve = (
  ctx: AdmissionCtx,
  taskKey: string,
  outcome: string,
  actor: Actor,
  data: Record<string, unknown> = {},
) => ctx.handle.executeUpdate(completeTaskUpdate, { args: [{ taskKey, outcome, data, actor }] });
const incidents = (ctx: AdmissionCtx) =>
  h.db.dataSource.getRepository(HumanTaskEntity).findBy({ caseId: ctx.caseId, step: 'incident' });
const caseRow = (ctx: AdmissionCtx) =>
  h.db.dataSource.getRepository(AdmissionCaseEntity).findOneByOrFail({ id: ctx.caseId });
/**
 * How many times `activity` failed for good in the case's history: a scheduled activity's ActivityTaskFailed, or
 * (cases started after issue 13 §5) a local activity's marker with a failure.
 */
const failedAttempts = async (ctx: AdmissionCtx, activity: string) => {
  const { events } = await ctx.handle.fetchHistory();
  const scheduled = new Map(
    (events ?? [])
      .filter((e) => e.activityTaskScheduledEventAttributes)
      .map((e) => [String(e.eventId), e.activityTaskScheduledEventAttributes?.activityType?.name]),
  );
  const localType = (e: NonNullable<typeof events>[number]) => {
    const data = e.markerRecordedEventAttributes?.details?.data?.payloads?.[0]?.data;
    return data
      ? (JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: string }).activity_type
      : undefined;
  };
  return (events ?? []).filter(
    (e) =>
      (e.activityTaskFailedEventAttributes &&
        scheduled.get(String(e.activityTaskFailedEventAttributes.scheduledEventId)) === activity) ||
      (e.markerRecordedEventAttributes?.markerName === 'core_local_activity' &&
        e.markerRecordedEventAttributes.failure &&
        localType(e) === activity),
  ).length;
};

describe('incidents (sự cố) instead of endless retries or silent failure (issue 7 §2)', () => {
  it('issue 11 §3: should open one incident, not retry forever, when the database refuses the date recordMilestone writes (SQLSTATE 22008, as 2025-02-30 did), then record it after the data is fixed and the administrator retries', async () => {
    await h.withCase(async (ctx) => {
      const admin = await addAdministrator(ctx.f.orgs.district.id);
      await throughAppraisal(ctx);
      // "date/time field value out of range" is SQLSTATE 22008 (class 22, data exception).
      await refuseOn('admission_case', 'NEW.decided_on IS NOT NULL', 'datetime_field_overflow');
      const day = await today(ctx.env);
      await complete(ctx, 'decision', 'standing', 'admitted', { decisionNumber: '125-QĐ/QU', decidedOn: day });
      const incident = await waitForTask(ctx.db.dataSource, ctx.caseId, 'incident#1');
      expect(incident).toMatchObject({
        status: 'open',
        assigneeOrgId: ctx.f.orgs.district.id,
        assigneeRole: 'administrator',
      });
      expect(incident.payload).toMatchObject({
        step: 'decision',
        activity: 'recordMilestone',
        attempt: 1,
        skippable: false,
        error: {
          type: 'InvalidActivityInput',
          retryState: 'NON_RETRYABLE_FAILURE',
          details: [{ sqlState: '22008', table: 'admission_case', activity: 'recordMilestone' }],
        },
      });
      await new Promise((r) => setTimeout(r, 1500));
      expect(await failedAttempts(ctx, 'recordMilestone')).toBe(1);
      expect(await incidents(ctx)).toHaveLength(1);
      expect((await caseRow(ctx)).decidedOn).toBeNull();

      await fixData('admission_case');
      await resolve(ctx, 'incident#1', 'retry', admin);
      expect(await waitForTask(ctx.db.dataSource, ctx.caseId, 'ceremony')).toMatchObject({ status: 'open' });
      expect((await caseRow(ctx)).decidedOn).toBe(day);
    });
  });

  it('should open exactly one incident, not retry forever, when a constraint violation refuses a step record, then complete the step after the data is fixed and the administrator retries', async () => {
    await refuseOn('admission_case', "NEW.current_step = 'introducers'");
    await h.withCase(async (ctx) => {
      // The nearest organisation above the cell with an administrator is the district committee.
      const admin = await addAdministrator(ctx.f.orgs.district.id);
      const incident = await waitForTask(ctx.db.dataSource, ctx.caseId, 'incident#1');
      expect(incident).toMatchObject({
        process: 'admission',
        step: 'incident',
        status: 'open',
        assigneeOrgId: ctx.f.orgs.district.id,
        assigneeRole: 'administrator',
        allowedOutcomes: ['retry', 'skip', 'cancel'],
        title: 'Sự cố: Giới thiệu người vào Đảng (recordCaseStep): Dòng bị từ chối bởi kiểm thử',
      });
      expect(incident.payload).toEqual({
        step: 'introducers',
        orgId: ctx.f.orgs.cellA.id,
        activity: 'recordCaseStep',
        attempt: 1,
        skippable: true,
        error: {
          type: 'ConstraintViolation',
          message: 'Dòng bị từ chối bởi kiểm thử',
          retryState: 'NON_RETRYABLE_FAILURE',
          details: [
            { sqlState: '23514', constraint: 'test_refuse_row', table: 'admission_case', activity: 'recordCaseStep' },
          ],
        },
      });
      // One attempt, no retry loop; the case waits for the administrator instead of failing.
      await new Promise((r) => setTimeout(r, 1500));
      expect(await failedAttempts(ctx, 'recordCaseStep')).toBe(1);
      expect(await incidents(ctx)).toHaveLength(1);
      expect((await ctx.handle.describe()).status.name).toBe('RUNNING');
      expect((await caseRow(ctx)).currentStep).toBe('eligibility');

      await fixData('admission_case');
      expect(await resolve(ctx, 'incident#1', 'retry', admin)).toMatchObject({
        taskKey: 'incident#1',
        outcome: 'retry',
      });
      expect(await waitForTask(ctx.db.dataSource, ctx.caseId, 'introducers')).toMatchObject({
        status: 'open',
        assigneeRole: 'cell_secretary',
      });
      expect((await caseRow(ctx)).currentStep).toBe('introducers');
      expect(await incidents(ctx)).toEqual([
        expect.objectContaining({
          taskKey: 'incident#1',
          status: 'completed',
          outcome: 'retry',
          completedByName: 'Quản trị Nguyễn Văn Khải',
        }),
      ]);
      const audits = await h.db.dataSource
        .getRepository(AuditLogEntity)
        .findBy({ caseId: ctx.caseId, step: 'incident' });
      expect(audits.map((a) => [a.action, a.outcome, a.actorName]).sort()).toEqual([
        ['task.completed', 'retry', 'Quản trị Nguyễn Văn Khải'],
        ['task.opened', null, 'Hệ thống'],
      ]);
      expect((await ctx.handle.describe()).status.name).toBe('RUNNING');
    });
  });

  it('should skip a skippable step only with a reason, audited, and continue the case', async () => {
    await refuseOn('admission_case', "NEW.current_step = 'introducers'");
    await h.withCase(async (ctx) => {
      const admin = await addAdministrator(ctx.f.orgs.grassroots.id);
      expect(await waitForTask(ctx.db.dataSource, ctx.caseId, 'incident#1')).toMatchObject({
        assigneeOrgId: ctx.f.orgs.grassroots.id,
        assigneeRole: 'administrator',
      });
      await expect(resolve(ctx, 'incident#1', 'skip', admin)).rejects.toMatchObject({
        cause: { type: 'InvalidTaskData', message: 'data.reason: cần nêu lý do khi bỏ qua bước hoặc hủy hồ sơ' },
      });
      await resolve(ctx, 'incident#1', 'skip', admin, {
        reason: 'Bước ghi nhận bị lỗi dữ liệu, hồ sơ giấy đã cập nhật',
      });
      expect(await waitForTask(ctx.db.dataSource, ctx.caseId, 'introducers')).toMatchObject({ status: 'open' });
      // Skipped: the step record was not written, and the trigger is still there.
      expect((await caseRow(ctx)).currentStep).toBe('eligibility');
      const [done] = await h.db.dataSource
        .getRepository(AuditLogEntity)
        .findBy({ caseId: ctx.caseId, step: 'incident', action: 'task.completed' });
      expect(done).toMatchObject({
        outcome: 'skip',
        actorName: 'Quản trị Nguyễn Văn Khải',
        details: expect.objectContaining({ data: { reason: 'Bước ghi nhận bị lỗi dữ liệu, hồ sơ giấy đã cập nhật' } }),
      });
      expect(await incidents(ctx)).toHaveLength(1);
    });
  });

  it('should not offer skip on a step that cannot be skipped, and end the case as cancelled with the reason audited when the administrator cancels it', async () => {
    await refuseOn('audit_log', "NEW.action = 'case.eligibility_checked'");
    await h.withCase(async (ctx) => {
      // No administrator anywhere above the cell: the incident goes to the root organisation's.
      const incident = await waitForTask(ctx.db.dataSource, ctx.caseId, 'incident#1');
      expect(incident).toMatchObject({
        assigneeOrgId: ctx.f.orgs.province.id,
        assigneeRole: 'administrator',
        allowedOutcomes: ['retry', 'cancel'],
      });
      expect(incident.payload).toMatchObject({
        step: 'eligibility',
        activity: 'checkEligibility',
        skippable: false,
        error: { type: 'ConstraintViolation', details: [{ sqlState: '23514', table: 'audit_log' }] },
      });
      const admin = await addAdministrator(ctx.f.orgs.province.id);
      await expect(resolve(ctx, 'incident#1', 'skip', admin, { reason: 'Bỏ qua' })).rejects.toMatchObject({
        cause: { type: 'OutcomeNotAllowed' },
      });
      await expect(resolve(ctx, 'incident#1', 'cancel', admin, { reason: '  ' })).rejects.toMatchObject({
        cause: { type: 'InvalidTaskData' },
      });
      const reason = 'Hồ sơ lập trùng với hồ sơ giấy đã được xử lý';
      await resolve(ctx, 'incident#1', 'cancel', admin, { reason });

      expect(await ctx.handle.result()).toEqual({ status: 'cancelled', endStep: 'eligibility', reason });
      expect(await caseRow(ctx)).toMatchObject({
        status: 'cancelled',
        endStep: 'eligibility',
        endReason: reason,
        currentStep: null,
      });
      const ended = await h.db.dataSource
        .getRepository(AuditLogEntity)
        .findBy({ caseId: ctx.caseId, action: 'case.ended' });
      expect(ended).toEqual([expect.objectContaining({ outcome: 'cancelled', comment: reason, step: 'eligibility' })]);
      expect(await incidents(ctx)).toEqual([expect.objectContaining({ status: 'completed', outcome: 'cancel' })]);
      expect(await h.db.dataSource.getRepository(HumanTaskEntity).countBy({ caseId: ctx.caseId, status: 'open' })).toBe(
        0,
      );
      expect(await failedAttempts(ctx, 'checkEligibility')).toBe(1);
    });
  });
});
