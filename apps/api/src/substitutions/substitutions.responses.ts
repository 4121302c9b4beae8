import { z } from 'zod';
import { GRANT_STATUSES, ROLES } from '@partyflow/domain';
import { instant, localDate, uuid } from '../common/response-schemas';

const Person = z.strictObject({ userId: uuid, fullName: z.string() });

/** An out-of-office substitution (substitutions.service.ts `SubstitutionView`, issue 14 §2). */
export const SubstitutionResponse = z.strictObject({
  id: uuid,
  status: z.enum(GRANT_STATUSES),
  statusLabel: z.string(),
  org: z.strictObject({ id: uuid, code: z.string(), name: z.string() }),
  absent: Person.describe('người vắng mặt'),
  substitute: Person.describe('người thay (cùng tổ chức, vai trò bằng hoặc cao hơn)'),
  validFrom: localDate.describe('ngày bắt đầu (giờ Việt Nam), tính cả ngày này'),
  validUntil: localDate.describe('ngày kết thúc (giờ Việt Nam), tính cả ngày này'),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: instant,
  revokedAt: instant.nullable(),
  revokedBy: z.string().nullable(),
  revokeReason: z.string().nullable(),
});

/** GET /substitutions/candidates: a user who may stand in for the caller, with the roles that qualify them. */
export const SubstituteCandidateResponse = z.strictObject({
  userId: uuid,
  fullName: z.string(),
  roles: z.array(z.strictObject({ role: z.enum(ROLES), label: z.string() })).min(1),
});
