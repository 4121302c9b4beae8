import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 §2, bulk reassignment: one row per operation that moves every open task matching a filter to another
 * assignee, with its progress (counts), what moved (the first moves and failures) and who started it why.
 */
export class TaskReassignment1765324800500 implements MigrationInterface {
  name = 'TaskReassignment1765324800500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE task_reassignment (
        id uuid NOT NULL,
        filter jsonb NOT NULL,
        target jsonb NOT NULL,
        reason text NOT NULL,
        status text NOT NULL,
        counts jsonb NOT NULL,
        moves jsonb NOT NULL,
        failures jsonb NOT NULL,
        started_by_user_id uuid NOT NULL,
        started_by text NOT NULL,
        started_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        finished_at timestamptz NULL,
        CONSTRAINT pk_task_reassignment PRIMARY KEY (id),
        CONSTRAINT task_reassignment_status_check CHECK (status IN ('starting', 'running', 'completed', 'start_failed'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_reassignment`);
  }
}
