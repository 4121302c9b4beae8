import type { z } from 'zod';
import { CsvRowError } from './csv-import.error';
import {
  AttendanceBody,
  DisciplineBody,
  DuesBody,
  GradingBody,
  ResidenceCommentBody,
  TransferRecordBody,
  type ImportKind,
} from './records.schemas';

/**
 * How a CSV column becomes a field of the body the single-record endpoint takes: the field's key
 * and how its text converts ('resolved': the import looks it up and passes the value itself).
 */
type CsvField = { key: string; as: 'text' | 'number' | 'boolean' | 'resolved' };
const text = (key: string): CsvField => ({ key, as: 'text' });
const number = (key: string): CsvField => ({ key, as: 'number' });
const boolean = (key: string): CsvField => ({ key, as: 'boolean' });
const resolved = (key: string): CsvField => ({ key, as: 'resolved' });

/**
 * Each kind's row: the zod schema of its single-record endpoint (transfers: of the historical
 * record) and its columns. `member_id`, `from_org` and `to_org` are looked up, not parsed.
 */
const IMPORT_ROWS = {
  attendance: {
    schema: AttendanceBody,
    columns: { month: text('month'), status: text('status'), reason: text('reason') },
  },
  dues: {
    schema: DuesBody,
    columns: { month: text('month'), amount_vnd: number('amountVnd'), paid_on: text('paidOn') },
  },
  gradings: {
    schema: GradingBody,
    columns: { year: number('year'), grading: text('grading'), award: boolean('award') },
  },
  disciplines: {
    schema: DisciplineBody,
    columns: {
      form: text('form'),
      decided_by: text('decidedBy'),
      decided_on: text('decidedOn'),
      ends_on: text('endsOn'),
      authority: text('authority'),
      reason: text('reason'),
    },
  },
  'residence-comments': {
    schema: ResidenceCommentBody,
    columns: {
      year: number('year'),
      assessment: text('assessment'),
      comment: text('comment'),
      residence_org: resolved('residenceOrgId'),
    },
  },
  transfers: {
    schema: TransferRecordBody,
    columns: {
      kind: text('kind'),
      issued_on: text('issuedOn'),
      present_by: text('presentBy'),
      presented_on: text('presentedOn'),
      period_months: number('periodMonths'),
      return_due: text('returnDue'),
      returned_on: text('returnedOn'),
      status: text('status'),
      note: text('note'),
    },
  },
} satisfies Record<ImportKind, { schema: z.ZodTypeAny; columns: Record<string, CsvField> }>;

export type ImportRowInput<K extends ImportKind> = z.infer<(typeof IMPORT_ROWS)[K]['schema']>;

const TRUE = ['true', '1', 'x', 'có'];
const FALSE = ['false', '0', 'không'];

/**
 * A cell's text as the schema's input type: empty is absent (the schema says whether that is
 * allowed); a number or a boolean that does not read as one is passed on as text, so the schema
 * refuses it with its own message.
 */
function convert(raw: string, as: CsvField['as']): unknown {
  if (raw === '') return undefined;
  if (as === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (as === 'boolean') {
    const v = raw.toLowerCase();
    return TRUE.includes(v) ? true : FALSE.includes(v) ? false : raw;
  }
  return raw;
}

/**
 * Parses one CSV row of `kind` with the zod schema of the single-record endpoint, so a row is
 * valid exactly when the same record sent alone would be. The first problem throws `CsvRowError`
 * naming the row and the column, with the schema's Vietnamese message after the value given.
 * `lookedUp` carries the values of the 'resolved' columns (an organisation found by id or code).
 */
export function parseImportRow<K extends ImportKind>(
  kind: K,
  row: number,
  values: Record<string, string>,
  lookedUp: Record<string, unknown> = {},
): ImportRowInput<K> {
  const { schema, columns } = IMPORT_ROWS[kind] as { schema: z.ZodTypeAny; columns: Record<string, CsvField> };
  const input: Record<string, unknown> = {};
  for (const [column, { key, as }] of Object.entries(columns)) {
    const value = as === 'resolved' ? lookedUp[key] : convert((values[column] ?? '').trim(), as);
    if (value !== undefined) input[key] = value;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const column = Object.entries(columns).find(([, f]) => f.key === issue.path[0])?.[0] ?? null;
  const raw = column ? (values[column] ?? '').trim() : '';
  throw new CsvRowError(row, column, raw ? `'${raw}': ${issue.message}` : issue.message);
}
