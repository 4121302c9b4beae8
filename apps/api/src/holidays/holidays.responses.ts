import { z } from 'zod';
import { instant, localDate } from '../common/response-schemas';

/** One day of the calendar: a day off (holiday), or a weekend day worked to make up for one (working_day). */
export const HolidayResponse = z.strictObject({
  date: localDate,
  kind: z.enum(['holiday', 'working_day']),
  name: z.string(),
  decision: z.string().nullable().describe('văn bản công bố'),
  source: z
    .enum(['published', 'computed'])
    .describe('published: lịch đã công bố; computed: tính theo Bộ luật Lao động (năm chưa có lịch)'),
  updatedAt: instant.nullable(),
  updatedBy: z.string().nullable(),
});

/** GET /holidays: a year's calendar. */
export const HolidayYearResponse = z.strictObject({
  year: z.number().int(),
  source: z.enum(['published', 'computed']),
  days: z.array(HolidayResponse),
});

/** The deadline re-timings a change started: one per step with an open task whose due window may hold the day. */
const Operations = z.array(
  z.strictObject({
    id: z.string(),
    process: z.string(),
    step: z.string(),
    policyVersion: z.number().int(),
    status: z.enum(['starting', 'running', 'start_failed']),
  }),
);

/** POST /holidays, PUT /holidays/:date. */
export const HolidayChangeResponse = z.strictObject({ day: HolidayResponse, operations: Operations });

/** DELETE /holidays/:date. */
export const HolidayRemovalResponse = z.strictObject({ removed: HolidayResponse, operations: Operations });
