import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 7 §3 and §4. An admission case whose workflow could not be started after its row was
 * committed is marked 'start_failed', so it no longer holds the open-case index of its candidate
 * (a transfer in that state is 'cancelled', with the reason in the audit log).
 * A deadline-policy change re-times the waiting cases in a durable workflow; its progress and
 * confirmed counts are kept in `deadline_policy_operation`.
 */
export class WorkflowStartsAndPolicyOperations1764460800101 implements MigrationInterface {
  name = 'WorkflowStartsAndPolicyOperations1764460800101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE admission_case DROP CONSTRAINT admission_case_status_check;
      ALTER TABLE admission_case ADD CONSTRAINT admission_case_status_check
        CHECK (status IN ('in_progress','probationary','official','rejected','not_recognised','cancelled','start_failed'));

      CREATE TABLE deadline_policy_operation (
        id text PRIMARY KEY,
        process text NOT NULL,
        step text NOT NULL,
        policy_version int NOT NULL,
        status text NOT NULL CHECK (status IN ('starting','running','completed','start_failed')),
        counts jsonb NOT NULL DEFAULT '{}'::jsonb,
        failures jsonb NOT NULL DEFAULT '[]'::jsonb,
        started_by text NOT NULL,
        started_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        finished_at timestamptz NULL,
        CONSTRAINT ux_deadline_policy_operation_version UNIQUE (process, step, policy_version)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE deadline_policy_operation;
      ALTER TABLE admission_case DROP CONSTRAINT admission_case_status_check;
      ALTER TABLE admission_case ADD CONSTRAINT admission_case_status_check CHECK (status IN ('in_progress','probationary','official','rejected','not_recognised','cancelled'));
    `);
  }
}
