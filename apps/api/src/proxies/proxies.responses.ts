import { z } from 'zod';
import { GRANT_STATUSES, ROLES } from '@partyflow/domain';
import { instant, uuid } from '../common/response-schemas';

const Person = z.strictObject({ userId: uuid, fullName: z.string() });

/** A standing proxy grant (proxies.service.ts `ProxyGrantView`, issue 14 §6). */
export const ProxyGrantResponse = z.strictObject({
  id: uuid,
  status: z.enum(GRANT_STATUSES),
  statusLabel: z.string(),
  grassrootsOrg: z.strictObject({ id: uuid, code: z.string(), name: z.string() }),
  principal: Person.describe('người được làm thay (không tự dùng được hệ thống)'),
  proxy: Person.describe('người làm thay (cán bộ phường, xã)'),
  validFrom: instant,
  validUntil: instant.nullable(),
  reason: z.string().describe('căn cứ: nghị quyết, biên bản của đảng ủy cơ sở'),
  grantedBy: z.string(),
  grantedAt: instant,
  revokedAt: instant.nullable(),
  revokedBy: z.string().nullable(),
  revokeReason: z.string().nullable(),
});

/** GET /proxy-grants/candidates: whom a grant of a grassroots committee may name. */
export const ProxyCandidatesResponse = z.strictObject({
  principals: z.array(
    Person.extend({ roles: z.array(z.strictObject({ role: z.enum(ROLES), label: z.string() })).min(1) }).strict(),
  ),
  proxies: z.array(Person),
});
