import { WorkflowNotFoundError } from '@temporalio/client';
import { In, Not } from 'typeorm';
import { admissionStateQuery, completeTaskUpdate, type AdmissionResult } from '@partyflow/contracts';
import { addDays, addMonths } from '@partyflow/domain';
import {
  AdmissionCaseEntity,
  AuditLogEntity,
  DelegationGrantEntity,
  HumanTaskEntity,
  MemberEntity,
  NotificationEntity,
} from '@partyflow/persistence';
import {
  actor,
  complete,
  recognitionVote,
  ROSTER as roster,
  throughAppraisal,
  throughCellVote,
  throughCeremony,
  today,
  useAdmissionHarness,
  waitForTask,
} from '@partyflow/testing';

// A time-skipping server and a PostgreSQL database per test; the bundle once per file.
const h = useAdmissionHarness();
const withCase = h.withCase;

describe('admission workflow (QĐ 24-QĐ/TW, HD 12-HD/BTCTW; DOMAIN.md §3) on the time-skipping server', () => {
  it('should reach official membership after the 12-month probation when every step passes [R17][R18][R4]', async () => {
    await withCase(async (ctx) => {
      const ceremonyOn = await throughCeremony(ctx);
      const officialOn = addMonths(ceremonyOn, 12);
      expect(
        (await h.db.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: ctx.f.candidateId })).status,
      ).toBe('probationary');
      await h.env.sleep('400 days');
      await complete(ctx, 'recognition_cell_vote', 'secretaryA', 'recognised', recognitionVote(9, 0));
      await complete(ctx, 'recognition_decision', 'standing', 'recognised', { decisionNumber: '45-QĐ/QU' });
      const result = (await ctx.handle.result()) as AdmissionResult;
      // Effective date is month 12 after the ceremony, even though the vote came later [R4][R6].
      expect(result).toMatchObject({ status: 'official', officialOn });
      const member = await h.db.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: ctx.f.candidateId });
      expect(member).toMatchObject({ status: 'official', officialSince: officialOn, joinedOn: ceremonyOn });
      const c = await h.db.dataSource.getRepository(AdmissionCaseEntity).findOneByOrFail({ id: ctx.caseId });
      expect(c).toMatchObject({ status: 'official', endStep: 'recognition_decision' });
      const completed = await h.db.dataSource
        .getRepository(AuditLogEntity)
        .findBy({ caseId: ctx.caseId, action: 'task.completed' });
      expect(completed.map((a) => a.step)).toEqual(
        expect.arrayContaining([
          'introducers',
          'background_check',
          'opinion_residence',
          'cell_vote',
          'decision',
          'ceremony',
          'recognition_cell_vote',
          'recognition_decision',
        ]),
      );
      expect(completed.every((a) => a.actorName && a.at)).toBe(true);
    });
  });

  it('should end the case at eligibility, naming the rule and its source, when the candidate is under 18 [QĐ 24 §1.1]', async () => {
    await withCase(
      async (ctx) => {
        const result = (await ctx.handle.result()) as AdmissionResult;
        expect(result.status).toBe('rejected');
        expect(result.endStep).toBe('eligibility');
        expect(result.reason).toMatch(/QĐ 24/);
        expect(await h.db.dataSource.getRepository(HumanTaskEntity).countBy({ caseId: ctx.caseId })).toBe(0);
      },
      { candidate: { birthDate: '2010-01-01' } },
    );
  });

  it('should reject at the cell vote when fewer than 2/3 of official members (exempt excluded) approve, and refuse an outcome that contradicts the counts [R13][R14]', async () => {
    await withCase(async (ctx) => {
      const [i1, i2] = ctx.f.officialIds;
      await complete(ctx, 'introducers', 'secretaryA', 'submitted', {
        introducers: [
          { memberId: i1, monthsAlongside: 14 },
          { memberId: i2, monthsAlongside: 24 },
        ],
      });
      await complete(ctx, 'background_check', 'grassroots1', 'cleared', {
        verifiedPersons: [{ relation: 'mẹ', fullName: 'Trần Thị Lan', conclusion: 'Tốt' }],
        conclusion: 'Rõ ràng',
      });
      await complete(ctx, 'opinion_residence', 'committeeB', 'favourable', { givenBy: 'Lê Thị Mai', summary: 'Tốt' });
      await complete(ctx, 'opinion_mass_org:doan_thanh_nien', 'secretaryA', 'favourable', {
        givenBy: 'Đoàn phường',
        summary: 'Tốt',
      });
      // 10 official, 1 exempt → 9 eligible; 5 yes < 6 required.
      await expect(
        complete(ctx, 'cell_vote', 'secretaryA', 'approved', { roster, votes: { yes: 5, no: 4 }, minutesRef: 'BB-02' }),
      ).rejects.toMatchObject({ cause: { type: 'InvalidTaskData', message: expect.stringMatching(/^outcome: /) } });
      await complete(
        ctx,
        'cell_vote',
        'secretaryA',
        'rejected',
        { roster, votes: { yes: 5, no: 4 }, minutesRef: 'BB-02' },
        'Chưa đủ 2/3',
      );
      const result = (await ctx.handle.result()) as AdmissionResult;
      expect(result).toMatchObject({ status: 'rejected', endStep: 'cell_vote' });
      expect(result.reason).toContain('Chưa đủ 2/3');
    });
  });

  it('should reject at appraisal when the organisation department does not endorse [seed:001]', async () => {
    await withCase(async (ctx) => {
      await throughCellVote(ctx);
      await complete(ctx, 'grassroots_vote', 'grassroots1', 'approved', {
        roster: { official: 3, exempt: 0 },
        votes: { yes: 3, no: 0 },
        resolutionRef: 'NQ-12',
      });
      await complete(
        ctx,
        'appraisal',
        'orgDept',
        'not_endorsed',
        { summary: 'Thiếu xác minh' },
        'Hồ sơ thiếu xác minh lý lịch bên chồng',
      );
      expect(await ctx.handle.result()).toMatchObject({ status: 'rejected', endStep: 'appraisal' });
    });
  });

  it('should reject at the decision and refuse a second completion of the same task as not open [R5]', async () => {
    await withCase(async (ctx) => {
      await throughAppraisal(ctx);
      await complete(
        ctx,
        'decision',
        'standing',
        'rejected',
        { decisionNumber: '126-QĐ/QU', decidedOn: await today(ctx.env) },
        'Chưa đủ điều kiện',
      );
      await expect(
        ctx.handle.executeUpdate(completeTaskUpdate, {
          args: [
            {
              taskKey: 'decision',
              outcome: 'admitted',
              data: { decisionNumber: 'x', decidedOn: await today(ctx.env) },
              actor: actor(ctx.f, 'standing'),
            },
          ],
        }),
      ).rejects.toBeInstanceOf(WorkflowNotFoundError);
      // The rejection closes the case in the workflow task of the completion itself (its bookkeeping runs as local
      // activities, issue 13 §5): a second completion finds the case closed (the API's 409 CASE_CLOSED).
      expect(await ctx.handle.result()).toMatchObject({ status: 'rejected', endStep: 'decision' });
    });
  });

  it('should escalate an overdue residence-cell opinion to the parent organisation supervisors and proceed once it arrives (ARCHITECTURE.md human-task pattern)', async () => {
    await withCase(async (ctx) => {
      const [i1, i2] = ctx.f.officialIds;
      await complete(ctx, 'introducers', 'secretaryA', 'submitted', {
        introducers: [
          { memberId: i1, monthsAlongside: 14 },
          { memberId: i2, monthsAlongside: 24 },
        ],
      });
      await complete(ctx, 'background_check', 'grassroots1', 'cleared', {
        verifiedPersons: [{ relation: 'cha', fullName: 'X', conclusion: 'Tốt' }],
        conclusion: 'Rõ',
      });
      await complete(ctx, 'opinion_mass_org:doan_thanh_nien', 'secretaryA', 'favourable', {
        givenBy: 'Đoàn phường',
        summary: 'Tốt',
      });
      const opinion = await waitForTask(h.db.dataSource, ctx.caseId, 'opinion_residence');
      await h.env.sleep('40 days');
      const notes = await h.db.dataSource
        .getRepository(NotificationEntity)
        .findBy({ taskId: opinion.id, kind: Not('task_assigned') });
      expect(notes.map((n) => n.kind).sort()).toEqual(['task_escalated', 'task_escalated', 'task_reminder']);
      const level1 = notes.find((n) => n.notificationKey.endsWith(':escalated:1'));
      expect(level1).toMatchObject({ recipientOrgId: ctx.f.orgs.grassroots.id, recipientRole: 'supervisor' });
      const level2 = notes.find((n) => n.notificationKey.endsWith(':escalated:2'));
      expect(level2).toMatchObject({ recipientOrgId: ctx.f.orgs.district.id, recipientRole: 'supervisor' });
      expect(await h.db.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: opinion.id })).toMatchObject({
        status: 'overdue',
        escalationLevel: 2,
      });
      await complete(ctx, 'opinion_residence', 'committeeB', 'favourable', {
        givenBy: 'Lê Thị Mai',
        summary: 'Muộn nhưng tốt',
      });
      await waitForTask(h.db.dataSource, ctx.caseId, 'cell_vote');
      expect(await ctx.handle.query(admissionStateQuery)).toMatchObject({ currentStep: 'cell_vote' });
      const done = await h.db.dataSource
        .getRepository(AuditLogEntity)
        .findOneByOrFail({ taskId: opinion.id, action: 'task.completed' });
      expect(done.details).toMatchObject({ onTime: false });
    });
  });

  it('should route the decision to the grassroots committee while it holds delegated admission authority [seed:000]', async () => {
    await withCase(async (ctx) => {
      await h.db.dataSource.getRepository(DelegationGrantEntity).insert({
        id: '00000000-0000-4000-8000-000000000001',
        grantorOrgId: ctx.f.orgs.district.id,
        granteeOrgId: ctx.f.orgs.grassroots.id,
        power: 'admission',
        validFrom: new Date('2020-01-01'),
        validUntil: null,
        revokedAt: null,
        reason: 'Ủy quyền kết nạp đảng viên',
      });
      await throughAppraisal(ctx);
      const decision = await waitForTask(h.db.dataSource, ctx.caseId, 'decision');
      expect(decision).toMatchObject({
        assigneeOrgId: ctx.f.orgs.grassroots.id,
        assigneeRole: 'grassroots_committee_member',
      });
      // Issue 14 §1: the row keeps the case event its deadline counts from, the cell's resolution (a preview reads it).
      const cellVote = await h.db.dataSource
        .getRepository(HumanTaskEntity)
        .findOneByOrFail({ caseId: ctx.caseId, step: 'cell_vote' });
      expect(decision.anchorAt?.toISOString()).toBe(cellVote.completedAt?.toISOString());
      await complete(ctx, 'decision', 'grassroots2', 'rejected', {
        decisionNumber: '9-QĐ/ĐU',
        decidedOn: await today(ctx.env),
      });
      expect(await ctx.handle.result()).toMatchObject({ status: 'rejected', endStep: 'decision' });
    });
  });

  it('should propose striking off a probationary member whom the cell does not recognise [R25]', async () => {
    await withCase(async (ctx) => {
      await throughCeremony(ctx);
      await h.env.sleep('370 days');
      await complete(
        ctx,
        'recognition_cell_vote',
        'secretaryA',
        'not_recognised',
        recognitionVote(1, 8),
        'Vi phạm tư cách đảng viên',
      );
      const result = (await ctx.handle.result()) as AdmissionResult;
      expect(result.status).toBe('not_recognised');
      expect(result.reason).toMatch(/xóa tên/);
    });
  });

  it('should escalate recognition to the superior committee after three inconclusive cell votes [R4][R6]', async () => {
    await withCase(async (ctx) => {
      await throughCeremony(ctx);
      await h.env.sleep('370 days');
      await complete(ctx, 'recognition_cell_vote', 'secretaryA', 'inconclusive', recognitionVote(5, 4));
      await complete(ctx, 'recognition_cell_vote#2', 'secretaryA', 'inconclusive', recognitionVote(4, 4));
      await complete(ctx, 'recognition_cell_vote#3', 'secretaryA', 'inconclusive', recognitionVote(5, 3));
      await complete(ctx, 'recognition_superior_decision', 'standing', 'recognised', {
        summary: 'Ban Thường vụ xem xét, đủ điều kiện',
      });
      await complete(ctx, 'recognition_decision', 'standing', 'recognised', { decisionNumber: '50-QĐ/QU' });
      expect(await ctx.handle.result()).toMatchObject({ status: 'official', endStep: 'recognition_decision' });
    });
  });

  it('should verify a special case [seed:003] alongside the background check and stop the case when it is not cleared', async () => {
    await withCase(
      async (ctx) => {
        const [i1, i2] = ctx.f.officialIds;
        await complete(ctx, 'introducers', 'secretaryA', 'submitted', {
          introducers: [
            { memberId: i1, monthsAlongside: 14 },
            { memberId: i2, monthsAlongside: 24 },
          ],
        });
        const special = await waitForTask(h.db.dataSource, ctx.caseId, 'special_verification');
        expect(special.title).toMatch(/Người có đạo/);
        await complete(ctx, 'background_check', 'grassroots1', 'cleared', {
          verifiedPersons: [{ relation: 'cha', fullName: 'X', conclusion: 'Tốt' }],
          conclusion: 'Rõ',
        });
        await complete(
          ctx,
          'special_verification',
          'grassroots2',
          'not_cleared',
          { reference: 'CV 12/BTC', conclusion: 'Chưa đủ điều kiện theo QĐ 123-QĐ/TW' },
          'Chưa xác minh được',
        );
        expect(await ctx.handle.result()).toMatchObject({ status: 'rejected', endStep: 'special_verification' });
      },
      {},
      { specialCases: ['religious_believer'] },
    );
  });

  it('should end the case at introducers, naming the reason, when an introducer has been alongside the candidate for under 12 months [R16 QĐ 24 §3.2.1]', async () => {
    await withCase(async (ctx) => {
      const [i1, i2] = ctx.f.officialIds;
      await complete(ctx, 'introducers', 'secretaryA', 'submitted', {
        introducers: [
          { memberId: i1, monthsAlongside: 11 },
          { memberId: i2, monthsAlongside: 24 },
        ],
      });
      const result = (await ctx.handle.result()) as AdmissionResult;
      expect(result).toMatchObject({ status: 'rejected', endStep: 'introducers' });
      expect(result.reason).toMatch(/12 tháng/);
    });
  });
});

