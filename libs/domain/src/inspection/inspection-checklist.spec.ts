import { validateDeadlinePolicy } from '../deadline/deadline-policy';
import { DEFAULT_DEADLINE_POLICIES } from '../deadline/default-policies';
import {
  canInspectUnder,
  checklistProblem,
  INSPECTION_ITEM_INFO,
  INSPECTION_ITEMS,
  INSPECTION_STEPS,
  isInspectionInterval,
  monthsBetween,
  prefillDues,
  prefillMonthlyMeetings,
  prefillTransfers,
  nextRoundStart,
  roundPeriod,
  roundStartMonths,
} from './inspection-checklist';

describe('inspection checklist pre-fill rules', () => {
  const half = monthsBetween({ from: '2026-01-01', to: '2026-07-01' });

  it('should list the six months of a half year when the period is January to July', () => {
    expect(half).toEqual(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01']);
    expect(monthsBetween({ from: '2026-01-15', to: '2026-02-01' })).toEqual(['2026-01-01']);
    expect(monthsBetween({ from: '2026-03-01', to: '2026-03-01' })).toEqual([]);
  });

  it.each<[string, string[], string, string]>([
    ['every month has attendance', half, 'met', '6/6'],
    ['one month has none [R41]', half.slice(1), 'shortcoming', '5/6'],
    ['attendance lies outside the period', ['2025-12-01', '2026-07-01'], 'shortcoming', '0/6'],
  ])('should suggest the monthly-meeting finding when %s', (_, months, suggested, ratio) => {
    const p = prefillMonthlyMeetings({ periodMonths: half, monthsWithAttendance: months });
    expect(p.suggested).toBe(suggested);
    expect(p.value.startsWith(ratio)).toBe(true);
    expect(p.source).toBe('meeting_attendance');
  });

  it('should be not applicable when the period has no month', () => {
    expect(prefillMonthlyMeetings({ periodMonths: [], monthsWithAttendance: [] }).suggested).toBe('not_applicable');
  });

  it.each<[number, number, number | undefined, string]>([
    [60, 60, undefined, 'met'],
    [60, 59, undefined, 'shortcoming'],
    [60, 57, 0.95, 'met'],
    [60, 56, 0.95, 'shortcoming'],
    [0, 0, undefined, 'not_applicable'],
  ])(
    'should suggest the dues finding when %i member-months have %i paid (threshold %p) [seed:000]',
    (memberMonths, paidMemberMonths, minPaidShare, suggested) => {
      expect(prefillDues({ memberMonths, paidMemberMonths, minPaidShare }).suggested).toBe(suggested);
    },
  );

  it.each<[string, { presentBy: string; presentedOn: string | null }[], string]>([
    ['presented on the last day [R30]', [{ presentBy: '2026-03-10', presentedOn: '2026-03-10' }], 'met'],
    ['presented one day late', [{ presentBy: '2026-03-10', presentedOn: '2026-03-11' }], 'shortcoming'],
    ['not presented and past its deadline', [{ presentBy: '2026-03-10', presentedOn: null }], 'shortcoming'],
    ['not presented but not yet due', [{ presentBy: '2026-07-10', presentedOn: null }], 'not_applicable'],
    ['there is none', [], 'not_applicable'],
  ])('should suggest the transfer finding when a transfer was %s', (_, transfers, suggested) => {
    expect(prefillTransfers({ transfers, asOf: '2026-07-01' }).suggested).toBe(suggested);
  });
});

describe('inspection rounds', () => {
  it.each([
    [6, [1, 7]],
    [3, [1, 4, 7, 10]],
    [12, [1]],
    [1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ])('should start rounds in fixed months when the interval is %i months [seed:000]', (months, starts) =>
    expect(roundStartMonths(months)).toEqual(starts),
  );

  it.each([0, 5, 7, 24, -6, 2.5])(
    'should refuse an interval of %p months when it does not divide the year',
    (months) => {
      expect(isInspectionInterval(months)).toBe(false);
      expect(() => roundStartMonths(months)).toThrow(RangeError);
    },
  );

  it('should review the six months before the round and run until the next when the round starts on 1 July', () => {
    expect(roundPeriod({ startedOn: '2026-07-01', intervalMonths: 6 })).toEqual({
      reviewFrom: '2026-01-01',
      reviewTo: '2026-07-01',
      endsOn: '2027-01-01',
    });
  });

  it('should review whole months and end at the next scheduled round (1 January) when a quarterly round is triggered on 26 November (issue 7 §5)', () => {
    expect(roundPeriod({ startedOn: '2026-11-26', intervalMonths: 3 })).toEqual({
      reviewFrom: '2026-08-01',
      reviewTo: '2026-11-01',
      endsOn: '2027-01-01',
    });
  });

  it.each<[string, number, string]>([
    ['2026-12-02', 6, '2027-01-01'], // triggered on 2 December: ends when the 1 January round starts, not on 2 June
    ['2026-01-01', 6, '2026-07-01'], // the scheduled January round runs until the July round
    ['2026-06-30', 6, '2026-07-01'],
    ['2026-07-01', 12, '2027-01-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-04-15', 4, '2026-05-01'],
  ])(
    'should end a round started on %s with a %i-month interval on %s, the next scheduled start (issue 7 §5)',
    (startedOn, intervalMonths, endsOn) => {
      expect(nextRoundStart({ after: startedOn, intervalMonths })).toBe(endsOn);
      expect(roundPeriod({ startedOn, intervalMonths }).endsOn).toBe(endsOn);
    },
  );

  it.each(INSPECTION_ITEMS)('should label and cite a rule when the item is %s', (item) => {
    const info = INSPECTION_ITEM_INFO[item];
    expect(info.vi.normalize('NFC')).toBe(info.vi);
    expect(info.rule).toMatch(/\[(R\d+|seed:\d{3})\]/);
  });

  it.each(INSPECTION_STEPS)('should have one valid default deadline policy marked [A] when the step is %s', (step) => {
    const policies = DEFAULT_DEADLINE_POLICIES.filter((p) => p.process === 'inspection' && p.step === step);
    expect(policies).toHaveLength(1);
    expect(validateDeadlinePolicy(policies[0])).toEqual([]);
    expect(policies[0].source.startsWith('[A]')).toBe(true);
  });
});

describe('checklist completeness (the team confirms pre-filled items, answers the rest)', () => {
  const prefill = INSPECTION_ITEMS.map((item) => ({
    item,
    prefilledValue: INSPECTION_ITEM_INFO[item].prefillFrom ? 'số liệu' : null,
    prefilledResult: INSPECTION_ITEM_INFO[item].prefillFrom ? ('met' as const) : null,
    source: INSPECTION_ITEM_INFO[item].prefillFrom,
    carriedFromRemediationId: null as string | null,
  }));
  const manual = [
    { item: 'thematic_meetings' as const, result: 'met' as const },
    { item: 'member_records' as const, result: 'met' as const },
    { item: 'self_criticism' as const, result: 'met' as const },
  ];

  it('should accept a checklist when only the items without records are answered [seed:000]', () => {
    expect(checklistProblem({ findings: manual, prefill })).toBeUndefined();
  });

  it('should name the missing items when an item without records is left out', () => {
    expect(checklistProblem({ findings: manual.slice(1), prefill })).toEqual({
      field: 'data.findings',
      message: expect.stringMatching(/thematic_meetings \(Sinh hoạt chuyên đề/),
    });
  });

  it('should require an answer when a pre-filled item carries a finding over from the last round (DOMAIN.md §4)', () => {
    const carried = prefill.map((p) => (p.item === 'dues_collected' ? { ...p, carriedFromRemediationId: 'r-1' } : p));
    expect(checklistProblem({ findings: manual, prefill: carried })).toEqual({
      field: 'data.findings',
      message: expect.stringMatching(/dues_collected/),
    });
    expect(
      checklistProblem({ findings: [...manual, { item: 'dues_collected', result: 'met' }], prefill: carried }),
    ).toBeUndefined();
  });

  it('should refuse a shortcoming without a note and an item answered twice', () => {
    expect(
      checklistProblem({
        findings: [...manual.slice(1), { item: 'thematic_meetings', result: 'shortcoming' }],
        prefill,
      }),
    ).toEqual({ field: 'data.findings.2.note', message: 'hạn chế, khuyết điểm cần ghi rõ nội dung' });
    expect(checklistProblem({ findings: [...manual, { item: 'self_criticism', result: 'met' }], prefill })).toEqual({
      field: 'data.findings.3.item',
      message: "mục 'self_criticism' bị lặp",
    });
  });
});

describe('who inspects under each scope [seed:000][seed:004]', () => {
  it.each([
    ['superior_of_grassroots', 'district_committee', true],
    ['superior_of_grassroots', 'provincial_committee', true],
    ['superior_of_grassroots', 'grassroots_committee', false],
    ['superior_of_grassroots', 'cell', false],
    ['grassroots_own_cells', 'grassroots_committee', true],
    ['grassroots_own_cells', 'district_committee', false],
    ['grassroots_own_cells', 'cell', false],
  ] as const)('should answer %s by a %s → %p', (scope, kind, expected) => {
    expect(canInspectUnder({ scope, kind })).toBe(expected);
  });
});
