import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { ApiError } from '../common/api-error';
import { textProblem } from '../common/text-input';
import { Utf8Scanner, type BadByte } from '../common/utf8';

/**
 * The uploaded file of an import (issue 9 §4): CSV (UTF-8, RFC 4180) or xlsx (its first worksheet).
 * The request body is streamed to a temporary file, then read row by row, twice (once to count the
 * rows for the progress report, once to import them), so memory stays bounded whatever the size.
 */
export type ImportFormat = 'csv' | 'xlsx';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** 100 MB: a roll of 100,000 members is about 15 MB as CSV, 6 MB as xlsx. */
export const IMPORT_BODY_LIMIT_BYTES = 100 * 1024 * 1024;

/** One row of the file: its 1-based number as a spreadsheet shows it (the header is row 1) and its cells' text. */
export type SheetRow = { rowNumber: number; cells: string[] };

/** A file that cannot be read at `rowNumber` (0: a problem no row can be named for, such as an xlsx part). */
export class FileSyntaxError extends Error {
  constructor(
    readonly rowNumber: number,
    message: string,
    /** The 0-based column of the cell the problem is in, when it can be placed (issue 11 §9). */
    readonly columnIndex?: number,
  ) {
    super(message);
  }
}

export function formatOf(contentType: string | undefined): ImportFormat {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/csv' || type === 'text/plain') return 'csv';
  if (type === XLSX_TYPE) return 'xlsx';
  throw new ApiError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `content-type: phải là text/csv hoặc ${XLSX_TYPE} (nhận '${type || 'không có'}')`,
    'content-type',
  );
}

/**
 * Streams `body` to a new temporary file; 413 above the limit. The caller removes it with `removeSpooled`.
 * With `checkText` (a CSV), `badText` tells whether the file holds bytes that are not UTF-8 text (issue 11
 * §9), so the caller can refuse it at once, placing the problem with `readRows`.
 */
