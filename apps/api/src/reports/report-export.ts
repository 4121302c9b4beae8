import ExcelJS from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';
import { sheetName, tablesToCsv, type ReportTable } from '@partyflow/domain';

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** CSV: UTF-8 with a BOM so Excel shows the diacritics; RFC 4180 quoting. */
export function toCsvBuffer(tables: readonly ReportTable[]): Buffer {
  return Buffer.from(tablesToCsv({ tables }), 'utf8');
}

/**
 * One sheet per table, Vietnamese sheet names and headers, a bold header row and column widths, written as a
 * stream (issue 13 §4): ExcelJS's streaming writer commits each row to the zip as it goes, so a province's report
 * never holds the whole workbook in memory. The stream errors if writing fails.
 */
export function toXlsxStream({ tables, title }: { tables: readonly ReportTable[]; title: string }): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Partyflow';
  wb.title = title;
  const write = async () => {
    const used = new Set<string>();
    for (const t of tables) {
      let name = sheetName(t.title);
      for (let n = 2; used.has(name); n++) name = sheetName(`${t.title.slice(0, 27)} ${n}`);
      used.add(name);
      const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = t.columns.map((c) => ({
        header: c.header,
        key: c.key,
        width: c.width ?? Math.max(12, c.header.length + 2),
      }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      for (const row of t.rows) {
        ws.addRow(Object.fromEntries(t.columns.map((c) => [c.key, row[c.key] ?? null]))).commit();
      }
      ws.commit();
    }
    await wb.commit();
  };
  write().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

/**
 * An ASCII file name with the organisation code and the period, e.g.
 * bao-cao-nhiem-vu_HN-HM_2026-01-01_2026-12-31.xlsx.
 */
export function reportFileName({
  slug,
  orgCode,
  from,
  to,
  ext,
}: {
  slug: string;
  orgCode: string;
  from: string;
  to: string;
  ext: string;
}): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safe(slug)}_${safe(orgCode)}_${from}_${to}.${ext}`;
}
