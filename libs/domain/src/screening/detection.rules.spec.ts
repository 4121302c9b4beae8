import {
  DEFAULT_DETECTION_PARAMS,
  DETECTION_PARAM_SOURCES,
  detectAbsenceOrUnpaidDues,
  detectForMember,
  detectNoProgressAfterHelp,
  detectNotCompletedTwoYears,
  detectTransferNotPresented,
  detectViolationDuringDiscipline,
  type AttendanceRecord,
  type DisciplineRecord,
  type DuesRecord,
  type MemberRecords,
} from './detection.rules';
import { AUTOMATIC_SCREENING_CRITERIA, SCREENING_CRITERIA, SCREENING_CRITERION_INFO } from './screening-criteria';
import { isValidYearMonth, monthIndex, yearMonthFromIndex } from './activity-records';

const memberId = '00000000-0000-4000-8000-000000000001';
const absent = (...months: string[]): AttendanceRecord[] =>
  months.map((month) => ({ month, status: 'absent_without_reason' }));
const unpaid = (...months: string[]): DuesRecord[] => months.map((month) => ({ month, paidOn: null }));
const NONE: MemberRecords = { attendance: [], dues: [], gradings: [], transfers: [], disciplines: [], helpHistory: [] };

describe('detectAbsenceOrUnpaidDues — 3 months in a year without good reason (Charter Art. 8; QĐ 24 §8.1 [R23][R24])', () => {
  it('should find nothing when absent without reason 2 months, and a finding when 3 months', () => {
    expect(
      detectAbsenceOrUnpaidDues({ memberId, asOf: '2026-06-15', attendance: absent('2026-01', '2026-03'), dues: [] }),
    ).toBeNull();
    const f = detectAbsenceOrUnpaidDues({
      memberId,
      asOf: '2026-06-15',
      attendance: absent('2026-01', '2026-03', '2026-05'),
      dues: [],
    });
    expect(f).toMatchObject({
      ground: 'absence_or_unpaid_dues',
      memberId,
      evidence: { absentWithoutReasonMonths: ['2026-01', '2026-03', '2026-05'], unpaidDuesMonths: [] },
    });
    expect(f?.summary).toContain('bỏ sinh hoạt không lý do 3 tháng (01/2026, 03/2026, 05/2026)');
    expect(f?.source).toContain('[R23]');
  });

  it('should find the run when the 3 months are spread across a year boundary (Nov–Jan) [A: rolling window]', () => {
    const f = detectAbsenceOrUnpaidDues({
      memberId,
      asOf: '2026-01-20',
      attendance: absent('2025-11', '2025-12', '2026-01'),
      dues: [],
    });
    expect(f?.evidence).toMatchObject({
      window: { from: '2025-02', to: '2026-01' },
      absentWithoutReasonMonths: ['2025-11', '2025-12', '2026-01'],
    });
    expect(f?.summary).toContain('Trong 12 tháng từ 02/2025 đến 01/2026');
  });

  it('should not count a month that fell out of the 12-month window when asOf moves on', () => {
    // The window for asOf 2026-02 is 2025-03..2026-02; for asOf 2026-01 it is 2025-02..2026-01.
    expect(
      detectAbsenceOrUnpaidDues({
        memberId,
        asOf: '2026-02-01',
        attendance: absent('2025-02', '2025-12', '2026-01'),
        dues: [],
      }),
    ).toBeNull();
    expect(
      detectAbsenceOrUnpaidDues({
        memberId,
        asOf: '2026-01-31',
        attendance: absent('2025-02', '2025-12', '2026-01'),
        dues: [],
      }),
    ).not.toBeNull();
  });

  it('should ignore months after asOf when the records run ahead', () => {
    expect(
      detectAbsenceOrUnpaidDues({
        memberId,
        asOf: '2026-03-01',
        attendance: absent('2026-02', '2026-03', '2026-04'),
        dues: [],
      }),
    ).toBeNull();
  });

  it('should not count an absence with a valid reason when the third month was excused', () => {
    const attendance: AttendanceRecord[] = [
      ...absent('2026-01', '2026-02'),
      { month: '2026-03', status: 'absent_with_reason', reason: 'Nằm viện' },
    ];
    expect(detectAbsenceOrUnpaidDues({ memberId, asOf: '2026-04-01', attendance, dues: [] })).toBeNull();
  });

  it('should find 3 recorded unpaid months, and not count a month when it has no dues row (unknown, not unpaid)', () => {
    const dues: DuesRecord[] = [
      ...unpaid('2026-01', '2026-02'),
      { month: '2026-03', paidOn: '2026-03-10', amountVnd: 30000 },
    ];
    expect(detectAbsenceOrUnpaidDues({ memberId, asOf: '2026-05-01', attendance: [], dues })).toBeNull();
    const f = detectAbsenceOrUnpaidDues({
      memberId,
      asOf: '2026-05-01',
      attendance: [],
      dues: [...dues, ...unpaid('2026-05')],
    });
    expect(f?.evidence).toMatchObject({
      unpaidDuesMonths: ['2026-01', '2026-02', '2026-05'],
      absentWithoutReasonMonths: [],
    });
    expect(f?.summary).toContain('không đóng đảng phí 3 tháng');
  });

  it('should not add absence and unpaid months together when each is below 3 (2 + 2)', () => {
    expect(
      detectAbsenceOrUnpaidDues({
        memberId,
        asOf: '2026-06-01',
        attendance: absent('2026-01', '2026-02'),
        dues: unpaid('2026-03', '2026-04'),
      }),
    ).toBeNull();
  });

  it('should accept database months (YYYY-MM-01) as well as YYYY-MM when records come from the table', () => {
    expect(
      detectAbsenceOrUnpaidDues({
        memberId,
        asOf: '2026-06-01',
        attendance: absent('2026-01-01', '2026-02-01', '2026-03-01'),
        dues: [],
      }),
    ).not.toBeNull();
  });

  it('should use a configured threshold when one is given', () => {
    const params = { ...DEFAULT_DETECTION_PARAMS, absenceThresholdMonths: 2 };
    expect(
      detectAbsenceOrUnpaidDues({
        memberId,
        asOf: '2026-06-01',
        attendance: absent('2026-01', '2026-02'),
        dues: [],
        params,
      }),
    ).not.toBeNull();
  });
});

