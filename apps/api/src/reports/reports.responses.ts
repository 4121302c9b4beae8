import { z } from 'zod';
import { instant, localDate, uuid } from '../common/response-schemas';
import { REPORT_KINDS } from './reports.service';

/** One table of a report: English column keys with Vietnamese headers (libs/domain `ReportTable`). */
const ReportTable = z.strictObject({
  key: z.string(),
  title: z.string(),
  columns: z.array(z.strictObject({ key: z.string(), header: z.string(), width: z.number().optional() })),
  rows: z.array(z.record(z.union([z.string(), z.number(), z.null()]))),
});

/** GET /reports/:kind (format json; csv and xlsx answer the same tables as a file). */
export const ReportResponse = z.strictObject({
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  org: z.strictObject({ id: uuid, code: z.string(), name: z.string() }),
  period: z.strictObject({ from: localDate, to: localDate }),
  generatedAt: instant,
  tables: z.array(ReportTable),
});
