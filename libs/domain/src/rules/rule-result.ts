/**
 * The outcome of one explainable check. `reason` is Vietnamese, user-facing, and states
 * the figures whether the check passed or failed; `source` cites the rule.
 */
export type RuleResult = { ruleId: string; passed: boolean; reason: string; source: string };

export function allPassed(results: readonly RuleResult[]): boolean {
  return results.every((result) => result.passed);
}
