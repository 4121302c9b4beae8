import { DomainError } from '../errors';

/**
 * A calendar date without time zone, as an ISO string 'YYYY-MM-DD'.
 *
 * All arithmetic here is pure integer arithmetic on the proleptic Gregorian calendar
 * (no `Date` object, no host time zone), so it is deterministic inside Temporal
 * workflow code.
 */
export type LocalDate = string;

/** Vietnam is UTC+7 all year (no daylight saving time). */
export const VIETNAM_UTC_OFFSET_MINUTES = 420;

/** An IANA time zone name, e.g. 'Asia/Ho_Chi_Minh'. */
export type TimeZone = string;

/** The zone of Partyflow's users unless `PARTYFLOW_TIME_ZONE` says otherwise (libs/config). */
export const DEFAULT_TIME_ZONE: TimeZone = 'Asia/Ho_Chi_Minh';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An instant must carry its offset: a bare local time would depend on the host zone. */
const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

export type DateParts = { year: number; month: number; day: number };

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth({ year, month }: { year: number; month: number }): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function tryParse(value: string): DateParts | null {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth({ year, month })) return null;
  return { year, month, day };
}

export function isValidLocalDate(value: string): boolean {
  return tryParse(value) !== null;
}

/**
 * The dates a record may carry (issue 11 §3): a real calendar date from 1900 to 2100. Anything
 * outside is a typing error ('9999-12-31', '0202-05-01') that would only fail later, in the database.
 */
export const LOCAL_DATE_RANGE = { min: '1900-01-01', max: '2100-12-31' } as const;

/** A real calendar date (`isValidLocalDate`) within `LOCAL_DATE_RANGE`. */
export function isLocalDateInRange(value: string): boolean {
  const parts = tryParse(value);
  return parts !== null && parts.year >= 1900 && parts.year <= 2100;
}

/** Parses 'YYYY-MM-DD'; throws `DomainError('INVALID_LOCAL_DATE')` on anything else. */
export function parseLocalDate(value: LocalDate): DateParts {
  const parts = tryParse(value);
  if (!parts) throw new DomainError('INVALID_LOCAL_DATE', `Not a valid local date (YYYY-MM-DD): '${value}'`);
  return parts;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function formatLocalDate({ year, month, day }: DateParts): LocalDate {
  if (year < 0 || year > 9999) throw new DomainError('INVALID_LOCAL_DATE', `Year out of range: ${year}`);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
function daysFromCivil({ year, month, day }: DateParts): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(epochDay: number): DateParts {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(date: LocalDate): number {
  return daysFromCivil(parseLocalDate(date));
}

export function fromEpochDay(epochDay: number): LocalDate {
  assertInteger(epochDay, 'epochDay');
  return formatLocalDate(civilFromDays(epochDay));
}

function assertInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value))
    throw new DomainError('INVALID_ARGUMENT', `${name} must be an integer, got ${value}`);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  assertInteger(days, 'days');
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * Adds calendar months; when the target month is shorter, the day is clamped to its last
 * day (2025-01-31 + 1 month = 2025-02-28), as time limits counted in months end on the
 * last day of a month that has no corresponding day.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  assertInteger(months, 'months');
  const { year, month, day } = parseLocalDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const targetDay = Math.min(day, daysInMonth({ year: targetYear, month: targetMonth }));
  return formatLocalDate({ year: targetYear, month: targetMonth, day: targetDay });
}

/** Days from `from` to `to`: positive when `to` is later (diffInDays('2025-03-01', '2025-03-03') = 2). */
export function diffInDays(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

/** Negative when a < b, 0 when equal, positive when a > b (usable with Array.prototype.sort). */
export function compareLocalDate(a: LocalDate, b: LocalDate): number {
  return Math.sign(toEpochDay(a) - toEpochDay(b));
}

export function minLocalDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareLocalDate(a, b) <= 0 ? a : b;
}

export function maxLocalDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareLocalDate(a, b) >= 0 ? a : b;
}

/** Vietnamese display form dd/mm/yyyy (used in user-facing reasons). */
export function formatLocalDateVi(date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  return `${pad(day, 2)}/${pad(month, 2)}/${pad(year, 4)}`;
}

function assertOffset(utcOffsetMinutes: number): void {
  if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 14 * 60) {
    throw new DomainError(
      'INVALID_UTC_OFFSET',
      `UTC offset must be whole minutes within ±14h, got ${utcOffsetMinutes}`,
    );
  }
}

