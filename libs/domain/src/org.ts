/**
 * Organisation and membership vocabulary. The organisation tree has no fixed depth:
 * "directly superior committee" is the parent link, and the district level was
 * abolished in 2025 [R10], so `district_committee` exists only for historical data.
 */
export const ORG_KINDS = ['provincial_committee', 'district_committee', 'grassroots_committee', 'cell'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/**
 * `exempt`: an official member exempted from work and party activity; such members are
 * excluded from vote denominators where the rule says so [R1].
 */
export const MEMBER_STATUSES = ['candidate', 'probationary', 'official', 'exempt', 'removed'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Annual grading levels, best first [R33: QĐ 124-QĐ/TW Art. 12]. */
export const GRADINGS = ['excellent', 'good', 'completed', 'not_completed'] as const;
export type Grading = (typeof GRADINGS)[number];

/** Higher is better: excellent 3, good 2, completed 1, not_completed 0. */
export function gradingRank(grading: Grading): number {
  return GRADINGS.length - 1 - GRADINGS.indexOf(grading);
}

/** True when `grading` is `minimum` or better. */
export function isGradingAtLeast({ grading, minimum }: { grading: Grading; minimum: Grading }): boolean {
  return gradingRank(grading) >= gradingRank(minimum);
}

/**
 * The organisations a case of a cell goes to, read off the cell's materialised path (its ids,
 * root first, the cell last): its grassroots committee (the parent), which decides while it holds
 * a delegated power, and the directly superior committee of that (the grandparent), which decides
 * otherwise [R5][R25][seed:000]. The tree has no fixed depth [R10], so a level the path is too
 * short for is undefined.
 */
export function caseOrgChain<T>(path: readonly T[]): {
  cell: T | undefined;
  grassroots: T | undefined;
  competent: T | undefined;
} {
  const above = (levels: number): T | undefined => (path.length > levels ? path[path.length - 1 - levels] : undefined);
  return { cell: above(0), grassroots: above(1), competent: above(2) };
}

export function isOrgKind(value: string): value is OrgKind {
  return (ORG_KINDS as readonly string[]).includes(value);
}

export function isMemberStatus(value: string): value is MemberStatus {
  return (MEMBER_STATUSES as readonly string[]).includes(value);
}

export function isGrading(value: string): value is Grading {
  return (GRADINGS as readonly string[]).includes(value);
}
