/**
 * A small RFC 4180 CSV parser (no dependency): comma-separated, fields optionally in double
 * quotes, a quote inside a quoted field doubled (""), commas and line breaks allowed inside
 * quotes, CRLF or LF line ends, a leading UTF-8 BOM ignored. Text is normalised to NFC so
 * Vietnamese typed with combining marks compares and stores the same as precomposed text.
 */
export type CsvTable = {
  header: string[];
  /** Each data row with its 1-based line-of-records number, the header being row 1. */
  rows: Array<{ rowNumber: number; values: Record<string, string> }>;
};

export class CsvSyntaxError extends Error {
  constructor(
    readonly rowNumber: number,
    message: string,
  ) {
    super(message);
  }
}

/** Splits CSV text into records of fields; throws `CsvSyntaxError` on an unterminated or misplaced quote. */
export function parseCsvRecords(text: string): string[][] {
  const input = text.normalize('NFC').replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < input.length) {
    const c = input[i];
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = input[i];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          throw new CsvSyntaxError(records.length + 1, 'ký tự sau dấu ngoặc kép đóng phải là dấu phẩy hoặc xuống dòng');
        }
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (fieldStarted)
        throw new CsvSyntaxError(records.length + 1, 'dấu ngoặc kép giữa trường không được đặt trong ngoặc kép');
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && input[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new CsvSyntaxError(records.length + 1, 'thiếu dấu ngoặc kép đóng');
  // A final line break does not start an empty record.
  if (fieldStarted || field !== '' || record.length) endRecord();
  return records;
}

/**
 * Parses CSV text with a header row into rows keyed by column name. Blank lines are skipped but
 * still counted, so row numbers match what a spreadsheet shows. Throws `CsvSyntaxError` when
 * the header is missing or repeats a column, or a row has a different number of fields.
 */
export function parseCsv(text: string): CsvTable {
  const records = parseCsvRecords(text);
  if (!records.length || records[0].every((h) => h.trim() === '')) throw new CsvSyntaxError(1, 'thiếu dòng tiêu đề');
  const header = records[0].map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new CsvSyntaxError(1, `cột '${h}' lặp lại`);
    seen.add(h);
  }
  const rows: CsvTable['rows'] = [];
  records.slice(1).forEach((fields, index) => {
    const rowNumber = index + 2;
    if (fields.length === 1 && fields[0].trim() === '') return;
    if (fields.length !== header.length)
      throw new CsvSyntaxError(rowNumber, `có ${fields.length} trường, dòng tiêu đề có ${header.length}`);
    rows.push({ rowNumber, values: Object.fromEntries(header.map((h, j) => [h, fields[j]])) });
  });
  return { header, rows };
}
