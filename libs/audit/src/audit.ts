import type { EntityManager } from 'typeorm';
import { AuditLogEntity } from '@partyflow/persistence';

export const SYSTEM_ACTOR = { userId: null, name: 'Hệ thống' } as const;

export type AuditEvent = {
  /** Idempotency key: an activity retried after a crash writes the event once. */
  eventKey: string;
  at: Date;
  action: string;
  actor: { userId: string | null; name: string };
  process?: string;
  caseId?: string;
  taskId?: string;
  step?: string;
  outcome?: string;
  comment?: string;
  details?: Record<string, unknown>;
  /** The organisation the event concerns when it has no case (GET /audit shows each reader their subtree). */
  orgId?: string;
};

/** Appends one audit row (the table refuses updates and deletes). */
export async function appendAudit(em: EntityManager, e: AuditEvent): Promise<void> {
  await em
    .createQueryBuilder()
    .insert()
    .into(AuditLogEntity)
    .values({
      eventKey: e.eventKey,
      at: e.at,
      action: e.action,
      actorUserId: e.actor.userId,
      actorName: e.actor.name,
      process: e.process ?? null,
      caseId: e.caseId ?? null,
      taskId: e.taskId ?? null,
      step: e.step ?? null,
      outcome: e.outcome ?? null,
      comment: e.comment ?? null,
      details: e.details ?? null,
      orgId: e.orgId ?? null,
    })
    .orIgnore()
    .execute();
}
