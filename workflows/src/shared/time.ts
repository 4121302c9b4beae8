import { startOfLocalDay } from '@partyflow/domain';

/**
 * 00:00 local time (configured zone, default Asia/Ho_Chi_Minh) on a local date, as epoch
 * milliseconds for workflow timers.
 */
export const startOfLocalDayMs = (date: string): number => Date.parse(startOfLocalDay(date));
