import {
  evaluateLocalCriteria,
  SEED_001_CRITERIA_SET,
  type CriteriaSet,
  type YearGrading,
} from './local-criteria.rules';

const onDate = '2025-06-01';
const evaluateSeed001 = (gradings: YearGrading[]) => {
  const [result] = evaluateLocalCriteria({ set: SEED_001_CRITERIA_SET, gradings, onDate });
  return result;
};

describe('local criteria — [seed:001] 52-CV/BTCĐU: 3 consecutive years "good" or better with ≥1 "excellent" year or an award', () => {
  it.each<[string, YearGrading[], string]>([
    [
      'one excellent year',
      [
        { year: 2022, grading: 'good' },
        { year: 2023, grading: 'excellent' },
        { year: 2024, grading: 'good' },
      ],
      'có năm hoàn thành xuất sắc nhiệm vụ (2023)',
    ],
    [
      'an award instead of an excellent year',
      [
        { year: 2022, grading: 'good' },
        { year: 2023, grading: 'good', award: true },
        { year: 2024, grading: 'good' },
      ],
      'có khen thưởng (năm 2023)',
    ],
    [
      'older and current-year records are present',
      [
        { year: 2020, grading: 'not_completed' },
        { year: 2022, grading: 'excellent' },
        { year: 2023, grading: 'good' },
        { year: 2024, grading: 'good' },
        { year: 2025, grading: 'completed' },
      ],
      '3 năm liên tiếp 2022–2024',
    ],
  ])('should pass when the candidate has %s', (_label, gradings, fragment) => {
    const result = evaluateSeed001(gradings);
    expect(result.passed).toBe(true);
    expect(result.reason).toContain(fragment);
    expect(result.ruleId).toBe('seed-001.consecutive_gradings');
    expect(result.source).toContain('[seed:001] 52-CV/BTCĐU');
  });

  it.each<[string, YearGrading[], string]>([
    [
      'a year is missing at the start',
      [
        { year: 2023, grading: 'excellent' },
        { year: 2024, grading: 'good' },
      ],
      'thiếu kết quả xếp loại năm 2022',
    ],
    [
      'the latest year is missing',
      [
        { year: 2021, grading: 'good' },
        { year: 2022, grading: 'excellent' },
        { year: 2023, grading: 'good' },
      ],
      'thiếu kết quả xếp loại năm 2024',
    ],
    [
      'the years are not consecutive',
      [
        { year: 2021, grading: 'good' },
        { year: 2022, grading: 'excellent' },
        { year: 2024, grading: 'good' },
      ],
      'các năm xếp loại không liên tiếp: thiếu năm 2023',
    ],
    [
      'a year is below the minimum',
      [
        { year: 2022, grading: 'good' },
        { year: 2023, grading: 'completed' },
        { year: 2024, grading: 'excellent' },
      ],
      'năm 2023 chỉ đạt “Hoàn thành nhiệm vụ”, dưới mức “Hoàn thành tốt nhiệm vụ”',
    ],
    [
      'no excellent year and no award',
      [
        { year: 2022, grading: 'good' },
        { year: 2023, grading: 'good' },
        { year: 2024, grading: 'good' },
      ],
      'không có năm nào đạt “Hoàn thành xuất sắc nhiệm vụ” và không có khen thưởng trong 3 năm liên tiếp 2022–2024',
    ],
    [
      'the only excellent year is the current, unfinished one',
      [
        { year: 2022, grading: 'good' },
        { year: 2023, grading: 'good' },
        { year: 2024, grading: 'good' },
        { year: 2025, grading: 'excellent' },
      ],
      'không có năm nào đạt',
    ],
    [
      'a year is recorded twice',
      [
        { year: 2022, grading: 'good' },
        { year: 2023, grading: 'excellent' },
        { year: 2023, grading: 'completed' },
        { year: 2024, grading: 'good' },
      ],
      'năm 2023 có 2 kết quả xếp loại',
    ],
    [
      'no gradings at all',
      [],
      'thiếu kết quả xếp loại năm 2022; thiếu kết quả xếp loại năm 2023; thiếu kết quả xếp loại năm 2024',
    ],
  ])('should fail with its own reason when %s', (_label, gradings, fragment) => {
    const result = evaluateSeed001(gradings);
    expect(result.passed).toBe(false);
    expect(result.reason).toContain(fragment);
    expect(result.reason.normalize('NFC')).toBe(result.reason);
  });

  it('should list every problem when several patterns fail together', () => {
    const result = evaluateSeed001([
      { year: 2022, grading: 'completed' },
      { year: 2024, grading: 'good' },
      { year: 2021, grading: 'good' },
    ]);
    expect(result.reason).toBe(
      'Chưa đạt tiêu chuẩn 3 năm liên tiếp 2022–2024 xếp loại “Hoàn thành tốt nhiệm vụ” trở lên: các năm xếp loại không liên tiếp: thiếu năm 2023 giữa các năm đã có kết quả; năm 2022 chỉ đạt “Hoàn thành nhiệm vụ”, dưới mức “Hoàn thành tốt nhiệm vụ”; không có năm nào đạt “Hoàn thành xuất sắc nhiệm vụ” và không có khen thưởng trong 3 năm liên tiếp 2022–2024.',
    );
  });

  it('should not require an excellent year when requireExcellentOrAward is false', () => {
    const set: CriteriaSet = {
      id: 'local',
      name: 'Local',
      checks: [
        {
          kind: 'consecutive_gradings',
          years: 2,
          minGrading: 'good',
          requireExcellentOrAward: false,
          id: 'custom.rule',
          source: 'NQ local',
        },
      ],
    };
    const [result] = evaluateLocalCriteria({
      set,
      gradings: [
        { year: 2023, grading: 'good' },
        { year: 2024, grading: 'good' },
      ],
      onDate,
    });
    expect(result).toMatchObject({ passed: true, ruleId: 'custom.rule', source: 'NQ local' });
  });

  it('should throw INVALID_CRITERIA_CONFIG when years is not a positive integer', () => {
    const set: CriteriaSet = {
      id: 'x',
      name: 'x',
      checks: [{ kind: 'consecutive_gradings', years: 0, minGrading: 'good', requireExcellentOrAward: false }],
    };
    expect(() => evaluateLocalCriteria({ set, gradings: [], onDate })).toThrow(
      expect.objectContaining({ code: 'INVALID_CRITERIA_CONFIG' }),
    );
  });
});

