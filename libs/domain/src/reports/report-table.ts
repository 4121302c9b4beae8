/**
 * A report is a few tables; each column has an English key and a Vietnamese header, so the same
 * table renders as JSON, CSV and an Excel sheet.
 */
export type ReportCell = string | number | null;
export type ReportColumn = { key: string; header: string; width?: number };
export type ReportTable = { key: string; title: string; columns: ReportColumn[]; rows: Record<string, ReportCell>[] };

/** One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: ReportCell): string {
  if (value === null) return '';
  const s = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The tables as one CSV text: each table is its title line, its header line and its rows, tables
 * separated by an empty line; CRLF line ends (RFC 4180). A UTF-8 BOM goes first so that Excel
 * reads the Vietnamese diacritics correctly.
 */
export function tablesToCsv({ tables, bom = true }: { tables: readonly ReportTable[]; bom?: boolean }): string {
  const lines: string[] = [];
  tables.forEach((t, i) => {
    if (i > 0) lines.push('');
    lines.push(csvField(t.title));
    lines.push(t.columns.map((c) => csvField(c.header)).join(','));
    for (const row of t.rows) lines.push(t.columns.map((c) => csvField(row[c.key] ?? null)).join(','));
  });
  return `${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

/** Parses RFC 4180 CSV (used by tests and by anyone reading an export back). */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && src[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** An Excel sheet name: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string): string {
  return title
    .replace(/[:\\/?*[\]]/g, ' ')
    .slice(0, 31)
    .trim();
}
