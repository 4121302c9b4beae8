import { instantToEpochMs } from '../calendar/local-date.util';
import type { HolidayCalendar } from '../calendar/working-days.util';
import { computeTaskTimes, escalationTimes, type DeadlinePolicy } from './deadline-policy';

/** An open task as the read model holds it (human_task): what re-timing it under another policy depends on. */
export type OpenTaskTiming = {
  openedAt: string;
  /** The case event a `case_event` policy counts from, as the task was opened with it; null when not recorded. */
  anchorAt: string | null;
  dueAt: string;
  status: 'open' | 'overdue';
  escalationLevel: number;
};

/**
 * What re-timing one open task under `policy` at `now` would do (issue 14 §1), by the arithmetic the workflow's
 * re-timing uses (human-task retimeTask, then its due timers): the due date counted again from the opening (or the
 * case event), the escalation levels at the new due date and every `escalateEvery` after it. A level already reached
 * stays (a lengthened deadline never takes an escalation back, issue 7 §5); the levels whose time has passed above
 * it fire at once, and level 1 makes an open task overdue.
 */
export type RetimingOutcome = {
  dueAtBefore: string;
  /** Null when the policy counts from a case event the task does not record (tasks opened before issue 14). */
  dueAtAfter: string | null;
  changed: boolean;
  /** Open now, overdue as soon as it is re-timed. */
  becomesOverdue: boolean;
  /** The escalation level it would reach at once, when above its level now; null otherwise. */
  escalatesTo: number | null;
};

export function previewRetiming(
  task: OpenTaskTiming,
  policy: DeadlinePolicy,
  holidays: HolidayCalendar,
  now: string,
): RetimingOutcome {
  const unknown = {
    dueAtBefore: task.dueAt,
    dueAtAfter: null,
    changed: false,
    becomesOverdue: false,
    escalatesTo: null,
  };
  if (policy.anchor === 'case_event' && !task.anchorAt) return unknown;
  const { dueAt } = computeTaskTimes({ openedAt: task.openedAt, anchorAt: task.anchorAt, policy, holidays, now });
  const nowMs = instantToEpochMs(now);
  const reached = escalationTimes({ dueAt, policy, holidays }).filter((at) => instantToEpochMs(at) <= nowMs).length;
  const escalatesTo = reached > task.escalationLevel ? reached : null;
  return {
    dueAtBefore: task.dueAt,
    dueAtAfter: dueAt,
    changed: instantToEpochMs(dueAt) !== instantToEpochMs(task.dueAt),
    becomesOverdue: task.status === 'open' && escalatesTo !== null,
    escalatesTo,
  };
}
