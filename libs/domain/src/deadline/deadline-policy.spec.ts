import { NO_HOLIDAYS, TEST_HOLIDAYS } from '../calendar/holidays.fixture';
import {
  addDuration,
  computeTaskTimes,
  escalationTimes,
  findDeadlinePolicy,
  formatDurationVi,
  subtractDuration,
  validateDeadlinePolicy,
  type DeadlinePolicy,
  type Duration,
} from './deadline-policy';
import { DEFAULT_DEADLINE_POLICIES } from './default-policies';

const policy = (overrides: Partial<DeadlinePolicy> = {}): DeadlinePolicy => ({
  process: 'admission',
  step: 'background_check',
  due: { amount: 10, unit: 'working_days' },
  remindBefore: { amount: 2, unit: 'working_days' },
  escalateEvery: { amount: 5, unit: 'working_days' },
  maxEscalationLevel: 2,
  anchor: 'task_opened',
  source: '[A] test',
  ...overrides,
});

describe('addDuration (due dates land at the end of the Vietnamese local day, hours are exact)', () => {
  it.each<[string, Duration, string, string]>([
    [
      '2025-03-07T09:00:00+07:00',
      { amount: 1, unit: 'working_days' },
      '2025-03-10T16:59:59.999Z',
      'Friday + 1 wd = end of Monday local',
    ],
    [
      '2025-03-06T18:00:00Z',
      { amount: 1, unit: 'working_days' },
      '2025-03-10T16:59:59.999Z',
      'the local date (Friday 01:00) is used, not the UTC one',
    ],
    [
      '2025-03-08T10:00:00+07:00',
      { amount: 1, unit: 'working_days' },
      '2025-03-10T16:59:59.999Z',
      'opened on a Saturday',
    ],
    [
      '2025-03-07T09:00:00+07:00',
      { amount: 0, unit: 'working_days' },
      '2025-03-07T16:59:59.999Z',
      'zero working days = end of the same local day',
    ],
    [
      '2025-04-29T09:00:00+07:00',
      { amount: 1, unit: 'working_days' },
      '2025-05-02T16:59:59.999Z',
      '30/4 and 1/5 are skipped',
    ],
    [
      '2026-02-13T10:00:00+07:00',
      { amount: 1, unit: 'working_days' },
      '2026-02-23T16:59:59.999Z',
      'the Tết week is skipped',
    ],
    [
      '2025-03-07T15:00:00+07:00',
      { amount: 60, unit: 'working_days' },
      '2025-06-03T16:59:59.999Z',
      'the 60-wd admission decision limit',
    ],
    [
      '2025-03-07T09:00:00+07:00',
      { amount: 3, unit: 'calendar_days' },
      '2025-03-10T16:59:59.999Z',
      'calendar days ignore weekends',
    ],
    [
      '2025-04-29T09:00:00+07:00',
      { amount: 2, unit: 'calendar_days' },
      '2025-05-01T16:59:59.999Z',
      'calendar days ignore holidays',
    ],
    [
      '2025-01-31T10:00:00+07:00',
      { amount: 1, unit: 'months' },
      '2025-02-28T16:59:59.999Z',
      'months clamp to month end',
    ],
    ['2024-03-15T10:00:00+07:00', { amount: 12, unit: 'months' }, '2025-03-15T16:59:59.999Z', '12 months of probation'],
    ['2025-03-07T09:00:00+07:00', { amount: 48, unit: 'hours' }, '2025-03-09T02:00:00.000Z', 'hours are exact'],
    ['2025-03-07T09:00:00+07:00', { amount: 0, unit: 'hours' }, '2025-03-07T02:00:00.000Z', 'zero hours'],
  ])('should give %s + %j = %s when %s', (from, duration, expected) => {
    expect(addDuration({ from, duration, holidays: TEST_HOLIDAYS })).toBe(expected);
  });

  it('should use the given offset when one is passed', () => {
    expect(
      addDuration({
        from: '2025-03-07T09:00:00Z',
        duration: { amount: 1, unit: 'working_days' },
        holidays: NO_HOLIDAYS,
        utcOffsetMinutes: 0,
      }),
    ).toBe('2025-03-10T23:59:59.999Z');
  });

  it.each<[Duration]>([
    [{ amount: -1, unit: 'working_days' }],
    [{ amount: 1.5, unit: 'calendar_days' }],
    [{ amount: Number.NaN, unit: 'hours' }],
    [{ amount: 1, unit: 'weeks' as Duration['unit'] }],
  ])('should throw INVALID_DURATION when the duration is %j', (duration) => {
    expect(() => addDuration({ from: '2025-03-07T09:00:00+07:00', duration, holidays: NO_HOLIDAYS })).toThrow(
      expect.objectContaining({ code: 'INVALID_DURATION' }),
    );
  });

  it('should throw INVALID_INSTANT when the instant has no offset', () => {
    expect(() =>
      addDuration({ from: '2025-03-07T09:00:00', duration: { amount: 1, unit: 'hours' }, holidays: NO_HOLIDAYS }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INSTANT' }));
  });
});

describe('subtractDuration (reminders: count back, land at the START of the local day; hours exact)', () => {
  it.each<[string, Duration, string, string]>([
    [
      '2025-03-10T16:59:59.999Z',
      { amount: 2, unit: 'working_days' },
      '2025-03-05T17:00:00.000Z',
      'due end of Monday − 2 wd = 00:00 Thursday',
    ],
    [
      '2025-05-05T16:59:59.999Z',
      { amount: 2, unit: 'working_days' },
      '2025-04-28T17:00:00.000Z',
      'counting back over 1/5 and 30/4 = 00:00 Tuesday 29/4',
    ],
    [
      '2026-02-23T16:59:59.999Z',
      { amount: 1, unit: 'working_days' },
      '2026-02-12T17:00:00.000Z',
      'counting back over Tết = 00:00 Friday 13/2',
    ],
    [
      '2025-03-10T16:59:59.999Z',
      { amount: 0, unit: 'working_days' },
      '2025-03-09T17:00:00.000Z',
      'zero = 00:00 of the due day',
    ],
    [
      '2025-03-10T16:59:59.999Z',
      { amount: 1, unit: 'calendar_days' },
      '2025-03-08T17:00:00.000Z',
      'one calendar day = 00:00 Sunday',
    ],
    [
      '2025-03-31T16:59:59.999Z',
      { amount: 1, unit: 'months' },
      '2025-02-27T17:00:00.000Z',
      'months clamp = 00:00 28/2',
    ],
    ['2025-03-10T16:59:59.999Z', { amount: 24, unit: 'hours' }, '2025-03-09T16:59:59.999Z', 'hours are exact'],
  ])('should give %s − %j = %s when %s', (from, duration, expected) => {
    expect(subtractDuration({ from, duration, holidays: TEST_HOLIDAYS })).toBe(expected);
  });
});

describe('computeTaskTimes (due from task opening or from a case event, reminder before due)', () => {
  it('should count from openedAt and remind 2 working days before when the policy is anchored on task_opened', () => {
    expect(
      computeTaskTimes({ openedAt: '2025-03-03T09:00:00+07:00', policy: policy(), holidays: TEST_HOLIDAYS }),
    ).toEqual({
      dueAt: '2025-03-17T16:59:59.999Z',
      remindAt: '2025-03-12T17:00:00.000Z',
    });
  });

  it('should ignore anchorAt when the policy is anchored on task_opened', () => {
    const times = computeTaskTimes({
      openedAt: '2025-03-03T09:00:00+07:00',
      anchorAt: '2025-01-01T09:00:00+07:00',
      policy: policy(),
      holidays: TEST_HOLIDAYS,
    });
    expect(times.dueAt).toBe('2025-03-17T16:59:59.999Z');
  });

  it('should count from the cell resolution when the decision policy is anchored on a case event', () => {
    const decision = DEFAULT_DEADLINE_POLICIES.find((p) => p.step === 'decision');
    if (!decision) throw new Error('missing decision policy');
    expect(
      computeTaskTimes({
        openedAt: '2025-03-20T08:00:00+07:00',
        anchorAt: '2025-03-07T15:00:00+07:00',
        policy: decision,
        holidays: TEST_HOLIDAYS,
      }),
    ).toEqual({ dueAt: '2025-06-03T16:59:59.999Z', remindAt: '2025-05-26T17:00:00.000Z' });
  });

  it('should throw ANCHOR_REQUIRED when a case-event policy gets no anchorAt', () => {
    expect(() =>
      computeTaskTimes({
        openedAt: '2025-03-20T08:00:00+07:00',
        policy: policy({ anchor: 'case_event' }),
        holidays: NO_HOLIDAYS,
      }),
    ).toThrow(expect.objectContaining({ code: 'ANCHOR_REQUIRED' }));
    expect(() =>
      computeTaskTimes({
        openedAt: '2025-03-20T08:00:00+07:00',
        anchorAt: null,
        policy: policy({ anchor: 'case_event' }),
        holidays: NO_HOLIDAYS,
      }),
    ).toThrow(expect.objectContaining({ code: 'ANCHOR_REQUIRED' }));
  });

  it('should return remindAt null when the reminder would be before the task opened', () => {
    const short = policy({ due: { amount: 1, unit: 'working_days' } });
    expect(computeTaskTimes({ openedAt: '2025-03-07T09:00:00+07:00', policy: short, holidays: NO_HOLIDAYS })).toEqual({
      dueAt: '2025-03-10T16:59:59.999Z',
      remindAt: null,
    });
  });

  it('should return remindAt null when the reminder has passed at the given now', () => {
    const times = computeTaskTimes({
      openedAt: '2025-03-03T09:00:00+07:00',
      now: '2025-03-13T00:00:00+07:00',
      policy: policy(),
      holidays: TEST_HOLIDAYS,
    });
    expect(times).toEqual({ dueAt: '2025-03-17T16:59:59.999Z', remindAt: null });
  });

  it('should keep remindAt when now is just before it', () => {
    const times = computeTaskTimes({
      openedAt: '2025-03-03T09:00:00+07:00',
      now: '2025-03-12T23:59:59+07:00',
      policy: policy(),
      holidays: TEST_HOLIDAYS,
    });
    expect(times.remindAt).toBe('2025-03-12T17:00:00.000Z');
  });

  it('should return remindAt null when the reminder is not before the due instant', () => {
    const noLead = policy({ due: { amount: 48, unit: 'hours' }, remindBefore: { amount: 0, unit: 'hours' } });
    expect(computeTaskTimes({ openedAt: '2025-03-03T09:00:00+07:00', policy: noLead, holidays: NO_HOLIDAYS })).toEqual({
      dueAt: '2025-03-05T02:00:00.000Z',
      remindAt: null,
    });
  });

  it('should remind exactly N hours before when units are hours', () => {
    const hourly = policy({ due: { amount: 48, unit: 'hours' }, remindBefore: { amount: 4, unit: 'hours' } });
    expect(
      computeTaskTimes({ openedAt: '2025-03-03T09:00:00+07:00', policy: hourly, holidays: NO_HOLIDAYS }).remindAt,
    ).toBe('2025-03-04T22:00:00.000Z');
  });
});

describe('escalationTimes (level 1 at due, level k at due + (k−1) × escalateEvery)', () => {
  it('should escalate every 5 working days when the policy says so', () => {
    expect(
      escalationTimes({
        dueAt: '2025-03-10T16:59:59.999Z',
        policy: policy({ maxEscalationLevel: 3 }),
        holidays: TEST_HOLIDAYS,
      }),
    ).toEqual(['2025-03-10T16:59:59.999Z', '2025-03-17T16:59:59.999Z', '2025-03-24T16:59:59.999Z']);
  });

  it('should skip holidays when escalation levels cross 30/4 and 1/5', () => {
    expect(
      escalationTimes({
        dueAt: '2025-04-25T16:59:59.999Z',
        policy: policy({ maxEscalationLevel: 3 }),
        holidays: TEST_HOLIDAYS,
      }),
    ).toEqual(['2025-04-25T16:59:59.999Z', '2025-05-06T16:59:59.999Z', '2025-05-13T16:59:59.999Z']);
  });

  it('should normalise the due instant when it is given with an offset', () => {
    expect(
      escalationTimes({
        dueAt: '2025-03-10T23:59:59.999+07:00',
        policy: policy({ maxEscalationLevel: 1 }),
        holidays: NO_HOLIDAYS,
      }),
    ).toEqual(['2025-03-10T16:59:59.999Z']);
  });

  it('should return no instants when maxEscalationLevel is 0', () => {
    expect(
      escalationTimes({
        dueAt: '2025-03-10T16:59:59.999Z',
        policy: policy({ maxEscalationLevel: 0 }),
        holidays: NO_HOLIDAYS,
      }),
    ).toEqual([]);
  });

  it('should multiply rather than chain when escalating by months', () => {
    const monthly = policy({ escalateEvery: { amount: 1, unit: 'months' }, maxEscalationLevel: 3 });
    expect(escalationTimes({ dueAt: '2025-01-31T16:59:59.999Z', policy: monthly, holidays: NO_HOLIDAYS })).toEqual([
      '2025-01-31T16:59:59.999Z',
      '2025-02-28T16:59:59.999Z',
      '2025-03-31T16:59:59.999Z',
    ]);
  });

  it('should add exact hours when escalating hourly', () => {
    const hourly = policy({ escalateEvery: { amount: 24, unit: 'hours' }, maxEscalationLevel: 2 });
    expect(escalationTimes({ dueAt: '2025-03-10T16:59:59.999Z', policy: hourly, holidays: NO_HOLIDAYS })).toEqual([
      '2025-03-10T16:59:59.999Z',
      '2025-03-11T16:59:59.999Z',
    ]);
  });

  it('should throw when maxEscalationLevel is negative', () => {
    expect(() =>
      escalationTimes({
        dueAt: '2025-03-10T16:59:59.999Z',
        policy: policy({ maxEscalationLevel: -1 }),
        holidays: NO_HOLIDAYS,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('policy helpers', () => {
  it('should report no problems when a policy is valid', () => {
    expect(validateDeadlinePolicy(policy())).toEqual([]);
  });

  it('should report each problem when a policy is invalid', () => {
    const problems = validateDeadlinePolicy(
      policy({
        due: { amount: -1, unit: 'working_days' },
        escalateEvery: { amount: 0, unit: 'working_days' },
        maxEscalationLevel: 3,
        source: ' ',
      }),
    );
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/due:.*\n.*escalateEvery.*\n.*source/s);
  });

  it('should find the policy of a step when it exists', () => {
    expect(
      findDeadlinePolicy({ policies: DEFAULT_DEADLINE_POLICIES, process: 'admission', step: 'ceremony' })?.due,
    ).toEqual({
      amount: 30,
      unit: 'working_days',
    });
    expect(
      findDeadlinePolicy({ policies: DEFAULT_DEADLINE_POLICIES, process: 'screening', step: 'ceremony' }),
    ).toBeUndefined();
  });

  it.each<[Duration, string]>([
    [{ amount: 60, unit: 'working_days' }, '60 ngày làm việc'],
    [{ amount: 12, unit: 'months' }, '12 tháng'],
    [{ amount: 30, unit: 'calendar_days' }, '30 ngày'],
    [{ amount: 48, unit: 'hours' }, '48 giờ'],
  ])('should format %j as %s when shown in Vietnamese', (duration, expected) => {
    expect(formatDurationVi(duration)).toBe(expected);
  });
});
