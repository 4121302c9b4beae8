import { In, type EntityManager } from 'typeorm';
import { resolvePolicyLayer, type DeadlinePolicy } from '@partyflow/domain';
import {
  DeadlinePolicyEntity,
  DeadlinePolicyOverrideEntity,
  DeadlinePolicyPinEntity,
} from './entities/deadline-policy.entity';
import { OrganisationEntity } from './entities/organisation.entity';

/**
 * The open tasks a deadline-policy change re-times (issue 11 §2), as one SQL condition on `human_task t` shared by
 * the fan-out (activities listWaitingCases) and the API's impact preview, so both count the same tasks: the tasks
 * of the step inside the scope's subtree (the whole tree for the national default) except those an override in
 * force below the scope governs and the change left as it was (its version older than the change's): they keep
 * their own deadline. A calendar change gives every layer of a step its new version, so it reaches them all.
 *
 * The arguments are parameter references: the scope organisation's path ('' for national), its id (NULL for
 * national) and the change's version, e.g. `policyScopeCondition('$5', '$6', '$7')`.
 */
export const policyScopeCondition = (scopePath: string, scopeOrgId: string, version: string): string =>
  `starts_with(t.org_path, ${scopePath}::text)
   AND NOT EXISTS (
     SELECT 1 FROM deadline_policy_override o JOIN organisation org ON org.id = o.organisation_id
      WHERE o.process = t.process AND o.step = t.step AND o.cleared_at IS NULL AND o.version < ${version}::int
        AND o.organisation_id IS DISTINCT FROM ${scopeOrgId}::uuid
        AND starts_with(org.path, ${scopePath}::text) AND starts_with(t.org_path, org.path))`;

/** The policy that times a task, its version and the organisation whose override it is (null: national). */
export type LoadedPolicy = { policy: DeadlinePolicy; version: number; orgId: string | null };

export function toDomainPolicy(row: DeadlinePolicyEntity): DeadlinePolicy {
  return {
    process: row.process,
    step: row.step,
    due: { amount: row.dueAmount, unit: row.dueUnit },
    remindBefore: { amount: row.remindAmount, unit: row.remindUnit },
    escalateEvery: { amount: row.escalateAmount, unit: row.escalateUnit },
    maxEscalationLevel: row.maxEscalationLevel,
    anchor: row.anchor,
    source: row.source,
  };
}

/**
 * The deadline policy of a step for a task of the organisation at `orgPath` (issue 11 §2): the override of its
 * nearest ancestor that has one in force, else the national default (libs/domain resolvePolicyLayer). An override
 * keeps the national anchor and regulation source. Null when the step has no national policy. The activities that
 * open tasks and the API (a transfer's presentation date) resolve it the same way. With `caseId`, a pin of the case
 * (deadline_policy_pin, issue 14 §1) comes first: the terms and version the case kept.
 */
export async function resolveDeadlinePolicy(
  em: EntityManager,
  process: string,
  step: string,
  orgPath: string,
  caseId?: string | null,
): Promise<LoadedPolicy | null> {
  const row = await em.findOneBy(DeadlinePolicyEntity, { process, step });
  if (!row) return null;
  // Issue 14 §1: a case pinned by a change applied to new cases only keeps the terms it had for the step.
  const pin = caseId ? await em.findOneBy(DeadlinePolicyPinEntity, { caseId, process, step }) : null;
  if (pin)
    return { policy: { ...toDomainPolicy(row), ...pin.terms }, version: pin.policyVersion, orgId: pin.policyOrgId };
  // The step's overrides (in force or cleared) of the organisation and its ancestors, with their paths.
  const overrides = await em
    .createQueryBuilder(DeadlinePolicyOverrideEntity, 'o')
    .innerJoin(OrganisationEntity, 'org', 'org.id = o.organisation_id')
    .where('o.process = :process AND o.step = :step', { process, step })
    .andWhere('starts_with(:orgPath, org.path)', { orgPath })
    .getMany();
  const paths = new Map(
    (
      await em.find(OrganisationEntity, {
        select: { id: true, path: true },
        where: { id: In(overrides.map((o) => o.organisationId)) },
      })
    ).map((o) => [o.id, o.path]),
  );
  const layers = overrides.map((o) => ({
    orgId: o.organisationId,
    orgPath: paths.get(o.organisationId) as string,
    version: o.version,
    cleared: o.clearedAt !== null,
    row: o,
  }));
  const national = { orgId: null, orgPath: '', version: row.version, cleared: false, row: null };
  const { layer, version } = resolvePolicyLayer<(typeof layers)[number] | typeof national>(orgPath, national, layers);
  const base = toDomainPolicy(row);
  const policy = layer.row ? { ...base, ...overrideTerms(layer.row) } : base;
  return { policy, version, orgId: layer.orgId };
}

/** The terms an override sets; the anchor and the regulation source stay the national default's. */
export const overrideTerms = (
  o: DeadlinePolicyOverrideEntity,
): Omit<DeadlinePolicy, 'process' | 'step' | 'anchor' | 'source'> => ({
  due: { amount: o.dueAmount, unit: o.dueUnit },
  remindBefore: { amount: o.remindAmount, unit: o.remindUnit },
  escalateEvery: { amount: o.escalateAmount, unit: o.escalateUnit },
  maxEscalationLevel: o.maxEscalationLevel,
});

/**
 * The running cases of a process, with the organisation path their tasks are opened under (issue 14 §1: the cases a
 * change applied to new cases only leaves on the terms they had). A process without a case table of its own has
 * none listed; its open tasks are still re-timed or kept by the fan-out.
 */
const RUNNING_CASES: Record<string, string> = {
  admission: `SELECT id AS case_id, org_path FROM admission_case WHERE status IN ('in_progress', 'probationary')`,
  screening: `SELECT id AS case_id, org_path FROM screening_case WHERE status = 'in_progress'`,
  // A transfer's tasks are the receiving side's; a temporary one runs until it is returned.
  transfer: `SELECT pt.id AS case_id, o.path AS org_path FROM party_transfer pt JOIN organisation o ON o.id = pt.to_org_id
              WHERE pt.status = 'issued' OR (pt.status = 'presented' AND pt.kind = 'temporary')`,
  inspection: `SELECT id AS case_id, org_path FROM cell_inspection WHERE status <> 'closed'`,
};

/**
 * The running cases of `process` inside a change's scope (policyScopeCondition on the case's organisation: the
 * scope's subtree minus the deeper overrides in force that the change leaves as they are).
 */
export async function runningCasesInScope(
  em: EntityManager,
  scope: { process: string; step: string; scopePath: string; scopeOrgId: string | null; version: number },
): Promise<{ caseId: string; orgPath: string }[]> {
  const running = RUNNING_CASES[scope.process];
  if (!running) return [];
  const rows = (await em.query(
    `SELECT t.case_id AS "caseId", t.org_path AS "orgPath"
       FROM (SELECT r.case_id, r.org_path, $1::text AS process, $2::text AS step FROM (${running}) r) t
      WHERE ${policyScopeCondition('$3', '$4', '$5')}
      ORDER BY t.case_id`,
    [scope.process, scope.step, scope.scopePath, scope.scopeOrgId, scope.version],
  )) as { caseId: string; orgPath: string }[];
  return rows;
}
