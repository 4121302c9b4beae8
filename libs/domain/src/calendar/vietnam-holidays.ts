import {
  addDays,
  compareLocalDate,
  dayOfWeek,
  formatLocalDate,
  parseLocalDate,
  type LocalDate,
} from './local-date.util';
import { LUNAR_MAX_YEAR, LUNAR_MIN_YEAR, lunarNewYear, lunarNewYearsEve, lunarToSolar } from './lunar';
import type { HolidayCalendar } from './working-days.util';

/**
 * The Vietnamese public holidays (issue 9 §5), computed for any year, and the calendar that lets each year's
 * published decision override them.
 *
 * Sources: Bộ luật Lao động 2019 Điều 112 khoản 1 (Tết Dương lịch 1 day; Tết Âm lịch 5 days; Chiến thắng 30/4 1 day;
 * Quốc tế Lao động 1/5 1 day; Quốc khánh 2/9 2 days, "ngày 02/9 và 01 ngày liền kề trước hoặc sau"; Giỗ Tổ Hùng Vương
 * 10/3 âm lịch 1 day) and Điều 111 khoản 3 (a holiday falling on the weekly day off is taken on the next working day).
 * Điều 112 khoản 3 lets the Prime Minister fix the Tết and 2/9 days each year, and the Government's yearly decision
 * may also swap a working day (a working Saturday making up for a bridge day): those are data, entered by an
 * administrator (or seeded), and a year that has them uses them instead of the computed days.
 */

export type CalendarDayKind = 'holiday' | 'working_day';

/** One day of a year's calendar: a day off (`holiday`), or a weekend day worked to make up for one (`working_day`). */
export type CalendarDay = { date: LocalDate; kind: CalendarDayKind; name: string };

export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch (1/1)',
  lunarNewYear: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
  reunification: 'Ngày Chiến thắng (30/4)',
  labourDay: 'Ngày Quốc tế Lao động (1/5)',
  nationalDay: 'Quốc khánh (2/9)',
  nationalDayAdjacent: 'Nghỉ Quốc khánh (ngày liền kề 2/9)',
  compensatory: 'Nghỉ bù',
} as const;

/** The source every computed day cites (stored with the days an administrator publishes from them). */
export const COMPUTED_HOLIDAY_SOURCE =
  'Tính theo Bộ luật Lao động 2019 Điều 112 khoản 1 và Điều 111 khoản 3; âm lịch Việt Nam (UTC+7)';

const isWeekend = (date: LocalDate): boolean => {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
};

/** The nearest weekday on or before `date`. */
function weekdayOnOrBefore(date: LocalDate): LocalDate {
  let current = date;
  while (isWeekend(current)) current = addDays(current, -1);
  return current;
}

/**
 * The five Tết days off (Điều 112 khoản 1 điểm b: "Tết Âm lịch: 05 ngày"), all weekdays: giao thừa (the last day of
 * the lunar year) or, when it falls on a weekend, the last weekday before it, then the next four weekdays.
 * [A] The Prime Minister picks the days each year; this rule gives exactly the published decisions of 2022
 * (31/1–4/2), 2023 (20/1, 23/1–26/1) and 2026 (16/2–20/2) but not those of 2021, 2024 or 2025, which is why a
 * year's published days override it.
 */
export function computedTetDays(year: number): LocalDate[] {
  const days = [weekdayOnOrBefore(lunarNewYearsEve(year))];
  for (let current = addDays(days[0], 1); days.length < 5; current = addDays(current, 1)) {
    if (!isWeekend(current)) days.push(current);
  }
  return days;
}

/** The day of 2/9's second day off: the one that joins 2/9 to a weekend (or to its compensatory day). [A] */
function nationalDayAdjacent(year: number): LocalDate {
  const nationalDay = formatLocalDate({ year, month: 9, day: 2 });
  // Monday, Thursday or Sunday: the day after (3/9 Tuesday, Friday, Monday); otherwise the day before (1/9).
  return addDays(nationalDay, [0, 1, 4].includes(dayOfWeek(nationalDay)) ? 1 : -1);
}

