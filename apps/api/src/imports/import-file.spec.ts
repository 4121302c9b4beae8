import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { ApiError } from '../common/api-error';
import { cellText, CsvRecordParser, FileSyntaxError, readRows, spoolToFile, type SheetRow } from './import-file';

// Issue 9 §4: files of 100,000 rows are read as a stream, in chunks, in CSV and in xlsx.
const parseInChunks = (text: string, size: number): string[][] => {
  const p = new CsvRecordParser();
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size)));
  return [...out, ...p.end()];
};

describe('CsvRecordParser (RFC 4180, fed in chunks)', () => {
  const text = '\uFEFFa,b\r\n"x, ""y""","dòng 1\ndòng 2"\r\n,\n3,4';
  const expected = [
    ['a', 'b'],
    ['x, "y"', 'dòng 1\ndòng 2'],
    ['', ''],
    ['3', '4'],
  ];

  it('gives the same records whatever the chunk boundaries (quotes, CRLF and the BOM split across chunks)', () => {
    for (const size of [1, 2, 3, 5, 7, 1000]) expect(parseInChunks(text, size)).toEqual(expected);
  });

  it('normalises fields to NFC', () => {
    expect(parseInChunks('Ho\u0323 va\u0300 te\u0302n\n', 3)).toEqual([['Họ và tên']]);
  });

  it('refuses an unterminated quote and text after a closing quote, naming the record', () => {
    expect(() => parseInChunks('a\n"b', 2)).toThrow(new FileSyntaxError(2, 'thiếu dấu ngoặc kép đóng'));
    const e = (() => {
      try {
        parseInChunks('a\nb\n"c"d\n', 4);
      } catch (err) {
        return err as FileSyntaxError;
      }
    })();
    expect(e).toBeInstanceOf(FileSyntaxError);
    expect(e?.rowNumber).toBe(3);
  });
});

describe('cellText (xlsx cells as text)', () => {
  it('reads a date cell as its calendar date, a 12-digit number without exponent, rich text and formulas', () => {
    expect(cellText(new Date(Date.UTC(2001, 3, 12)))).toBe('2001-04-12');
    expect(cellText(123456789012)).toBe('123456789012');
    expect(cellText(1.5)).toBe('1.5');
    expect(cellText({ richText: [{ text: 'Nguyễn ' }, { text: 'An' }] })).toBe('Nguyễn An');
    expect(cellText({ formula: 'A1', result: 'x' } as ExcelJS.CellFormulaValue)).toBe('x');
    expect(cellText(null)).toBe('');
  });
});

describe('readRows', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'import-file-spec-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const collect = async (gen: AsyncGenerator<SheetRow>) => {
    const rows: SheetRow[] = [];
    for await (const r of gen) rows.push(r);
    return rows;
  };

  it('numbers CSV rows as the sheet shows them, the header being row 1, blank rows skipped but counted', async () => {
    const path = join(dir, 'a.csv');
    await writeFile(path, 'h1,h2\n1,2\n\n3,4\n');
    expect(await collect(readRows(path, 'csv'))).toEqual([
      { rowNumber: 1, cells: ['h1', 'h2'] },
      { rowNumber: 2, cells: ['1', '2'] },
      { rowNumber: 4, cells: ['3', '4'] },
    ]);
  });

  it('streams the first worksheet of an xlsx file with its row numbers and date cells as dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['Họ và tên', 'Ngày sinh']);
    ws.addRow(['Nguyễn Văn An', new Date(Date.UTC(2001, 3, 12))]);
    ws.getRow(4).values = ['Trần Thị Bình', '20/05/2000'];
    wb.addWorksheet('Khác').addRow(['bỏ qua']);
    const path = join(dir, 'a.xlsx');
    await wb.xlsx.writeFile(path);
    expect(await collect(readRows(path, 'xlsx'))).toEqual([
      { rowNumber: 1, cells: ['Họ và tên', 'Ngày sinh'] },
      { rowNumber: 2, cells: ['Nguyễn Văn An', '2001-04-12'] },
      { rowNumber: 4, cells: ['Trần Thị Bình', '20/05/2000'] },
    ]);
  });

  it('keeps Vietnamese letters whole across the chunks of a large sheet, with shared or inline strings', async () => {
    // Regression: ExcelJS's streaming reader decoded each chunk alone ('Đoàn' read as '��oàn').
    for (const useSharedStrings of [true, false]) {
      const path = join(dir, `big-${useSharedStrings}.xlsx`);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
      const ws = wb.addWorksheet('Danh sách');
      for (let i = 0; i < 20_000; i++) ws.addRow([`Đoàn Thị Hương ${i}`, 'Đoàn TNCS Hồ Chí Minh']).commit();
      await wb.commit();
      const rows = await collect(readRows(path, 'xlsx'));
      expect(rows.length).toBe(20_000);
      const bad = rows.filter((r, i) => r.cells[0] !== `Đoàn Thị Hương ${i}` || r.cells[1] !== 'Đoàn TNCS Hồ Chí Minh');
      expect(bad).toEqual([]);
    }
  });

  it('leaves no temporary file behind when the reading stops early (a worksheet stored before the shared strings)', async () => {
    const path = join(dir, 'spooled.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const ws = wb.addWorksheet('Danh sách');
    for (let i = 0; i < 100; i++) ws.addRow([`Đoàn ${i}`]).commit();
    await wb.commit();
    // ExcelJS names its temporary files tmp-<pid>-…: this process's only.
    const mine = async () => (await readdir(tmpdir())).filter((f) => f.startsWith(`tmp-${process.pid}-`)).sort();
    const before = await mine();
    const rows = readRows(path, 'xlsx');
    expect((await rows.next()).value).toEqual({ rowNumber: 1, cells: ['Đoàn 0'] });
    await rows.return(undefined);
    expect(await mine()).toEqual(before);
  });

  it('refuses a file that is not an xlsx workbook with a FileSyntaxError on row 1', async () => {
    const path = join(dir, 'not.xlsx');
    await writeFile(path, 'Họ và tên,Ngày sinh\n');
    await expect(collect(readRows(path, 'xlsx'))).rejects.toBeInstanceOf(FileSyntaxError);
  });
});

describe('spoolToFile', () => {
  it('answers 413 naming body when the stream exceeds the limit, and 400 for an empty body', async () => {
    const big = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(spoolToFile(big, 0, 1000)).rejects.toMatchObject({ status: 413, field: 'body' });
    await expect(spoolToFile(Readable.from([]), 0, 1000)).rejects.toEqual(ApiError.badRequest('body', 'tệp rỗng'));
  });
});
