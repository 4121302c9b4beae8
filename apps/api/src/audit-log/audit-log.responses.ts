import { z } from 'zod';
import { instant, jsonObject, cursorPageOf, localDate, uuid } from '../common/response-schemas';

/** One audit entry: who did what, when, why (audit-log.service.ts). */
export const AuditEntryResponse = z.strictObject({
  id: z.string().describe('số nguyên (bigint) dạng chuỗi'),
  at: instant,
  action: z.string().describe("ví dụ 'policy.changed'"),
  actor: z.strictObject({ userId: uuid.nullable(), name: z.string() }),
  process: z.string().nullable(),
  caseId: uuid.nullable(),
  taskId: uuid.nullable(),
  step: z.string().nullable(),
  outcome: z.string().nullable(),
  comment: z.string().nullable().describe('lý do thay đổi, hoặc ý kiến của bước'),
  details: jsonObject.nullable(),
  orgId: uuid
    .nullable()
    .describe(
      'tổ chức của mục nhật ký; null: thay đổi toàn quốc (lịch nghỉ, thời hạn), hoặc mục không gắn tổ chức nào',
    ),
});

/** GET /audit. */
export const AuditPageResponse = cursorPageOf(AuditEntryResponse);

const hash = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe('SHA-256, hex');

/** GET /audit/verify (issue 14 §5): the chain checked, and the first row that does not match. */
export const AuditVerificationResponse = z.strictObject({
  scope: z.enum(['log', 'case']).describe('log: toàn bộ nhật ký (chuỗi chung); case: chuỗi của một hồ sơ'),
  caseId: uuid.nullable(),
  ok: z.boolean().describe('true: mọi dòng khớp mã băm, không thiếu, không chèn, không bị cắt'),
  checked: z.number().int().describe('số dòng đã kiểm tra khớp trước dòng sai đầu tiên (tất cả khi ok)'),
  head: z.strictObject({ seq: z.string(), hash }).describe('vị trí và mã băm của dòng cuối chuỗi'),
  digests: z.number().int().describe('số bản tóm tắt hằng ngày đã đối chiếu (toàn bộ nhật ký)'),
  firstMismatch: z
    .strictObject({
      reason: z.enum(['altered', 'out_of_sequence', 'unsealed', 'truncated', 'digest_mismatch']),
      auditId: z.string().nullable().describe('id của dòng nhật ký sai đầu tiên'),
      seq: z.string().nullable().describe('vị trí của nó trong chuỗi'),
      day: localDate.nullable().describe('ngày của bản tóm tắt (truncated, digest_mismatch)'),
      expectedHash: hash.nullable(),
      storedHash: hash.nullable(),
      message: z.string(),
    })
    .nullable(),
});
