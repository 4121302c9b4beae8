import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 §6, proxy work with attestation: a standing grant, recorded by a grassroots committee, lets an officer
 * complete the tasks of a person who cannot use the system (an elderly cell secretary) on that person's behalf
 * (`proxy_grant`); a task completed so records whom it was done for and the paper minutes attesting it
 * (`human_task.acted_for_user_id`, `acted_for_name`, `proxy_attestation`), beside who completed it.
 */
export class ProxyWork1765324800300 implements MigrationInterface {
  name = 'ProxyWork1765324800300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE proxy_grant (
        id uuid NOT NULL,
        grassroots_org_id uuid NOT NULL,
        principal_user_id uuid NOT NULL,
        proxy_user_id uuid NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NULL,
        reason text NOT NULL,
        granted_by_user_id uuid NOT NULL,
        granted_by text NOT NULL,
        granted_at timestamptz NOT NULL,
        revoked_at timestamptz NULL,
        revoked_by text NULL,
        revoke_reason text NULL,
        CONSTRAINT pk_proxy_grant PRIMARY KEY (id),
        CONSTRAINT proxy_grant_grassroots_org_id_fkey FOREIGN KEY (grassroots_org_id) REFERENCES organisation (id),
        CONSTRAINT proxy_grant_principal_user_id_fkey FOREIGN KEY (principal_user_id) REFERENCES app_user (id),
        CONSTRAINT proxy_grant_proxy_user_id_fkey FOREIGN KEY (proxy_user_id) REFERENCES app_user (id),
        CONSTRAINT proxy_grant_granted_by_user_id_fkey FOREIGN KEY (granted_by_user_id) REFERENCES app_user (id),
        CONSTRAINT ck_proxy_grant_people CHECK (principal_user_id <> proxy_user_id)
      )`);
    await q.query(`CREATE INDEX ix_proxy_grant_proxy ON proxy_grant (proxy_user_id)`);
    await q.query(`CREATE INDEX ix_proxy_grant_org ON proxy_grant (grassroots_org_id)`);
    await q.query(`ALTER TABLE human_task ADD COLUMN acted_for_user_id uuid NULL`);
    await q.query(`ALTER TABLE human_task ADD COLUMN acted_for_name text NULL`);
    await q.query(`ALTER TABLE human_task ADD COLUMN proxy_attestation jsonb NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE human_task DROP COLUMN proxy_attestation`);
    await q.query(`ALTER TABLE human_task DROP COLUMN acted_for_name`);
    await q.query(`ALTER TABLE human_task DROP COLUMN acted_for_user_id`);
    await q.query(`DROP TABLE proxy_grant`);
  }
}
