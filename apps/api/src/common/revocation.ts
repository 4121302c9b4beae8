import type { EntityManager } from 'typeorm';
import { appendAudit } from '@partyflow/audit';
import type { AuthUser } from '../auth/auth-user';

type Revocable = { id: string; revokedAt: Date | null; revokedBy: string | null; revokeReason: string | null };

/**
 * Within the transaction of `em`: marks `row` revoked now by `user` for `reason` and appends its audit row
 * (`<kind>.revoked`, event key `<kind>:<id>:revoked`, the reason as its comment); a row revoked already is refused
 * with `alreadyRevoked`.
 */
export async function revokeWithAudit<T extends Revocable>(
  em: EntityManager,
  row: T,
  c: {
    user: AuthUser;
    reason: string;
    alreadyRevoked: (at: Date, by: string | null) => Error;
    kind: string;
    orgId: string;
    details: Record<string, unknown>;
  },
): Promise<T> {
  if (row.revokedAt) throw c.alreadyRevoked(row.revokedAt, row.revokedBy);
  const revokedAt = new Date();
  Object.assign(row, { revokedAt, revokedBy: c.user.fullName, revokeReason: c.reason });
  await em.save(row);
  await appendAudit(em, {
    eventKey: `${c.kind}:${row.id}:revoked`,
    action: `${c.kind}.revoked`,
    orgId: c.orgId,
    details: c.details,
    at: revokedAt,
    actor: { userId: c.user.userId, name: c.user.fullName },
    comment: c.reason,
  });
  return row;
}
