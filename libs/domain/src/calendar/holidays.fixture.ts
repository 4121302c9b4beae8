import type { LocalDate } from './local-date.util';

/**
 * Test fixture: some Vietnamese public holidays (the real calendar is data maintained by an
 * administrator). 30/4 and 1/5 2025, Quốc khánh 2/9/2025, Tết Bính Ngọ 16–20/2/2026.
 */
export const TEST_HOLIDAYS: ReadonlySet<LocalDate> = new Set([
  '2025-04-30',
  '2025-05-01',
  '2025-09-02',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
]);

export const NO_HOLIDAYS: ReadonlySet<LocalDate> = new Set();
