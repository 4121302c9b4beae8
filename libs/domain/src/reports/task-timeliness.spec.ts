import { classifyTask, groupBy, summariseTimeliness } from './task-timeliness';

const d = (iso: string) => new Date(iso);
const due = d('2026-03-10T10:00:00Z');
const now = d('2026-03-20T00:00:00Z');

describe("task timeliness ('đúng hạn / trễ hạn') [R5]", () => {
  it.each([
    [
      'completed before the due instant',
      { status: 'completed', dueAt: due, completedAt: d('2026-03-09T10:00:00Z') },
      'on_time',
    ],
    ['completed exactly at the due instant', { status: 'completed', dueAt: due, completedAt: due }, 'on_time'],
    [
      'completed one millisecond late',
      { status: 'completed', dueAt: due, completedAt: d('2026-03-10T10:00:00.001Z') },
      'late',
    ],
    ['open and past due', { status: 'overdue', dueAt: due, completedAt: null }, 'open_overdue'],
    ['open and not yet due', { status: 'open', dueAt: d('2026-04-01T00:00:00Z'), completedAt: null }, 'open_pending'],
    ['cancelled', { status: 'cancelled', dueAt: due, completedAt: null }, null],
  ])('should classify a task %s', (_, task, expected) => {
    expect(classifyTask({ task, now })).toBe(expected);
  });

  it('should count open past-due tasks as late and rate on time among on time plus late when summarising', () => {
    const tasks = [
      { status: 'completed', dueAt: due, completedAt: d('2026-03-01T00:00:00Z') },
      { status: 'completed', dueAt: due, completedAt: d('2026-03-02T00:00:00Z') },
      { status: 'completed', dueAt: due, completedAt: d('2026-03-11T00:00:00Z') },
      { status: 'open', dueAt: due, completedAt: null },
      { status: 'open', dueAt: d('2026-05-01T00:00:00Z'), completedAt: null },
      { status: 'cancelled', dueAt: due, completedAt: null },
    ];
    expect(summariseTimeliness({ tasks, now })).toEqual({
      total: 5,
      onTime: 2,
      late: 2,
      completedLate: 1,
      openOverdue: 1,
      openPending: 1,
      onTimeRate: 50,
    });
  });

  it('should give no rate when no task has a known outcome', () => {
    expect(
      summariseTimeliness({ tasks: [{ status: 'open', dueAt: d('2026-05-01T00:00:00Z'), completedAt: null }], now })
        .onTimeRate,
    ).toBeNull();
    expect(summariseTimeliness({ tasks: [], now })).toEqual({
      total: 0,
      onTime: 0,
      late: 0,
      completedLate: 0,
      openOverdue: 0,
      openPending: 0,
      onTimeRate: null,
    });
  });

  it('should group in first-seen order when grouping rows', () => {
    expect([...groupBy({ items: ['b1', 'a1', 'b2'], key: (s) => s[0] }).entries()]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1']],
    ]);
  });
});
