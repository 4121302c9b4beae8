import {
  addProgressNoteUpdate,
  fileAppealUpdate,
  SCREENING_ERRORS,
  screeningStateQuery,
  type ScreeningResult,
} from '@partyflow/contracts';
import { addDays, addWorkingDays, endOfLocalDay, yearMonthOf } from '@partyflow/domain';
import {
  AuditLogEntity,
  DelegationGrantEntity,
  DisciplineRecordEntity,
  HumanTaskEntity,
  loadHolidayCalendar,
  MemberEntity,
  NotificationEntity,
  ScreeningCaseEntity,
  ScreeningProgressNoteEntity,
} from '@partyflow/persistence';
import {
  actor,
  cellVote,
  complete,
  decisionVote,
  eventually,
  flagMember,
  startIntake,
  throughHelperAssignment,
  throughRemovalProposal,
  today,
  useProcessHarness,
  waitForTask,
  type CaseCtx,
} from '@partyflow/testing';

// A time-skipping server and a PostgreSQL database per test; the bundle once per file.
const h = useProcessHarness();

const member = (ctx: CaseCtx) => h.db.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: ctx.memberId });
const caseRow = (ctx: CaseCtx) =>
  h.db.dataSource.getRepository(ScreeningCaseEntity).findOneByOrFail({ id: ctx.caseId });
const audits = (ctx: CaseCtx, action: string) =>
  h.db.dataSource.getRepository(AuditLogEntity).findBy({ caseId: ctx.caseId, action });
const taskRow = (ctx: CaseCtx, taskKey: string) => waitForTask(h.db.dataSource, ctx.caseId, taskKey);
const fileAppeal = async (ctx: CaseCtx, grounds = 'Chi bộ chưa xem xét đầy đủ hoàn cảnh gia đình') =>
  ctx.handle.executeUpdate(fileAppealUpdate, {
    args: [{ filedOn: await today(ctx.env), grounds, actor: { userId: '', name: 'Đảng viên 6' } }],
  });