describe('detectNotCompletedTwoYears — "không hoàn thành nhiệm vụ" 2 years running (02-HD Mục II.1 criterion 1 [R2])', () => {
  it('should find a run when the years are consecutive, and none when they are not', () => {
    expect(
      detectNotCompletedTwoYears({
        memberId,
        asOf: '2026-03-01',
        gradings: [
          { year: 2024, grading: 'not_completed' },
          { year: 2025, grading: 'not_completed' },
        ],
      }),
    ).toMatchObject({ ground: 'not_completed_two_years', evidence: { years: [2024, 2025] } });
    expect(
      detectNotCompletedTwoYears({
        memberId,
        asOf: '2026-03-01',
        gradings: [
          { year: 2023, grading: 'not_completed' },
          { year: 2024, grading: 'completed' },
          { year: 2025, grading: 'not_completed' },
        ],
      }),
    ).toBeNull();
  });

  it('should not find a run when a year between is missing (no grading breaks the run)', () => {
    expect(
      detectNotCompletedTwoYears({
        memberId,
        asOf: '2026-03-01',
        gradings: [
          { year: 2023, grading: 'not_completed' },
          { year: 2025, grading: 'not_completed' },
        ],
      }),
    ).toBeNull();
  });

  it('should not find an old run when a later grading is better', () => {
    expect(
      detectNotCompletedTwoYears({
        memberId,
        asOf: '2026-03-01',
        gradings: [
          { year: 2022, grading: 'not_completed' },
          { year: 2023, grading: 'not_completed' },
          { year: 2024, grading: 'good' },
          { year: 2025, grading: 'good' },
        ],
      }),
    ).toBeNull();
  });

  it('should not find a stale run when the later year is more than 1 year before asOf [A]', () => {
    const gradings = [
      { year: 2023, grading: 'not_completed' as const },
      { year: 2024, grading: 'not_completed' as const },
    ];
    expect(detectNotCompletedTwoYears({ memberId, asOf: '2025-12-31', gradings })).not.toBeNull();
    expect(detectNotCompletedTwoYears({ memberId, asOf: '2026-01-01', gradings })).toBeNull();
  });
});

