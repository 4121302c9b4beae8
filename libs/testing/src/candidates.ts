import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MemberEntity, MemberGradingEntity } from '@partyflow/persistence';

/**
 * A new candidate with the records (cell, residence, gradings) of a demo candidate, so that a test
 * opens its own admission case and depends on no other test's case. Returns the new member id.
 */
export async function copyDemoCandidate(
  ds: DataSource,
  { from = 'Nguyễn Thu Trang', fullName }: { from?: string; fullName: string },
): Promise<string> {
  return ds.transaction(async (em) => {
    const model = await em.findOneByOrFail(MemberEntity, { fullName: from, status: 'candidate' });
    const id = randomUUID();
    await em.insert(MemberEntity, { ...model, id, fullName });
    const gradings = await em.findBy(MemberGradingEntity, { memberId: model.id });
    if (gradings.length)
      await em.insert(
        MemberGradingEntity,
        gradings.map((g) => ({ ...g, memberId: id })),
      );
    return id;
  });
}
