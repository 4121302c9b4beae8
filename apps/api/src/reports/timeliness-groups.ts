import type { DataSource } from 'typeorm';
import type { OrgKind, TimelinessCounts } from '@partyflow/domain';

/** The tasks of one step of one assignee organisation, counted per on-time class (libs/domain task-timeliness). */
export type TimelinessGroup = {
  process: string;
  step: string;
  orgId: string;
  orgCode: string;
  orgName: string;
  orgKind: OrgKind;
  counts: TimelinessCounts;
};

/**
 * The tasks due in [fromAt, toAt) in the subtrees at `paths`, cancelled ones left out, counted in SQL per step and
 * assignee organisation with classifyTask's classes (issue 13 §2: one grouped scan of the (path, due) index, not
 * every task row into the API). Ordered by organisation code, process and step.
 *
 * classifyTask compares JS Dates, millisecond instants, while PostgreSQL keeps microseconds. The classes are the
 * same as comparing date_trunc('milliseconds', …) of both sides, written so that each row costs one truncation at
 * most, not eight:
 * - completed on time: trunc(completed) ≤ trunc(due) ⟺ completed < trunc(due) + 1 ms; late is the rest of the
 *   completed ones;
 * - open and overdue: trunc(due) < now ⟺ due < now, as `now` (a JS Date) is a whole millisecond.
 */
export async function timelinessGroups({
  dataSource,
  paths,
  fromAt,
  toAt,
  now,
}: {
  dataSource: DataSource;
  paths: readonly string[];
  fromAt: Date;
  toAt: Date;
  now: Date;
}): Promise<TimelinessGroup[]> {
  const inSubtree = paths.map((_, i) => `t.org_path LIKE $${i + 4}`).join(' OR ');
  const rows = (await dataSource.query(
    `
    SELECT g.process, g.step, o.id AS "orgId", o.code AS "orgCode", o.name AS "orgName", o.kind AS "orgKind",
           g.on_time, g.completed - g.on_time AS late, g.open_overdue, g.open - g.open_overdue AS open_pending
      FROM (SELECT t.process, t.step, t.assignee_org_id,
                   count(t.completed_at)::int AS completed,
                   count(*) FILTER (WHERE t.completed_at
                                          < date_trunc('milliseconds', t.due_at) + interval '1 millisecond')::int
                     AS on_time,
                   count(*) FILTER (WHERE t.completed_at IS NULL)::int AS open,
                   count(*) FILTER (WHERE t.completed_at IS NULL AND t.due_at < $3)::int AS open_overdue
              FROM human_task t
             WHERE (${inSubtree}) AND t.due_at >= $1 AND t.due_at < $2 AND t.status <> 'cancelled'
             GROUP BY t.process, t.step, t.assignee_org_id) g
      JOIN organisation o ON o.id = g.assignee_org_id
     ORDER BY o.code, g.process, g.step`,
    [fromAt, toAt, now, ...paths.map((p) => `${p}%`)],
  )) as (Omit<TimelinessGroup, 'counts'> & TimelinessCounts)[];
  return rows.map(({ on_time, late, open_overdue, open_pending, ...g }) => ({
    ...g,
    counts: { on_time, late, open_overdue, open_pending },
  }));
}
