import { z } from 'zod';
import { instant, localDate } from '../common/response-schemas';

/** One day of the calendar (holidays.service.ts `HolidayView`). */
export const HolidayDayResponse = z.strictObject({
  date: localDate,
  kind: z.enum(['holiday', 'working_day']),
  name: z.string(),
  decision: z.string().nullable(),
  source: z.enum(['published', 'computed']),
  updatedAt: instant.nullable(),
  updatedBy: z.string().nullable(),
});

/** GET /holidays: a year's published calendar, or the days the Labour Code rule computes. */
export const HolidayYearResponse = z.strictObject({
  year: z.number().int(),
  source: z.enum(['published', 'computed']),
  days: z.array(HolidayDayResponse),
});

const Retiming = {
  operations: z.array(
    z.strictObject({
      id: z.string(),
      process: z.string(),
      step: z.string(),
      policyVersion: z.number().int(),
      status: z.string(),
    }),
  ),
};

/** POST /holidays, PUT /holidays/:date: the day written and the re-timings it started. */
export const HolidayChangeResponse = z.strictObject({ day: HolidayDayResponse, ...Retiming });

/** DELETE /holidays/:date: the day removed and the re-timings it started. */
export const HolidayRemovalResponse = z.strictObject({ removed: HolidayDayResponse, ...Retiming });
