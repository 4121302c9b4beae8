import { LunarDate } from '@nghiavuive/lunar_date_vi';
import { DomainError } from '../errors';
import { addDays, formatLocalDate, type LocalDate } from './local-date.util';

/**
 * The one wrapper around the Vietnamese lunar calendar (issue 9 §5): `@nghiavuive/lunar_date_vi`, Hồ Ngọc Đức's
 * algorithm computed for UTC+7 (the Vietnamese calendar, not the Chinese UTC+8 one: Tết 1985 is 21/1 here, 20/2 in
 * China). The library is plain JavaScript with no Node built-ins and no clock (its only `Date` is the constant bounds
 * below), so it is safe in the workflow sandbox like the rest of libs/domain.
 */

/**
 * The years whose holidays the library computes. It refuses dates outside 31 January 1200 – 31 December 2199, so
 * 1200 itself is out: its Tết falls before that first day (issue 11: GET /holidays?year=1200 answered 500).
 */
export const LUNAR_MIN_YEAR = 1201;
export const LUNAR_MAX_YEAR = 2199;

export type LunarDay = { year: number; month: number; day: number; leapMonth?: boolean };

/** The solar (Gregorian) local date of a lunar date in the Vietnamese calendar. */
export function lunarToSolar({ year, month, day, leapMonth = false }: LunarDay): LocalDate {
  if (!Number.isSafeInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR)
    throw new DomainError('INVALID_ARGUMENT', `Lunar year out of range ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}: ${year}`);
  let solar: { day: number; month: number; year: number };
  try {
    const lunar = new LunarDate({ year, month, day, leap_month: leapMonth });
    lunar.init();
    solar = lunar.toSolarDate().get();
  } catch (e) {
    throw new DomainError('INVALID_ARGUMENT', `Not a lunar date ${day}/${month}/${year}: ${(e as Error).message}`);
  }
  return formatLocalDate({ year: solar.year, month: solar.month, day: solar.day });
}

/** Mùng 1 Tết: the first day of the lunar year that begins in solar year `year`. */
export function lunarNewYear(year: number): LocalDate {
  return lunarToSolar({ year, month: 1, day: 1 });
}

/** Giao thừa: the last day of the lunar year ending before Tết of `year` (the day before mùng 1). */
export function lunarNewYearsEve(year: number): LocalDate {
  return addDays(lunarNewYear(year), -1);
}
