import { randomUUID } from 'node:crypto';
import type { AdmissionResult } from '@partyflow/contracts';
import { addDays, addMonths, checkAge, evaluateLocalCriteria, type CriteriaSet, type Grading } from '@partyflow/domain';
import {
  AdmissionCaseEntity,
  AuditLogEntity,
  CriteriaSetEntity,
  HumanTaskEntity,
  MemberGradingEntity,
} from '@partyflow/persistence';
import { complete, today, useAdmissionHarness, waitForTask, type AdmissionCtx } from '@partyflow/testing';

const h = useAdmissionHarness();

/** Every step before the cell vote except the last opinion, whose completion opens the vote. */
async function upToLastOpinion(ctx: AdmissionCtx): Promise<void> {
  const [i1, i2] = ctx.f.officialIds;
  await complete(ctx, 'introducers', 'secretaryA', 'submitted', {
    introducers: [
      { memberId: i1, monthsAlongside: 14 },
      { memberId: i2, monthsAlongside: 24 },
    ],
  });
  await complete(ctx, 'background_check', 'grassroots1', 'cleared', {
    verifiedPersons: [{ relation: 'cha', fullName: 'Nguyễn Văn Tâm', conclusion: 'Tốt' }],
    conclusion: 'Rõ ràng',
  });
  await complete(ctx, 'opinion_residence', 'committeeB', 'favourable', { givenBy: 'Lê Thị Mai', summary: 'Tốt' });
  await waitForTask(h.db.dataSource, ctx.caseId, 'opinion_mass_org:doan_thanh_nien');
}

const lastOpinion = (ctx: AdmissionCtx) =>
  complete(ctx, 'opinion_mass_org:doan_thanh_nien', 'secretaryA', 'favourable', {
    givenBy: 'BCH Đoàn phường',
    summary: 'Đoàn viên ưu tú',
  });

async function eligibilityAudits(caseId: string) {
  const rows = await h.db.dataSource
    .getRepository(AuditLogEntity)
    .find({ where: { caseId, action: 'case.eligibility_checked' }, order: { at: 'ASC' } });
  return rows.map((r) => ({
    step: r.step,
    outcome: r.outcome,
    onDate: (r.details as { onDate: string }).onDate,
    criteriaSetId: (r.details as { criteriaSetId: string | null }).criteriaSetId,
  }));
}

describe('eligibility decided on the day of the cell’s consideration (issue 9 §2, §6) on the time-skipping server', () => {
  it('should end the case at the cell vote, naming the age rule, when the candidate passes 60 years and 1 month after the case opened [R8: QĐ 24 §1.1]', async () => {
    const openedOn = await today(h.env);
    // Exactly 60 years (720 months) old on the day the case opens: eligible then [DOMAIN.md §3].
    const birthDate = addMonths(openedOn, -720);
    await h.withCase(
      async (ctx) => {
        await upToLastOpinion(ctx);
        await h.env.sleep('40 days');
        const votedOn = await today(h.env);
        await lastOpinion(ctx);
        const result = (await ctx.handle.result()) as AdmissionResult;
        const age = checkAge({ birthDate, onDate: votedOn });
        expect(age.passed).toBe(false);
        expect(result).toEqual({ status: 'rejected', endStep: 'cell_vote', reason: `${age.reason} (${age.source})` });
        expect(result.reason).toContain('(721 tháng)');
        expect(result.reason).toContain('QĐ 24-QĐ/TW §1.1 [R8]');
        // The vote task never opened.
        expect(
          await h.db.dataSource.getRepository(HumanTaskEntity).countBy({ caseId: ctx.caseId, step: 'cell_vote' }),
        ).toBe(0);
        expect(await eligibilityAudits(ctx.caseId)).toEqual([
          { step: 'eligibility', outcome: 'eligible', onDate: openedOn, criteriaSetId: null },
          { step: 'cell_vote', outcome: 'not_eligible', onDate: votedOn, criteriaSetId: null },
        ]);
        expect(
          await h.db.dataSource.getRepository(AdmissionCaseEntity).findOneByOrFail({ id: ctx.caseId }),
        ).toMatchObject({ status: 'rejected', endStep: 'cell_vote', criteriaSetId: null, criteriaCheckedOn: votedOn });
      },
      { candidate: { birthDate } },
    );
  });

  it('should use the criteria set in force on the day the cell vote opens, not the one in force when the case opened [seed:000][seed:001]', async () => {
    const openedOn = await today(h.env);
    await h.withCase(async (ctx) => {
      const sets = h.db.dataSource.getRepository(CriteriaSetEntity);
      const oldSet: CriteriaSet = {
        id: 'hm-3-years',
        name: 'Tiêu chuẩn 3 năm',
        checks: [{ kind: 'consecutive_gradings', years: 3, minGrading: 'good', requireExcellentOrAward: true }],
      };
      const newSet: CriteriaSet = {
        id: 'hm-excellent',
        name: 'Tiêu chuẩn mới',
        checks: [{ kind: 'min_grading_last_year', minGrading: 'excellent', source: '15-QĐ/QU (Quận ủy)' }],
      };
      const oldId = randomUUID();
      const newId = randomUUID();
      const base = { organisationId: ctx.f.orgs.district.id, active: true, createdBy: 'test', updatedBy: 'test' };
      await sets.insert([
        {
          ...base,
          id: oldId,
          name: oldSet.name,
          definition: oldSet,
          documentRef: '52-CV/BTCĐU',
          effectiveFrom: addDays(openedOn, -365),
          effectiveUntil: addDays(openedOn, 9),
        },
        {
          ...base,
          id: newId,
          name: newSet.name,
          definition: newSet,
          documentRef: '15-QĐ/QU',
          effectiveFrom: addDays(openedOn, 10),
          effectiveUntil: null,
        },
      ]);
      await upToLastOpinion(ctx);
      await h.env.sleep('20 days');
      const votedOn = await today(h.env);
      await lastOpinion(ctx);
      const result = (await ctx.handle.result()) as AdmissionResult;
      const gradings = await h.db.dataSource.getRepository(MemberGradingEntity).findBy({ memberId: ctx.f.candidateId });
      const [expected] = evaluateLocalCriteria({
        set: newSet,
        gradings: gradings.map((g) => ({ year: g.year, grading: g.grading as Grading, award: g.award })),
        onDate: votedOn,
      });
      expect(expected.passed).toBe(false);
      expect(result).toEqual({
        status: 'rejected',
        endStep: 'cell_vote',
        reason: `${expected.reason} (15-QĐ/QU (Quận ủy))`,
      });
      expect(await eligibilityAudits(ctx.caseId)).toEqual([
        { step: 'eligibility', outcome: 'eligible', onDate: openedOn, criteriaSetId: oldId },
        { step: 'cell_vote', outcome: 'not_eligible', onDate: votedOn, criteriaSetId: newId },
      ]);
      expect(
        await h.db.dataSource.getRepository(AdmissionCaseEntity).findOneByOrFail({ id: ctx.caseId }),
      ).toMatchObject({
        criteriaSetId: newId,
        criteriaCheckedOn: votedOn,
      });
    });
  });
});
