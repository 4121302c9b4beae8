import { evaluateEligibility, type EligibilityCandidate } from './eligibility';
import { SEED_001_CRITERIA_SET } from './local-criteria.rules';

const candidate: EligibilityCandidate = {
  birthDate: '1995-05-20',
  educationLevel: 'university',
  courseCertificateIssuedOn: '2024-10-01',
  gradings: [
    { year: 2022, grading: 'good' },
    { year: 2023, grading: 'excellent' },
    { year: 2024, grading: 'good' },
  ],
};

describe('evaluateEligibility — national rules (QĐ 24 §1 [R8], [R15]) then local ones [seed:000][seed:001]', () => {
  it('should be eligible with national rules first when every check passes', () => {
    const result = evaluateEligibility({ candidate, onDate: '2025-06-01', criteriaSet: SEED_001_CRITERIA_SET });
    expect(result.eligible).toBe(true);
    expect(result.results.map((r) => r.ruleId)).toEqual([
      'national.age',
      'national.education',
      'national.course_certificate',
      'seed-001.consecutive_gradings',
    ]);
  });

  it('should run only national rules when no criteria set is given', () => {
    const result = evaluateEligibility({ candidate: { ...candidate, gradings: [] }, onDate: '2025-06-01' });
    expect(result.eligible).toBe(true);
    expect(result.results).toHaveLength(3);
  });

  it('should be ineligible when only the local rule fails', () => {
    const result = evaluateEligibility({
      candidate: { ...candidate, gradings: candidate.gradings.map((g) => ({ ...g, grading: 'good' as const })) },
      onDate: '2025-06-01',
      criteriaSet: SEED_001_CRITERIA_SET,
    });
    expect(result.eligible).toBe(false);
    expect(result.results.filter((r) => !r.passed).map((r) => r.ruleId)).toEqual(['seed-001.consecutive_gradings']);
  });

  it('should report every failing national rule when several fail', () => {
    const result = evaluateEligibility({
      candidate: {
        ...candidate,
        birthDate: '2007-06-02',
        educationLevel: 'primary',
        courseCertificateIssuedOn: undefined,
      },
      onDate: '2025-06-01',
    });
    expect(result.eligible).toBe(false);
    expect(result.results.every((r) => !r.passed)).toBe(true);
  });

  it('should apply configured parameters when they are given', () => {
    const params = { minAgeMonths: 216, maxAgeMonths: 720, certificateValidityMonths: 6 };
    expect(evaluateEligibility({ candidate, onDate: '2025-04-01', params }).eligible).toBe(true);
    expect(evaluateEligibility({ candidate, onDate: '2025-04-02', params }).eligible).toBe(false);
    expect(evaluateEligibility({ candidate, onDate: '2025-06-01', params: { minAgeMonths: 372 } }).eligible).toBe(
      false,
    );
  });
});
