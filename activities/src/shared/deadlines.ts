import { In, type EntityManager } from 'typeorm';
import { resolvePolicyLayer, type DeadlinePolicy, type HolidayCalendar } from '@partyflow/domain';
import {
  DeadlinePolicyEntity,
  DeadlinePolicyOverrideEntity,
  loadHolidayCalendar,
  OrganisationEntity,
} from '@partyflow/persistence';
import { ApplicationFailure } from '@temporalio/common';
import { ACTIVITY_FAILURES } from '@partyflow/contracts';

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
 * keeps the national anchor and regulation source. A missing national policy is a configuration error, not retried.
 */
export async function loadPolicy(
  em: EntityManager,
  process: string,
  step: string,
  orgPath: string,
): Promise<LoadedPolicy> {
  const row = await em.findOneBy(DeadlinePolicyEntity, { process, step });
  if (!row) {
    throw ApplicationFailure.create({
      type: ACTIVITY_FAILURES.deadlinePolicyMissing,
      nonRetryable: true,
      message: `No deadline policy for ${process}/${step}`,
    });
  }
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

/** The working-day calendar: published days, computed ones for a year with none, swap Saturdays (issue 9 §5). */
export async function loadHolidays(em: EntityManager): Promise<HolidayCalendar> {
  return loadHolidayCalendar(em);
}
