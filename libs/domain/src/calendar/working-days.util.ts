import { DomainError } from '../errors';
import { addDays, compareLocalDate, dayOfWeek, parseLocalDate, type LocalDate } from './local-date.util';

/**
 * Working days (ngày làm việc) are Monday to Friday, minus public holidays, plus the weekend
 * days a day swap makes working days (issue 9 §5). The holiday calendar is data (an
 * administrator maintains it, including compensatory days off), so every function takes it as
 * an argument: a plain set of days off, or a calendar that also knows the worked weekend days
 * (VietnamHolidayCalendar).
 */
export type HolidayCalendar = {
  /** Whether the day is a day off (a holiday or a compensatory day). */
  has(date: LocalDate): boolean;
  /** Whether a weekend day is worked (a working Saturday that makes up for a bridge day). */
  worksOn?(date: LocalDate): boolean;
};

/** Guards against a holiday set that blocks every day: no real calendar has a year off. */
const MAX_CONSECUTIVE_NON_WORKING_DAYS = 366;

export function isWorkingDay(date: LocalDate, holidays: HolidayCalendar): boolean {
  if (holidays.has(date)) return false;
  const weekday = dayOfWeek(date);
  return (weekday !== 0 && weekday !== 6) || (holidays.worksOn?.(date) ?? false);
}

export type AddWorkingDaysArgs = { from: LocalDate; days: number; holidays: HolidayCalendar };

/**
 * The `days`-th working day after `from` (`from` itself is not counted, whether or not it
 * is a working day); `days = 0` returns `from`. A negative `days` counts backwards: the
 * |days|-th working day before `from`.
 */
export function addWorkingDays({ from, days, holidays }: AddWorkingDaysArgs): LocalDate {
  parseLocalDate(from);
  if (!Number.isSafeInteger(days)) throw new DomainError('INVALID_ARGUMENT', `days must be an integer, got ${days}`);
  const step = days < 0 ? -1 : 1;
  let remaining = Math.abs(days);
  let current = from;
  let skipped = 0;
  while (remaining > 0) {
    current = addDays(current, step);
    if (isWorkingDay(current, holidays)) {
      remaining -= 1;
      skipped = 0;
    } else if (++skipped > MAX_CONSECUTIVE_NON_WORKING_DAYS) {
      throw new DomainError('WORKING_DAY_SEARCH_EXHAUSTED', `No working day within a year of ${current}`);
    }
  }
  return current;
}

export type CountWorkingDaysBetweenArgs = { from: LocalDate; to: LocalDate; holidays: HolidayCalendar };

/**
 * Working days in the half-open interval (from, to]: `from` excluded, `to` included, so
 * `countWorkingDaysBetween({ from, to: addWorkingDays({ from, days: n }) }) === n` for
 * n ≥ 0. Returns the negated count of (to, from] when `to` is before `from`.
 */
export function countWorkingDaysBetween({ from, to, holidays }: CountWorkingDaysBetweenArgs): number {
  const order = compareLocalDate(from, to);
  if (order === 0) return 0;
  if (order > 0) return -countWorkingDaysBetween({ from: to, to: from, holidays });
  let count = 0;
  for (let current = addDays(from, 1); compareLocalDate(current, to) <= 0; current = addDays(current, 1)) {
    if (isWorkingDay(current, holidays)) count += 1;
  }
  return count;
}
