import type { EntityManager } from 'typeorm';
import { VietnamHolidayCalendar } from '@partyflow/domain';
import { HolidayEntity } from './entities/deadline-policy.entity';

/**
 * The working-day calendar every deadline uses (issue 9 §5): the published days of the holiday table, and the
 * computed Vietnamese holidays for any year that has none. Activities and the API load it through this one function.
 */
export async function loadHolidayCalendar(em: EntityManager): Promise<VietnamHolidayCalendar> {
  const rows = await em.find(HolidayEntity, { select: { date: true, kind: true } });
  return new VietnamHolidayCalendar(rows.map((r) => ({ date: r.date, kind: r.kind })));
}
