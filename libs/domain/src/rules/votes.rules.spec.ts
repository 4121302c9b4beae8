import { evaluateVote, MAJORITY, requiredVotes, TWO_THIRDS, voteOutcome, type Threshold } from './votes.rules';
import { DomainError } from '../errors';

describe('evaluateVote — ≥2/3 of official members, exempt members excluded [R13][R14][R1]', () => {
  it.each([
    [9, 0, 6, 0, true, 9, 6],
    [9, 0, 5, 4, false, 9, 6],
    [10, 1, 6, 3, true, 9, 6],
    [10, 1, 5, 0, false, 9, 6],
    [12, 0, 8, 0, true, 12, 8],
    [12, 0, 7, 5, false, 12, 8],
    [3, 0, 2, 1, true, 3, 2],
    [4, 0, 2, 2, false, 4, 3],
    [1, 0, 1, 0, true, 1, 1],
  ])(
    'should give official=%i exempt=%i yes=%i no=%i → passed=%p (eligible %i, required %i)',
    (official, exempt, yes, no, passed, eligible, required) => {
      const result = evaluateVote({ roster: { official, exempt }, votes: { yes, no }, threshold: TWO_THIRDS });
      expect(result).toMatchObject({ passed, eligible, required });
      expect(result.source).toContain('R13');
    },
  );

  it('should count exempt members when excludeExempt is false', () => {
    const result = evaluateVote({
      roster: { official: 10, exempt: 1 },
      votes: { yes: 6, no: 0 },
      threshold: TWO_THIRDS,
      excludeExempt: false,
    });
    expect(result).toMatchObject({ passed: false, eligible: 10, required: 7 });
    expect(result.reason).toContain('tính cả 1 đảng viên được miễn sinh hoạt');
  });

  it('should explain the figures when a vote is evaluated', () => {
    expect(
      evaluateVote({ roster: { official: 10, exempt: 1 }, votes: { yes: 6, no: 3 }, threshold: TWO_THIRDS }).reason,
    ).toBe(
      '6/9 đảng viên có quyền biểu quyết (10 đảng viên chính thức, không tính 1 đảng viên được miễn sinh hoạt) tán thành, 3 không tán thành; cần ≥ 2/3, tức ít nhất 6 phiếu tán thành: đạt.',
    );
  });

  it('should use the given source when one is passed', () => {
    expect(
      evaluateVote({
        roster: { official: 9, exempt: 0 },
        votes: { yes: 6, no: 0 },
        threshold: TWO_THIRDS,
        source: '[A] ĐUCS',
      }).source,
    ).toBe('[A] ĐUCS');
  });
});

describe('evaluateVote — majority is strict (> 1/2) [R25]', () => {
  it.each([
    [10, 5, false, 6],
    [10, 6, true, 6],
    [9, 4, false, 5],
    [9, 5, true, 5],
    [2, 1, false, 2],
  ])('should give eligible=%i yes=%i → passed=%p (required %i)', (official, yes, passed, required) => {
    expect(evaluateVote({ roster: { official, exempt: 0 }, votes: { yes, no: 0 }, threshold: MAJORITY })).toMatchObject(
      { passed, required },
    );
  });

  it('should accept exactly half when the threshold is not strict', () => {
    const half: Threshold = { numerator: 1, denominator: 2, strict: false };
    expect(
      evaluateVote({ roster: { official: 10, exempt: 0 }, votes: { yes: 5, no: 0 }, threshold: half }),
    ).toMatchObject({ passed: true, required: 5 });
  });
});

describe('evaluateVote — invalid input', () => {
  it('should throw VOTE_COUNT_EXCEEDS_ROSTER when yes + no exceed the eligible voters', () => {
    const run = () =>
      evaluateVote({ roster: { official: 10, exempt: 1 }, votes: { yes: 6, no: 4 }, threshold: TWO_THIRDS });
    expect(run).toThrow(DomainError);
    expect(run).toThrow(expect.objectContaining({ code: 'VOTE_COUNT_EXCEEDS_ROSTER' }));
  });

  it.each<[string, Parameters<typeof evaluateVote>[0], string]>([
    [
      'exempt exceeds official',
      { roster: { official: 2, exempt: 3 }, votes: { yes: 0, no: 0 }, threshold: TWO_THIRDS },
      'INVALID_ROSTER',
    ],
    [
      'every member is exempt',
      { roster: { official: 2, exempt: 2 }, votes: { yes: 0, no: 0 }, threshold: TWO_THIRDS },
      'NO_ELIGIBLE_VOTERS',
    ],
    [
      'a count is negative',
      { roster: { official: 9, exempt: 0 }, votes: { yes: -1, no: 0 }, threshold: TWO_THIRDS },
      'INVALID_VOTE_COUNT',
    ],
    [
      'a count is fractional',
      { roster: { official: 9, exempt: 0 }, votes: { yes: 6.5, no: 0 }, threshold: TWO_THIRDS },
      'INVALID_VOTE_COUNT',
    ],
    [
      'the threshold exceeds 1',
      {
        roster: { official: 9, exempt: 0 },
        votes: { yes: 6, no: 0 },
        threshold: { numerator: 4, denominator: 3, strict: false },
      },
      'INVALID_THRESHOLD',
    ],
    [
      'the denominator is 0',
      {
        roster: { official: 9, exempt: 0 },
        votes: { yes: 6, no: 0 },
        threshold: { numerator: 1, denominator: 0, strict: false },
      },
      'INVALID_THRESHOLD',
    ],
  ])('should throw when %s', (_label, args, code) => {
    expect(() => evaluateVote(args)).toThrow(expect.objectContaining({ code }));
  });

  it('should compute the minimum with integers when the roster is large', () => {
    expect(requiredVotes({ eligible: 300, threshold: TWO_THIRDS })).toBe(200);
    expect(requiredVotes({ eligible: 301, threshold: TWO_THIRDS })).toBe(201);
    expect(requiredVotes({ eligible: 300, threshold: MAJORITY })).toBe(151);
  });
});

describe('voteOutcome — passed, rejected, or inconclusive (3 inconclusive recognition votes escalate [R4][R6])', () => {
  it.each([
    [6, 3, 'passed'],
    [3, 6, 'rejected'],
    [5, 4, 'inconclusive'],
    [4, 4, 'inconclusive'],
    [0, 0, 'inconclusive'],
  ])('should give yes=%i no=%i of 9 → %s when the threshold is 2/3', (yes, no, expected) => {
    expect(voteOutcome({ roster: { official: 9, exempt: 0 }, votes: { yes, no }, threshold: TWO_THIRDS })).toBe(
      expected,
    );
  });

  it('should exclude exempt members when deciding the outcome', () => {
    expect(voteOutcome({ roster: { official: 10, exempt: 1 }, votes: { yes: 6, no: 3 }, threshold: TWO_THIRDS })).toBe(
      'passed',
    );
  });

  it('should be inconclusive when both sides reach a non-strict half', () => {
    expect(
      voteOutcome({
        roster: { official: 10, exempt: 0 },
        votes: { yes: 5, no: 5 },
        threshold: { numerator: 1, denominator: 2, strict: false },
      }),
    ).toBe('inconclusive');
  });

  it('should throw VOTE_COUNT_EXCEEDS_ROSTER when the votes exceed the roster', () => {
    expect(() =>
      voteOutcome({ roster: { official: 9, exempt: 0 }, votes: { yes: 9, no: 1 }, threshold: TWO_THIRDS }),
    ).toThrow(expect.objectContaining({ code: 'VOTE_COUNT_EXCEEDS_ROSTER' }));
  });
});
