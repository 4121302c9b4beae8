import { z } from 'zod';
import { instant, jsonObject, cursorPageOf, uuid } from '../common/response-schemas';

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
  orgId: uuid.nullable().describe('tổ chức của mục nhật ký; null: thay đổi toàn hệ thống'),
});

/** GET /audit. */
export const AuditPageResponse = cursorPageOf(AuditEntryResponse);
