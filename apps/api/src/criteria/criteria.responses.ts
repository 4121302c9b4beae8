import { z } from 'zod';
import { CRITERIA_SET_STATUSES, GRADINGS } from '@partyflow/domain';
import { instant, localDate, uuid } from '../common/response-schemas';

const common = { id: z.string().optional(), source: z.string().optional().describe('căn cứ: văn bản của cấp ủy') };
/** One check of a committee's criteria set (libs/domain `LocalCheckConfig`). */
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

/** A committee's own admission criteria set (criteria.service.ts `view`). */
export const CriteriaSetResponse = z.strictObject({
  id: uuid,
  organisation: z.strictObject({ id: uuid, code: z.string(), name: z.string() }),
  name: z.string(),
  documentRef: z.string().nullable(),
  effectiveFrom: localDate,
  effectiveUntil: localDate.nullable(),
  checks: z.array(Check),
  status: z.enum(CRITERIA_SET_STATUSES).describe('hôm nay'),
  statusLabel: z.string(),
  createdAt: instant,
  createdBy: z.string().nullable(),
  updatedAt: instant,
  updatedBy: z.string().nullable(),
  retiredAt: instant.nullable(),
  retiredBy: z.string().nullable(),
  retireReason: z.string().nullable(),
});

/** GET /criteria/in-force: the set a case of the organisation uses on that day (null: the general rules only). */
export const CriteriaInForceResponse = z.strictObject({
  orgId: uuid,
  onDate: localDate,
  set: CriteriaSetResponse.nullable(),
});