describe('detectViolationDuringDiscipline — violating again during a discipline period (02-HD Mục II.1 criterion 2 [R2])', () => {
  const warning: DisciplineRecord = { id: 'd1', form: 'warning', decidedOn: '2025-03-01', endsOn: '2026-02-28' };

  it('should find a second discipline decided on the last day of the period, and not the day after', () => {
    const onLastDay = detectViolationDuringDiscipline({
      memberId,
      asOf: '2026-06-01',
      disciplines: [warning, { id: 'd2', form: 'reprimand', decidedOn: '2026-02-28', endsOn: null }],
    });
    expect(onLastDay).toMatchObject({
      ground: 'violation_during_discipline',
      evidence: { pairs: [{ during: { id: 'd1' }, again: { id: 'd2' } }] },
    });
    expect(onLastDay?.summary).toContain('28/02/2026');
    expect(
      detectViolationDuringDiscipline({
        memberId,
        asOf: '2026-06-01',
        disciplines: [warning, { id: 'd2', form: 'reprimand', decidedOn: '2026-03-01', endsOn: null }],
      }),
    ).toBeNull();
  });

  it('should not open a period when the first discipline is a reprimand (not in criterion 2) or has no recorded period', () => {
    const again: DisciplineRecord = { id: 'd2', form: 'warning', decidedOn: '2025-06-01', endsOn: '2026-06-01' };
    expect(
      detectViolationDuringDiscipline({
        memberId,
        asOf: '2026-06-01',
        disciplines: [{ ...warning, form: 'reprimand' }, again],
      }),
    ).toBeNull();
    expect(
      detectViolationDuringDiscipline({
        memberId,
        asOf: '2026-06-01',
        disciplines: [{ ...warning, endsOn: null }, again],
      }),
    ).toBeNull();
  });

  it('should count a State discipline (hạ bậc lương) as the period when the member is disciplined again', () => {
    expect(
      detectViolationDuringDiscipline({
        memberId,
        asOf: '2026-06-01',
        disciplines: [
          { ...warning, form: 'state_salary_reduction' },
          { id: 'd2', form: 'warning', decidedOn: '2025-09-01', endsOn: null },
        ],
      }),
    ).not.toBeNull();
  });

  it('should ignore a discipline decided after asOf', () => {
    expect(
      detectViolationDuringDiscipline({
        memberId,
        asOf: '2025-08-31',
        disciplines: [warning, { id: 'd2', form: 'warning', decidedOn: '2025-09-01', endsOn: null }],
      }),
    ).toBeNull();
  });
});

describe('detectTransferNotPresented — transferred but not presented within the limit ([seed:000][seed:004]; 30 days [R30])', () => {
  const base = { id: 't1', kind: 'official' as const, issuedOn: '2026-03-01', presentBy: '2026-03-31' };

  it('should accept presenting when on the last allowed day, and find presenting the day after', () => {
    expect(
      detectTransferNotPresented({
        memberId,
        asOf: '2026-06-01',
        transfers: [{ ...base, presentedOn: '2026-03-31', status: 'presented' }],
      }),
    ).toBeNull();
    const late = detectTransferNotPresented({
      memberId,
      asOf: '2026-06-01',
      transfers: [{ ...base, presentedOn: '2026-04-01', status: 'presented' }],
    });
    expect(late).toMatchObject({
      ground: 'transfer_not_presented',
      evidence: { transfers: [{ transferId: 't1', presentBy: '2026-03-31', presentedOn: '2026-04-01', daysLate: 1 }] },
    });
    expect(late?.summary).toContain('muộn 1 ngày');
  });

  it('should find a transfer never presented once the limit has passed, and not on the last day itself', () => {
    const never = { ...base, presentedOn: null, status: 'issued' as const };
    expect(detectTransferNotPresented({ memberId, asOf: '2026-03-31', transfers: [never] })).toBeNull();
    const f = detectTransferNotPresented({ memberId, asOf: '2026-04-01', transfers: [never] });
    expect(f?.evidence).toMatchObject({ transfers: [{ transferId: 't1', presentedOn: null, daysLate: 1 }] });
    expect(f?.summary).toContain('chưa trình diện');
  });

  it('should use issue + 30 days when the transfer has no present-by date [R30]', () => {
    const noDate = { id: 't2', issuedOn: '2026-03-01', presentBy: null, presentedOn: null, status: 'issued' as const };
    expect(detectTransferNotPresented({ memberId, asOf: '2026-03-31', transfers: [noDate] })).toBeNull();
    expect(detectTransferNotPresented({ memberId, asOf: '2026-04-01', transfers: [noDate] })).not.toBeNull();
  });

  it('should ignore a transfer when it was cancelled', () => {
    expect(
      detectTransferNotPresented({
        memberId,
        asOf: '2026-06-01',
        transfers: [{ ...base, presentedOn: null, status: 'cancelled' }],
      }),
    ).toBeNull();
  });
});