/**
 * Epoch milliseconds of an ISO instant with an explicit offset ('Z' or '±HH:MM'), or of
 * epoch milliseconds given as a number. Fractions beyond milliseconds are truncated.
 * Throws `DomainError('INVALID_INSTANT')` otherwise; strings without an offset are
 * refused because their meaning would depend on the host's time zone.
 */
export function instantToEpochMs(instant: string | number): number {
  if (typeof instant === 'number') {
    if (!Number.isSafeInteger(instant)) throw new DomainError('INVALID_INSTANT', `Not an integer epoch ms: ${instant}`);
    return instant;
  }
  const match = INSTANT_PATTERN.exec(instant);
  const date = match ? tryParse(`${match[1]}-${match[2]}-${match[3]}`) : null;
  if (!match || !date) throw new DomainError('INVALID_INSTANT', `Not an ISO instant with offset: '${instant}'`);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const millis = match[7] === undefined ? 0 : Number(match[7].padEnd(3, '0').slice(0, 3));
  const zone = match[8];
  const offsetMinutes =
    zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  if (hour > 23 || minute > 59 || second > 59 || Math.abs(offsetMinutes) > 14 * 60 || Number(zone.slice(4, 6)) > 59) {
    throw new DomainError('INVALID_INSTANT', `Not an ISO instant with offset: '${instant}'`);
  }
  return daysFromCivil(date) * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
}

export function isValidInstant(instant: string): boolean {
  try {
    instantToEpochMs(instant);
    return true;
  } catch {
    return false;
  }
}

/** Canonical UTC form 'YYYY-MM-DDTHH:mm:ss.sssZ' (same as Date.prototype.toISOString). */
export function epochMsToInstant(epochMs: number): string {
  assertInteger(epochMs, 'epochMs');
  const epochDay = Math.floor(epochMs / MS_PER_DAY);
  const msOfDay = epochMs - epochDay * MS_PER_DAY;
  const hours = Math.floor(msOfDay / 3_600_000);
  const minutes = Math.floor((msOfDay % 3_600_000) / MS_PER_MINUTE);
  const seconds = Math.floor((msOfDay % MS_PER_MINUTE) / 1000);
  const millis = msOfDay % 1000;
  return `${fromEpochDay(epochDay)}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}Z`;
}

/** Normalises any accepted instant to the canonical UTC form. */
export function normalizeInstant(instant: string | number): string {
  return epochMsToInstant(instantToEpochMs(instant));
}

/** Negative when a is earlier, 0 when the same instant, positive when later. */
export function compareInstant(a: string | number, b: string | number): number {
  return Math.sign(instantToEpochMs(a) - instantToEpochMs(b));
}

/**
 * Zones with one offset all year, resolved from this table without `Intl`, so the default path is
 * plain integer arithmetic. Vietnam has kept UTC+7 since 1975. Any other IANA zone is resolved
 * through `Intl.DateTimeFormat` (with its daylight saving rules).
 */
const FIXED_OFFSET_ZONES: ReadonlyMap<TimeZone, number> = new Map([
  ['Asia/Ho_Chi_Minh', VIETNAM_UTC_OFFSET_MINUTES],
  ['Asia/Saigon', VIETNAM_UTC_OFFSET_MINUTES],
  ['UTC', 0],
  ['Etc/UTC', 0],
]);

/**
 * Set by the workflow bundler (apps/worker/src/workflow-bundle.ts, webpack DefinePlugin) so that
 * workflow code uses the zone the worker was configured with; undefined everywhere else.
 */
declare const __PARTYFLOW_TIME_ZONE__: string | undefined;

let configuredTimeZone: TimeZone =
  typeof __PARTYFLOW_TIME_ZONE__ === 'string' ? __PARTYFLOW_TIME_ZONE__ : DEFAULT_TIME_ZONE;

const zoneFormatters = new Map<TimeZone, Intl.DateTimeFormat>();

function zoneFormatter(zone: TimeZone): Intl.DateTimeFormat | null {
  const cached = zoneFormatters.get(zone);
  if (cached) return cached;
  try {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormatters.set(zone, formatter);
    return formatter;
  } catch {
    return null;
  }
}

