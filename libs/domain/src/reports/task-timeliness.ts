import { percentOneDecimal } from '../quotas/quota-progress';

/**
 * On time / late ('đúng hạn / trễ hạn'), the figures officials are judged by: a completed task
 * is on time when completed at or before its due instant; an open task past its due instant is
 * already late (open overdue); an open task not yet due is still pending.
 */
export const TIMELINESS_CLASSES = ['on_time', 'late', 'open_overdue', 'open_pending'] as const;
export type TimelinessClass = (typeof TIMELINESS_CLASSES)[number];

export type TimedTask = { status: string; dueAt: Date; completedAt: Date | null };

/** Cancelled tasks are nobody's delay and are not counted (null). */
export function classifyTask({ task, now }: { task: TimedTask; now: Date }): TimelinessClass | null {
  if (task.status === 'cancelled') return null;
  if (task.completedAt) return task.completedAt.getTime() <= task.dueAt.getTime() ? 'on_time' : 'late';
  return task.dueAt.getTime() < now.getTime() ? 'open_overdue' : 'open_pending';
}

export type TimelinessSummary = {
  total: number;
  onTime: number;
  /** Late ('trễ hạn'): completed after the due instant, or still open past it. */
  late: number;
  /** Of the late ones, those completed after the due instant. */
  completedLate: number;
  /** Of the late ones, those still open. */
  openOverdue: number;
  openPending: number;
  /** On time among on time plus late (completed, or open past due), one decimal. */
  onTimeRate: number | null;
};

export function summariseTimeliness({ tasks, now }: { tasks: readonly TimedTask[]; now: Date }): TimelinessSummary {
  const counts: TimelinessCounts = { on_time: 0, late: 0, open_overdue: 0, open_pending: 0 };
  for (const task of tasks) {
    const c = classifyTask({ task, now });
    if (c) counts[c] += 1;
  }
  return summariseCounts([counts]);
}

/** Tasks per class, as counted in SQL (issue 13 §2: the reports aggregate in the database). */
export type TimelinessCounts = Record<TimelinessClass, number>;

/** The summary of groups of tasks already counted per class (the sum of the groups). */
export function summariseCounts(groups: readonly TimelinessCounts[]): TimelinessSummary {
  const counts: TimelinessCounts = { on_time: 0, late: 0, open_overdue: 0, open_pending: 0 };
  for (const g of groups) for (const c of TIMELINESS_CLASSES) counts[c] += g[c];
  const judged = counts.on_time + counts.late + counts.open_overdue;
  return {
    total: counts.on_time + counts.late + counts.open_overdue + counts.open_pending,
    onTime: counts.on_time,
    late: counts.late + counts.open_overdue,
    completedLate: counts.late,
    openOverdue: counts.open_overdue,
    openPending: counts.open_pending,
    onTimeRate: percentOneDecimal({ part: counts.on_time, whole: judged }),
  };
}

/** Groups rows by a key, keeping first-seen order. */
export function groupBy<T>({ items, key }: { items: readonly T[]; key: (item: T) => string }): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
