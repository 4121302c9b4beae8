import { evaluateVote, voteStepOutcome, type VoteStepRule } from '@partyflow/domain';

/**
 * The verdict the typed counts lead to, computed with the same rule the workflow applies (libs/domain
 * `voteStepOutcome`, `evaluateVote`): which outcome the vote must close with, and the reason in words.
 */
export function voteVerdict(
  rule: VoteStepRule,
  roster: { official: number; exempt: number },
  votes: { yes: number; no: number },
): { outcome: string; reason: string } | { error: string } {
  try {
    const { outcome } = voteStepOutcome({ rule, roster, votes });
    const { reason } = evaluateVote({ roster, votes, threshold: rule.threshold, excludeExempt: rule.excludeExempt });
    return { outcome, reason };
  } catch {
    return { error: 'Tổng số phiếu vượt quá số đảng viên có quyền biểu quyết.' };
  }
}