/** True for a zone name this module can resolve (the fixed table, or any IANA zone `Intl` knows). */
export function isValidTimeZone(zone: string): boolean {
  return FIXED_OFFSET_ZONES.has(zone) || (zone.length > 0 && zoneFormatter(zone) !== null);
}

/**
 * Sets the zone of every local date computed without an explicit zone. Called once at start-up by
 * the API and the worker with `config.timeZone`; throws `DomainError('INVALID_TIME_ZONE')`.
 */
export function configureTimeZone(zone: TimeZone): void {
  if (!isValidTimeZone(zone)) throw new DomainError('INVALID_TIME_ZONE', `Unknown time zone: '${zone}'`);
  configuredTimeZone = zone;
}

/** The configured zone (default Asia/Ho_Chi_Minh). */
export function localTimeZone(): TimeZone {
  return configuredTimeZone;
}

/** A zone name, or a fixed UTC offset in minutes (kept for callers that pass one explicitly). */
export type ZoneOrOffset = TimeZone | number;

/** Minutes to add to UTC to get the wall-clock time in `zone` at `epochMs`. */
export function utcOffsetMinutesAt(epochMs: number, zone: ZoneOrOffset = configuredTimeZone): number {
  if (typeof zone === 'number') {
    assertOffset(zone);
    return zone;
  }
  const fixed = FIXED_OFFSET_ZONES.get(zone);
  if (fixed !== undefined) return fixed;
  const formatter = zoneFormatter(zone);
  if (!formatter) throw new DomainError('INVALID_TIME_ZONE', `Unknown time zone: '${zone}'`);
  const wholeSecond = epochMs - (((epochMs % 1000) + 1000) % 1000);
  const parts = formatter.formatToParts(wholeSecond);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wallAsUtc =
    daysFromCivil({ year: get('year'), month: get('month'), day: get('day') }) * MS_PER_DAY +
    ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000;
  return Math.round((wallAsUtc - wholeSecond) / MS_PER_MINUTE);
}

/**
 * THE local date of an instant: the calendar date on the wall in the configured zone (default
 * Asia/Ho_Chi_Minh), never the UTC date. Accepts an ISO instant with offset or epoch milliseconds.
 */
export function localDateOf(instantIsoOrEpochMs: string | number, zone: ZoneOrOffset = configuredTimeZone): LocalDate {
  const epochMs = instantToEpochMs(instantIsoOrEpochMs);
  const localMs = epochMs + utcOffsetMinutesAt(epochMs, zone) * MS_PER_MINUTE;
  return fromEpochDay(Math.floor(localMs / MS_PER_DAY));
}

/** Same function as `localDateOf` (the older name, kept for existing callers). */
export const toLocalDate = localDateOf;

/**
 * Today's local date at `nowMs`, the current epoch ms (in workflow code the workflow clock, which
 * is deterministic).
 */
export function todayLocal(nowMs: number, zone: ZoneOrOffset = configuredTimeZone): LocalDate {
  return localDateOf(Math.floor(nowMs), zone);
}

/** Epoch ms of the local wall-clock time `wallMs` (local time counted as if it were UTC) in `zone`. */
function wallToEpochMs(wallMs: number, zone: ZoneOrOffset): number {
  const guess = wallMs - utcOffsetMinutesAt(wallMs, zone) * MS_PER_MINUTE;
  return wallMs - utcOffsetMinutesAt(guess, zone) * MS_PER_MINUTE;
}

/** ISO instant (UTC) of 00:00:00.000 local time on `date` in the configured zone. */
export function startOfLocalDay(date: LocalDate, zone: ZoneOrOffset = configuredTimeZone): string {
  return epochMsToInstant(wallToEpochMs(toEpochDay(date) * MS_PER_DAY, zone));
}

/** ISO instant (UTC) of 23:59:59.999 local time on `date` in the configured zone. */
export function endOfLocalDay(date: LocalDate, zone: ZoneOrOffset = configuredTimeZone): string {
  return epochMsToInstant(instantToEpochMs(startOfLocalDay(addDays(date, 1), zone)) - 1);
}

/** The month of a local date, 'YYYY-MM' (a date column holding a month stores its first day). */
export function yearMonthOf(date: LocalDate): string {
  parseLocalDate(date);
  return date.slice(0, 7);
}

/** The first day of the month of a local date ('2026-12-17' → '2026-12-01'). */
export function firstOfMonth(date: LocalDate): LocalDate {
  return `${yearMonthOf(date)}-01`;
}
