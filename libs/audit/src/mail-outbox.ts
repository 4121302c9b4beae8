import type { EntityManager } from 'typeorm';
import { localDateOf, todayLocal, type DigestTask, type TaskMailFacts, type TaskMailKind } from '@partyflow/domain';
import { MailOutboxEntity, roleInForceSql, SUBJECT_NAME_SQL, type MailKind } from '@partyflow/persistence';

/** What an outbox row's `content` holds: the facts of the text and the recipient's name (rendered when sent). */
export type MailContent = {
  recipientName: string;
  facts: TaskMailFacts | { kind: 'digest'; localDate: string; tasks: DigestTask[] };
};

export const TASK_MAIL_KINDS: readonly TaskMailKind[] = ['task_assigned', 'task_reminder', 'task_escalated'];

type Recipient = { user_id: string; full_name: string; email: string };

/**
 * The users a task notification reaches by mail: the holders in force (on the local day of `at`) of the role in
 * the organisation, or the user of the named member — the same rule as the inbox — who are not disabled, have an
 * address and want mails at once (`immediate`).
 */
async function recipientsOf(
  em: EntityManager,
  to: { orgId: string; role: string | null; memberId: string | null },
  at: Date,
): Promise<Recipient[]> {
  const today = todayLocal(at.getTime());
  const [where, params] = to.role
    ? [
        `EXISTS (SELECT 1 FROM role_assignment r WHERE r.user_id = u.id AND r.organisation_id = $1 AND r.role = $2
           AND ${roleInForceSql('r', '$3')})`,
        [to.orgId, to.role, today],
      ]
    : ['u.member_id = $1', [to.memberId]];
  return em.query(
    `SELECT u.id AS user_id, u.full_name, u.email FROM app_user u
     WHERE ${where} AND u.disabled_at IS NULL AND u.email IS NOT NULL AND u.mail_preference = 'immediate'
     ORDER BY u.id`,
    params,
  );
}

type TaskRow = {
  id: string;
  title: string;
  process: string;
  step: string;
  due_at: Date;
  org_name: string;
  subject_name: string | null;
};

const TASK_FACTS_SQL = `SELECT t.id, t.title, t.process, t.step, t.due_at, ao.name AS org_name, ${SUBJECT_NAME_SQL} AS subject_name
  FROM human_task t JOIN organisation ao ON ao.id = t.assignee_org_id`;

/** One task's part of a mail: labels are resolved when the mail is rendered, dates are local dates. */
function taskFacts(t: TaskRow): Omit<TaskMailFacts, 'kind'> {
  return {
    taskId: t.id,
    title: t.title,
    subjectName: t.subject_name,
    process: t.process,
    step: t.step,
    orgName: t.org_name,
    dueDate: localDateOf(t.due_at.getTime()),
  };
}

async function insertMails(
  em: EntityManager,
  rows: { mailKey: string; at: Date; kind: MailKind; userId: string; recipient: string; content: MailContent }[],
): Promise<number> {
  if (!rows.length) return 0;
  const result = await em
    .createQueryBuilder()
    .insert()
    .into(MailOutboxEntity)
    .values(
      rows.map((r) => ({
        mailKey: r.mailKey,
        createdAt: r.at,
        kind: r.kind,
        userId: r.userId,
        recipient: r.recipient,
        content: r.content,
      })),
    )
    .orIgnore()
    .execute();
  return (result.raw as unknown[]).length;
}

/**
 * Queues the mails of a task notification (issue 12 §5), in the notification's transaction: one outbox row per
 * recipient, keyed by the notification's key and the user, so a retried activity queues nothing twice.
 */
export async function queueTaskMails(
  em: EntityManager,
  n: {
    key: string;
    at: Date;
    kind: TaskMailKind;
    taskId: string;
    orgId: string;
    role: string | null;
    memberId: string | null;
    level?: number;
  },
): Promise<void> {
  const recipients = await recipientsOf(em, n, n.at);
  if (!recipients.length) return;
  const [task] = (await em.query(`${TASK_FACTS_SQL} WHERE t.id = $1`, [n.taskId])) as TaskRow[];
  if (!task) return;
  const facts: TaskMailFacts = {
    kind: n.kind,
    ...taskFacts(task),
    ...(n.kind === 'task_escalated' ? { level: n.level ?? 1 } : {}),
  };
  await insertMails(
    em,
    recipients.map((r) => ({
      mailKey: `${n.key}:${r.user_id}`,
      at: n.at,
      kind: n.kind,
      userId: r.user_id,
      recipient: r.email,
      content: { recipientName: r.full_name, facts },
    })),
  );
}

/**
 * Queues the daily digest of the local day of `at`: for every user with an address and the preference
 * `immediate` or `digest`, the open tasks of the user's roles in force and of the user's member record (the
 * inbox), by due date (so overdue ones, due before `at`, first). A user with no open task gets none. Keyed
 * `digest:<user>:<local day>`, so a second run on the same day queues nothing.
 */
export async function queueDailyDigest(em: EntityManager, at: Date): Promise<{ localDate: string; queued: number }> {
  const localDate = todayLocal(at.getTime());
  const rows = (await em.query(
    `SELECT u.id AS user_id, u.full_name, u.email, x.*
     FROM app_user u
     JOIN LATERAL (
       ${TASK_FACTS_SQL}
       WHERE t.status IN ('open', 'overdue') AND (t.assignee_member_id = u.member_id OR EXISTS (
         SELECT 1 FROM role_assignment r WHERE r.user_id = u.id AND r.organisation_id = t.assignee_org_id
           AND r.role = t.assignee_role AND ${roleInForceSql('r', '$1')}))
     ) x ON true
     WHERE u.disabled_at IS NULL AND u.email IS NOT NULL AND u.mail_preference IN ('immediate', 'digest')
     ORDER BY u.id, x.due_at, x.id`,
    [localDate],
  )) as (Recipient & TaskRow)[];
  const byUser = new Map<string, { r: Recipient; tasks: DigestTask[] }>();
  for (const row of rows) {
    const entry = byUser.get(row.user_id) ?? { r: row, tasks: [] };
    entry.tasks.push({ ...taskFacts(row), overdue: row.due_at.getTime() < at.getTime() });
    byUser.set(row.user_id, entry);
  }
  const queued = await insertMails(
    em,
    [...byUser.values()].map(({ r, tasks }) => ({
      mailKey: `digest:${r.user_id}:${localDate}`,
      at,
      kind: 'digest' as const,
      userId: r.user_id,
      recipient: r.email,
      content: { recipientName: r.full_name, facts: { kind: 'digest' as const, localDate, tasks } },
    })),
  );
  return { localDate, queued };
}
