import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 §1 and §7. An organisation is closed (giải thể, sáp nhập), never deleted: who closed it, when
 * and why. An audit row may name the organisation it concerns (`org_id`), so readers see only their
 * subtree; the columns and indexes serve the audit filters (period, actor, organisation). Adding a column
 * rewrites no row, so the append-only trigger is untouched. A notification goes to a role that several
 * users hold: each user's reading of it is one `notification_read` row.
 */
export class OrganisationLifecycleAndReading1764633600100 implements MigrationInterface {
  name = 'OrganisationLifecycleAndReading1764633600100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE organisation
        ADD COLUMN closed_at timestamptz NULL,
        ADD COLUMN closed_by text NULL,
        ADD COLUMN close_reason text NULL;

      ALTER TABLE audit_log ADD COLUMN org_id uuid NULL;
      CREATE INDEX ix_audit_log_org_at ON audit_log (org_id, at);
      CREATE INDEX ix_audit_log_at ON audit_log (at);
      CREATE INDEX ix_audit_log_actor_at ON audit_log (actor_user_id, at);

      CREATE TABLE notification_read (
        notification_id bigint NOT NULL REFERENCES notification(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        read_at timestamptz NOT NULL,
        PRIMARY KEY (notification_id, user_id)
      );
      CREATE INDEX ix_notification_read_user ON notification_read (user_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE notification_read;
      DROP INDEX ix_audit_log_actor_at;
      DROP INDEX ix_audit_log_at;
      DROP INDEX ix_audit_log_org_at;
      ALTER TABLE audit_log DROP COLUMN org_id;
      ALTER TABLE organisation DROP COLUMN close_reason, DROP COLUMN closed_by, DROP COLUMN closed_at;
    `);
  }
}
