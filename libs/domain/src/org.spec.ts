import {
  caseOrgChain,
  GRADINGS,
  gradingRank,
  isGrading,
  isGradingAtLeast,
  isMemberStatus,
  isOrgKind,
  type Grading,
} from './org';
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

describe('caseOrgChain — the grassroots and the directly superior committee of a cell [R5][R25]', () => {
  it('should name the parent and the grandparent of the cell when the path has four levels', () => {
    expect(caseOrgChain(['province', 'district', 'ward', 'cell'])).toEqual({
      cell: 'cell',
      grassroots: 'ward',
      competent: 'district',
    });
  });

  it('should name the province as competent when there is no district level (since 2025 [R10])', () => {
    expect(caseOrgChain(['province', 'ward', 'cell'])).toEqual({
      cell: 'cell',
      grassroots: 'ward',
      competent: 'province',
    });
  });

  it('should leave a level undefined when the path is too short for it', () => {
    expect(caseOrgChain(['ward', 'cell'])).toEqual({ cell: 'cell', grassroots: 'ward', competent: undefined });
    expect(caseOrgChain([])).toEqual({ cell: undefined, grassroots: undefined, competent: undefined });
  });
});
