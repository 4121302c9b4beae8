import type { EntityManager } from 'typeorm';
import type { DeadlinePolicy, HolidayCalendar } from '@partyflow/domain';
import { DeadlinePolicyEntity, loadHolidayCalendar } from '@partyflow/persistence';
import { ApplicationFailure } from '@temporalio/common';
import { ACTIVITY_FAILURES } from '@partyflow/contracts';

export type LoadedPolicy = { policy: DeadlinePolicy; version: number };

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

/** The current deadline policy of a step; a missing policy is a configuration error, not retried. */
export async function loadPolicy(em: EntityManager, process: string, step: string): Promise<LoadedPolicy> {
  const row = await em.findOneBy(DeadlinePolicyEntity, { process, step });
  if (!row) {
    throw ApplicationFailure.create({
      type: ACTIVITY_FAILURES.deadlinePolicyMissing,
      nonRetryable: true,
      message: `No deadline policy for ${process}/${step}`,
    });
  }
  return { policy: toDomainPolicy(row), version: row.version };
}

/** The working-day calendar: published days, computed ones for a year with none, swap Saturdays (issue 9 §5). */
export async function loadHolidays(em: EntityManager): Promise<HolidayCalendar> {
  return loadHolidayCalendar(em);
}