/**
 * The computed days off of `year` (Bộ luật Lao động 2019 Điều 112 khoản 1, Điều 111 khoản 3), weekdays only and in
 * date order: the weekend itself is never a working day, so a holiday on a Saturday or Sunday gives its compensatory
 * day ("Nghỉ bù") on the next weekday that is not already off. Empty outside the lunar library's years.
 */
export function computedVietnamHolidays(year: number): CalendarDay[] {
  if (!Number.isSafeInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) return [];
  const date = (month: number, day: number) => formatLocalDate({ year, month, day });
  const tetName = `${HOLIDAY_NAMES.lunarNewYear} (mùng 1 Tết: ${formatDayMonth(lunarNewYear(year))})`;
  const official: { date: LocalDate; name: string }[] = [
    { date: date(1, 1), name: HOLIDAY_NAMES.newYear },
    ...computedTetDays(year).map((d) => ({ date: d, name: tetName })),
    { date: lunarToSolar({ year, month: 3, day: 10 }), name: HOLIDAY_NAMES.hungKings },
    { date: date(4, 30), name: HOLIDAY_NAMES.reunification },
    { date: date(5, 1), name: HOLIDAY_NAMES.labourDay },
    { date: date(9, 2), name: HOLIDAY_NAMES.nationalDay },
    { date: nationalDayAdjacent(year), name: HOLIDAY_NAMES.nationalDayAdjacent },
  ].sort((a, b) => compareLocalDate(a.date, b.date));
  const off = new Map<LocalDate, string>();
  for (const day of official) if (!isWeekend(day.date)) off.set(day.date, day.name);
  for (const day of official) {
    if (!isWeekend(day.date)) continue;
    let substitute = addDays(day.date, 1);
    while (isWeekend(substitute) || off.has(substitute)) substitute = addDays(substitute, 1);
    off.set(substitute, `${HOLIDAY_NAMES.compensatory} ${lowerFirst(day.name)} (${formatDayMonth(day.date)})`);
  }
  return [...off]
    .map(([d, name]) => ({ date: d, kind: 'holiday' as const, name }))
    .sort((a, b) => compareLocalDate(a.date, b.date));
}

function formatDayMonth(date: LocalDate): string {
  const { day, month, year } = parseLocalDate(date);
  return `${day}/${month}/${year}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A day of a published decision, as stored (the holiday table). */
export type PublishedCalendarDay = { date: LocalDate; kind: CalendarDayKind };

/**
 * The working-day calendar: for a year with published days (any row of that year), exactly those days, the
 * working Saturdays of day swaps included; for any other year, the computed days. So no deadline ever crosses
 * a year that has no calendar (issue 9 §5).
 */
export class VietnamHolidayCalendar implements HolidayCalendar {
  private readonly publishedYears = new Set<number>();
  private readonly publishedDaysOff = new Set<LocalDate>();
  private readonly workingWeekendDays = new Set<LocalDate>();
  private readonly computedByYear = new Map<number, ReadonlySet<LocalDate>>();

  constructor(published: readonly PublishedCalendarDay[]) {
    for (const day of published) {
      this.publishedYears.add(parseLocalDate(day.date).year);
      (day.kind === 'working_day' ? this.workingWeekendDays : this.publishedDaysOff).add(day.date);
    }
  }

  /** Whether `date` is a day off (a public holiday or its compensatory day). */
  has(date: LocalDate): boolean {
    const year = parseLocalDate(date).year;
    if (this.publishedYears.has(year)) return this.publishedDaysOff.has(date);
    return this.computedYear(year).has(date);
  }

  /** Whether `date`, a weekend day, is worked by the year's published day swap. */
  worksOn(date: LocalDate): boolean {
    return this.workingWeekendDays.has(date);
  }

  /** Whether `year`'s calendar is the published decision (`published`) or the computed one. */
  sourceOf(year: number): 'published' | 'computed' {
    return this.publishedYears.has(year) ? 'published' : 'computed';
  }

  private computedYear(year: number): ReadonlySet<LocalDate> {
    let days = this.computedByYear.get(year);
    if (!days) {
      days = new Set(computedVietnamHolidays(year).map((d) => d.date));
      this.computedByYear.set(year, days);
    }
    return days;
  }
}
