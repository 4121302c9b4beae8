import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { AuditLogEntity } from '@partyflow/persistence';
import type { TimelineEntry as TimelineEntrySchema } from './response-schemas';

/** One entry of a case timeline, as its response schema declares it. */
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** A case's audit entries in the order they happened: the timeline of every process's case view. */
export async function caseTimeline(dataSource: DataSource, caseId: string): Promise<TimelineEntry[]> {
  const rows = await dataSource
    .getRepository(AuditLogEntity)
    .find({ where: { caseId }, order: { at: 'ASC', id: 'ASC' } });
  return rows.map((r) => ({
    at: r.at.toISOString(),
    action: r.action,
    step: r.step,
    actor: r.actorName,
    outcome: r.outcome,
    comment: r.comment,
    details: r.details as Record<string, unknown> | null,
  }));
}
