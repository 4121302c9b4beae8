import { GRADINGS, gradingRank, isGrading, isGradingAtLeast, isMemberStatus, isOrgKind, type Grading } from './org';
import { isRole } from './roles';

describe('grading order (QĐ 124-QĐ/TW Art. 12 [R33])', () => {
  it('should rank gradings best first when comparing', () => {
    expect(GRADINGS.map(gradingRank)).toEqual([3, 2, 1, 0]);
  });

  it.each<[Grading, Grading, boolean]>([
    ['excellent', 'good', true],
    ['good', 'good', true],
    ['completed', 'good', false],
    ['not_completed', 'completed', false],
    ['not_completed', 'not_completed', true],
  ])('should say %s is at least %s = %p', (grading, minimum, expected) => {
    expect(isGradingAtLeast({ grading, minimum })).toBe(expected);
  });

  it('should recognise members of each vocabulary when guarding strings', () => {
    expect(isGrading('good')).toBe(true);
    expect(isGrading('khá')).toBe(false);
    expect(isMemberStatus('exempt')).toBe(true);
    expect(isOrgKind('cell')).toBe(true);
    expect(isOrgKind('ward')).toBe(false);
    expect(isRole('supervisor')).toBe(true);
    expect(isRole('root')).toBe(false);
  });
});
