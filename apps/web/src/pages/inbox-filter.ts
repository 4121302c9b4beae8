import { searchKey } from '@partyflow/domain';
import type { TaskView } from '../api/types';

/** Overdue first, then the soonest due (issue 10: "Việc cần làm"). */
export function inboxOrder(a: TaskView, b: TaskView): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return Date.parse(a.dueAt) - Date.parse(b.dueAt);
}

/** Tasks whose title or person matches the search, ignoring diacritics and case. */
export function matchesSearch(task: TaskView, search: string): boolean {
  const key = searchKey(search);
  if (!key) return true;
  return searchKey(`${task.subjectName ?? ''} ${task.title}`).includes(key);
}

export function processLabelOf(task: TaskView): string {
  return task.processLabel ?? task.process;
}
