import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 §3. A user has an own organisation (`organisation_id`: the member's cell for a member's
 * user, the staff member's organisation otherwise; backfilled from the member, else the highest
 * organisation of the user's roles) and can be disabled (who, when, why); a member has at most one
 * user. A role assignment has validity dates (local dates, inclusive, NULL = open), who granted it
 * and why, and is revoked rather than deleted (who, when, why). Since a role may be granted again
 * after a revocation or for a later period, the unique index on (user, organisation, role) is
 * replaced by a plain one; the API refuses overlapping periods.
 */
export class UsersAndRoles1764633600400 implements MigrationInterface {
  name = 'UsersAndRoles1764633600400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN organisation_id uuid NULL CONSTRAINT app_user_organisation_id_fkey REFERENCES organisation(id),
        ADD COLUMN disabled_at timestamptz NULL,
        ADD COLUMN disabled_by_user_id uuid NULL,
        ADD COLUMN disabled_reason text NULL;
      UPDATE app_user u SET organisation_id = m.organisation_id FROM member m WHERE m.id = u.member_id;
      UPDATE app_user u SET organisation_id = (
        SELECT r.organisation_id FROM role_assignment r JOIN organisation o ON o.id = r.organisation_id
        WHERE r.user_id = u.id ORDER BY length(o.path), o.path LIMIT 1
      ) WHERE u.organisation_id IS NULL;
      CREATE INDEX ix_app_user_organisation ON app_user (organisation_id);
      CREATE UNIQUE INDEX ux_app_user_member ON app_user (member_id) WHERE member_id IS NOT NULL;

      ALTER TABLE role_assignment
        ADD COLUMN valid_from date NULL,
        ADD COLUMN valid_until date NULL,
        ADD COLUMN granted_at timestamptz NULL,
        ADD COLUMN granted_by_user_id uuid NULL,
        ADD COLUMN grant_reason text NULL,
        ADD COLUMN revoked_at timestamptz NULL,
        ADD COLUMN revoked_by_user_id uuid NULL,
        ADD COLUMN revoke_reason text NULL,
        ADD CONSTRAINT role_assignment_validity_check CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from);
      DROP INDEX ux_role_assignment;
      CREATE INDEX ix_role_assignment_user ON role_assignment (user_id, organisation_id, role);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM role_assignment WHERE revoked_at IS NOT NULL;
      DROP INDEX ix_role_assignment_user;
      CREATE UNIQUE INDEX ux_role_assignment ON role_assignment (user_id, organisation_id, role);
      ALTER TABLE role_assignment
        DROP CONSTRAINT role_assignment_validity_check,
        DROP COLUMN valid_from, DROP COLUMN valid_until, DROP COLUMN granted_at, DROP COLUMN granted_by_user_id,
        DROP COLUMN grant_reason, DROP COLUMN revoked_at, DROP COLUMN revoked_by_user_id, DROP COLUMN revoke_reason;
      DROP INDEX ux_app_user_member;
      DROP INDEX ix_app_user_organisation;
      ALTER TABLE app_user
        DROP COLUMN organisation_id, DROP COLUMN disabled_at, DROP COLUMN disabled_by_user_id, DROP COLUMN disabled_reason;
    `);
  }
}
