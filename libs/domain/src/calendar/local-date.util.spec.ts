import { DomainError } from '../errors';
import {
  addDays,
  addMonths,
  compareInstant,
  compareLocalDate,
  dayOfWeek,
  diffInDays,
  endOfLocalDay,
  epochMsToInstant,
  formatLocalDateVi,
  fromEpochDay,
  instantToEpochMs,
  isValidInstant,
  isValidLocalDate,
  normalizeInstant,
  startOfLocalDay,
  toEpochDay,
  toLocalDate,
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
    expect(['2025-12-01', '2024-01-31', '2025-02-01'].sort(compareLocalDate)).toEqual(['2024-01-31', '2025-02-01', '2025-12-01']);
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

  it.each(['2025-03-07T09:00:00', '2025-03-07', '2025-03-07T24:00:00Z', '2025-02-30T00:00:00Z', '2025-03-07T09:00:00+0700', 'tomorrow'])(
    'should refuse %p when an instant has no explicit offset or is malformed',
    (input) => {
      expect(isValidInstant(input)).toBe(false);
      expect(() => instantToEpochMs(input)).toThrow(expect.objectContaining({ code: 'INVALID_INSTANT' }));
    },
  );

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
    expect(() => toLocalDate('2025-03-06T17:00:00Z', 15 * 60)).toThrow(expect.objectContaining({ code: 'INVALID_UTC_OFFSET' }));
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
