import { DEFAULT_MAX_RECOGNITION_VOTES } from '../rules/recognition.rules';
import { evaluateVote } from '../rules/votes.rules';
import { ADMISSION_VOTE_THRESHOLD_SOURCES, ADMISSION_VOTE_THRESHOLDS } from './admission-steps';

describe('default thresholds of the admission votes', () => {
  it('should require ≥ 2/3 of official members at the cell, grassroots and recognition votes [R13][R14][R4][R6]', () => {
    expect(ADMISSION_VOTE_THRESHOLDS).toEqual({
      cellVote: { numerator: 2, denominator: 3, strict: false },
      grassrootsVote: { numerator: 2, denominator: 3, strict: false },
      recognitionVote: { numerator: 2, denominator: 3, strict: false },
    });
  });

  it('should pass the cell vote with 6 of 9 and fail it with 5 of 9 [R13][R14]', () => {
    const roster = { official: 9, exempt: 0 };
    const threshold = ADMISSION_VOTE_THRESHOLDS.cellVote;
    expect(evaluateVote({ roster, votes: { yes: 6, no: 3 }, threshold })).toMatchObject({ passed: true, required: 6 });
    expect(evaluateVote({ roster, votes: { yes: 5, no: 4 }, threshold })).toMatchObject({ passed: false, required: 6 });
  });

  it('should cite the rule of each vote and mark the grassroots threshold as an assumption', () => {
    expect(ADMISSION_VOTE_THRESHOLD_SOURCES.cellVote).toContain('[R13][R14]');
    expect(ADMISSION_VOTE_THRESHOLD_SOURCES.grassrootsVote.startsWith('[A]')).toBe(true);
    expect(ADMISSION_VOTE_THRESHOLD_SOURCES.recognitionVote).toContain('[R4][R6]');
  });

  it('should escalate after 3 recognition votes without 2/3 either way by default [R4][R6]', () => {
    expect(DEFAULT_MAX_RECOGNITION_VOTES).toBe(3);
  });
});
