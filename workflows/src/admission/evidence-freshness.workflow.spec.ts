import { admissionStateQuery, type AdmissionResult, type AdmissionState } from '@partyflow/contracts';
import { addDays, addMonths, DEFAULT_EVIDENCE_VALIDITY, formatLocalDateVi } from '@partyflow/domain';
import { AuditLogEntity, HumanTaskEntity, MemberEntity } from '@partyflow/persistence';
import {
  afterCellVoteThroughAppraisal,
  complete,
  introducersData,
  ROSTER,
  today,
  useAdmissionHarness,
  waitForTask,
  type AdmissionCtx,
} from '@partyflow/testing';

const h = useAdmissionHarness();

const background = {
  verifiedPersons: [{ relation: 'cha', fullName: 'Nguyễn Văn Tâm', conclusion: 'Tốt' }],
  conclusion: 'Rõ ràng',
};
const residenceOpinion = { givenBy: 'Lê Thị Mai', summary: 'Gương mẫu nơi cư trú' };
const massOrgOpinion = { givenBy: 'BCH Đoàn phường', summary: 'Đoàn viên ưu tú' };
const refused = (field: string, reason: string) => ({
  cause: { type: 'InvalidTaskData', details: [{ code: 'InvalidTaskData', field, reason }] },
});

const taskRows = (caseId: string) =>
  h.db.dataSource.getRepository(HumanTaskEntity).find({ where: { caseId }, order: { openedAt: 'ASC' } });
const audits = (caseId: string, action: string) =>
  h.db.dataSource.getRepository(AuditLogEntity).find({ where: { caseId, action }, order: { at: 'ASC' } });

/** Introducers, background check and the residence opinion; the mass organisation's opinion stays open. */
async function upToMassOrgOpinion(ctx: AdmissionCtx): Promise<void> {
  await complete(ctx, 'introducers', 'secretaryA', 'submitted', introducersData(ctx.f));
  await complete(ctx, 'background_check', 'grassroots1', 'cleared', background);
  await complete(ctx, 'opinion_residence', 'committeeB', 'favourable', residenceOpinion);
  await waitForTask(h.db.dataSource, ctx.caseId, 'opinion_mass_org:doan_thanh_nien');
}

