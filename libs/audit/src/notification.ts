import type { EntityManager } from 'typeorm';
import { NotificationEntity } from '@partyflow/persistence';
import { queueTaskMails, TASK_MAIL_KINDS } from './mail-outbox';

export type NotificationInput = {
  key: string;
  at: Date;
  kind: NotificationEntity['kind'];
  orgId: string;
  role: string | null;
  memberId?: string | null;
  taskId: string | null;
  message: string;
  /** The escalation level of a `task_escalated` notification (its mail names it). */
  level?: number;
};

/**
 * Records a notification for an organisation role. Delivery channels (e-mail, SMS, the national
 * portal) read this table; the inbox shows it. Keyed, so a retried activity notifies once. A task's
 * assignment, reminder or escalation also queues its mails (issue 12 §5) in the same transaction.
 */
export async function notify(em: EntityManager, n: NotificationInput): Promise<void> {
  await em
    .createQueryBuilder()
    .insert()
    .into(NotificationEntity)
    .values({
      notificationKey: n.key,
      createdAt: n.at,
      kind: n.kind,
      recipientOrgId: n.orgId,
      recipientRole: n.role,
      recipientMemberId: n.memberId ?? null,
      taskId: n.taskId,
      message: n.message,
    })
    .orIgnore()
    .execute();
  const kind = n.kind as (typeof TASK_MAIL_KINDS)[number];
  if (n.taskId && TASK_MAIL_KINDS.includes(kind)) {
    await queueTaskMails(em, {
      key: n.key,
      at: n.at,
      kind,
      taskId: n.taskId,
      orgId: n.orgId,
      role: n.role,
      memberId: n.memberId ?? null,
      level: n.level,
    });
  }
}