describe('local criteria — min_grading_last_year [seed:000]', () => {
  const set: CriteriaSet = {
    id: 'students',
    name: 'Students',
    checks: [{ kind: 'min_grading_last_year', minGrading: 'good' }],
  };

  it.each<[YearGrading[], boolean, string]>([
    [[{ year: 2024, grading: 'excellent' }], true, 'Năm 2024 đạt “Hoàn thành xuất sắc nhiệm vụ”'],
    [[{ year: 2024, grading: 'good' }], true, 'từ mức “Hoàn thành tốt nhiệm vụ” trở lên'],
    [[{ year: 2024, grading: 'completed' }], false, 'Năm 2024 chỉ đạt “Hoàn thành nhiệm vụ”'],
    [[{ year: 2023, grading: 'excellent' }], false, 'Thiếu kết quả xếp loại năm 2024'],
  ])('should decide per the last completed year when gradings are %j', (gradings, passed, fragment) => {
    const [result] = evaluateLocalCriteria({ set, gradings, onDate });
    expect(result.passed).toBe(passed);
    expect(result.reason).toContain(fragment);
    expect(result.ruleId).toBe('students.min_grading_last_year');
    expect(result.source).toContain('[seed:000]');
  });

  it('should return one result per check in order when a set has several checks', () => {
    const combined: CriteriaSet = {
      ...SEED_001_CRITERIA_SET,
      checks: [...SEED_001_CRITERIA_SET.checks, ...set.checks],
    };
    expect(evaluateLocalCriteria({ set: combined, gradings: [], onDate }).map((r) => r.ruleId)).toEqual([
      'seed-001.consecutive_gradings',
      'seed-001.min_grading_last_year',
    ]);
  });
});
