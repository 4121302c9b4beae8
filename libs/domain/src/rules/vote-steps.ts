import { ADMISSION_VOTE_THRESHOLDS, ADMISSION_VOTE_THRESHOLD_SOURCES } from '../admission/admission-steps';
import { SCREENING_DEFAULTS } from '../screening/screening-steps';
import { voteOutcome, type Threshold, type VoteCount, type VoteOutcome, type VoteRoster } from './votes.rules';

/**
 * The outcome each vote step must close with for each result of its count (`voteOutcome`): the
 * workflows check a completion against it (workflows/src/shared/vote-check.ts), and the task page
 * shows, before submitting, which outcome the counts lead to.
 */
export const VOTE_STEP_OUTCOMES = {
  cell_vote: { passed: 'approved', rejected: 'rejected', inconclusive: 'rejected' },
  grassroots_vote: { passed: 'approved', rejected: 'rejected', inconclusive: 'rejected' },
  recognition_cell_vote: { passed: 'recognised', rejected: 'not_recognised', inconclusive: 'inconclusive' },
  screening_listing_vote: { passed: 'listed', rejected: 'not_listed', inconclusive: 'not_listed' },
  // The ballot is on "không tiến bộ": 2/3 for it proposes a removal form [A][R25].
  screening_assessment_vote: { passed: 'not_improved', rejected: 'improved', inconclusive: 'improved' },
  screening_removal_decision: { passed: 'decided', rejected: 'declined', inconclusive: 'declined' },
} as const satisfies Record<string, Record<VoteOutcome, string>>;

export type VoteStep = keyof typeof VOTE_STEP_OUTCOMES;

/** What decides a vote step: the pure `voteOutcome` inputs besides the counts, and the outcome of each result. */
export type VoteStepRule = {
  threshold: Threshold;
  /** Exempt members are not counted in the denominator [R1]. */
  excludeExempt: boolean;
  outcomeFor: Record<VoteOutcome, string>;
  source: string;
};

export function isVoteStep(step: string): step is VoteStep {
  return Object.prototype.hasOwnProperty.call(VOTE_STEP_OUTCOMES, step);
}

/**
 * The rule of a vote step with the default thresholds every case is started with (admission:
 * `ADMISSION_VOTE_THRESHOLDS`; screening: `SCREENING_DEFAULTS`). The removal decision is taken by
 * a delegated grassroots committee at 2/3 of its sitting members, else by the superior standing
 * committee at > 1/2 [R25]. Undefined when `step` is not a vote.
 */
export function voteStepRule(
  step: string,
  { delegated = false }: { delegated?: boolean } = {},
): VoteStepRule | undefined {
  if (!isVoteStep(step)) return undefined;
  const outcomeFor = { ...VOTE_STEP_OUTCOMES[step] };
  const sourced = ((): { threshold: Threshold; source: string } => {
    switch (step) {
      case 'cell_vote':
        return { threshold: ADMISSION_VOTE_THRESHOLDS.cellVote, source: ADMISSION_VOTE_THRESHOLD_SOURCES.cellVote };
      case 'grassroots_vote':
        return {
          threshold: ADMISSION_VOTE_THRESHOLDS.grassrootsVote,
          source: ADMISSION_VOTE_THRESHOLD_SOURCES.grassrootsVote,
        };
      case 'recognition_cell_vote':
        return {
          threshold: ADMISSION_VOTE_THRESHOLDS.recognitionVote,
          source: ADMISSION_VOTE_THRESHOLD_SOURCES.recognitionVote,
        };
      case 'screening_listing_vote':
        return split(SCREENING_DEFAULTS.listingVote);
      case 'screening_assessment_vote':
        return split(SCREENING_DEFAULTS.assessmentVote);
      case 'screening_removal_decision':
        return split(delegated ? SCREENING_DEFAULTS.delegatedDecision : SCREENING_DEFAULTS.standingDecision);
    }
  })();
  return { ...sourced, excludeExempt: true, outcomeFor };
}

function split({ source, numerator, denominator, strict }: Threshold & { source: string }) {
  return { threshold: { numerator, denominator, strict }, source };
}

/**
 * The outcome the counts lead to under a vote step's rule: the same `voteOutcome` the workflow
 * checks with, mapped through `outcomeFor`. Throws the `DomainError` of `voteOutcome` on counts
 * that cannot be (more votes than eligible voters, no eligible voter).
 */
export function voteStepOutcome({
  rule,
  roster,
  votes,
}: {
  rule: VoteStepRule;
  roster: VoteRoster;
  votes: VoteCount;
}): { result: VoteOutcome; outcome: string } {
  const result = voteOutcome({ roster, votes, threshold: rule.threshold, excludeExempt: rule.excludeExempt });
  return { result, outcome: rule.outcomeFor[result] };
}
