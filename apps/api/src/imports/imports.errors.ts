/**
 * The first bad row of an import: its number as the spreadsheet shows it (header = row 1), the
 * column by its English name, and the header as the file spells it. `status` is the HTTP status the
 * same problem has on the single-record endpoint: 400 (invalid), 403 (an organisation outside the
 * importer's subtree), 409 (a natural-key conflict).
 */
export class ImportRowError extends Error {
  constructor(
    readonly row: number,
    readonly column: string | null,
    readonly reason: string,
    readonly status: 400 | 403 | 409 = 400,
  ) {
    super(`Dòng ${row}${column ? `, cột ${column}` : ''}: ${reason}`);
  }
}

const CODES = { 400: 'IMPORT_ROW_INVALID', 403: 'IMPORT_ROW_FORBIDDEN', 409: 'IMPORT_ROW_CONFLICT' } as const;

export type ImportErrorBody = {
  status: 400 | 403 | 409;
  error: {
    code: (typeof CODES)[keyof typeof CODES];
    message: string;
    field: string;
    details: { row: number; column: string | null; header: string | null; cell: string | null; reason: string };
  };
};

/** The outcome of a refused file, in the API error format plus where the problem is. */
export function importErrorBody(e: ImportRowError, header: string | null, cell: string | null): ImportErrorBody {
  return {
    status: e.status,
    error: {
      code: CODES[e.status],
      message: `${e.message} — tệp bị từ chối, không dòng nào được ghi`,
      field: e.column ? `row ${e.row}, column ${e.column}` : `row ${e.row}`,
      details: { row: e.row, column: e.column, header, cell, reason: e.reason },
    },
  };
}
