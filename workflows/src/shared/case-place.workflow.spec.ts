import { casePlaceChangedSignal } from '@partyflow/contracts';
import { complete, flagMember, useProcessHarness, waitForTask } from '@partyflow/testing';

// A time-skipping server and a PostgreSQL database per test; the bundle once per file.
const h = useProcessHarness();

describe('a running case follows a move of its organisation (issue 9 §1; workflows/src/shared/case-place.ts)', () => {
  it('should open the superior direction of a screening case with the grassroots committee it was told of [R1]', async () => {
    await h.withWorker(async (base) => {
      const ctx = await flagMember(base, base.f.officialIds[5]);
      await waitForTask(h.db.dataSource, ctx.caseId, 'screening_review');
      const { otherGrassroots, province } = base.f.orgs;
      await ctx.handle.signal(casePlaceChangedSignal, {
        grassrootsOrgId: otherGrassroots.id,
        competentOrgId: province.id,
      });
      await complete(ctx, 'screening_review', 'secretaryA', 'propose_listing', {
        opinions: [{ source: 'workplace', givenBy: 'Thủ trưởng cơ quan', summary: 'Vi phạm quy định nêu gương' }],
        summary: 'Đề nghị đưa vào danh sách',
      });
      expect(await waitForTask(h.db.dataSource, ctx.caseId, 'screening_superior_direction')).toMatchObject({
        assigneeOrgId: otherGrassroots.id,
        assigneeRole: 'grassroots_committee_member',
        orgPath: otherGrassroots.path,
        status: 'open',
      });
    });
  });

  it('should keep the grassroots committee of its input when no move is signalled', async () => {
    await h.withWorker(async (base) => {
      const ctx = await flagMember(base, base.f.officialIds[5]);
      await complete(ctx, 'screening_review', 'secretaryA', 'propose_listing', {
        opinions: [{ source: 'workplace', givenBy: 'Thủ trưởng cơ quan', summary: 'Vi phạm quy định nêu gương' }],
        summary: 'Đề nghị đưa vào danh sách',
      });
      expect(await waitForTask(h.db.dataSource, ctx.caseId, 'screening_superior_direction')).toMatchObject({
        assigneeOrgId: base.f.orgs.grassroots.id,
        assigneeRole: 'grassroots_committee_member',
      });
    });
  });
});
