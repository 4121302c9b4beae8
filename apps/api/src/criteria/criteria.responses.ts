import { z } from 'zod';
import { GRADINGS } from '@partyflow/domain';
import { instant, localDate, uuid } from '../common/response-schemas';

/** A check of a committee's criteria set (libs/domain local-criteria.rules.ts `LocalCheckConfig`). */
const common = { id: z.string().optional(), source: z.string().optional() };
const Check = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('consecutive_gradings'),
    years: z.number().int(),
    minGrading: z.enum(GRADINGS),
    requireExcellentOrAward: z.boolean(),
    ...common,
  }),
  z.strictObject({ kind: z.literal('min_grading_last_year'), minGrading: z.enum(GRADINGS), ...common }),
]);

/** A criteria set as the API shows it (criteria.service.ts `CriteriaSetView`). */
export const CriteriaSetResponse = z.strictObject({
  id: uuid,
  organisation: z.strictObject({ id: uuid, code: z.string(), name: z.string() }),
  name: z.string(),
  documentRef: z.string().nullable(),
  effectiveFrom: localDate,
  effectiveUntil: localDate.nullable().describe('null: đến khi bãi bỏ'),
  checks: z.array(Check),
  status: z.enum(['in_force', 'scheduled', 'expired', 'retired']),
  statusLabel: z.string(),
  createdAt: instant,
  createdBy: z.string().nullable(),
  updatedAt: instant,
  updatedBy: z.string().nullable(),
  retiredAt: instant.nullable(),
  retiredBy: z.string().nullable(),
  retireReason: z.string().nullable(),
});

/** GET /criteria/in-force. */
export const CriteriaInForceResponse = z.strictObject({
  orgId: uuid,
  onDate: localDate,
  set: CriteriaSetResponse.nullable(),
});
