import type { EntityManager } from 'typeorm';
import { NotificationEntity } from '@partyflow/persistence';

export type NotificationInput = {
  key: string;
  at: Date;
  kind: NotificationEntity['kind'];
  orgId: string;
  role: string | null;
  memberId?: string | null;
  taskId: string | null;
  message: string;
};

/**
 * Records a notification for an organisation role. Delivery channels (e-mail, SMS, the national
 * portal) read this table; the inbox shows it. Keyed, so a retried activity notifies once.
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
}
