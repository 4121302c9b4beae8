import { ADMISSION_STEPS } from '../admission/admission-steps';
import { SCREENING_STEPS } from '../screening/screening-steps';
import { VOTE_STEP_OUTCOMES, isVoteStep, voteStepOutcome, voteStepRule } from './vote-steps';
import { MAJORITY, TWO_THIRDS } from './votes.rules';

describe('vote steps: the rule the workflow checks a vote with, for the task page (issue 10 §1)', () => {
  it('should know exactly the six vote steps of admission and screening', () => {
    expect(Object.keys(VOTE_STEP_OUTCOMES).sort()).toEqual([
      'cell_vote',
      'grassroots_vote',
      'recognition_cell_vote',
      'screening_assessment_vote',
      'screening_listing_vote',
      'screening_removal_decision',
    ]);
    const steps: readonly string[] = [...ADMISSION_STEPS, ...SCREENING_STEPS];
    for (const step of Object.keys(VOTE_STEP_OUTCOMES)) expect(steps).toContain(step);
    expect(isVoteStep('appraisal')).toBe(false);
    expect(voteStepRule('appraisal')).toBeUndefined();
    expect(voteStepRule('toString')).toBeUndefined();
  });

  it('should decide the cell vote at ≥ 2/3 of official members, exempt members not counted [R13][R14][R1]', () => {
    const rule = voteStepRule('cell_vote');
    expect(rule).toEqual({
      threshold: TWO_THIRDS,
      excludeExempt: true,
      outcomeFor: { passed: 'approved', rejected: 'rejected', inconclusive: 'rejected' },
      source: 'Điều lệ Đảng Điều 4 khoản 3 [R13][R14]: chi bộ xét từng người, ≥ 2/3 đảng viên chính thức tán thành.',
    });
    // 10 official, 1 exempt → 9 eligible: 6 yes reach 2/3, 5 do not.
    const roster = { official: 10, exempt: 1 };
    expect(voteStepOutcome({ rule: rule!, roster, votes: { yes: 6, no: 3 } })).toEqual({
      result: 'passed',
      outcome: 'approved',
    });
    expect(voteStepOutcome({ rule: rule!, roster, votes: { yes: 5, no: 4 } })).toEqual({
      result: 'inconclusive',
      outcome: 'rejected',
    });
  });

  it('should leave a recognition vote where neither side reaches 2/3 inconclusive [R4][R6]', () => {
    const rule = voteStepRule('recognition_cell_vote')!;
    expect(voteStepOutcome({ rule, roster: { official: 9, exempt: 0 }, votes: { yes: 5, no: 4 } }).outcome).toBe(
      'inconclusive',
    );
    expect(voteStepOutcome({ rule, roster: { official: 9, exempt: 0 }, votes: { yes: 3, no: 6 } }).outcome).toBe(
      'not_recognised',
    );
  });

  it('should read the assessment ballot as a vote on "không tiến bộ" [A][R25]', () => {
    const rule = voteStepRule('screening_assessment_vote')!;
    expect(voteStepOutcome({ rule, roster: { official: 6, exempt: 0 }, votes: { yes: 4, no: 2 } }).outcome).toBe(
      'not_improved',
    );
    expect(voteStepOutcome({ rule, roster: { official: 6, exempt: 0 }, votes: { yes: 3, no: 3 } }).outcome).toBe(
      'improved',
    );
  });

  it('should decide a removal at 2/3 by a delegated grassroots committee and > 1/2 by the standing committee [R25]', () => {
    expect(voteStepRule('screening_removal_decision', { delegated: true })?.threshold).toEqual(TWO_THIRDS);
    const standing = voteStepRule('screening_removal_decision')!;
    expect(standing.threshold).toEqual(MAJORITY);
    expect(standing.source).toMatch(/^\[R25\] Ban thường vụ cấp ủy cấp trên: > 1\/2/);
    // 7 sitting members: 4 yes is > 1/2 but not 2/3.
    const votes = { yes: 4, no: 3 };
    expect(voteStepOutcome({ rule: standing, roster: { official: 7, exempt: 0 }, votes }).outcome).toBe('decided');
    const delegated = voteStepRule('screening_removal_decision', { delegated: true })!;
    expect(voteStepOutcome({ rule: delegated, roster: { official: 7, exempt: 0 }, votes }).outcome).toBe('declined');
  });

  it('should throw the domain error when the counts exceed the eligible voters', () => {
    const rule = voteStepRule('screening_listing_vote')!;
    expect(() => voteStepOutcome({ rule, roster: { official: 3, exempt: 1 }, votes: { yes: 2, no: 1 } })).toThrow(
      expect.objectContaining({ code: 'VOTE_COUNT_EXCEEDS_ROSTER' }),
    );
  });
});
