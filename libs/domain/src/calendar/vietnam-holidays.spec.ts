import { LUNAR_MAX_YEAR, LUNAR_MIN_YEAR, lunarNewYear, lunarNewYearsEve, lunarToSolar } from './lunar';
import {
  computedTetDays,
  computedVietnamHolidays,
  HOLIDAY_NAMES,
  VietnamHolidayCalendar,
  type PublishedCalendarDay,
} from './vietnam-holidays';
import { addWorkingDays, countWorkingDaysBetween, isWorkingDay } from './working-days.util';

// Issue 9 §5: lunar holidays are computed for any year with Hồ Ngọc Đức's Vietnamese lunar algorithm (UTC+7).
describe('the Vietnamese lunar calendar (issue 9 §5)', () => {
  // Mùng 1 Tết as published in the Vietnamese calendar of each year (lịch vạn niên; the Government's Tết decisions).
  // 1985 is the year the Vietnamese (UTC+7) and Chinese (UTC+8) calendars differ: 21/1 in Vietnam, 20/2 in China.
  it.each([
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
  ])('should give Tết Nguyên đán %i on %s as published', (year, expected) => {
    expect(lunarNewYear(year)).toBe(expected);
  });

  it('should give giao thừa as the day before mùng 1 (Tết Ất Tỵ: 30 tháng Chạp = 28/1/2025)', () => {
    expect(lunarNewYearsEve(2025)).toBe('2025-01-28');
    expect(lunarNewYearsEve(2024)).toBe('2024-02-09');
  });

  // Giỗ Tổ Hùng Vương 10/3 âm lịch: 7/4/2025 (the 2025 decision, seeded), 18/4/2024, 29/4/2023, 26/4/2026 (a Sunday).
  it.each([
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('should give Giỗ Tổ Hùng Vương %i on %s', (year, expected) => {
    expect(lunarToSolar({ year, month: 3, day: 10 })).toBe(expected);
  });

  it('should refuse with INVALID_ARGUMENT a year the library cannot compute or a day that is no lunar date', () => {
    expect(() => lunarNewYear(2200)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => lunarToSolar({ year: 2025, month: 1, day: 31 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

// Bộ luật Lao động 2019 Điều 112 khoản 1 (the days) and Điều 111 khoản 3 (a holiday on the weekly day off is
// taken on the next working day).
describe('the computed Vietnamese public holidays (Bộ luật Lao động 2019 Điều 112, Điều 111 khoản 3)', () => {
  // The published Tết decisions the rule reproduces: Tết Nhâm Dần 2022 nghỉ 29/1–6/2/2022, Tết Quý Mão 2023 nghỉ
  // 20/1–26/1/2023, Tết Bính Ngọ 2026 nghỉ 14/2–22/2/2026: their weekdays.
  it.each([
    [2022, ['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04']],
    [2023, ['2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26']],
    [2026, ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']],
  ])('should give the five Tết weekdays of %i as the published decision', (year, expected) => {
    expect(computedTetDays(year)).toEqual(expected);
  });

  it('should compute 2026 exactly as the seeded 2026 calendar, with Giỗ Tổ on Sunday 26/4 taken on Monday 27/4', () => {
    // libs/persistence/src/seed/reference-data.ts, 2026 (the published decisions for Tết and Giỗ Tổ).
    expect(computedVietnamHolidays(2026).map((d) => d.date)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(computedVietnamHolidays(2026).find((d) => d.date === '2026-04-27')).toEqual({
      date: '2026-04-27',
      kind: 'holiday',
      name: `${HOLIDAY_NAMES.compensatory} giỗ Tổ Hùng Vương (10/3 âm lịch) (26/4/2026)`,
    });
  });

  it('should compute 2027 as the seeded 2027 calendar: 1/5 on Saturday taken on Monday 3/5, 2/9 (Thursday) with 3/9', () => {
    expect(computedVietnamHolidays(2027).map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-04-16',
      '2027-04-30',
      '2027-05-03',
      '2027-09-02',
      '2027-09-03',
    ]);
  });

  it('should compute 2028 (Tết Mậu Thân on Wednesday 26/1/2028, Giỗ Tổ on Tuesday 4/4/2028) with no weekend day', () => {
    const days = computedVietnamHolidays(2028);
    expect(days.map((d) => d.date)).toEqual([
      '2028-01-03', // 1/1/2028 is a Saturday: taken on Monday 3/1
      '2028-01-25',
      '2028-01-26',
      '2028-01-27',
      '2028-01-28',
      '2028-01-31',
      '2028-04-04',
      '2028-05-01', // 30/4/2028 is a Sunday: 1/5 is off anyway, so its compensatory day is Tuesday 2/5
      '2028-05-02',
      '2028-09-01', // 2/9/2028 is a Saturday: 1/9 (Friday) beside it, and Monday 4/9 for the Saturday
      '2028-09-04',
    ]);
    expect(days[1].name).toBe('Tết Nguyên đán (mùng 1 Tết: 26/1/2028)');
  });

  it('should compute nothing outside the years the lunar library covers', () => {
    expect(computedVietnamHolidays(2200)).toEqual([]);
    expect(computedVietnamHolidays(1200)).toEqual([]);
  });

  it('should compute every year from LUNAR_MIN_YEAR to LUNAR_MAX_YEAR (issue 11 §OpenAPI: GET /holidays?year=1200 was a 500)', () => {
    const failing: number[] = [];
    for (let year = LUNAR_MIN_YEAR; year <= LUNAR_MAX_YEAR; year++) {
      try {
        computedVietnamHolidays(year);
      } catch {
        failing.push(year);
      }
    }
    expect(failing).toEqual([]);
    expect([LUNAR_MIN_YEAR, LUNAR_MAX_YEAR]).toEqual([1201, 2199]);
  });
});

describe('the working-day calendar: computed years, published years and day swaps (issue 9 §5)', () => {
  // Tết Ất Tỵ 2025 as published (nghỉ 25/1–2/2/2025): Monday 27/1 to Friday 31/1; the computed rule would take 3/2.
  const published2025: PublishedCalendarDay[] = [
    { date: '2025-01-01', kind: 'holiday' },
    ...['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'].map((date) => ({
      date,
      kind: 'holiday' as const,
    })),
  ];

  it("should use a year's published days instead of the computed ones", () => {
    const calendar = new VietnamHolidayCalendar(published2025);
    expect(calendar.sourceOf(2025)).toBe('published');
    expect(calendar.has('2025-01-27')).toBe(true);
    expect(calendar.has('2025-02-03')).toBe(false);
    // Not in the published rows: Giỗ Tổ 7/4/2025 is then a working day, as the administrator's table says.
    expect(calendar.has('2025-04-07')).toBe(false);
    expect(calendar.sourceOf(2026)).toBe('computed');
    expect(calendar.has('2026-02-16')).toBe(true);
  });

  it("should count 2028's Tết when a deadline runs into 2028, a year nobody published", () => {
    const calendar = new VietnamHolidayCalendar(published2025);
    // From Friday 14/1/2028, 10 working days: 17–21/1 (5), 24/1 (6), then Tết 25–28/1 and 31/1, so 1–4/2 (7–10).
    expect(addWorkingDays({ from: '2028-01-14', days: 10, holidays: calendar })).toBe('2028-02-04');
    expect(addWorkingDays({ from: '2028-01-14', days: 10, holidays: new Set() })).toBe('2028-01-28');
    expect(countWorkingDaysBetween({ from: '2028-01-24', to: '2028-02-01', holidays: calendar })).toBe(1);
  });

  it('should count a swap Saturday as a working day (a working Saturday making up for a bridge day)', () => {
    // Like the 2025 decision for 2/9: Monday 1/9 is a bridge day off, made up by working a Saturday.
    const calendar = new VietnamHolidayCalendar([
      { date: '2025-09-01', kind: 'holiday' },
      { date: '2025-09-02', kind: 'holiday' },
      { date: '2025-08-23', kind: 'working_day' },
    ]);
    expect(isWorkingDay('2025-08-23', calendar)).toBe(true);
    expect(isWorkingDay('2025-08-24', calendar)).toBe(false);
    expect(isWorkingDay('2025-09-01', calendar)).toBe(false);
    // Friday 22/8 + 1 working day is that Saturday 23/8, not Monday 25/8.
    expect(addWorkingDays({ from: '2025-08-22', days: 1, holidays: calendar })).toBe('2025-08-23');
    expect(countWorkingDaysBetween({ from: '2025-08-22', to: '2025-08-29', holidays: calendar })).toBe(6);
    expect(addWorkingDays({ from: '2025-08-22', days: 1, holidays: new Set() })).toBe('2025-08-25');
  });
});
