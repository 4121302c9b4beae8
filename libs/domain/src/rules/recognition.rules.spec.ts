import { probationEndDate, recognitionEffectiveDate, shouldEscalateRecognition } from './recognition.rules';

describe('recognitionEffectiveDate — backdated to month 12 of probation [R4][R6][R18]', () => {
  it.each([
    ['2024-03-15', '2025-03-15'],
    ['2024-02-29', '2025-02-28'],
    ['2023-01-31', '2024-01-31'],
    ['2024-12-31', '2025-12-31'],
  ])('should give %s → %s when the ceremony was on that day', (ceremonyDate, expected) => {
    expect(recognitionEffectiveDate({ ceremonyDate })).toBe(expected);
    expect(probationEndDate({ ceremonyDate })).toBe(expected);
  });

  it('should use the configured probation when one is given', () => {
    expect(recognitionEffectiveDate({ ceremonyDate: '2024-08-31', probationMonths: 6 })).toBe('2025-02-28');
  });
});

describe('shouldEscalateRecognition — 3 votes without 2/3 either way escalate [R4][R6]', () => {
  it.each([
    [0, 3, false],
    [2, 3, false],
    [3, 3, true],
    [4, 3, true],
    [1, 1, true],
  ])('should give failedVotes=%i maxVotes=%i → %p', (failedVotes, maxVotes, expected) => {
    expect(shouldEscalateRecognition({ failedVotes, maxVotes })).toBe(expected);
  });

  it('should default to 3 votes when maxVotes is omitted', () => {
    expect(shouldEscalateRecognition({ failedVotes: 2 })).toBe(false);
    expect(shouldEscalateRecognition({ failedVotes: 3 })).toBe(true);
  });

  it('should throw when counts are invalid', () => {
    expect(() => shouldEscalateRecognition({ failedVotes: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => shouldEscalateRecognition({ failedVotes: 1, maxVotes: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
