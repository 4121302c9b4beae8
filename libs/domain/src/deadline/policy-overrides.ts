import { DURATION_UNIT_LABELS } from '../glossary';
import type { Duration } from './deadline-policy';

/**
 * Deadline policies per organisation (issue 11 §2): the national default of a step, and overrides that belong to an
 * organisation and apply to its subtree, "local committees may set stricter rules" [seed:000] (DOMAIN.md).
 *
 * - Resolution: a task's policy is the override of the nearest ancestor of the task's organisation (the
 *   organisation itself included) that has one in force, else the national default.
 * - Versions are one sequence per step across the national default and every override (each change takes the
 *   step's highest version + 1), so "older than" keeps its meaning for a task whichever layer timed it. A cleared
 *   override stays as a row with its clearing version: the tasks below it re-time to the layer above, and their
 *   version (the resolved version) is the later of that layer's version and the clearing's.
 */
export type PolicyLayer = {
  /** null: the national default. */
  orgId: string | null;
  /** The organisation's materialised path ('/a/b/'); '' for the national default. */
  orgPath: string;
  version: number;
  /** A cleared override no longer applies, its version still counts for the tasks it timed. */
  cleared: boolean;
};

export type ResolvedPolicyLayer<L extends PolicyLayer> = { layer: L; version: number };

/**
 * The layer that times a task of the organisation at `orgPath`: the deepest override in force on the path, else
 * `national`; `version` also counts the cleared overrides below that layer on the path.
 */
export function resolvePolicyLayer<L extends PolicyLayer>(
  orgPath: string,
  national: L,
  overrides: readonly L[],
): ResolvedPolicyLayer<L> {
  const onPath = overrides.filter((o) => o.orgId !== null && orgPath.startsWith(o.orgPath));
  const layer = onPath
    .filter((o) => !o.cleared)
    .reduce<L>((best, o) => (o.orgPath.length > best.orgPath.length ? o : best), national);
  const version = onPath
    .filter((o) => o.cleared && o.orgPath.length > layer.orgPath.length)
    .reduce((v, o) => Math.max(v, o.version), layer.version);
  return { layer, version };
}

/** The next version of a step: one more than any of its layers (issue 11 §2). */
export const nextPolicyVersion = (layers: readonly Pick<PolicyLayer, 'version'>[]): number =>
  layers.reduce((v, l) => Math.max(v, l.version), 0) + 1;

export type PolicyTerms = { due: Duration };
export type TighteningProblem = { field: 'due.unit' | 'due.amount'; message: string };

/**
 * An override may only tighten (issue 11 §2, [seed:000] "stricter rules"): its due duration is in the unit of the
 * policy in force above the organisation (so the two compare without converting days to months) and not longer.
 * Reminders and escalation stay the organisation's choice. Checked when the override is saved against the policy
 * then in force above; an upper level that later shortens its own deadline does not rewrite the overrides below.
 */
export function tighteningProblems(above: PolicyTerms, override: PolicyTerms): TighteningProblem[] {
  if (override.due.unit !== above.due.unit)
    return [
      {
        field: 'due.unit',
        message: `phải cùng đơn vị với thời hạn cấp trên đang áp dụng (${DURATION_UNIT_LABELS[above.due.unit].vi}) để chỉ có thể rút ngắn`,
      },
    ];
  if (override.due.amount > above.due.amount)
    return [
      {
        field: 'due.amount',
        message: `tối đa ${above.due.amount} (thời hạn cấp trên đang áp dụng): cấp dưới chỉ được rút ngắn thời hạn`,
      },
    ];
  return [];
}
