import { DomainError } from '../errors';

/**
 * A vote threshold as a fraction of the eligible voters (the roster, not the votes cast).
 * `strict: false` means yes ≥ fraction × eligible; `strict: true` means yes > it.
 */
export type Threshold = { numerator: number; denominator: number; strict: boolean };

/** ≥ 2/3 of official members: admission, recognition, screening step 1 [R13][R14][R1]. */
export const TWO_THIRDS: Threshold = { numerator: 2, denominator: 3, strict: false };
/** > 1/2: e.g. the ban thường vụ on xóa tên of a probationary member [R25]. */
export const MAJORITY: Threshold = { numerator: 1, denominator: 2, strict: true };

export const VOTE_RULE_SOURCE =
  'Điều lệ Đảng Điều 4 khoản 3 [R13][R14]: ≥ 2/3 đảng viên chính thức; HD 02-HD/BTCTW [R1]: không tính đảng viên được miễn công tác và sinh hoạt đảng';

export type VoteRoster = {
  /** Official members of the body, exempt ones included. */
  official: number;
  /** Official members exempt from work and party activity (a subset of `official`). */
  exempt: number;
};

export type VoteCount = { yes: number; no: number };

export type EvaluateVoteArgs = {
  roster: VoteRoster;
  votes: VoteCount;
  threshold: Threshold;
  /** Exclude exempt members from the denominator (default true, as HD 02 says) [R1]. */
  excludeExempt?: boolean;
  /** Overrides the cited rule (e.g. for a committee vote or a local threshold). */
  source?: string;
};

export type VoteEvaluation = { passed: boolean; eligible: number; required: number; reason: string; source: string };

export type VoteOutcome = 'passed' | 'rejected' | 'inconclusive';

function assertCount(value: number, name: string, code: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new DomainError(code, `${name} must be a non-negative integer, got ${value}`);
}

function assertThreshold({ numerator, denominator }: Threshold): void {
  if (
    !Number.isSafeInteger(numerator) ||
    !Number.isSafeInteger(denominator) ||
    numerator < 1 ||
    denominator < 1 ||
    numerator > denominator
  ) {
    throw new DomainError(
      'INVALID_THRESHOLD',
      `Threshold must be a fraction 0 < n/d ≤ 1 of integers, got ${numerator}/${denominator}`,
    );
  }
}

/** Integer comparison: count reaches the threshold of `eligible` (no floating point). */
function reaches({ count, eligible, threshold }: { count: number; eligible: number; threshold: Threshold }): boolean {
  const left = count * threshold.denominator;
  const right = threshold.numerator * eligible;
  return threshold.strict ? left > right : left >= right;
}

/** The smallest count that reaches the threshold. */
export function requiredVotes({ eligible, threshold }: { eligible: number; threshold: Threshold }): number {
  assertThreshold(threshold);
  assertCount(eligible, 'eligible', 'INVALID_ROSTER');
  const product = threshold.numerator * eligible;
  const remainder = product % threshold.denominator;
  const quotient = (product - remainder) / threshold.denominator;
  if (threshold.strict) return quotient + 1;
  return remainder === 0 ? quotient : quotient + 1;
}

function validate({ roster, votes, threshold, excludeExempt = true }: EvaluateVoteArgs): number {
  assertThreshold(threshold);
  assertCount(roster.official, 'roster.official', 'INVALID_ROSTER');
  assertCount(roster.exempt, 'roster.exempt', 'INVALID_ROSTER');
  if (roster.exempt > roster.official) {
    throw new DomainError(
      'INVALID_ROSTER',
      `Exempt members (${roster.exempt}) cannot exceed official members (${roster.official})`,
    );
  }
  assertCount(votes.yes, 'votes.yes', 'INVALID_VOTE_COUNT');
  assertCount(votes.no, 'votes.no', 'INVALID_VOTE_COUNT');
  const eligible = excludeExempt ? roster.official - roster.exempt : roster.official;
  if (eligible === 0) throw new DomainError('NO_ELIGIBLE_VOTERS', 'No eligible voters on the roster');
  if (votes.yes + votes.no > eligible) {
    throw new DomainError(
      'VOTE_COUNT_EXCEEDS_ROSTER',
      `${votes.yes} yes + ${votes.no} no = ${votes.yes + votes.no} votes exceed ${eligible} eligible voters`,
    );
  }
  return eligible;
}

function thresholdVi(threshold: Threshold): string {
  return `${threshold.strict ? '>' : '≥'} ${threshold.numerator}/${threshold.denominator}`;
}

/**
 * Whether the "yes" votes reach the threshold of the eligible voters: official members,
 * minus exempt members when `excludeExempt` (default). 6 of 9 passes 2/3, 5 of 9 fails;
 * 10 official with 1 exempt → 9 eligible, 6 yes passes. Throws
 * `DomainError('VOTE_COUNT_EXCEEDS_ROSTER')` when yes + no > eligible.
 */
export function evaluateVote(args: EvaluateVoteArgs): VoteEvaluation {
  const eligible = validate(args);
  const { roster, votes, threshold, excludeExempt = true, source = VOTE_RULE_SOURCE } = args;
  const required = requiredVotes({ eligible, threshold });
  const passed = reaches({ count: votes.yes, eligible, threshold });
  const exemptNote =
    roster.exempt > 0
      ? excludeExempt
        ? ` (${roster.official} đảng viên chính thức, không tính ${roster.exempt} đảng viên được miễn sinh hoạt)`
        : ` (tính cả ${roster.exempt} đảng viên được miễn sinh hoạt)`
      : '';
  const reason = `${votes.yes}/${eligible} đảng viên có quyền biểu quyết${exemptNote} tán thành, ${votes.no} không tán thành; cần ${thresholdVi(threshold)}, tức ít nhất ${required} phiếu tán thành: ${passed ? 'đạt' : 'không đạt'}.`;
  return { passed, eligible, required, reason, source };
}

/**
 * 'passed' when "yes" reaches the threshold, 'rejected' when "no" does, 'inconclusive'
 * when neither does (three inconclusive recognition votes escalate [R4][R6]). If both
 * sides reach it (only possible with a threshold ≤ 1/2 that is not strict) the vote
 * decided nothing: 'inconclusive'.
 */
export function voteOutcome(args: EvaluateVoteArgs): VoteOutcome {
  const eligible = validate(args);
  const yes = reaches({ count: args.votes.yes, eligible, threshold: args.threshold });
  const no = reaches({ count: args.votes.no, eligible, threshold: args.threshold });
  if (yes && !no) return 'passed';
  if (no && !yes) return 'rejected';
  return 'inconclusive';
}
