import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Readable } from 'node:stream';
import { ApiError } from '../common/api-error';
import { NOT_UTF8, NUL_CHAR } from '../common/utf8';
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
    // Two 20,000-row workbooks (about 50 stream chunks each, so a chunk boundary surely splits a letter) take
    // about 4 s on the 2-core machine: more than Jest's default 5 s budget allows under a loaded suite.
  }, 30_000);

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

  const failure = async (gen: AsyncGenerator<SheetRow>) => {
    const rows: SheetRow[] = [];
    try {
      for await (const r of gen) rows.push(r);
    } catch (e) {
      return { rows, error: e as FileSyntaxError };
    }
    return { rows, error: null };
  };

  it('refuses Latin-1 bytes in a CSV at their row and column, after the rows before them (issue 11 §9)', async () => {
    const path = join(dir, 'latin1.csv');
    await writeFile(
      path,
      Buffer.concat([Buffer.from('h1,h2\n1,2\n"3",Nguy'), Buffer.from([0xea]), Buffer.from('n\n')]),
    );
    const { rows, error } = await failure(readRows(path, 'csv'));
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2]);
    expect(error).toBeInstanceOf(FileSyntaxError);
    expect([error?.rowNumber, error?.columnIndex, error?.message]).toEqual([3, 1, NOT_UTF8]);
  });

  it('refuses a NUL in a CSV at its row and column (issue 11 §9)', async () => {
    const path = join(dir, 'nul.csv');
    await writeFile(path, 'h1,h2,h3\n1,2,a\u0000b\n');
    const { error } = await failure(readRows(path, 'csv'));
    expect([error?.rowNumber, error?.columnIndex, error?.message]).toEqual([2, 2, NUL_CHAR]);
  });

  it('reads a letter split by the 256 KB chunk boundary whole, and places a bad byte far into the file (issue 11 §9)', async () => {
    const path = join(dir, 'boundary.csv');
    // 'Nguyễn' starts one byte before the boundary, so 'ễ' (3 bytes) straddles it.
    const filler = 'x'.repeat(256 * 1024 - 'name\n'.length - 'Nguy'.length - 1);
    const rows = Array.from({ length: 3000 }, (_, i) => `Đoàn ${i}`).join('\n');
    await writeFile(
      path,
      Buffer.concat([Buffer.from(`name\n${filler}Nguyễn\n${rows}\n`), Buffer.from([0xff]), Buffer.from('\n')]),
    );
    const { rows: read, error } = await failure(readRows(path, 'csv'));
    expect(read[1].cells).toEqual([`${filler}Nguyễn`]);
    expect(read.filter((r) => r.cells.join('').includes('\uFFFD'))).toEqual([]);
    expect(read.length).toBe(3002);
    expect([error?.rowNumber, error?.columnIndex, error?.message]).toEqual([3003, 0, NOT_UTF8]);
  });

  /** An xlsx whose `part` has the bytes of 'XLATIN1X' replaced by Latin-1 'ê' (0xea). */
  const xlsxWithLatin1 = async (name: string, useSharedStrings: boolean) => {
    const path = join(dir, name);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['Họ và tên']).commit();
    ws.addRow(['Nguyễn Văn An']).commit();
    ws.addRow(['NguyXLATIN1Xn Văn Bình']).commit();
    await wb.commit();
    const zip = await JSZip.loadAsync(await readFile(path));
    const part = useSharedStrings ? 'xl/sharedStrings.xml' : 'xl/worksheets/sheet1.xml';
    const xml = (await zip.file(part)?.async('nodebuffer')) as Buffer;
    const at = xml.indexOf('XLATIN1X');
    zip.file(part, Buffer.concat([xml.subarray(0, at), Buffer.from([0xea]), xml.subarray(at + 'XLATIN1X'.length)]));
    await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    return path;
  };

  it('refuses Latin-1 bytes in an xlsx worksheet at their row, and in its shared strings naming the file (issue 11 §9)', async () => {
    const inline = await failure(readRows(await xlsxWithLatin1('latin1-inline.xlsx', false), 'xlsx'));
    expect(inline.rows.map((r) => r.cells[0])).toEqual(['Họ và tên', 'Nguyễn Văn An']);
    expect([inline.error?.rowNumber, inline.error?.message]).toEqual([3, NOT_UTF8]);
    const shared = await failure(readRows(await xlsxWithLatin1('latin1-shared.xlsx', true), 'xlsx'));
    expect(shared.rows).toEqual([]);
    expect([shared.error?.rowNumber, shared.error?.message]).toEqual([
      0,
      `bảng chuỗi của tệp xlsx (sharedStrings.xml) ${NOT_UTF8}`,
    ]);
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

  it('tells whether a CSV being spooled holds bytes that are not UTF-8 text (issue 11 §9)', async () => {
    const clean = await spoolToFile(Readable.from([Buffer.from('Họ và tên\nNguy'), Buffer.from('ễn\n')]), 0, 1000, {
      checkText: true,
    });
    expect(clean.badText).toBe(false);
    const latin1 = await spoolToFile(Readable.from([Buffer.from('a\nNguy'), Buffer.from([0xea, 0x6e])]), 0, 1000, {
      checkText: true,
    });
    expect(latin1.badText).toBe(true);
    await Promise.all([rm(clean.dir, { recursive: true }), rm(latin1.dir, { recursive: true })]);
  });
});
