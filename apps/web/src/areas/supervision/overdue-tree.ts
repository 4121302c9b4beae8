import type { components } from '../../api/openapi';
import { dayjs, ZONE } from '../../format';

export type SupervisedTask = components['schemas']['SupervisedTaskPage']['items'][number];
export type OrgStep = SupervisedTask['orgs'][number];

/** A row of the overdue tree: an organisation with the count of overdue tasks below it, or one task (a leaf). */
export type OverdueRow =
  | { key: string; kind: 'org'; org: OrgStep; count: number; children: OverdueRow[] }
  | { key: string; kind: 'task'; task: SupervisedTask };

/**
 * The overdue tasks as a tree (issue 10, supervisor's dashboard: province → district → grassroots → cell): each
 * organisation from the supervised one down to the assignee's, its tasks last, overdue longest first; organisations
 * in the order of their names.
 */
export function buildOverdueTree(tasks: readonly SupervisedTask[]): OverdueRow[] {
  type Node = Extract<OverdueRow, { kind: 'org' }>;
  const roots: OverdueRow[] = [];
  const nodes = new Map<string, Node>();
  const sorted = [...tasks].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  for (const task of sorted) {
    let siblings: OverdueRow[] = roots;
    let parent: Node | undefined;
    for (const org of task.orgs) {
      let node = nodes.get(org.id);
      if (!node) {
        node = { key: org.id, kind: 'org', org, count: 0, children: [] };
        nodes.set(org.id, node);
        siblings.push(node);
      }
      node.count += 1;
      parent = node;
      siblings = node.children;
    }
    const leaf: OverdueRow = { key: task.id, kind: 'task', task };
    if (parent) parent.children.push(leaf);
    else roots.push(leaf);
  }
  const order = (rows: OverdueRow[]) => {
    rows.sort((a, b) => {
      if (a.kind !== b.kind) return a.kind === 'org' ? -1 : 1;
      return a.kind === 'org' && b.kind === 'org' ? a.org.name.localeCompare(b.org.name, 'vi') : 0;
    });
    for (const r of rows) if (r.kind === 'org') order(r.children);
  };
  order(roots);
  return roots;
}

/** Whole local days since the due date (0 when due earlier today). */
export function daysOverdue(dueAt: string, now: Date = new Date()): number {
  const days = dayjs(now).tz(ZONE).startOf('day').diff(dayjs(dueAt).tz(ZONE).startOf('day'), 'day');
  return Math.max(0, days);
}

/** The keys of the organisation rows down to (and including) the first level holding a task, for "expand all". */
export function orgKeys(rows: readonly OverdueRow[]): string[] {
  return rows.flatMap((r) => (r.kind === 'org' ? [r.key, ...orgKeys(r.children)] : []));
}

/** A percentage as Vietnamese write it: one decimal with a comma ("33,3%"), or a dash when nothing was due. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${rate.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}
