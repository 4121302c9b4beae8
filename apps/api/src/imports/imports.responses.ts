import { z } from 'zod';
import { instant, pageOf, uuid } from '../common/response-schemas';

/** The first bad row of a failed import, named by row and column (imports.errors.ts `ImportErrorBody`). */
const ImportRowErrorResponse = z.strictObject({
  code: z.string(),
  message: z.string(),
  field: z.string(),
  details: z.strictObject({
    row: z.number().int(),
    column: z.string().nullable(),
    header: z.string().nullable(),
    cell: z.string().nullable(),
    reason: z.string(),
  }),
});

/** A spreadsheet import and its progress (imports.service.ts `ImportView`). */
export const ImportResponse = z.strictObject({
  id: uuid,
  kind: z.enum(['members', 'organisations', 'users']),
  format: z.enum(['csv', 'xlsx']),
  status: z.enum(['queued', 'counting', 'running', 'succeeded', 'failed']),
  rowsTotal: z.number().int().nullable().describe('số dòng dữ liệu; null khi đang đếm'),
  rowsDone: z.number().int(),
  startedAt: instant,
  finishedAt: instant.nullable(),
  outcome: z
    .record(z.number().int())
    .nullable()
    .describe('khi thành công: created, updated, unchanged và số liệu riêng của loại (moved, rolesGranted…)'),
  errorStatus: z.number().int().nullable(),
  error: z.union([ImportRowErrorResponse, z.strictObject({ code: z.string(), message: z.string() })]).nullable(),
});

export const ImportPageResponse = pageOf(ImportResponse);
