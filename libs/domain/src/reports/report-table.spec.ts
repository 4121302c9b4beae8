import { csvField, parseCsv, sheetName, tablesToCsv, type ReportTable } from './report-table';

describe('report export helpers (CSV per RFC 4180, Excel sheet names)', () => {
  it.each([
    ['plain', 'plain'],
    ['Đảng bộ phường Hoàng Liệt', 'Đảng bộ phường Hoàng Liệt'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    [42.5, '42.5'],
    [null, ''],
  ] as const)('should write %p as %p when quoting a CSV field', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('should start with a BOM, use CRLF and read back to the same cells when tables hold Vietnamese text', () => {
    const tables: ReportTable[] = [
      {
        key: 'a',
        title: 'Theo bước',
        columns: [
          { key: 'step', header: 'Bước' },
          { key: 'n', header: 'Số lượng' },
        ],
        rows: [
          { step: 'Quyết định kết nạp, "đợt 1"', n: 3 },
          { step: 'Lễ kết nạp', n: null },
        ],
      },
      { key: 'b', title: 'Tổng', columns: [{ key: 'x', header: 'Tổng cộng' }], rows: [{ x: 'a\r\nb' }] },
    ];
    const csv = tablesToCsv({ tables });
    expect(csv.startsWith('\uFEFFTheo bước\r\nBước,Số lượng\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual([
      ['Theo bước'],
      ['Bước', 'Số lượng'],
      ['Quyết định kết nạp, "đợt 1"', '3'],
      ['Lễ kết nạp', ''],
      [''],
      ['Tổng'],
      ['Tổng cộng'],
      ['a\r\nb'],
    ]);
  });

  it('should cut sheet names to 31 characters and drop forbidden characters when naming Excel sheets', () => {
    expect(sheetName('Nhiệm vụ theo tổ chức: đúng hạn / trễ hạn')).toBe('Nhiệm vụ theo tổ chức  đúng hạn');
    expect(sheetName('Nhiệm vụ theo tổ chức: đúng hạn / trễ hạn').length).toBeLessThanOrEqual(31);
  });
});
