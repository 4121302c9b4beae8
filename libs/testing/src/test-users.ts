import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword, UserEntity } from '@partyflow/persistence';

/** The password of every account a test inserts (the demo's). */
export const TEST_PASSWORD = 'matkhau123';

/** Inserts an account of a test's own, with no role and no member record unless given; returns its id. */
export async function insertTestUser(
  ds: DataSource,
  user: { username: string; fullName: string; organisationId?: string },
): Promise<string> {
  const id = randomUUID();
  await ds.getRepository(UserEntity).insert({
    id,
    passwordHash: await hashPassword(TEST_PASSWORD),
    memberId: null,
    ...user,
  });
  return id;
}
