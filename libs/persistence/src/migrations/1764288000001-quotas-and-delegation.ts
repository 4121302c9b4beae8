import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Yearly admission quotas per organisation [seed:003], and who granted or revoked a delegation
 * of authority, with the revocation's reason (issue 4: quotas, delegation, reports).
 */
export class QuotasAndDelegation1764288000001 implements MigrationInterface {
  name = 'QuotasAndDelegation1764288000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admission_quota (
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        quota int NOT NULL CHECK (quota >= 0),
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_admission_quota_org_year UNIQUE (organisation_id, year)
      );
      ALTER TABLE delegation_grant ADD COLUMN granted_by text NULL;
      ALTER TABLE delegation_grant ADD COLUMN revoked_by text NULL;
      ALTER TABLE delegation_grant ADD COLUMN revoke_reason text NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE delegation_grant DROP COLUMN revoke_reason;
      ALTER TABLE delegation_grant DROP COLUMN revoked_by;
      ALTER TABLE delegation_grant DROP COLUMN granted_by;
      DROP TABLE admission_quota;
    `);
  }
}
