import { NO_HOLIDAYS, TEST_HOLIDAYS } from './holidays.fixture';
import { addWorkingDays, countWorkingDaysBetween, isWorkingDay } from './working-days.util';

describe('working days (Mon–Fri minus holidays)', () => {
  it.each([
    ['2025-03-07', true, 'a Friday'],
    ['2025-03-08', false, 'a Saturday'],
    ['2025-03-09', false, 'a Sunday'],
    ['2025-04-30', false, 'Reunification Day (Wednesday)'],
    ['2025-05-01', false, 'Labour Day (Thursday)'],
    ['2025-09-02', false, 'National Day (Tuesday)'],
    ['2026-02-18', false, 'Tết (Wednesday)'],
    ['2026-02-23', true, 'the Monday after Tết'],
  ])('should say %s is a working day=%p when it is %s', (date, expected) => {
    expect(isWorkingDay(date, TEST_HOLIDAYS)).toBe(expected);
  });

  it('should treat a weekday as working when the holiday set is empty', () => {
    expect(isWorkingDay('2025-04-30', NO_HOLIDAYS)).toBe(true);
  });

  it.each([
    ['2025-03-07', 1, '2025-03-10', 'Friday + 1 skips the weekend'],
    ['2025-03-07', 0, '2025-03-07', 'zero days returns from'],
    ['2025-03-08', 0, '2025-03-08', 'zero days returns from even on a Saturday'],
    ['2025-03-08', 1, '2025-03-10', 'Saturday is not counted'],
    ['2025-03-03', 5, '2025-03-10', 'a full week'],
    ['2025-04-29', 1, '2025-05-02', '30/4 and 1/5 are skipped'],
    ['2025-04-29', 2, '2025-05-05', 'holidays then a weekend'],
    ['2025-08-29', 1, '2025-09-01', '1/9 is a working day in the fixture'],
    ['2025-08-29', 2, '2025-09-03', '2/9 is skipped'],
    ['2026-02-13', 1, '2026-02-23', 'the Tết week is skipped'],
    ['2026-02-12', 2, '2026-02-23', 'Thursday before Tết + 2'],
    ['2025-03-07', 60, '2025-06-03', '60 working days across 30/4–1/5'],
    ['2025-03-10', -1, '2025-03-07', 'counting back over a weekend'],
    ['2025-05-05', -2, '2025-04-29', 'counting back over holidays'],
    ['2026-02-23', -1, '2026-02-13', 'counting back over Tết'],
  ])('should give %s + %i working days = %s when %s', (from, days, expected) => {
    expect(addWorkingDays({ from, days, holidays: TEST_HOLIDAYS })).toBe(expected);
  });

  it('should throw when days is not an integer', () => {
    expect(() => addWorkingDays({ from: '2025-03-07', days: 1.5, holidays: NO_HOLIDAYS })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('should throw WORKING_DAY_SEARCH_EXHAUSTED when the holiday calendar blocks a whole year', () => {
    const everyDay = new Set(
      Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10)),
    );
    expect(() => addWorkingDays({ from: '2025-01-01', days: 1, holidays: everyDay })).toThrow(
      expect.objectContaining({ code: 'WORKING_DAY_SEARCH_EXHAUSTED' }),
    );
  });

  it.each([
    ['2025-03-07', '2025-03-10', 1],
    ['2025-03-07', '2025-03-07', 0],
    ['2025-03-08', '2025-03-09', 0],
    ['2025-04-28', '2025-05-05', 3],
    ['2026-02-13', '2026-02-23', 1],
    ['2025-03-07', '2025-06-03', 60],
    ['2025-05-05', '2025-04-28', -3],
  ])('should count working days in (%s, %s] as %i when counting between', (from, to, expected) => {
    expect(countWorkingDaysBetween({ from, to, holidays: TEST_HOLIDAYS })).toBe(expected);
  });

  it('should invert addWorkingDays when counting between from and the result', () => {
    for (const from of ['2025-04-26', '2025-04-29', '2026-02-14', '2025-08-31']) {
      for (const days of [0, 1, 3, 10, 25]) {
        const to = addWorkingDays({ from, days, holidays: TEST_HOLIDAYS });
        expect(countWorkingDaysBetween({ from, to, holidays: TEST_HOLIDAYS })).toBe(days);
      }
    }
  });
});
