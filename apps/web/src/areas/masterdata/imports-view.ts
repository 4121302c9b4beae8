import type { ApiErrorBody } from '../../api/errors';

/** Where an import's first problem is (issue 9 §4): the row as the spreadsheet numbers it, the column by its header. */
type RowDetails = {
  row?: number;
  column?: string | null;
  header?: string | null;
  cell?: string | null;
  reason?: string;
};

/**
 * The refusal of a file as the official reads it next to the file's name: `Dòng 3, cột Ngày sinh (ô B3): …`. The
 * column is named by the file's own header when the API knows it (the English column name is a code identifier),
 * else as the API names it (record imports take English headers, which are then the file's own).
 */
export function importErrorText(error: Pick<ApiErrorBody, 'message' | 'field' | 'details'> | null | undefined): string {
  if (!error) return 'Tệp bị từ chối.';
  const d = (error.details ?? {}) as RowDetails;
  if (typeof d.row === 'number') {
    const column = d.header ?? d.column;
    return (
      `Dòng ${d.row}${column ? `, cột ${column}` : ''}${d.cell ? ` (ô ${d.cell})` : ''}: ${d.reason ?? error.message}` +
      ' — tệp bị từ chối, không dòng nào được ghi'
    );
  }
  const m = /^row (\d+)(?:, column (.+))?$/.exec(error.field ?? '');
  if (m) return `Dòng ${m[1]}${m[2] ? `, cột ${m[2]}` : ''}: ${error.message}`;
  return error.message;
}

/** Progress of a running import, `1.200 / 5.000 dòng` (rows done / total; the total once counted). */
export function progressText(rowsDone: number, rowsTotal: number | null): string {
  const n = (x: number) => x.toLocaleString('vi-VN');
  return rowsTotal === null ? `${n(rowsDone)} dòng (đang đếm tổng số dòng)` : `${n(rowsDone)} / ${n(rowsTotal)} dòng`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type a file is sent with: by its extension (a phone often gives CSV files no type). */
export function contentTypeOf(name: string): string | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'text/csv';
  if (lower.endsWith('.xlsx')) return XLSX_TYPE;
  return null;
}