describe("detectNoProgressAfterHelp — no progress 12 months after the cell's education (Charter Art. 8 [R23][R24])", () => {
  it('should find no progress when help started 12 months ago, and nothing when 11 months ago', () => {
    expect(
      detectNoProgressAfterHelp({
        memberId,
        asOf: '2026-11-26',
        helpHistory: [{ caseId: 'c1', startedOn: '2025-11-26', improved: null }],
      }),
    ).toMatchObject({
      ground: 'no_progress_after_help',
      evidence: { helpPeriods: [{ caseId: 'c1', periodEndsOn: '2026-11-26' }] },
    });
    expect(
      detectNoProgressAfterHelp({
        memberId,
        asOf: '2026-11-26',
        helpHistory: [{ caseId: 'c1', startedOn: '2025-12-26', improved: null }],
      }),
    ).toBeNull();
    expect(
      detectNoProgressAfterHelp({
        memberId,
        asOf: '2026-11-25',
        helpHistory: [{ caseId: 'c1', startedOn: '2025-11-26', improved: false }],
      }),
    ).toBeNull();
  });

  it('should find nothing when the help period ended with the member assessed as improved', () => {
    expect(
      detectNoProgressAfterHelp({
        memberId,
        asOf: '2027-01-01',
        helpHistory: [{ caseId: 'c1', startedOn: '2025-11-26', improved: true }],
      }),
    ).toBeNull();
  });
});

describe('detectForMember — every automatic rule over one member', () => {
  it('should return no finding when the member has no records', () => {
    expect(detectForMember({ memberId, asOf: '2026-06-01', records: NONE })).toEqual([]);
  });

  it('should return one finding per triggered ground, each citing its source, when several apply', () => {
    const findings = detectForMember({
      memberId,
      asOf: '2026-06-01',
      records: {
        ...NONE,
        attendance: absent('2026-01', '2026-02', '2026-03'),
        gradings: [
          { year: 2024, grading: 'not_completed' },
          { year: 2025, grading: 'not_completed' },
        ],
      },
    });
    expect(findings.map((f) => f.ground)).toEqual(['absence_or_unpaid_dues', 'not_completed_two_years']);
    for (const f of findings) {
      expect(f.source).toBe(SCREENING_CRITERION_INFO[f.ground].source);
      expect(f.summary.normalize('NFC')).toBe(f.summary);
    }
  });

  it('should apply partial params over the defaults when some are given', () => {
    const records = { ...NONE, helpHistory: [{ caseId: 'c1', startedOn: '2026-01-01', improved: null }] };
    expect(detectForMember({ memberId, asOf: '2026-06-01', records })).toEqual([]);
    expect(detectForMember({ memberId, asOf: '2026-06-01', records, params: { helpPeriodMonths: 5 } })).toHaveLength(1);
  });

  it('should refuse an invalid asOf when it is not a YYYY-MM-DD date', () => {
    expect(() => detectForMember({ memberId, asOf: '2026-13-01', records: NONE })).toThrow(
      expect.objectContaining({ code: 'INVALID_LOCAL_DATE' }),
    );
  });
});

describe('screening criteria list (02-HD Mục II.1 [R2]; [R23][R24]; [seed:000][seed:004])', () => {
  it.each(SCREENING_CRITERIA)('should give a Vietnamese label and a cited source when the criterion is %s', (code) => {
    const info = SCREENING_CRITERION_INFO[code];
    expect(info.vi.normalize('NFC')).toBe(info.vi);
    expect(info.source).toMatch(/\[(R\d+|seed:\d+)\]/);
  });

  it('should list as automatic exactly the criteria when a detection rule exists for them', () => {
    expect(AUTOMATIC_SCREENING_CRITERIA).toEqual([
      'absence_or_unpaid_dues',
      'not_completed_two_years',
      'violation_during_discipline',
      'transfer_not_presented',
      'no_progress_after_help',
    ]);
    expect(SCREENING_CRITERIA.filter((c) => SCREENING_CRITERION_INFO[c].strikeOffGround)).toEqual([
      'absence_or_unpaid_dues',
      'no_progress_after_help',
    ]);
  });

  it('should document a source when a detection parameter has a default', () => {
    for (const key of Object.keys(DEFAULT_DETECTION_PARAMS))
      expect(DETECTION_PARAM_SOURCES[key as keyof typeof DETECTION_PARAM_SOURCES]).toBeTruthy();
  });
});

describe('year-month helpers', () => {
  it.each([
    ['2026-01', true],
    ['2025-12', true],
    ['2025-13', false],
    ['2025-00', false],
    ['2025-1', false],
    ['2025-01-01', false],
  ])('should validate %s → %p when parsing a YYYY-MM month', (value, ok) => {
    expect(isValidYearMonth(value)).toBe(ok);
  });

  it('should make December and the next January consecutive when months are indexed', () => {
    expect(monthIndex('2026-01') - monthIndex('2025-12')).toBe(1);
    expect(yearMonthFromIndex(monthIndex('2025-12') + 1)).toBe('2026-01');
  });
});
