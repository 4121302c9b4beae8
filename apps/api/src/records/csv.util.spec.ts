import { CsvSyntaxError, parseCsv, parseCsvRecords } from './csv.util';

describe('parseCsvRecords — RFC 4180', () => {
  it('should split plain fields when there are no quotes', () => {
    expect(parseCsvRecords('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('should keep commas, doubled quotes and line breaks when they are inside quotes', () => {
    expect(parseCsvRecords('id,note\n1,"Ốm, nằm viện ""dài ngày""\nđến tháng sau"\n')).toEqual([
      ['id', 'note'],
      ['1', 'Ốm, nằm viện "dài ngày"\nđến tháng sau'],
    ]);
  });

  it('should accept CRLF line ends when the file comes from a spreadsheet', () => {
    expect(parseCsvRecords('a,b\r\n1,2\r\n3,"x\r\ny"\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', 'x\r\ny'],
    ]);
  });

  it('should drop a leading UTF-8 BOM when Excel saved the file', () => {
    expect(parseCsvRecords('\uFEFFmember_id,month\nabc,2026-01')[0]).toEqual(['member_id', 'month']);
  });

  it('should keep empty fields when commas are adjacent or a line ends with a comma', () => {
    expect(parseCsvRecords('a,,c,\n"",x,,')).toEqual([
      ['a', '', 'c', ''],
      ['', 'x', '', ''],
    ]);
  });

  it('should normalise Vietnamese text to NFC when it was typed with combining marks', () => {
    const decomposed = 'Nguyễn Thu Trang'.normalize('NFD');
    expect(decomposed).not.toBe('Nguyễn Thu Trang');
    expect(parseCsvRecords(`name\n${decomposed}`)[1][0]).toBe('Nguyễn Thu Trang');
  });

  it('should refuse the file when a quoted field is not closed', () => {
    expect(() => parseCsvRecords('a,b\n1,"open\n')).toThrow(CsvSyntaxError);
  });

  it('should refuse the file when text follows a closing quote or a quote opens mid-field', () => {
    expect(() => parseCsvRecords('a\n"x"y\n')).toThrow(expect.objectContaining({ rowNumber: 2 }));
    expect(() => parseCsvRecords('a\nx"y"\n')).toThrow(CsvSyntaxError);
  });
});

describe('parseCsv — header row and row numbers (header = row 1)', () => {
  it('should key fields by header name and number rows from 2 when the header is row 1', () => {
    const table = parseCsv('member_id,month\nm1,2026-01\nm2,2026-02\n');
    expect(table.header).toEqual(['member_id', 'month']);
    expect(table.rows).toEqual([
      { rowNumber: 2, values: { member_id: 'm1', month: '2026-01' } },
      { rowNumber: 3, values: { member_id: 'm2', month: '2026-02' } },
    ]);
  });

  it('should skip blank lines but keep counting them when numbering rows', () => {
    expect(parseCsv('a\n1\n\n2\n').rows.map((r) => r.rowNumber)).toEqual([2, 4]);
  });

  it('should count a record with a quoted line break as one row when numbering', () => {
    expect(parseCsv('a,b\n"x\ny",1\nz,2\n').rows.map((r) => [r.rowNumber, r.values.b])).toEqual([
      [2, '1'],
      [3, '2'],
    ]);
  });

  it('should name the row when it has a different number of fields than the header', () => {
    expect(() => parseCsv('a,b\n1,2\n1,2,3\n')).toThrow(expect.objectContaining({ rowNumber: 3 }));
  });

  it('should refuse the file when the header is missing or repeats a column', () => {
    expect(() => parseCsv('')).toThrow(expect.objectContaining({ rowNumber: 1 }));
    expect(() => parseCsv('a,a\n1,2')).toThrow(expect.objectContaining({ rowNumber: 1 }));
  });
});
