import type { EntityManager } from 'typeorm';
import type { HolidayCalendar } from '@partyflow/domain';
import { loadHolidayCalendar, resolveDeadlinePolicy, type LoadedPolicy } from '@partyflow/persistence';
import { ApplicationFailure } from '@temporalio/common';
import { ACTIVITY_FAILURES } from '@partyflow/contracts';

export { overrideTerms, toDomainPolicy, type LoadedPolicy } from '@partyflow/persistence';

/**
 * The deadline policy of a step for a task of the organisation at `orgPath` (libs/persistence resolveDeadlinePolicy:
 * the nearest ancestor's override in force, else the national default; first a pin of the case, issue 14 §1). A
 * missing national policy is a
 * configuration error, not retried.
 */
export async function loadPolicy(
  em: EntityManager,
  process: string,
  step: string,
  orgPath: string,
  caseId?: string | null,
): Promise<LoadedPolicy> {
  const loaded = await resolveDeadlinePolicy(em, process, step, orgPath, caseId);
  if (!loaded) {
    throw ApplicationFailure.create({
      type: ACTIVITY_FAILURES.deadlinePolicyMissing,
      nonRetryable: true,
      message: `No deadline policy for ${process}/${step}`,
    });
  }
  return loaded;
}

/** The working-day calendar: published days, computed ones for a year with none, swap Saturdays (issue 9 §5). */
export async function loadHolidays(em: EntityManager): Promise<HolidayCalendar> {
  return loadHolidayCalendar(em);
}
