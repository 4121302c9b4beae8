import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import type { ReportTable } from '@partyflow/domain';
import { toXlsxStream } from './report-export';

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const table = (title: string, rows: ReportTable['rows']): ReportTable => ({
  key: title,
  title,
  columns: [
    { key: 'name', header: 'Tên tổ chức', width: 40 },
    { key: 'total', header: 'Tổng số nhiệm vụ' },
  ],
  rows,
});

describe('toXlsxStream (issue 13 §4: a report written as a stream, row by row)', () => {
  it('should write one sheet per table with Vietnamese names, a bold frozen header, widths and every row', async () => {
    const orgs = Array.from({ length: 2000 }, (_, i) => ({ name: `Chi bộ Tổ dân phố số ${i + 1}`, total: i }));
    const file = await read(
      toXlsxStream({
        title: 'Báo cáo thực hiện nhiệm vụ',
        tables: [
          table('Nhiệm vụ theo tổ chức', orgs),
          table('Nhiệm vụ theo tổ chức', [{ name: 'Đảng bộ phường', total: null }]),
        ],
      }),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    expect(wb.title).toBe('Báo cáo thực hiện nhiệm vụ');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Nhiệm vụ theo tổ chức', 'Nhiệm vụ theo tổ chức 2']);
    const [first, second] = wb.worksheets;
    expect((first.getRow(1).values as unknown[]).slice(1)).toEqual(['Tên tổ chức', 'Tổng số nhiệm vụ']);
    expect(first.getRow(1).font?.bold).toBe(true);
    expect(first.views).toEqual([expect.objectContaining({ state: 'frozen', ySplit: 1 })]);
    expect([first.getColumn(1).width, first.getColumn(2).width]).toEqual([40, 18]);
    expect(first.rowCount).toBe(2001);
    expect((first.getRow(2).values as unknown[]).slice(1)).toEqual(['Chi bộ Tổ dân phố số 1', 0]);
    expect((first.getRow(2001).values as unknown[]).slice(1)).toEqual(['Chi bộ Tổ dân phố số 2000', 1999]);
    expect((second.getRow(2).values as unknown[]).slice(1)).toEqual(['Đảng bộ phường']);
  }, 30_000);
});