export async function spoolToFile(
  body: Readable,
  declaredLength: number,
  limitBytes = IMPORT_BODY_LIMIT_BYTES,
  { checkText = false }: { checkText?: boolean } = {},
) {
  const tooLarge = () =>
    new ApiError(413, 'PAYLOAD_TOO_LARGE', `body: tệp vượt quá ${limitBytes / 1024 / 1024} MB`, 'body');
  if (declaredLength > limitBytes) throw tooLarge();
  const dir = await mkdtemp(join(tmpdir(), 'partyflow-import-'));
  const path = join(dir, 'upload');
  let size = 0;
  const scanner = checkText ? new Utf8Scanner() : null;
  let badText = false;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (scanner && !badText) badText = scanner.push(chunk).bad !== null;
      done(size > limitBytes ? tooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(body, limit, createWriteStream(path));
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  if (size === 0) {
    await rm(dir, { recursive: true, force: true });
    throw ApiError.badRequest('body', 'tệp rỗng');
  }
  if (scanner && !badText) badText = scanner.end().bad !== null;
  return { path, dir, size, badText };
}

export async function removeSpooled(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** The rows of the file, header first; blank rows are skipped (but counted, so numbers match the sheet). */
export function readRows(path: string, format: ImportFormat): AsyncGenerator<SheetRow> {
  return format === 'csv' ? readCsvRows(path) : readXlsxRows(path);
}

/**
 * The CSV's rows. Bytes that are not UTF-8 (or a NUL) end the reading with a FileSyntaxError at the row
 * and column they are in, after the rows before them (issue 11 §9): never decoded to U+FFFD.
 */
async function* readCsvRows(path: string): AsyncGenerator<SheetRow> {
  const parser = new CsvRecordParser();
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  const scanner = new Utf8Scanner();
  let rowNumber = 0;
  const emit = function* (records: string[][]) {
    for (const cells of records) {
      rowNumber++;
      if (cells.every((c) => c.trim() === '')) continue;
      yield { rowNumber, cells };
    }
  };
  const take = function* ({ bytes, bad }: { bytes: Buffer; bad: BadByte | null }) {
    yield* emit(parser.push(bytes.subarray(0, bad ? bad.offset : bytes.length).toString('utf8')));
    if (bad) {
      const at = parser.position();
      throw new FileSyntaxError(at.row, bad.reason, at.column);
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) yield* take(scanner.push(chunk));
  yield* take(scanner.end());
  yield* emit(parser.end());
}

/** Bytes of an xlsx part that are not UTF-8 (issue 11 §9); `part` says whether a row can be placed. */
class XlsxTextError extends Error {
  constructor(
    readonly part: 'worksheet' | 'sharedStrings',
    message: string,
  ) {
    super(message);
  }
}

/**
 * UTF-8 text of a stream of chunks, a character split between two chunks decoded whole; bytes that are
 * not UTF-8 end it with an XlsxTextError after the text before them (never decoded to U+FFFD).
 */
async function* decodeUtf8(
  chunks: AsyncIterable<Buffer | string>,
  part: XlsxTextError['part'],
): AsyncGenerator<string> {
  const scanner = new Utf8Scanner();
  const take = function* ({ bytes, bad }: { bytes: Buffer; bad: BadByte | null }) {
    const text = bytes.subarray(0, bad ? bad.offset : bytes.length).toString('utf8');
    if (text) yield text;
    if (bad) throw new XlsxTextError(part, bad.reason);
  };
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') yield chunk;
    else yield* take(scanner.push(chunk));
  }
  yield* take(scanner.end());
}

type ReaderInternals = {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
};
const StreamReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: string,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => ExcelJS.stream.xlsx.WorkbookReader & ReaderInternals;

/**
 * ExcelJS's streaming reader (4.4) decodes each inflated chunk of XML on its own, so a Vietnamese
 * letter whose UTF-8 bytes fall across two chunks becomes '��' (seen at row 5,451 of the 100,000-row
 * bench). Its XML parser takes text chunks as they are: the shared strings and the worksheets are
 * handed to it already decoded, by a decoder that carries a split character over to the next chunk.
 */
class Utf8WorkbookReader extends StreamReader {
  /**
   * A worksheet stored before the shared strings is spooled by ExcelJS to a temporary file that it
   * removes only when the whole workbook has been read: those files, removed by `close` when the
   * reading stops early (the first worksheet only, the first bad row, the header check).
   */
  private readonly spooled: Array<{ path: string; destroy(): void }> = [];

  override _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown> {
    const file = iterator as Partial<{ path: unknown; destroy(): void }>;
    if (typeof file.path === 'string' && typeof file.destroy === 'function')
      this.spooled.push({ path: file.path, destroy: () => file.destroy?.() });
    return super._parseWorksheet(decodeUtf8(iterator, 'worksheet'), sheetNo);
  }

  async close(): Promise<void> {
    for (const f of this.spooled.splice(0)) {
      f.destroy();
      await rm(f.path, { force: true });
    }
  }

  override _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown> {
    const text = Readable.from(decodeUtf8(entry as AsyncIterable<Buffer>, 'sharedStrings'), { objectMode: false });
    return super._parseSharedStrings(text);
  }
}

async function* readXlsxRows(path: string): AsyncGenerator<SheetRow> {
  const reader = new Utf8WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let lastRow = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        lastRow = row.number;
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]));
        // A NUL or a lone surrogate (from an XML character reference) is refused where it is (issue 11 §9).
        const bad = cells.findIndex((c) => textProblem(c) !== null);
        if (bad >= 0) throw new FileSyntaxError(row.number, textProblem(cells[bad]) as string, bad);
        if (cells.every((c) => c.trim() === '')) continue;
        yield { rowNumber: row.number, cells };
      }
      return; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof FileSyntaxError) throw e;
    // Bytes that are not UTF-8 in a worksheet are in the row after the last one read; in the shared
    // strings (the text of the cells) they cannot be placed: the file is named.
    if (e instanceof XlsxTextError)
      throw e.part === 'worksheet'
        ? new FileSyntaxError(lastRow + 1, e.message)
        : new FileSyntaxError(0, `bảng chuỗi của tệp xlsx (sharedStrings.xml) ${e.message}`);
    throw new FileSyntaxError(1, `không đọc được tệp xlsx (${(e as Error).message})`);
  } finally {
    await reader.close();
  }
}

