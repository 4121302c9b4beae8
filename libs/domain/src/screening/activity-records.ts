/**
 * Vocabulary of the activity records kept per member (issue 3 §1). The same literals are the
 * CHECK constraints of migration 1764201600000; the persistence entities repeat them as types.
 */

/** Attendance at the monthly cell meeting (sinh hoạt chi bộ hằng tháng, Charter Art. 24 [R41]). */
export const ATTENDANCE_STATUSES = ['present', 'absent_with_reason', 'absent_without_reason'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/**
 * Party and State discipline forms. A cell can impose only reprimand or warning [R27]; the
 * `state_*` forms are State disciplines that 02-HD criterion 2 also counts [R2].
 */
export const DISCIPLINE_FORMS = [
  'reprimand',
  'warning',
  'dismissal',
  'expulsion',
  'state_salary_reduction',
  'state_demotion',
  'state_dismissal',
] as const;
export type DisciplineForm = (typeof DISCIPLINE_FORMS)[number];

/** Annual comment of the residence cell committee (QĐ 213-QĐ/TW [R36][R37]). */
export const RESIDENCE_ASSESSMENTS = ['exemplary', 'fulfilled', 'not_fulfilled'] as const;
export type ResidenceAssessment = (typeof RESIDENCE_ASSESSMENTS)[number];

/** A calendar month as 'YYYY-MM' (the API's and the CSV's form; the database keeps 'YYYY-MM-01'). */
export type YearMonth = string;

const YEAR_MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

export function isValidYearMonth(value: string): boolean {
  const match = YEAR_MONTH_PATTERN.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  return Number(match[1]) >= 1900 && month >= 1 && month <= 12;
}

/** Months since year 0: consecutive months differ by 1 across a year boundary (2025-12 → 2026-01). */
export function monthIndex(value: YearMonth | string): number {
  const [year, month] = value.slice(0, 7).split('-').map(Number);
  return year * 12 + (month - 1);
}

export function yearMonthFromIndex(index: number): YearMonth {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

export function isAttendanceStatus(value: string): value is AttendanceStatus {
  return (ATTENDANCE_STATUSES as readonly string[]).includes(value);
}

export function isDisciplineForm(value: string): value is DisciplineForm {
  return (DISCIPLINE_FORMS as readonly string[]).includes(value);
}

export function isResidenceAssessment(value: string): value is ResidenceAssessment {
  return (RESIDENCE_ASSESSMENTS as readonly string[]).includes(value);
}
