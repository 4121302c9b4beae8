import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 §6. A committee's own criteria set carries the document that adopted it, its effective dates (local dates,
 * both ends inclusive), who adopted and last changed it, and when and why it was retired (`active` false). Rows that
 * predate this apply from 2000-01-01 with no end. An admission case records the set its latest eligibility check
 * used (since issue 9 §2, the check on the day the cell vote opens) and the day of that check.
 */
export class CriteriaSets1764633600500 implements MigrationInterface {
  name = 'CriteriaSets1764633600500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE criteria_set
        ADD COLUMN document_ref text,
        ADD COLUMN effective_from date NOT NULL DEFAULT '2000-01-01',
        ADD COLUMN effective_until date,
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN created_by text,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_by text,
        ADD COLUMN retired_at timestamptz,
        ADD COLUMN retired_by text,
        ADD COLUMN retire_reason text,
        ADD CONSTRAINT criteria_set_period_check CHECK (effective_until IS NULL OR effective_until >= effective_from)`);
    await q.query(`ALTER TABLE criteria_set ALTER COLUMN effective_from DROP DEFAULT`);
    await q.query(`
      CREATE UNIQUE INDEX ux_criteria_set_org_document ON criteria_set (organisation_id, document_ref)
        WHERE document_ref IS NOT NULL`);
    await q.query(`
      ALTER TABLE admission_case
        ADD COLUMN criteria_set_id uuid,
        ADD COLUMN criteria_checked_on date,
        ADD CONSTRAINT admission_case_criteria_set_id_fkey FOREIGN KEY (criteria_set_id) REFERENCES criteria_set(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE admission_case
        DROP CONSTRAINT admission_case_criteria_set_id_fkey,
        DROP COLUMN criteria_set_id,
        DROP COLUMN criteria_checked_on`);
    await q.query(`DROP INDEX ux_criteria_set_org_document`);
    await q.query(`
      ALTER TABLE criteria_set
        DROP CONSTRAINT criteria_set_period_check,
        DROP COLUMN document_ref,
        DROP COLUMN effective_from,
        DROP COLUMN effective_until,
        DROP COLUMN created_at,
        DROP COLUMN created_by,
        DROP COLUMN updated_at,
        DROP COLUMN updated_by,
        DROP COLUMN retired_at,
        DROP COLUMN retired_by,
        DROP COLUMN retire_reason`);
  }
}
