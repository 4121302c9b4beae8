import { AuditLogEntity, HumanTaskEntity, MemberEntity, ScreeningCaseEntity } from '@partyflow/persistence';
import {
  complete,
  decisionVote,
  eventually,
  flagMember,
  throughRemovalProposal,
  useProcessHarness,
  waitForTask,
} from '@partyflow/testing';

/**
 * Issue 7 §2 in a case that lives for months (screening, HD 02-HD/BTCTƯ): the final effect on the
 * member is refused by the database (a trigger in this test's own database raising SQLSTATE
 * 23514). The case neither fails nor retries forever: it opens an incident, and the
 * administrator's 'cancel' ends it as cancelled through its normal end-case activity.
 */
const h = useProcessHarness();

describe('incidents in a screening case (issue 7 §2)', () => {
  it('should open an incident when striking the member off is refused, and end the case as cancelled with the reason audited when the administrator cancels it', async () => {
    await h.withWorker(async (base) => {
      const ctx = await flagMember(base, base.f.officialIds[5]);
      await throughRemovalProposal(ctx, 'strike_off');
      await complete(ctx, 'screening_removal_decision', 'standing', 'decided', await decisionVote(ctx, 5, 3));
      await eventually(
        async () =>
          (await h.db.dataSource.getRepository(ScreeningCaseEntity).findOneByOrFail({ id: ctx.caseId })).currentStep ===
          'screening_appeal_window',
        'the appeal window',
      );
      await h.db.dataSource.query(`
        CREATE FUNCTION test_refuse_removal() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.status = 'removed' THEN RAISE EXCEPTION 'Không ghi được trạng thái đảng viên (kiểm thử)' USING ERRCODE = 'check_violation', TABLE = 'member'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER test_refuse_removal BEFORE UPDATE ON member FOR EACH ROW EXECUTE FUNCTION test_refuse_removal();`);
      // Past the 30-working-day appeal window with no appeal: the removal takes effect, and is refused.
      await h.env.sleep('60 days');
      const incident = await waitForTask(h.db.dataSource, ctx.caseId, 'incident#1');
      // Opened when the window closed (30 working days); its own 2 working days have passed within the 60 skipped days.
      expect(incident).toMatchObject({
        process: 'screening',
        step: 'incident',
        status: 'overdue',
        assigneeOrgId: ctx.f.orgs.province.id,
        assigneeRole: 'administrator',
        allowedOutcomes: ['retry', 'cancel'],
      });
      expect(incident.payload).toMatchObject({
        step: 'screening_removal_decision',
        orgId: ctx.f.orgs.cellA.id,
        activity: 'applyMemberStatus',
        skippable: false,
        error: {
          type: 'ConstraintViolation',
          message: 'Không ghi được trạng thái đảng viên (kiểm thử)',
          details: [{ sqlState: '23514', table: 'member', activity: 'applyMemberStatus' }],
        },
      });
      expect((await ctx.handle.describe()).status.name).toBe('RUNNING');

      const reason = 'Quyết định xóa tên bị thu hồi; hồ sơ được lập lại';
      await complete(ctx, 'incident#1', 'supervisorHM', 'cancel', { reason });
      expect(await ctx.handle.result()).toEqual({ status: 'cancelled', endStep: 'screening_removal_decision', reason });
      expect(
        await h.db.dataSource.getRepository(ScreeningCaseEntity).findOneByOrFail({ id: ctx.caseId }),
      ).toMatchObject({ status: 'cancelled', endReason: reason, removalForm: 'strike_off', currentStep: null });
      expect((await h.db.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: ctx.memberId })).status).toBe(
        'official',
      );
      const audits = await h.db.dataSource.getRepository(AuditLogEntity).findBy({ caseId: ctx.caseId });
      expect(audits.filter((a) => a.action === 'case.ended').map((a) => [a.outcome, a.comment, a.step])).toEqual([
        ['cancelled', reason, 'screening_removal_decision'],
      ]);
      expect(
        audits
          .filter((a) => a.step === 'incident' && a.action === 'task.completed')
          .map((a) => [a.outcome, a.actorName]),
      ).toEqual([['cancel', 'Dương Hữu Nam']]);
      expect(await h.db.dataSource.getRepository(HumanTaskEntity).countBy({ caseId: ctx.caseId, status: 'open' })).toBe(
        0,
      );
    });
  });
});
