import { z } from 'zod';
import { ORG_KINDS } from '@partyflow/domain';
import { instant, uuid } from '../common/response-schemas';

/** PUT /quotas/:orgId/:year. */
export const SetQuotaResponse = z.strictObject({
  orgId: uuid,
  year: z.number().int(),
  quota: z.number().int(),
  setBy: z.string(),
  setAt: instant,
});

/** One organisation's quota and progress (quotas.service.ts `quotaRows`). */
export const QuotaRowResponse = z.strictObject({
  orgId: uuid,
  code: z.string(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  depth: z.number().int(),
  quota: z.number().int().nullable(),
  admitted: z.number().int(),
  inProgress: z.strictObject({
    total: z.number().int(),
    byStep: z.record(z.number().int()).describe('số hồ sơ đang chạy theo bước'),
  }),
  percent: z.number().nullable(),
  summaryVi: z.string().describe("ví dụ 'đã kết nạp 622/540 (115,2%)'"),
});

/** GET /quotas. */
export const QuotaViewResponse = z.strictObject({
  orgId: uuid,
  year: z.number().int(),
  rows: z.array(QuotaRowResponse),
});
