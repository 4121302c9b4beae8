import {
  addDays,
  addMonths,
  endOfLocalDay,
  epochMsToInstant,
  instantToEpochMs,
  localDateOf,
  startOfLocalDay,
  type LocalDate,
} from '../calendar/local-date.util';
import { addWorkingDays, type HolidayCalendar } from '../calendar/working-days.util';
import { DomainError } from '../errors';

export const DURATION_UNITS = ['working_days', 'calendar_days', 'months', 'hours'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export type Duration = { amount: number; unit: DurationUnit };

/**
 * How long a human step may take, when to remind and how to escalate. Policies are data
 * (versioned by the persistence layer); the defaults live in `default-policies.ts`.
 * `anchor`: 'task_opened' counts from when the task opens; 'case_event' counts from a
 * regulatory event of the case (e.g. the cell's resolution for the admission decision).
 */
export type DeadlinePolicy = {
  process: string;
  step: string;
  due: Duration;
  remindBefore: Duration;
  escalateEvery: Duration;
  maxEscalationLevel: number;
  anchor: 'task_opened' | 'case_event';
  source: string;
};

const MS_PER_HOUR = 3_600_000;

/** Throws `DomainError('INVALID_DURATION')` unless amount is a non-negative integer of a known unit. */
export function assertValidDuration(duration: Duration): void {
  if (!(DURATION_UNITS as readonly string[]).includes(duration.unit)) {
    throw new DomainError('INVALID_DURATION', `Unknown duration unit '${String(duration.unit)}'`);
  }
  if (!Number.isSafeInteger(duration.amount) || duration.amount < 0) {
    throw new DomainError('INVALID_DURATION', `Duration amount must be a non-negative integer, got ${duration.amount}`);
  }
}

/** Returns the problems of a policy (empty when valid), for validating administrator input. */
export function validateDeadlinePolicy(policy: DeadlinePolicy): string[] {
  const problems: string[] = [];
  for (const field of ['due', 'remindBefore', 'escalateEvery'] as const) {
    try {
      assertValidDuration(policy[field]);
    } catch (error) {
      problems.push(`${field}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (policy.escalateEvery.amount === 0 && policy.maxEscalationLevel > 1) {
    problems.push('escalateEvery: must be positive when maxEscalationLevel > 1');
  }
  if (!Number.isSafeInteger(policy.maxEscalationLevel) || policy.maxEscalationLevel < 0) {
    problems.push('maxEscalationLevel: must be a non-negative integer');
  }
  if (policy.process.trim() === '' || policy.step.trim() === '') problems.push('process and step are required');
  if (policy.source.trim() === '') problems.push('source: every policy cites its source');
  return problems;
}

export type AddDurationArgs = {
  /** ISO instant with offset, e.g. '2025-03-07T09:00:00+07:00'. */
  from: string;
  duration: Duration;
  holidays: HolidayCalendar;
  /** A fixed offset instead of the configured time zone (localTimeZone(), default Asia/Ho_Chi_Minh). */
  utcOffsetMinutes?: number;
};

function shiftLocalDate({
  date,
  duration,
  direction,
  holidays,
}: {
  date: LocalDate;
  duration: Duration;
  direction: 1 | -1;
  holidays: HolidayCalendar;
}): LocalDate {
  const amount = direction * duration.amount;
  switch (duration.unit) {
    case 'working_days':
      return addWorkingDays({ from: date, days: amount, holidays });
    case 'calendar_days':
      return addDays(date, amount);
    case 'months':
      return addMonths(date, amount);
    case 'hours':
      throw new DomainError('INVALID_DURATION', 'hours are not a date shift');
  }
}

/**
 * `from` + `duration`, as a canonical UTC ISO instant.
 * - 'hours': exactly that many hours later.
 * - 'calendar_days', 'months', 'working_days': take the local date of `from` (in the
 *   configured time zone, Asia/Ho_Chi_Minh = UTC+7 by default), move it by the amount
 *   (months clamp to month end; working days skip weekends and holidays, `from`'s day not
 *   counted) and land at the END of that local day (23:59:59.999). Opened Friday 2025-03-07
 *   09:00 +07 + 1 working day = end of Monday 2025-03-10 local = '2025-03-10T16:59:59.999Z'.
 */
export function addDuration({ from, duration, holidays, utcOffsetMinutes }: AddDurationArgs): string {
  assertValidDuration(duration);
  if (duration.unit === 'hours') return epochMsToInstant(instantToEpochMs(from) + duration.amount * MS_PER_HOUR);
  const date = shiftLocalDate({ date: localDateOf(from, utcOffsetMinutes), duration, direction: 1, holidays });
  return endOfLocalDay(date, utcOffsetMinutes);
}

/**
 * `from` − `duration`, used for reminders counted back from a due instant.
 * - 'hours': exactly that many hours earlier.
 * - day and month units: take the local date of `from`, count back the amount (working
 *   days skip weekends and holidays, `from`'s day not counted) and land at the START of
 *   that local day (00:00 local). So a task due at the end of Monday 2025-03-10 with
 *   remindBefore 2 working days is reminded at 00:00 on Thursday 2025-03-06: the reminder
 *   leaves N full working days plus the due day itself.
 */
export function subtractDuration({ from, duration, holidays, utcOffsetMinutes }: AddDurationArgs): string {
  assertValidDuration(duration);
  if (duration.unit === 'hours') return epochMsToInstant(instantToEpochMs(from) - duration.amount * MS_PER_HOUR);
  const date = shiftLocalDate({ date: localDateOf(from, utcOffsetMinutes), duration, direction: -1, holidays });
  return startOfLocalDay(date, utcOffsetMinutes);
}

export type ComputeTaskTimesArgs = {
  /** When the task was opened (ISO instant with offset). */
  openedAt: string;
  /** The case event the policy counts from; required when `policy.anchor === 'case_event'`. */
  anchorAt?: string | null;
  policy: DeadlinePolicy;
  holidays: HolidayCalendar;
  utcOffsetMinutes?: number;
  /** Reference instant for "already passed" (defaults to `openedAt`); pass the workflow's now when re-timing. */
  now?: string;
};

export type TaskTimes = { dueAt: string; remindAt: string | null };

/**
 * Due and reminder instants of a task. `dueAt` counts `policy.due` from `anchorAt` when the
 * policy is anchored on a case event, else from `openedAt`. `remindAt` is `remindBefore`
 * counted back from `dueAt` (see `subtractDuration`), or null when it is not after `now`
 * (defaults to `openedAt`) or not before `dueAt` (nothing to remind).
 */
export function computeTaskTimes({
  openedAt,
  anchorAt,
  policy,
  holidays,
  utcOffsetMinutes,
  now,
}: ComputeTaskTimesArgs): TaskTimes {
  if (policy.anchor === 'case_event' && (anchorAt === undefined || anchorAt === null)) {
    throw new DomainError(
      'ANCHOR_REQUIRED',
      `Policy ${policy.process}/${policy.step} counts from a case event: anchorAt is required`,
    );
  }
  const from = policy.anchor === 'case_event' && anchorAt ? anchorAt : openedAt;
  const dueAt = addDuration({ from, duration: policy.due, holidays, utcOffsetMinutes });
  const remindCandidate = subtractDuration({ from: dueAt, duration: policy.remindBefore, holidays, utcOffsetMinutes });
  const remindMs = instantToEpochMs(remindCandidate);
  const reference = instantToEpochMs(now ?? openedAt);
  const remindAt = remindMs > reference && remindMs < instantToEpochMs(dueAt) ? remindCandidate : null;
  return { dueAt, remindAt };
}

export type EscalationTimesArgs = {
  dueAt: string;
  policy: DeadlinePolicy;
  holidays: HolidayCalendar;
  utcOffsetMinutes?: number;
};

/**
 * Instants of escalation levels 1..maxEscalationLevel: level 1 at `dueAt`, level k at
 * `dueAt` + (k−1) × escalateEvery (multiplied, not chained, so month clamping does not drift).
 */
export function escalationTimes({ dueAt, policy, holidays, utcOffsetMinutes }: EscalationTimesArgs): string[] {
  if (!Number.isSafeInteger(policy.maxEscalationLevel) || policy.maxEscalationLevel < 0) {
    throw new DomainError(
      'INVALID_ARGUMENT',
      `maxEscalationLevel must be a non-negative integer, got ${policy.maxEscalationLevel}`,
    );
  }
  assertValidDuration(policy.escalateEvery);
  const times: string[] = [];
  for (let level = 1; level <= policy.maxEscalationLevel; level += 1) {
    times.push(
      level === 1
        ? epochMsToInstant(instantToEpochMs(dueAt))
        : addDuration({
            from: dueAt,
            duration: { amount: (level - 1) * policy.escalateEvery.amount, unit: policy.escalateEvery.unit },
            holidays,
            utcOffsetMinutes,
          }),
    );
  }
  return times;
}

/** The policy of a process step, if any. */
export function findDeadlinePolicy({
  policies,
  process,
  step,
}: {
  policies: readonly DeadlinePolicy[];
  process: string;
  step: string;
}): DeadlinePolicy | undefined {
  return policies.find((policy) => policy.process === process && policy.step === step);
}

const UNIT_LABELS_VI: Record<DurationUnit, string> = {
  working_days: 'ngày làm việc',
  calendar_days: 'ngày',
  months: 'tháng',
  hours: 'giờ',
};

/** '60 ngày làm việc', '12 tháng' … */
export function formatDurationVi(duration: Duration): string {
  return `${duration.amount} ${UNIT_LABELS_VI[duration.unit]}`;
}
