import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incidents (issue 7 §2): a task row carries what it was opened with (`payload`: for an incident,
 * the failed step and the error), and a case cancelled from an incident ends as 'cancelled'.
 */
export class Incidents1764374400000 implements MigrationInterface {
  name = 'Incidents1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE human_task ADD COLUMN payload jsonb NULL;
      CREATE INDEX ix_human_task_step_status ON human_task (step, status);
      ALTER TABLE admission_case DROP CONSTRAINT admission_case_status_check;
      ALTER TABLE admission_case ADD CONSTRAINT admission_case_status_check
        CHECK (status IN ('in_progress','probationary','official','rejected','not_recognised','cancelled'));
      ALTER TABLE screening_case DROP CONSTRAINT screening_case_status_check;
      ALTER TABLE screening_case ADD CONSTRAINT screening_case_status_check
        CHECK (status IN ('in_progress','dismissed','improved','removed','kept','cancelled'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE screening_case DROP CONSTRAINT screening_case_status_check;
      ALTER TABLE screening_case ADD CONSTRAINT screening_case_status_check CHECK (status IN ('in_progress','dismissed','improved','removed','kept'));
      ALTER TABLE admission_case DROP CONSTRAINT admission_case_status_check;
      ALTER TABLE admission_case ADD CONSTRAINT admission_case_status_check CHECK (status IN ('in_progress','probationary','official','rejected','not_recognised'));
      DROP INDEX ix_human_task_step_status;
      ALTER TABLE human_task DROP COLUMN payload;
    `);
  }
}
