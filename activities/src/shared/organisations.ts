import type { EntityManager } from 'typeorm';
import { OrganisationEntity } from '@partyflow/persistence';

/** Ancestors of an organisation, nearest first, from its materialised path. */
export async function ancestors(em: EntityManager, orgId: string): Promise<OrganisationEntity[]> {
  const org = await em.findOneByOrFail(OrganisationEntity, { id: orgId });
  const ids = org.path.split('/').filter(Boolean).slice(0, -1).reverse();
  if (!ids.length) return [];
  const rows = await em.createQueryBuilder(OrganisationEntity, 'o').where('o.id IN (:...ids)', { ids }).getMany();
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is OrganisationEntity => !!r);
}

/** Codes of the organisations on a materialised path, root first (the PartyOrgCodes search attribute). */
export async function orgCodesOfPath(em: EntityManager, path: string): Promise<string[]> {
  const ids = path.split('/').filter(Boolean);
  if (!ids.length) return [];
  const rows = await em.createQueryBuilder(OrganisationEntity, 'o').where('o.id IN (:...ids)', { ids }).getMany();
  return ids.map((id) => rows.find((r) => r.id === id)?.code).filter((c): c is string => !!c);
}
