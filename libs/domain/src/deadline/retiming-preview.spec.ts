import { NO_HOLIDAYS } from '../calendar/holidays.fixture';
import type { DeadlinePolicy } from './deadline-policy';
import { previewRetiming, type OpenTaskTiming } from './retiming-preview';

/**
 * Issue 14 §1: the preview of a deadline change re-times each open task by the workflow's own arithmetic (due dates at
 * the end of the Vietnamese local day, escalation level 1 at the due date, then every `escalateEvery`), and an
 * escalation already reached stands (issue 7 §5).
 */
const policy = (overrides: Partial<DeadlinePolicy> = {}): DeadlinePolicy => ({
  process: 'admission',
  step: 'opinion_residence',
  due: { amount: 10, unit: 'calendar_days' },
  remindBefore: { amount: 2, unit: 'calendar_days' },
  escalateEvery: { amount: 3, unit: 'calendar_days' },
  maxEscalationLevel: 2,
  anchor: 'task_opened',
  source: '[A] test',
  ...overrides,
});
// Opened on Monday 2026-11-02 at 09:00 in Vietnam; 10 calendar days: due at the end of 2026-11-12 local.
const task = (overrides: Partial<OpenTaskTiming> = {}): OpenTaskTiming => ({
  openedAt: '2026-11-02T02:00:00.000Z',
  anchorAt: null,
  dueAt: '2026-11-12T16:59:59.999Z',
  status: 'open',
  escalationLevel: 0,
  ...overrides,
});

describe('previewRetiming (issue 14 §1)', () => {
  it('should move the due date and say nothing fires when the new date is still ahead', () => {
    expect(
      previewRetiming(
        task(),
        policy({ due: { amount: 20, unit: 'calendar_days' } }),
        NO_HOLIDAYS,
        '2026-11-10T03:00:00Z',
      ),
    ).toEqual({
      dueAtBefore: '2026-11-12T16:59:59.999Z',
      dueAtAfter: '2026-11-22T16:59:59.999Z',
      changed: true,
      becomesOverdue: false,
      escalatesTo: null,
    });
  });

  it('should make an open task overdue at once (level 1) when the shortened date has passed, at 06:59 local too', () => {
    // 2026-11-08 23:59 UTC is 06:59 on 2026-11-09 in Vietnam: 5 days from 2 Nov ended at 2026-11-07 16:59:59.999Z.
    expect(
      previewRetiming(
        task(),
        policy({ due: { amount: 5, unit: 'calendar_days' } }),
        NO_HOLIDAYS,
        '2026-11-08T23:59:00Z',
      ),
    ).toEqual({
      dueAtBefore: '2026-11-12T16:59:59.999Z',
      dueAtAfter: '2026-11-07T16:59:59.999Z',
      changed: true,
      becomesOverdue: true,
      escalatesTo: 1,
    });
  });

  it('should reach level 2 at once when the new due date plus escalateEvery has passed', () => {
    // Due 2026-11-04 (2 days), level 2 three days later: 2026-11-07 end of day; now 2026-11-08.
    const outcome = previewRetiming(
      task(),
      policy({ due: { amount: 2, unit: 'calendar_days' } }),
      NO_HOLIDAYS,
      '2026-11-08T03:00:00Z',
    );
    expect([outcome.dueAtAfter, outcome.becomesOverdue, outcome.escalatesTo]).toEqual([
      '2026-11-04T16:59:59.999Z',
      true,
      2,
    ]);
  });

  it('should keep an escalation reached: a lengthened deadline neither un-escalates nor escalates again', () => {
    const overdue = task({ status: 'overdue', escalationLevel: 1 });
    expect(
      previewRetiming(
        overdue,
        policy({ due: { amount: 30, unit: 'calendar_days' } }),
        NO_HOLIDAYS,
        '2026-11-13T03:00:00Z',
      ),
    ).toMatchObject({
      dueAtAfter: '2026-12-02T16:59:59.999Z',
      becomesOverdue: false,
      escalatesTo: null,
    });
    // Shortened further: level 1 is reached already; only a higher level counts.
    expect(
      previewRetiming(
        overdue,
        policy({ due: { amount: 9, unit: 'calendar_days' } }),
        NO_HOLIDAYS,
        '2026-11-13T03:00:00Z',
      ),
    ).toMatchObject({ becomesOverdue: false, escalatesTo: null });
  });

  it('should count from the case event for an anchored step, and say so when the task does not record it', () => {
    const decision = policy({ step: 'decision', anchor: 'case_event', due: { amount: 60, unit: 'calendar_days' } });
    // The cell's resolution on 2026-10-01 (Vietnam): 60 days → end of 2026-11-30.
    expect(
      previewRetiming(task({ anchorAt: '2026-10-01T03:00:00.000Z' }), decision, NO_HOLIDAYS, '2026-11-10T03:00:00Z')
        .dueAtAfter,
    ).toBe('2026-11-30T16:59:59.999Z');
    expect(previewRetiming(task(), decision, NO_HOLIDAYS, '2026-11-10T03:00:00Z')).toEqual({
      dueAtBefore: '2026-11-12T16:59:59.999Z',
      dueAtAfter: null,
      changed: false,
      becomesOverdue: false,
      escalatesTo: null,
    });
  });

  it('should report no change for the same terms', () => {
    expect(previewRetiming(task(), policy(), NO_HOLIDAYS, '2026-11-03T03:00:00Z')).toMatchObject({
      changed: false,
      escalatesTo: null,
    });
  });
});
