import type { DataSource } from 'typeorm';
import { AuditLogEntity } from '@partyflow/persistence';

export type TimelineEntry = {
  at: string;
  action: string;
  step: string | null;
  actor: string;
  outcome: string | null;
  comment: string | null;
  details: Record<string, unknown> | null;
};

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