/**
 * A cell's value as text: a date cell as its calendar date YYYY-MM-DD (Excel stores a date
 * without a zone; ExcelJS gives it as that date at 00:00 UTC), a number in plain decimal, a
 * formula as its cached result, rich text as its text.
 */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.normalize('NFC');
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : sheetDate(v);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .normalize('NFC');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).normalize('NFC');
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** An xlsx date cell: a calendar date without a zone, which ExcelJS gives as that date at 00:00 UTC. */
function sheetDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * An incremental RFC 4180 parser (the same dialect as records' `parseCsvRecords`, fed in chunks):
 * comma-separated, fields optionally in double quotes, "" for a quote inside one, commas and line
 * breaks allowed inside quotes, CRLF or LF line ends, a leading BOM ignored, text normalised to NFC.
 */
export class CsvRecordParser {
  private record: string[] = [];
  private field = '';
  private quoted = false;
  private quoteInQuoted = false;
  private fieldStarted = false;
  private afterCr = false;
  private first = true;
  private records = 0;

  /** Where the parser stands: the 1-based row (header = 1) and the 0-based column of the field it is reading. */
  position(): { row: number; column: number } {
    return { row: this.records + 1, column: this.record.length };
  }

  push(chunk: string): string[][] {
    let input = chunk;
    if (this.first && input.length) {
      input = input.replace(/^\uFEFF/, '');
      this.first = false;
    }
    const out: string[][] = [];
    for (let i = 0; i < input.length; i++) {
      const c = input[i];
      if (this.afterCr) {
        this.afterCr = false;
        if (c === '\n') continue;
      }
      if (this.quoteInQuoted) {
        this.quoteInQuoted = false;
        if (c === '"') {
          this.field += '"';
          continue;
        }
        this.quoted = false;
        if (c !== ',' && c !== '\r' && c !== '\n')
          throw new FileSyntaxError(this.records + 1, 'ký tự sau dấu ngoặc kép đóng phải là dấu phẩy hoặc xuống dòng');
      }
      if (this.quoted) {
        if (c === '"') this.quoteInQuoted = true;
        else this.field += c;
        continue;
      }
      if (c === '"') {
        if (this.fieldStarted)
          throw new FileSyntaxError(this.records + 1, 'dấu ngoặc kép giữa trường không được đặt trong ngoặc kép');
        this.quoted = true;
        this.fieldStarted = true;
      } else if (c === ',') {
        this.endField();
      } else if (c === '\r' || c === '\n') {
        out.push(this.endRecord());
        this.afterCr = c === '\r';
      } else {
        this.field += c;
        this.fieldStarted = true;
      }
    }
    return out;
  }

  end(): string[][] {
    if (this.quoteInQuoted) {
      this.quoteInQuoted = false;
      this.quoted = false;
    }
    if (this.quoted) throw new FileSyntaxError(this.records + 1, 'thiếu dấu ngoặc kép đóng');
    return this.fieldStarted || this.field !== '' || this.record.length ? [this.endRecord()] : [];
  }

  private endField(): void {
    this.record.push(this.field.normalize('NFC'));
    this.field = '';
    this.fieldStarted = false;
  }

  private endRecord(): string[] {
    this.endField();
    const r = this.record;
    this.record = [];
    this.records++;
    return r;
  }
}
