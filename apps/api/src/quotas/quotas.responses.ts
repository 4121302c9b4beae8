import { z } from 'zod';
import { instant, uuid } from '../common/response-schemas';

/** PUT /quotas/:orgId/:year: the quota set. */
export const QuotaSetResponse = z.strictObject({
  orgId: uuid,
  year: z.number().int(),
  quota: z.number().int(),
  setBy: z.string(),
  setAt: instant,
});

/** One organisation's quota and progress (quotas.service.ts `QuotaRow`). */
export const QuotaRowResponse = z.strictObject({
  orgId: uuid,
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  depth: z.number().int(),
  quota: z.number().int().nullable(),
  admitted: z.number().int(),
  inProgress: z.strictObject({ total: z.number().int(), byStep: z.record(z.number().int()) }),
  percent: z.number().nullable(),
  summaryVi: z.string(),
});

/** GET /quotas: the organisation and each grassroots organisation and cell below it. */
export const QuotaViewResponse = z.strictObject({
  orgId: uuid,
  year: z.number().int(),
  rows: z.array(QuotaRowResponse),
});
