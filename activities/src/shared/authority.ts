import type { DataSource } from 'typeorm';
import type { AuthorityHolder, DelegablePower } from '@partyflow/contracts';
import { DelegationGrantEntity } from '@partyflow/persistence';

export type ResolveAuthorityInput = {
  power: DelegablePower;
  grassrootsOrgId: string;
  competentOrgId: string;
  at: string;
};

/**
 * Who holds a power at an instant: a grassroots committee with a grant valid then (not expired,
 * not revoked) decides as a whole committee; otherwise the standing committee of the directly
 * superior committee does [R5][R25][seed:000].
 */
export async function resolveAuthority(
  dataSource: DataSource,
  { power, grassrootsOrgId, competentOrgId, at }: ResolveAuthorityInput,
): Promise<AuthorityHolder> {
  const when = new Date(at);
  const grant = await dataSource
    .getRepository(DelegationGrantEntity)
    .createQueryBuilder('g')
    .where('g.grantee_org_id = :grassrootsOrgId AND g.power = :power', { grassrootsOrgId, power })
    .andWhere('g.valid_from <= :when AND (g.valid_until IS NULL OR g.valid_until > :when)', { when })
    .andWhere('(g.revoked_at IS NULL OR g.revoked_at > :when)', { when })
    .orderBy('g.valid_from', 'DESC')
    .getOne();
  return grant
    ? { orgId: grassrootsOrgId, role: 'grassroots_committee_member', delegated: true, grantId: grant.id }
    : { orgId: competentOrgId, role: 'standing_committee_member', delegated: false, grantId: null };
}
