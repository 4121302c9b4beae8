import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 §5: e-mail notifications. A user has an optional e-mail address (stored trimmed and lower-cased; not
 * unique: one person may hold a member's account and an office account, or a committee share one mailbox) and a
 * preference: `immediate` (each assignment, reminder and escalation, and the daily digest), `digest` (the daily
 * digest only) or `off`. `mail_outbox` holds every mail to send, written in the transaction of the notification
 * it carries, keyed by `mail_key` (the notification's key and the recipient user, or `digest:<user>:<local day>`),
 * which is the Message-ID too; the sending activity claims a row (`queued` → `sending`) before it talks to SMTP
 * and marks it `sent`, so that a retried activity never sends a row twice.
 */
export class Mail1764892800700 implements MigrationInterface {
  name = 'Mail1764892800700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN email text NULL,
        ADD COLUMN mail_preference text NOT NULL DEFAULT 'immediate',
        ADD CONSTRAINT app_user_mail_preference_check CHECK (mail_preference IN ('immediate', 'digest', 'off'))`);
    await q.query(`
      CREATE TABLE mail_outbox (
        id bigserial PRIMARY KEY,
        mail_key text NOT NULL,
        created_at timestamptz NOT NULL,
        kind text NOT NULL,
        user_id uuid NOT NULL CONSTRAINT mail_outbox_user_id_fkey REFERENCES app_user(id),
        recipient text NOT NULL,
        content jsonb NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        attempts int NOT NULL DEFAULT 0,
        claimed_at timestamptz NULL,
        sent_at timestamptz NULL,
        last_error text NULL,
        CONSTRAINT mail_outbox_kind_check CHECK (kind IN ('task_assigned', 'task_reminder', 'task_escalated', 'digest')),
        CONSTRAINT mail_outbox_status_check CHECK (status IN ('queued', 'sending', 'sent', 'failed'))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_mail_outbox_key ON mail_outbox (mail_key)`);
    await q.query(`CREATE INDEX ix_mail_outbox_status ON mail_outbox (status, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_outbox`);
    await q.query(`
      ALTER TABLE app_user
        DROP CONSTRAINT app_user_mail_preference_check, DROP COLUMN mail_preference, DROP COLUMN email`);
  }
}
