import { z } from 'zod';
import { instant, localDate, uuid } from '../common/response-schemas';
import { CONTENT_TYPES } from './report-export';
import { REPORT_KINDS } from './reports.service';

/** GET /reports/:kind (format json): the report's tables; with format csv or xlsx, the file. */
export const ReportResponse = z.strictObject({
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  org: z.strictObject({ id: uuid, code: z.string(), name: z.string() }),
  period: z.strictObject({ from: localDate, to: localDate }),
  generatedAt: instant,
  tables: z.array(
    z.strictObject({
      key: z.string(),
      title: z.string(),
      columns: z.array(z.strictObject({ key: z.string(), header: z.string(), width: z.number().optional() })),
      rows: z.array(z.record(z.union([z.string(), z.number(), z.null()]))),
    }),
  ),
});

export const REPORT_FILE_TYPES = [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx];
