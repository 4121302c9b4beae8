import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import relativeTime from 'dayjs/plugin/relativeTime';
import 'dayjs/locale/vi';
import { DEFAULT_TIME_ZONE } from '@partyflow/domain';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);
dayjs.extend(relativeTime);
dayjs.locale('vi');

/** Dates are Vietnamese local dates (the project's zone), whatever the zone of the phone or PC showing them. */
export const ZONE = DEFAULT_TIME_ZONE;

/** An instant as a local date, `dd/MM/yyyy` ('—' when absent). */
export function formatDate(instant: string | null | undefined): string {
  if (!instant) return '—';
  // A bare local date (YYYY-MM-DD) is already a Vietnamese date: never shift it through a zone.
  if (/^\d{4}-\d{2}-\d{2}$/.test(instant)) return dayjs(instant, 'YYYY-MM-DD').format('DD/MM/YYYY');
  return dayjs(instant).tz(ZONE).format('DD/MM/YYYY');
}

/** An instant as local date and time, `dd/MM/yyyy HH:mm`. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  return dayjs(instant).tz(ZONE).format('DD/MM/YYYY HH:mm');
}

/** "còn 3 ngày" / "quá 2 ngày" relative to now, in whole local days. */
export function dueIn(instant: string, now: Date = new Date()): string {
  const days = dayjs(instant).tz(ZONE).startOf('day').diff(dayjs(now).tz(ZONE).startOf('day'), 'day');
  if (days === 0) return 'hạn hôm nay';
  return days > 0 ? `còn ${days} ngày` : `quá hạn ${-days} ngày`;
}

/** Today's local date, YYYY-MM-DD. */
export function todayLocalDate(now: Date = new Date()): string {
  return dayjs(now).tz(ZONE).format('YYYY-MM-DD');
}

export { dayjs };
