import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 §2, out-of-office substitutes: a role holder names a substitute in the same organisation, with the same or
 * a higher role, for a range of Vietnamese local dates (both inclusive). A task the substitute completes for them
 * keeps both people (`human_task.acted_for_*`) and the substitution (`proxy_attestation`, kind `substitute`).
 */
export class TaskSubstitution1765324800600 implements MigrationInterface {
  name = 'TaskSubstitution1765324800600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE substitution (
        id uuid NOT NULL,
        org_id uuid NOT NULL,
        absent_user_id uuid NOT NULL,
        substitute_user_id uuid NOT NULL,
        valid_from date NOT NULL,
        valid_until date NOT NULL,
        reason text NOT NULL,
        created_by_user_id uuid NOT NULL, created_by text NOT NULL, created_at timestamptz NOT NULL,
        revoked_at timestamptz NULL, revoked_by text NULL, revoke_reason text NULL,
        CONSTRAINT pk_substitution PRIMARY KEY (id),
        CONSTRAINT substitution_org_id_fkey FOREIGN KEY (org_id) REFERENCES organisation (id),
        CONSTRAINT substitution_absent_user_id_fkey FOREIGN KEY (absent_user_id) REFERENCES app_user (id),
        CONSTRAINT substitution_substitute_user_id_fkey FOREIGN KEY (substitute_user_id) REFERENCES app_user (id),
        CONSTRAINT substitution_created_by_user_id_fkey FOREIGN KEY (created_by_user_id) REFERENCES app_user (id),
        CONSTRAINT ck_substitution_people CHECK (absent_user_id <> substitute_user_id),
        CONSTRAINT ck_substitution_period CHECK (valid_until >= valid_from)
      )`);
    await q.query(`CREATE INDEX ix_substitution_substitute ON substitution (substitute_user_id)`);
    await q.query(`CREATE INDEX ix_substitution_absent_org ON substitution (absent_user_id, org_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE substitution`);
  }
}
