import type { EntityManager } from 'typeorm';
import {
  addDays,
  caseOrgChain,
  checkDisciplinePower,
  periodsOverlap,
  startOfLocalDay,
  type DisciplineBody,
  type DisciplineForm,
  type LocalDate,
  type RuleResult,
} from '@partyflow/domain';
import { DelegationGrantEntity } from '@partyflow/persistence';

export type ExpulsionGrant = Pick<DelegationGrantEntity, 'granteeOrgId' | 'validFrom' | 'validUntil' | 'revokedAt'>;

/** The expulsion delegations on record (a small table), for checking many discipline rows at once. */
export function loadExpulsionGrants(em: EntityManager): Promise<ExpulsionGrant[]> {
  return em.getRepository(DelegationGrantEntity).find({
    where: { power: 'expulsion' },
    select: { granteeOrgId: true, validFrom: true, validUntil: true, revokedAt: true },
  });
}

/**
 * Issue 9 §8: whether the body that decided a discipline had the power to impose its form
 * (libs/domain `checkDisciplinePower`). A grassroots committee expels only while it holds the
 * delegated expulsion power for the member's grassroots organisation (the parent of the cell) at
 * some moment of the decision's local day [seed:000].
 */
export function disciplinePowerOf({
  input,
  cellPath,
  grants,
}: {
  input: { form: DisciplineForm; decidedBy: DisciplineBody; decidedOn: LocalDate };
  cellPath: string;
  grants: readonly ExpulsionGrant[];
}): RuleResult {
  const { grassroots } = caseOrgChain(cellPath.split('/').filter(Boolean));
  const day = {
    from: new Date(startOfLocalDay(input.decidedOn)),
    until: new Date(startOfLocalDay(addDays(input.decidedOn, 1))),
  };
  const expulsionDelegated =
    input.decidedBy === 'grassroots_committee' &&
    grants.some((g) => {
      const ends = [g.validUntil, g.revokedAt].filter((d): d is Date => !!d);
      const until = ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null;
      return g.granteeOrgId === grassroots && periodsOverlap({ a: { from: g.validFrom, until }, b: day });
    });
  return checkDisciplinePower({ form: input.form, decidedBy: input.decidedBy, expulsionDelegated });
}
