import { DomainError } from '../errors';
import {
  addDays,
  addMonths,
  compareInstant,
  compareLocalDate,
  configureTimeZone,
  dayOfWeek,
  DEFAULT_TIME_ZONE,
  diffInDays,
  endOfLocalDay,
  epochMsToInstant,
  firstOfMonth,
  formatLocalDateVi,
  fromEpochDay,
  instantToEpochMs,
  isValidInstant,
  isValidLocalDate,
  isValidTimeZone,
  localDateOf,
  localTimeZone,
  normalizeInstant,
  startOfLocalDay,
  toEpochDay,
  todayLocal,
  toLocalDate,
  utcOffsetMinutesAt,
  yearMonthOf,
} from './local-date.util';

describe('local dates (YYYY-MM-DD, pure arithmetic)', () => {
  it.each([
    ['2025-03-07', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2025-02-29', false],
    ['1900-02-29', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-3-7', false],
    ['2025-03-07T00:00:00Z', false],
    ['', false],
  ])('should report %p as valid=%p when validated', (value, expected) => {
    expect(isValidLocalDate(value)).toBe(expected);
  });

  it('should throw INVALID_LOCAL_DATE when arithmetic receives an invalid date', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(DomainError);
    expect(() => addDays('2025-02-30', 1)).toThrow(expect.objectContaining({ code: 'INVALID_LOCAL_DATE' }));
  });

  it.each([
    ['2025-03-07', 1, '2025-03-08'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2025-03-07', 0, '2025-03-07'],
    ['2025-03-07', 365, '2026-03-07'],
  ])('should give %s + %i days = %s when adding days', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-01-31', 2, '2025-03-31'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-03-15', 12, '2026-03-15'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2025-03-07', 0, '2025-03-07'],
  ])('should give %s + %i months = %s when clamping to month end', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('should throw INVALID_ARGUMENT when a count is not an integer', () => {
    expect(() => addMonths('2025-01-01', 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => addDays('2025-01-01', Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it.each([
    ['2025-03-01', '2025-03-03', 2],
    ['2025-03-03', '2025-03-01', -2],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-03-07', '2025-03-07', 0],
  ])('should count days from %s to %s as %i when diffing', (from, to, expected) => {
    expect(diffInDays(from, to)).toBe(expected);
  });

  it.each([
    ['1970-01-01', 4],
    ['2025-03-07', 5],
    ['2025-03-08', 6],
    ['2025-03-09', 0],
    ['2025-03-10', 1],
    ['2025-09-02', 2],
    ['2026-02-16', 1],
    ['1969-12-31', 3],
  ])('should give day of week of %s = %i when 0 is Sunday', (date, expected) => {
    expect(dayOfWeek(date)).toBe(expected);
  });

  it('should order dates when compared', () => {
    expect(compareLocalDate('2025-03-07', '2025-03-08')).toBe(-1);
    expect(compareLocalDate('2025-03-08', '2025-03-07')).toBe(1);
    expect(compareLocalDate('2025-03-07', '2025-03-07')).toBe(0);
    expect(['2025-12-01', '2024-01-31', '2025-02-01'].sort(compareLocalDate)).toEqual([
      '2024-01-31',
      '2025-02-01',
      '2025-12-01',
    ]);
  });

  it('should round-trip epoch days when converting both ways', () => {
    for (const date of ['0001-01-01', '1900-03-01', '1970-01-01', '2000-02-29', '2025-03-07', '9999-12-31']) {
      expect(fromEpochDay(toEpochDay(date))).toBe(date);
    }
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('2025-03-07')).toBe(20154);
  });

  it('should format dd/mm/yyyy when displaying a date in Vietnamese', () => {
    expect(formatLocalDateVi('2025-03-07')).toBe('07/03/2025');
  });
});

describe('instants and Vietnam local days (UTC+7)', () => {
  it.each([
    ['2025-03-07T09:00:00+07:00', '2025-03-07T02:00:00.000Z'],
    ['2025-03-07T09:00+07:00', '2025-03-07T02:00:00.000Z'],
    ['2025-03-07T02:00:00Z', '2025-03-07T02:00:00.000Z'],
    ['2025-03-07T02:00:00.5Z', '2025-03-07T02:00:00.500Z'],
    ['2025-03-07T02:00:00.123456789Z', '2025-03-07T02:00:00.123Z'],
    ['2025-03-06T21:30:00-04:30', '2025-03-07T02:00:00.000Z'],
  ])('should normalise %s to %s when parsing an instant', (input, expected) => {
    expect(normalizeInstant(input)).toBe(expected);
  });

  it('should agree with Date when converting epoch milliseconds', () => {
    for (const ms of [0, 1_741_312_800_000, -86_400_001, 253_402_300_799_999]) {
      expect(epochMsToInstant(ms)).toBe(new Date(ms).toISOString());
      expect(instantToEpochMs(new Date(ms).toISOString())).toBe(ms);
    }
  });

  it.each([
    '2025-03-07T09:00:00',
    '2025-03-07',
    '2025-03-07T24:00:00Z',
    '2025-02-30T00:00:00Z',
    '2025-03-07T09:00:00+0700',
    'tomorrow',
  ])('should refuse %p when an instant has no explicit offset or is malformed', (input) => {
    expect(isValidInstant(input)).toBe(false);
    expect(() => instantToEpochMs(input)).toThrow(expect.objectContaining({ code: 'INVALID_INSTANT' }));
  });

  it.each([
    ['2025-03-06T17:00:00Z', '2025-03-07'],
    ['2025-03-06T16:59:59.999Z', '2025-03-06'],
    ['2025-03-07T09:00:00+07:00', '2025-03-07'],
    ['2025-12-31T17:00:00Z', '2026-01-01'],
  ])('should give local date of %s as %s when the offset is +07:00', (instant, expected) => {
    expect(toLocalDate(instant)).toBe(expected);
  });

  it('should accept epoch milliseconds and other offsets when computing a local date', () => {
    expect(toLocalDate(Date.UTC(2025, 2, 6, 17, 0, 0))).toBe('2025-03-07');
    expect(toLocalDate('2025-03-06T17:00:00Z', 0)).toBe('2025-03-06');
    expect(() => toLocalDate('2025-03-06T17:00:00Z', 15 * 60)).toThrow(
      expect.objectContaining({ code: 'INVALID_UTC_OFFSET' }),
    );
  });

  it('should give 23:59:59.999 local when computing the end of a local day', () => {
    expect(endOfLocalDay('2025-03-10')).toBe('2025-03-10T16:59:59.999Z');
    expect(endOfLocalDay('2025-03-10', 0)).toBe('2025-03-10T23:59:59.999Z');
    expect(toLocalDate(endOfLocalDay('2025-12-31'))).toBe('2025-12-31');
  });

  it('should give 00:00 local when computing the start of a local day', () => {
    expect(startOfLocalDay('2025-03-06')).toBe('2025-03-05T17:00:00.000Z');
    expect(toLocalDate(startOfLocalDay('2026-01-01'))).toBe('2026-01-01');
  });

  it('should order instants across offsets when compared', () => {
    expect(compareInstant('2025-03-07T09:00:00+07:00', '2025-03-07T02:00:00Z')).toBe(0);
    expect(compareInstant('2025-03-07T09:00:00+07:00', '2025-03-07T02:00:01Z')).toBe(-1);
  });
});

// Issue 7 §1: one notion of local date, in the configured zone (default Asia/Ho_Chi_Minh, UTC+7, no DST since 1975).
// The CI failure of issue 7 happened between 00:00 and 07:00 in Vietnam, when the UTC date is still the day before.
describe('the local date of an instant in the configured time zone (issue 7 §1)', () => {
  it('should default to Asia/Ho_Chi_Minh when nothing is configured', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Ho_Chi_Minh');
    expect(localTimeZone()).toBe('Asia/Ho_Chi_Minh');
    expect(utcOffsetMinutesAt(Date.UTC(2026, 11, 1, 17, 30))).toBe(420);
  });

  it.each([
    ['23:59:59.999 local on 1 December', '2026-12-01T16:59:59.999Z', '2026-12-01'],
    ['00:00 local on 2 December', '2026-12-01T17:00:00.000Z', '2026-12-02'],
    ['00:30 local (17:30 UTC of the previous UTC day)', '2026-12-01T17:30:00.000Z', '2026-12-02'],
    ['06:59 local (23:59 UTC of the previous UTC day)', '2026-12-01T23:59:00.000Z', '2026-12-02'],
    ['07:00 local (the UTC date catches up)', '2026-12-02T00:00:00.000Z', '2026-12-02'],
    ["New Year's Eve 23:30 local", '2026-12-31T16:30:00.000Z', '2026-12-31'],
    ["New Year's Day 00:30 local (still 2026 in UTC)", '2026-12-31T17:30:00.000Z', '2027-01-01'],
  ])('should give the Vietnamese date, not the UTC date, at %s', (_label, instant, expected) => {
    expect(localDateOf(instant)).toBe(expected);
    expect(localDateOf(Date.parse(instant))).toBe(expected);
    expect(todayLocal(Date.parse(instant))).toBe(expected);
  });

  it('should keep toLocalDate as the same function as localDateOf', () => {
    expect(toLocalDate).toBe(localDateOf);
  });

  it.each([
    ['2026-12-02', '2026-12-01T17:00:00.000Z', '2026-12-02T16:59:59.999Z'],
    ['2026-12-31', '2026-12-30T17:00:00.000Z', '2026-12-31T16:59:59.999Z'],
    ['2027-01-01', '2026-12-31T17:00:00.000Z', '2027-01-01T16:59:59.999Z'],
  ])('should bound the local day %s by 00:00 and 23:59:59.999 Vietnamese time', (date, start, end) => {
    expect(startOfLocalDay(date)).toBe(start);
    expect(endOfLocalDay(date)).toBe(end);
    expect(localDateOf(start)).toBe(date);
    expect(localDateOf(end)).toBe(date);
    expect(localDateOf(Date.parse(start) - 1)).toBe(addDays(date, -1));
    expect(localDateOf(Date.parse(end) + 1)).toBe(addDays(date, 1));
  });

  it('should resolve other IANA zones through Intl, daylight saving included', () => {
    expect(isValidTimeZone('Asia/Bangkok')).toBe(true);
    expect(utcOffsetMinutesAt(Date.UTC(2026, 11, 1), 'Asia/Bangkok')).toBe(420);
    // Europe/Berlin moves from +01:00 to +02:00 at 01:00 UTC on 29 March 2026.
    expect(utcOffsetMinutesAt(Date.UTC(2026, 2, 29, 0, 59), 'Europe/Berlin')).toBe(60);
    expect(utcOffsetMinutesAt(Date.UTC(2026, 2, 29, 1, 0), 'Europe/Berlin')).toBe(120);
    expect(localDateOf('2026-03-29T22:30:00Z', 'Europe/Berlin')).toBe('2026-03-30');
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
    expect(endOfLocalDay('2026-03-29', 'Europe/Berlin')).toBe('2026-03-29T21:59:59.999Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin')).toBe('2026-03-29T22:00:00.000Z');
  });

  it('should refuse an unknown zone with INVALID_TIME_ZONE when configuring or computing', () => {
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('toString')).toBe(false);
    expect(() => configureTimeZone('Mars/Olympus_Mons')).toThrow(
      expect.objectContaining({ code: 'INVALID_TIME_ZONE' }),
    );
    expect(() => localDateOf('2026-12-01T17:30:00Z', 'Mars/Olympus_Mons')).toThrow(
      expect.objectContaining({ code: 'INVALID_TIME_ZONE' }),
    );
    expect(localTimeZone()).toBe('Asia/Ho_Chi_Minh');
  });

  it('should use the configured zone for every default when one is configured', () => {
    try {
      configureTimeZone('UTC');
      expect(localTimeZone()).toBe('UTC');
      expect(localDateOf('2026-12-01T17:30:00Z')).toBe('2026-12-01');
      expect(startOfLocalDay('2026-12-02')).toBe('2026-12-02T00:00:00.000Z');
      expect(endOfLocalDay('2026-12-02')).toBe('2026-12-02T23:59:59.999Z');
    } finally {
      configureTimeZone(DEFAULT_TIME_ZONE);
    }
    expect(localDateOf('2026-12-01T17:30:00Z')).toBe('2026-12-02');
  });

  it('should name the month of a local date and its first day', () => {
    expect(yearMonthOf('2026-12-31')).toBe('2026-12');
    expect(firstOfMonth('2026-12-31')).toBe('2026-12-01');
    expect(firstOfMonth(localDateOf('2026-11-30T17:30:00Z'))).toBe('2026-12-01');
    expect(() => yearMonthOf('2026-12-01T17:30:00Z')).toThrow(expect.objectContaining({ code: 'INVALID_LOCAL_DATE' }));
  });
});
