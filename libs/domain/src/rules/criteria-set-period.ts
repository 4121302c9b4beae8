import { compareLocalDate, type LocalDate } from '../calendar/local-date.util';

/**
 * When a committee's own criteria set (tiêu chuẩn riêng, [seed:001] kind) applies. A committee may set standards
 * stricter than the national ones by a document of its own [seed:000: 130-KH/TU]; the document states from which day
 * (and possibly until which day) they apply. Dates are Vietnamese local dates, both ends inclusive; an open end
 * (`effectiveUntil: null`) runs until the set is retired.
 */
export type CriteriaSetPeriod = { effectiveFrom: LocalDate; effectiveUntil: LocalDate | null };

/** A stored set as the selection rules need it: where it was adopted, its period, and whether it was retired. */
export type CriteriaSetRecord = CriteriaSetPeriod & { id: string; organisationId: string; retired: boolean };

/** `effectiveUntil` may not come before `effectiveFrom` (a one-day set has both on the same day). */
export function isCriteriaPeriodOrdered({ effectiveFrom, effectiveUntil }: CriteriaSetPeriod): boolean {
  return effectiveUntil === null || compareLocalDate(effectiveFrom, effectiveUntil) <= 0;
}

/** True when the set applies on `onDate`: not retired, and `onDate` within its inclusive period. */
export function isCriteriaSetInForce({ set, onDate }: { set: CriteriaSetRecord; onDate: LocalDate }): boolean {
  return (
    !set.retired &&
    compareLocalDate(set.effectiveFrom, onDate) <= 0 &&
    (set.effectiveUntil === null || compareLocalDate(onDate, set.effectiveUntil) <= 0)
  );
}

/** Two inclusive local-date periods share at least one day. */
export function criteriaPeriodsOverlap({ a, b }: { a: CriteriaSetPeriod; b: CriteriaSetPeriod }): boolean {
  const aStartsBeforeBEnds = b.effectiveUntil === null || compareLocalDate(a.effectiveFrom, b.effectiveUntil) <= 0;
  const bStartsBeforeAEnds = a.effectiveUntil === null || compareLocalDate(b.effectiveFrom, a.effectiveUntil) <= 0;
  return aStartsBeforeBEnds && bStartsBeforeAEnds;
}

/**
 * The committee's sets that would be in force on a common day with `candidate`: one committee has at most one set in
 * force on any day, so a case never has two competing sets of the same committee. Retired sets and `candidate`
 * itself (by id, when editing) are left out.
 */
export function overlappingCriteriaSets<T extends CriteriaSetRecord>({
  candidate,
  existing,
}: {
  candidate: CriteriaSetPeriod & { id?: string; organisationId: string };
  existing: readonly T[];
}): T[] {
  return existing.filter(
    (set) =>
      !set.retired &&
      set.id !== candidate.id &&
      set.organisationId === candidate.organisationId &&
      criteriaPeriodsOverlap({ a: set, b: candidate }),
  );
}

/**
 * The set a case uses: the one in force on the day of the cell's consideration (eligibility is judged on the day the
 * cell considers the case [R8: QĐ 24 §1.1]), adopted by the nearest committee on the path from the cell up to the
 * root (`pathIds`, root first, as organisation paths are written). Null when no committee on the path has a set in
 * force that day: the national standards alone then apply.
 */
export function selectCriteriaSetInForce<T extends CriteriaSetRecord>({
  sets,
  pathIds,
  onDate,
}: {
  sets: readonly T[];
  pathIds: readonly string[];
  onDate: LocalDate;
}): T | null {
  for (const orgId of [...pathIds].reverse()) {
    const inForce = sets.filter((s) => s.organisationId === orgId && isCriteriaSetInForce({ set: s, onDate }));
    if (inForce.length > 0) {
      // Overlaps are refused when sets are adopted; should two still be found, the latest adopted start wins.
      return [...inForce].sort((x, y) => compareLocalDate(y.effectiveFrom, x.effectiveFrom))[0];
    }
  }
  return null;
}

export const CRITERIA_SET_STATUSES = ['in_force', 'scheduled', 'expired', 'retired'] as const;
export type CriteriaSetStatus = (typeof CRITERIA_SET_STATUSES)[number];

/** Where a set stands on `onDate`: retired, not yet in force, past its end, or in force. */
export function criteriaSetStatusOn({ set, onDate }: { set: CriteriaSetRecord; onDate: LocalDate }): CriteriaSetStatus {
  if (set.retired) return 'retired';
  if (compareLocalDate(onDate, set.effectiveFrom) < 0) return 'scheduled';
  if (set.effectiveUntil !== null && compareLocalDate(set.effectiveUntil, onDate) < 0) return 'expired';
  return 'in_force';
}