describe('impossible and out-of-order dates refused by the update validator (issue 11 §3)', () => {
  /** The refusal of the workflow's validator: the typed code and, in its details, the field and the reason. */
  const refused = (field: string, reason: string) => ({
    cause: { type: 'InvalidTaskData', details: [{ code: 'InvalidTaskData', field, reason }] },
  });
  const openTasks = async (caseId: string) =>
    (await h.db.dataSource.getRepository(HumanTaskEntity).findBy({ caseId, status: In(['open', 'overdue']) })).map(
      (t) => t.taskKey,
    );

  it('issue 11 §3 [R5][R4][R6][R7]: should refuse decidedOn 2025-02-30, 9999-99-99, before the cell vote or after today, and heldOn before the decision, keeping each task open, then accept real dates in order', async () => {
    await withCase(async (ctx) => {
      await throughAppraisal(ctx);
      const day = await today(ctx.env);
      const vi = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
      const decide = (decidedOn: string) =>
        complete(ctx, 'decision', 'standing', 'admitted', { decisionNumber: '125-QĐ/QU', decidedOn });
      await expect(decide('2025-02-30')).rejects.toMatchObject(
        refused('data.decidedOn', 'phải là ngày có thật dạng YYYY-MM-DD'),
      );
      await expect(decide('9999-99-99')).rejects.toMatchObject(
        refused('data.decidedOn', 'phải là ngày có thật dạng YYYY-MM-DD'),
      );
      await expect(decide('1899-12-31')).rejects.toMatchObject(
        refused('data.decidedOn', 'phải là ngày từ năm 1900 đến năm 2100'),
      );
      await expect(decide(addDays(day, -1))).rejects.toMatchObject(
        refused(
          'data.decidedOn',
          `Ngày quyết định kết nạp (${vi(addDays(day, -1))}) không được trước ngày chi bộ xét đề nghị kết nạp (${vi(day)}) [R5].`,
        ),
      );
      await expect(decide(addDays(day, 1))).rejects.toMatchObject(
        refused(
          'data.decidedOn',
          `Ngày quyết định kết nạp (${vi(addDays(day, 1))}) không được sau ngày hôm nay (${vi(day)}).`,
        ),
      );
      // The case stays at its step with its task open, and nothing reached the database.
      expect(await ctx.handle.query(admissionStateQuery)).toMatchObject({ currentStep: 'decision' });
      expect(await openTasks(ctx.caseId)).toEqual(['decision']);
      expect(
        (await h.db.dataSource.getRepository(AdmissionCaseEntity).findOneByOrFail({ id: ctx.caseId })).decidedOn,
      ).toBeNull();

      await decide(day);
      await waitForTask(h.db.dataSource, ctx.caseId, 'ceremony');
      const hold = (heldOn: string) => complete(ctx, 'ceremony', 'secretaryA', 'held', { heldOn });
      await expect(hold('2025-02-30')).rejects.toMatchObject(
        refused('data.heldOn', 'phải là ngày có thật dạng YYYY-MM-DD'),
      );
      await expect(hold(addDays(day, -1))).rejects.toMatchObject(
        refused(
          'data.heldOn',
          `Ngày tổ chức lễ kết nạp (${vi(addDays(day, -1))}) không được trước ngày quyết định kết nạp (${vi(day)}) [R4][R6][R7].`,
        ),
      );
      expect(await openTasks(ctx.caseId)).toEqual(['ceremony']);
      await hold(day);
      await waitForTask(h.db.dataSource, ctx.caseId, 'assign_helper');
      expect(
        await h.db.dataSource.getRepository(AdmissionCaseEntity).findOneByOrFail({ id: ctx.caseId }),
      ).toMatchObject({ decidedOn: day, ceremonyOn: day, status: 'probationary' });
    });
  });

  it('issue 11 §3 [R17][R18]: should refuse a new-member course certificate dated before the ceremony at the recognition vote', async () => {
    await withCase(async (ctx) => {
      const ceremonyOn = await throughCeremony(ctx);
      await h.env.sleep('370 days');
      const vote = (newMemberCourseCertifiedOn: string) =>
        complete(ctx, 'recognition_cell_vote', 'secretaryA', 'recognised', {
          ...recognitionVote(9, 0),
          newMemberCourseCertifiedOn,
        });
      await expect(vote(addDays(ceremonyOn, -1))).rejects.toMatchObject({
        cause: { type: 'InvalidTaskData', details: [{ field: 'data.newMemberCourseCertifiedOn' }] },
      });
      expect(await openTasks(ctx.caseId)).toEqual(['recognition_cell_vote']);
      await vote(addDays(ceremonyOn, 60));
      await waitForTask(h.db.dataSource, ctx.caseId, 'recognition_decision');
    });
  });
});