describe('evidence freshness before the votes (issue 14 §4) on the time-skipping server', () => {
  it('should hold the cell vote when the course certificate expires between the opinions and the vote, open a refresh task for the cell, and open the vote once a valid certificate is recorded [R15][R20][A: 60 months]', async () => {
    const openedOn = await today(h.env);
    // Valid for ten more days when the case opens: eligible then [R15][R20].
    const issuedOn = addDays(addMonths(openedOn, -60), 10);
    const validUntil = addMonths(issuedOn, 60);
    await h.withCase(
      async (ctx) => {
        await upToMassOrgOpinion(ctx);
        await h.env.sleep('20 days');
        const votedOn = await today(h.env);
        await complete(ctx, 'opinion_mass_org:doan_thanh_nien', 'secretaryA', 'favourable', massOrgOpinion);

        const refresh = await waitForTask(h.db.dataSource, ctx.caseId, 'course_certificate_refresh#1');
        const reason = `Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng ngày ${formatLocalDateVi(issuedOn)} chỉ có giá trị 60 tháng, đến hết ngày ${formatLocalDateVi(validUntil)}; ngày xét ${formatLocalDateVi(votedOn)} đã quá hạn.`;
        expect(refresh).toMatchObject({
          step: 'course_certificate_refresh',
          assigneeOrgId: ctx.f.orgs.cellA.id,
          assigneeRole: 'cell_secretary',
          status: 'open',
          payload: {
            evidenceRefresh: {
              heldStep: 'cell_vote',
              heldStepLabel: 'Chi bộ biểu quyết đề nghị kết nạp',
              evidence: 'course_certificate',
              reason,
            },
          },
        });
        const held = await ctx.handle.query(admissionStateQuery);
        expect(held.currentStep).toBe('cell_vote');
        expect(held.evidenceHold).toMatchObject({
          step: 'cell_vote',
          stale: [{ key: 'course_certificate', kind: 'course_certificate', datedOn: issuedOn, validUntil, reason }],
        });
        // The vote waits: no vote task while the certificate is stale.
        expect((await taskRows(ctx.caseId)).map((t) => t.taskKey)).not.toContain('cell_vote');
        expect((await audits(ctx.caseId, 'case.evidence_stale')).map((a) => [a.step, a.outcome, a.comment])).toEqual([
          ['cell_vote', 'held', reason],
        ]);

        // A certificate that is itself expired, or dated after today, is refused and the task stays open.
        const renew = (certifiedOn: string) =>
          complete(ctx, 'course_certificate_refresh#1', 'secretaryA', 'renewed', {
            certifiedOn,
            certificateRef: 'GCN-215/TTCT',
          });
        await expect(renew(issuedOn)).rejects.toMatchObject(
          refused(
            'data.certifiedOn',
            `Giấy chứng nhận cấp ngày ${formatLocalDateVi(issuedOn)} đã hết giá trị 60 tháng (đến hết ngày ${formatLocalDateVi(validUntil)}); cần giấy chứng nhận còn hiệu lực`,
          ),
        );
        await expect(renew(addDays(votedOn, 1))).rejects.toMatchObject(
          refused(
            'data.certifiedOn',
            `Ngày cấp giấy chứng nhận không được sau hôm nay (${formatLocalDateVi(votedOn)})`,
          ),
        );
        const renewedOn = addDays(votedOn, -2);
        await renew(renewedOn);

        const vote = await waitForTask(h.db.dataSource, ctx.caseId, 'cell_vote');
        expect(vote.status).toBe('open');
        expect(
          await h.db.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: ctx.f.candidateId }),
        ).toMatchObject({ courseCertificateIssuedOn: renewedOn, courseCertificateNumber: 'GCN-215/TTCT' });
        const [renewal] = await audits(ctx.caseId, 'member.course_certificate_renewed');
        expect(renewal).toMatchObject({
          actorName: ctx.f.users.secretaryA.name,
          step: 'course_certificate_refresh',
          details: {
            memberId: ctx.f.candidateId,
            before: { issuedOn, number: null },
            after: { issuedOn: renewedOn, number: 'GCN-215/TTCT' },
          },
        });
        expect((await ctx.handle.query(admissionStateQuery)).evidenceHold).toBeUndefined();
        // The eligibility check at the vote read the renewed certificate.
        const [atVote] = (await audits(ctx.caseId, 'case.eligibility_checked')).filter((a) => a.step === 'cell_vote');
        expect(atVote.outcome).toBe('eligible');
      },
      { candidate: { courseCertificateIssuedOn: issuedOn } },
    );
  });

  it('should open a refresh of the residence opinion alone when it is older than its window at the cell vote, and open the vote once it is given again [R13][R14][A]', async () => {
    // The window comes from the case's policy (EVIDENCE_VALIDITY_OPINION_MONTHS): one month here.
    const evidenceValidity = { ...DEFAULT_EVIDENCE_VALIDITY, opinion_residence: 1, opinion_mass_org: 1 };
    await h.withCase(
      async (ctx) => {
        await upToMassOrgOpinion(ctx);
        const givenOn = await today(h.env);
        await h.env.sleep('40 days');
        const votedOn = await today(h.env);
        await complete(ctx, 'opinion_mass_org:doan_thanh_nien', 'secretaryA', 'favourable', massOrgOpinion);

        const refresh = await waitForTask(h.db.dataSource, ctx.caseId, 'opinion_residence#refresh1');
        const reason = `Ý kiến chi ủy nơi cư trú ngày ${formatLocalDateVi(givenOn)} chỉ có giá trị 1 tháng, đến hết ngày ${formatLocalDateVi(addMonths(givenOn, 1))}; ngày xét ${formatLocalDateVi(votedOn)} đã quá hạn.`;
        expect(refresh).toMatchObject({
          step: 'opinion_residence',
          assigneeOrgId: ctx.f.orgs.cellB.id,
          assigneeRole: 'cell_committee_member',
          title: 'Cập nhật do hết giá trị: Ý kiến nơi cư trú: Nguyễn Thị Hạnh',
          payload: { evidenceRefresh: { heldStep: 'cell_vote', evidence: 'opinion_residence', reason } },
        });
        expect((await ctx.handle.query(admissionStateQuery)).evidenceHold?.stale.map((s) => s.key)).toEqual([
          'opinion_residence',
        ]);
        expect((await taskRows(ctx.caseId)).map((t) => t.taskKey)).not.toContain('cell_vote');

        await complete(ctx, 'opinion_residence#refresh1', 'committeeB', 'favourable', {
          givenBy: 'Lê Thị Mai',
          summary: 'Vẫn gương mẫu nơi cư trú',
        });
        await waitForTask(h.db.dataSource, ctx.caseId, 'cell_vote');
        expect((await taskRows(ctx.caseId)).map((t) => t.taskKey)).toEqual([
          'introducers',
          'background_check',
          'opinion_residence',
          'opinion_mass_org:doan_thanh_nien',
          'opinion_residence#refresh1',
          'cell_vote',
        ]);
        expect((await ctx.handle.query(admissionStateQuery)).evidenceHold).toBeUndefined();
      },
      {},
      { evidenceValidity },
    );
  });

  it('should hold the decision when the background check has gone stale since the cell vote, and end the case when the new verification does not clear [R15][R5][A]', async () => {
    const evidenceValidity = { ...DEFAULT_EVIDENCE_VALIDITY, background_check: 1 };
    await h.withCase(
      async (ctx) => {
        await complete(ctx, 'introducers', 'secretaryA', 'submitted', introducersData(ctx.f));
        await complete(ctx, 'background_check', 'grassroots1', 'cleared', background);
        await complete(ctx, 'opinion_residence', 'committeeB', 'favourable', residenceOpinion);
        await complete(ctx, 'opinion_mass_org:doan_thanh_nien', 'secretaryA', 'favourable', massOrgOpinion);
        await complete(ctx, 'cell_vote', 'secretaryA', 'approved', {
          roster: ROSTER,
          votes: { yes: 8, no: 1 },
          minutesRef: 'BB-01/2026',
        });
        // Checked again when the grassroots vote opens: still fresh, so that vote opens at once.
        await waitForTask(h.db.dataSource, ctx.caseId, 'grassroots_vote');
        await h.env.sleep('35 days');
        await afterCellVoteThroughAppraisal(ctx);
        // Round 3: the cell vote's and the grassroots vote's checks found nothing stale.
        const refresh = await waitForTask(h.db.dataSource, ctx.caseId, 'background_check#refresh3');
        expect(refresh).toMatchObject({
          assigneeOrgId: ctx.f.orgs.grassroots.id,
          assigneeRole: 'grassroots_committee_member',
          payload: { evidenceRefresh: { heldStep: 'decision', evidence: 'background_check' } },
        });
        const state: AdmissionState = await ctx.handle.query(admissionStateQuery);
        expect(state.evidenceHold?.step).toBe('decision');
        expect(state.evidenceHold?.stale.map((e) => e.key)).toEqual(['background_check']);
        await complete(
          ctx,
          'background_check#refresh3',
          'grassroots1',
          'not_cleared',
          {
            verifiedPersons: [{ relation: 'cha', fullName: 'Nguyễn Văn Tâm', conclusion: 'Có vi phạm mới' }],
            conclusion: 'Chưa rõ',
          },
          'Phát sinh vấn đề mới',
        );
        const result = (await ctx.handle.result()) as AdmissionResult;
        expect(result).toEqual({
          status: 'rejected',
          endStep: 'background_check',
          reason: 'Thẩm tra lý lịch: Phát sinh vấn đề mới',
        });
        expect((await taskRows(ctx.caseId)).map((t) => t.taskKey)).not.toContain('decision');
      },
      {},
      { evidenceValidity },
    );
  });
});