describe('screening workflow (HD 02-HD/BTCTƯ; DOMAIN.md §2) on the time-skipping server', () => {
  it('should close the case as dismissed with the reason, and open a flag only once per member and ground, when the cell committee dismisses it [R1]', async () => {
    await h.withWorker(async (base) => {
      const ctx = await flagMember(base, base.f.officialIds[5]);
      expect(ctx.intake.created).toBe(true);
      // A second flag on the same ground finds the open case instead of opening another.
      expect(await startIntake(base, ctx.memberId, 'not_completed_two_years')).toEqual({
        caseId: ctx.caseId,
        created: false,
      });
      expect(await h.db.dataSource.getRepository(ScreeningCaseEntity).countBy({ memberId: ctx.memberId })).toBe(1);

      await complete(ctx, 'screening_review', 'secretaryA', 'dismissed', {
        opinions: [],
        summary: 'Đã hoàn thành nhiệm vụ năm nay, không còn thuộc diện rà soát',
      });
      expect(await ctx.handle.result()).toMatchObject({ status: 'dismissed', endStep: 'screening_review' });
      expect(await caseRow(ctx)).toMatchObject({
        status: 'dismissed',
        currentStep: null,
        endReason: expect.stringContaining('không còn thuộc diện rà soát'),
      });
      const [done] = await audits(ctx, 'task.completed');
      expect(done).toMatchObject({
        step: 'screening_review',
        outcome: 'dismissed',
        actorName: 'Trần Văn Bình',
        process: 'screening',
      });
      expect(await audits(ctx, 'screening.duplicate_skipped')).toHaveLength(1);
      expect((await member(ctx)).status).toBe('official');
    });
  });

  it('should refuse a listing vote whose outcome contradicts ≥2/3 of official members (exempt excluded) and dismiss when the ballot fails [R1]', async () => {
    await h.withWorker(async (base) => {
      const ctx = await flagMember(base, base.f.officialIds[5]);
      await complete(ctx, 'screening_review', 'secretaryA', 'propose_listing', {
        opinions: [{ source: 'workplace', givenBy: 'Thủ trưởng cơ quan', summary: 'Vi phạm quy định nêu gương' }],
        summary: 'Đề nghị đưa vào danh sách',
      });
      await complete(ctx, 'screening_superior_direction', 'grassroots1', 'proceed', {
        directionRef: 'CV-15/ĐU',
        summary: 'Đồng ý',
      });
      // 10 official, 1 exempt → 9 counted; 5 yes < 6 required.
      await expect(
        complete(ctx, 'screening_listing_vote', 'secretaryA', 'listed', cellVote(5, 4)),
      ).rejects.toMatchObject({ cause: { type: 'InvalidTaskData', message: expect.stringMatching(/^outcome: /) } });
      await expect(
        complete(ctx, 'screening_listing_vote', 'secretaryA', 'listed', { ...cellVote(7, 2), secretBallot: false }),
      ).rejects.toMatchObject({ cause: { type: 'InvalidTaskData' } });
      await complete(ctx, 'screening_listing_vote', 'secretaryA', 'not_listed', cellVote(5, 4));
      expect(await ctx.handle.result()).toMatchObject({ status: 'dismissed', endStep: 'screening_listing_vote' });
      expect((await caseRow(ctx)).status).toBe('dismissed');
    });
  });

  it('should close the case as improved after the help period, with monthly reminders to the helper and the cell and progress notes taken only while it runs [R23][R24]', async () => {
    await h.withWorker(async (base) => {
      const ctx = await flagMember(base, base.f.officialIds[5]);
      const note = (month: string, text = 'Tham gia đầy đủ sinh hoạt chi bộ') =>
        ctx.handle.executeUpdate(addProgressNoteUpdate, {
          args: [{ month, note: text, actor: actor(ctx.f, 'secretaryA') }],
        });
      await expect(note(yearMonthOf(await today(ctx.env)))).rejects.toMatchObject({
        cause: { type: SCREENING_ERRORS.notAccepting },
      });
      await throughHelperAssignment(ctx);
      const month = yearMonthOf(await today(ctx.env));
      await eventuallyStep(ctx, 'screening_help_period');
      expect(await note(month)).toMatchObject({ month });
      // The refusal carries its typed code and field in the failure details (issue 7 §7).
      await expect(note(month, 'Ghi lần hai')).rejects.toMatchObject({
        cause: {
          type: SCREENING_ERRORS.invalid,
          message: `month: tháng ${month} đã có ghi nhận.`,
          details: [{ code: SCREENING_ERRORS.invalid, field: 'month', reason: `tháng ${month} đã có ghi nhận.` }],
        },
      });
      await expect(note('2019-01')).rejects.toMatchObject({ cause: { type: SCREENING_ERRORS.invalid } });
      await expect(note('2026-13x')).rejects.toMatchObject({ cause: { type: SCREENING_ERRORS.invalid } });

      await h.env.sleep('370 days');
      await taskRow(ctx, 'screening_assessment_vote');
      await expect(note(month)).rejects.toMatchObject({ cause: { type: SCREENING_ERRORS.notAccepting } });
      const reminders = await h.db.dataSource.getRepository(NotificationEntity).findBy({ kind: 'task_reminder' });
      const help = reminders.filter((n) => n.notificationKey.startsWith(`screening-${ctx.caseId}:help:`));
      expect(help.filter((n) => n.recipientMemberId === ctx.f.officialIds[0])).toHaveLength(11);
      expect(help.filter((n) => n.recipientRole === 'cell_secretary')).toHaveLength(11);

      // The vote counts "không tiến bộ"; 2 of 9 does not reach 2/3, so the member improved.
      await expect(
        complete(
          ctx,
          'screening_assessment_vote',
          'secretaryA',
          'improved',
          cellVote(2, 7, { proposedForm: 'strike_off' }),
        ),
      ).rejects.toMatchObject({
        cause: { type: 'InvalidTaskData', message: expect.stringMatching(/^data\.proposedForm/) },
      });
      await complete(ctx, 'screening_assessment_vote', 'secretaryA', 'improved', cellVote(2, 7));
      expect(await ctx.handle.result()).toMatchObject({ status: 'improved', endStep: 'screening_assessment_vote' });
      expect(await caseRow(ctx)).toMatchObject({ status: 'improved', removalForm: null });
      expect((await member(ctx)).status).toBe('official');
      const notes = await h.db.dataSource.getRepository(ScreeningProgressNoteEntity).findBy({ caseId: ctx.caseId });
      expect(notes).toEqual([expect.objectContaining({ month: `${month}-01`, recordedBy: 'Trần Văn Bình' })]);
      expect(await audits(ctx, 'screening.progress_noted')).toHaveLength(1);
    });
  });

  it('should strike the member off only when the appeal window of 30 working days passes without an appeal, decided by the standing committee (> 1/2) [R23][R24][R25]', async () => {
    await h.withWorker(async (base) => {
      const ctx = await flagMember(base, base.f.officialIds[5]);
      await throughRemovalProposal(ctx, 'strike_off');
      const decisionTask = await taskRow(ctx, 'screening_removal_decision');
      expect(decisionTask).toMatchObject({
        assigneeOrgId: ctx.f.orgs.district.id,
        assigneeRole: 'standing_committee_member',
      });
      const decision = await decisionVote(ctx, 5, 3);
      await complete(ctx, 'screening_removal_decision', 'standing', 'decided', decision);
      await eventuallyStep(ctx, 'screening_appeal_window');
      // The window: 30 working days after the decision day (weekends and recorded holidays
      // skipped), to the end of that day in Vietnam [R24].
      const holidays = await loadHolidayCalendar(h.db.dataSource.manager);
      const closesAt = endOfLocalDay(addWorkingDays({ from: decision.decidedOn, days: 30, holidays }));
      expect((await ctx.handle.query(screeningStateQuery)).appealClosesAt).toBe(closesAt);
      // Not final yet: the member keeps the status during the window.
      expect((await member(ctx)).status).toBe('official');
      const notices = await h.db.dataSource
        .getRepository(NotificationEntity)
        .findBy({ kind: 'case_notice', recipientMemberId: ctx.memberId });
      expect(notices.map((n) => n.message).join()).toMatch(/88-QĐ\/QU.*Xóa tên/);
      // Awaiting the result lets the server skip time to the end of the appeal window.
      const result = (await ctx.handle.result()) as ScreeningResult;
      expect(result).toMatchObject({ status: 'removed', removalForm: 'strike_off' });
      expect(await caseRow(ctx)).toMatchObject({ status: 'removed', removalForm: 'strike_off' });
      expect((await member(ctx)).status).toBe('removed');
      const removed = await audits(ctx, 'screening.member_removed');
      expect(removed).toHaveLength(1);
      // Removed when the window closed, not before.
      expect(removed[0].at.getTime()).toBeGreaterThanOrEqual(Date.parse(closesAt));
      expect(await h.db.dataSource.getRepository(DisciplineRecordEntity).countBy({ memberId: ctx.memberId })).toBe(0);
    });
  });

  it('should expel at once through a grassroots committee holding the delegated expulsion power (2/3), never the cell, and make it final after one month [R26][R27][seed:000]', async () => {
    await h.withWorker(async (base) => {
      await h.db.dataSource.getRepository(DelegationGrantEntity).insert({
        id: '00000000-0000-4000-8000-000000000002',
        grantorOrgId: base.f.orgs.district.id,
        granteeOrgId: base.f.orgs.grassroots.id,
        power: 'expulsion',
        validFrom: new Date('2020-01-01'),
        validUntil: null,
        revokedAt: null,
        reason: 'Ủy quyền thi hành kỷ luật khai trừ',
      });
      const ctx = await flagMember(base, base.f.officialIds[5]);
      await throughRemovalProposal(ctx, 'expel');
      expect(await taskRow(ctx, 'screening_removal_decision')).toMatchObject({
        assigneeOrgId: ctx.f.orgs.grassroots.id,
        assigneeRole: 'grassroots_committee_member',
      });
      // 2 of 3 committee members reach 2/3; 1 of 3 would not.
      await expect(
        complete(ctx, 'screening_removal_decision', 'grassroots1', 'decided', await decisionVote(ctx, 3, 1)),
      ).rejects.toMatchObject({ cause: { type: 'InvalidTaskData' } });
      await complete(ctx, 'screening_removal_decision', 'grassroots1', 'decided', await decisionVote(ctx, 3, 2));
      await eventuallyStep(ctx, 'screening_appeal_window');
      expect((await member(ctx)).status).toBe('removed');
      expect(await h.db.dataSource.getRepository(DisciplineRecordEntity).findBy({ memberId: ctx.memberId })).toEqual([
        expect.objectContaining({ form: 'expulsion', endsOn: null, decidedBy: 'grassroots_committee' }),
      ]);
      // Awaiting the result lets the server skip time to the end of the appeal window.
      expect(await ctx.handle.result()).toMatchObject({ status: 'removed', removalForm: 'expel' });
      expect(await caseRow(ctx)).toMatchObject({ status: 'removed', removalForm: 'expel' });
    });
  });

  it('should allow the member to leave by decision of the competent committee, final after the appeal window [A]', async () => {
    await h.withWorker(async (base) => {
      const ctx = await flagMember(base, base.f.officialIds[5]);
      await throughRemovalProposal(ctx, 'release');
      await complete(ctx, 'screening_removal_decision', 'standing', 'decided', await decisionVote(ctx, 5, 4));
      await eventuallyStep(ctx, 'screening_appeal_window');
      expect((await member(ctx)).status).toBe('official');
      // Awaiting the result lets the server skip time to the end of the appeal window.
      expect(await ctx.handle.result()).toMatchObject({ status: 'removed', removalForm: 'release' });
      expect((await member(ctx)).status).toBe('removed');
    });
  });

  it('should restore an expelled member and keep the case when the appeal to the next committee up is upheld [R26]', async () => {
    await h.withWorker(async (base) => {
      const ctx = await flagMember(base, base.f.officialIds[5]);
      await throughRemovalProposal(ctx, 'expel');
      expect(await taskRow(ctx, 'screening_removal_decision')).toMatchObject({
        assigneeOrgId: ctx.f.orgs.district.id,
        assigneeRole: 'standing_committee_member',
      });
      await complete(ctx, 'screening_removal_decision', 'standing', 'decided', await decisionVote(ctx, 5, 3));
      await eventuallyStep(ctx, 'screening_appeal_window');
      expect((await member(ctx)).status).toBe('removed');
      expect(await fileAppeal(ctx)).toMatchObject({ taskKey: 'screening_appeal_review' });
      const appealTask = await taskRow(ctx, 'screening_appeal_review');
      expect(appealTask).toMatchObject({
        assigneeOrgId: ctx.f.orgs.province.id,
        assigneeRole: 'standing_committee_member',
      });
      await complete(ctx, 'screening_appeal_review', 'standing', 'upheld', {
        answerRef: 'TB-07/TU',
        summary: 'Chưa đủ căn cứ khai trừ',
      });
      expect(await ctx.handle.result()).toMatchObject({ status: 'kept', endStep: 'screening_appeal_review' });
      expect((await member(ctx)).status).toBe('official');
      expect(await caseRow(ctx)).toMatchObject({ status: 'kept' });
      expect((await audits(ctx, 'screening.appeal_filed'))[0]).toMatchObject({ actorName: 'Đảng viên 6' });
      expect(
        (await h.db.dataSource.getRepository(DisciplineRecordEntity).findOneByOrFail({ memberId: ctx.memberId }))
          .endsOn,
      ).not.toBeNull();
    });
  });

  it('should refuse an appeal before a decision or a second one, and remove the member when the appeal is rejected [R24]', async () => {
    await h.withWorker(async (base) => {
      const ctx = await flagMember(base, base.f.officialIds[5]);
      await expect(fileAppeal(ctx)).rejects.toMatchObject({ cause: { type: SCREENING_ERRORS.notAccepting } });
      await throughRemovalProposal(ctx, 'strike_off');
      await complete(ctx, 'screening_removal_decision', 'standing', 'decided', await decisionVote(ctx, 5, 3));
      await eventuallyStep(ctx, 'screening_appeal_window');
      await expect(
        ctx.handle.executeUpdate(fileAppealUpdate, {
          args: [{ filedOn: await today(ctx.env), grounds: ' ', actor: { userId: '', name: 'Đảng viên 6' } }],
        }),
      ).rejects.toMatchObject({
        cause: { type: SCREENING_ERRORS.invalid, message: expect.stringMatching(/^grounds: /) },
      });
      await fileAppeal(ctx);
      await expect(fileAppeal(ctx, 'Lần hai')).rejects.toMatchObject({
        cause: { type: SCREENING_ERRORS.notAccepting },
      });
      expect((await member(ctx)).status).toBe('official');
      await complete(ctx, 'screening_appeal_review', 'standing', 'rejected', {
        answerRef: 'TB-08/TU',
        summary: 'Giữ nguyên quyết định xóa tên',
      });
      expect(await ctx.handle.result()).toMatchObject({
        status: 'removed',
        endStep: 'screening_appeal_review',
        removalForm: 'strike_off',
      });
      expect((await member(ctx)).status).toBe('removed');
      const tasks = await h.db.dataSource.getRepository(HumanTaskEntity).findBy({ caseId: ctx.caseId });
      expect(tasks.every((t) => t.status === 'completed')).toBe(true);
    });
  });

  it('issue 11 §3 [R23][R24][R26]: should refuse an impossible or out-of-order removal decision date and appeal date in the validators, keeping the task open, then accept real dates in order', async () => {
    await h.withWorker(async (base) => {
      const ctx = await flagMember(base, base.f.officialIds[5]);
      await throughRemovalProposal(ctx, 'strike_off');
      const day = await today(ctx.env);
      const decide = async (decidedOn: string) =>
        complete(ctx, 'screening_removal_decision', 'standing', 'decided', {
          ...(await decisionVote(ctx, 5, 3)),
          decidedOn,
        });
      await expect(decide('2025-02-30')).rejects.toMatchObject({
        cause: {
          type: 'InvalidTaskData',
          details: [{ field: 'data.decidedOn', reason: 'phải là ngày có thật dạng YYYY-MM-DD' }],
        },
      });
      await expect(decide(addDays(day, -1))).rejects.toMatchObject({
        cause: {
          type: 'InvalidTaskData',
          details: [{ field: 'data.decidedOn', reason: expect.stringMatching(/\[R23\]\[R24\]\.$/) }],
        },
      });
      await expect(decide(addDays(day, 1))).rejects.toMatchObject({
        cause: {
          type: 'InvalidTaskData',
          details: [{ field: 'data.decidedOn', reason: expect.stringMatching(/sau ngày hôm nay/) }],
        },
      });
      expect((await taskRow(ctx, 'screening_removal_decision')).status).toBe('open');
      await decide(day);
      await eventuallyStep(ctx, 'screening_appeal_window');
      const appeal = (filedOn: string) =>
        ctx.handle.executeUpdate(fileAppealUpdate, {
          args: [{ filedOn, grounds: 'Chưa xem xét hoàn cảnh', actor: { userId: '', name: 'Đảng viên 6' } }],
        });
      await expect(appeal('2025-02-30')).rejects.toMatchObject({
        cause: {
          type: SCREENING_ERRORS.invalid,
          details: [{ field: 'filedOn', reason: 'phải là ngày có thật dạng YYYY-MM-DD' }],
        },
      });
      await expect(appeal(addDays(day, -1))).rejects.toMatchObject({
        cause: {
          type: SCREENING_ERRORS.invalid,
          details: [{ field: 'filedOn', reason: expect.stringMatching(/\[R24\]\[R26\]\.$/) }],
        },
      });
      await expect(appeal(addDays(day, 1))).rejects.toMatchObject({
        cause: {
          type: SCREENING_ERRORS.invalid,
          details: [{ field: 'filedOn', reason: expect.stringMatching(/sau ngày hôm nay/) }],
        },
      });
      expect(await ctx.handle.query(screeningStateQuery)).toMatchObject({ currentStep: 'screening_appeal_window' });
      expect(await appeal(day)).toMatchObject({ taskKey: 'screening_appeal_review' });
      expect(await caseRow(ctx)).toMatchObject({ currentStep: expect.stringMatching(/^screening_appeal/) });
    });
  });
});

async function eventuallyStep(ctx: CaseCtx, step: string): Promise<void> {
  await eventually(
    async () =>
      (await h.db.dataSource.getRepository(ScreeningCaseEntity).findOneByOrFail({ id: ctx.caseId })).currentStep ===
      step,
    `the case reaching ${step}`,
    20_000,
  );
}
