import { startOfLocalDay } from '@partyflow/domain';

/** 00:00 in Vietnam on a local date, as epoch milliseconds for workflow timers. */
export const startOfLocalDayMs = (date: string): number => Date.parse(startOfLocalDay(date));
