import { z } from 'zod';
import { cursorPageOf, instant, uuid } from '../common/response-schemas';

/** The first bad row of a failed import, in the API error format plus where it is (imports.errors.ts). */
const RowError = z.strictObject({
  code: z.enum(['IMPORT_ROW_INVALID', 'IMPORT_ROW_FORBIDDEN', 'IMPORT_ROW_CONFLICT']),
  message: z.string(),
  field: z.string().describe('row 639, column birth_date'),
  details: z.strictObject({
    row: z.number().int().describe('dòng tiêu đề là dòng 1'),
    column: z.string().nullable(),
    header: z.string().nullable().describe('tiêu đề cột như trong tệp'),
    cell: z.string().nullable().describe('ô, ví dụ B639'),
    reason: z.string(),
  }),
});
/** A failure without a row (IMPORT_CONFLICT, IMPORT_INTERRUPTED, IMPORT_FAILED). */
const FileError = z.strictObject({ code: z.string(), message: z.string() });

/** An import's progress and outcome (imports.service.ts `ImportView`). */
export const ImportResponse = z.strictObject({
  id: uuid,
  kind: z.string(),
  format: z.enum(['csv', 'xlsx']),
  status: z.enum(['queued', 'counting', 'running', 'succeeded', 'failed']),
  rowsTotal: z.number().int().nullable().describe('null khi đang đếm'),
  rowsDone: z.number().int(),
  startedAt: instant,
  finishedAt: instant.nullable(),
  outcome: z.record(z.number()).nullable().describe('created, updated, unchanged và số liệu riêng của loại'),
  errorStatus: z.number().int().nullable(),
  error: z.union([RowError, FileError]).nullable(),
});

/** GET /imports: a page of my imports, newest first. */
export const ImportPageResponse = cursorPageOf(ImportResponse);
