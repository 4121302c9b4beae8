import { DomainError, voteOutcome, type Threshold } from '@partyflow/domain';
import type { CompleteTaskInput } from '@partyflow/contracts';
import type { TaskDefinition } from '../human-task/human-task';

type VoteData = { roster: { official: number; exempt: number }; votes: { yes: number; no: number } };

/**
 * A vote step's outcome must agree with its counts under the threshold (e.g. ≥2/3 of official
 * members). A check the definition already has runs after the vote check.
 */
export const voteChecked = (
  definition: TaskDefinition,
  threshold: Threshold,
  expected: Record<'passed' | 'rejected' | 'inconclusive', string>,
): TaskDefinition => ({
  ...definition,
  check: (input: CompleteTaskInput) => {
    const { roster, votes } = input.data as VoteData;
    try {
      const result = voteOutcome({ roster, votes, threshold });
      const want = expected[result];
      if (input.outcome !== want) {
        return {
          field: 'outcome',
          message: `kết quả biểu quyết (${votes.yes} tán thành / ${roster.official - roster.exempt} đảng viên chính thức được tính) tương ứng với '${want}', không phải '${input.outcome}'.`,
        };
      }
    } catch (e) {
      return { field: 'data.votes', message: e instanceof DomainError ? e.message : String(e) };
    }
    return definition.check?.(input);
  },
});
