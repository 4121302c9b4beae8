import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 §2, §3: the supervisor's overdue view pages open tasks by (due_at, id). For a province or the nation
 * nearly every open task is in the reader's subtree, so an index in that order, on open tasks only, lets the page
 * stop after pageSize + 1 rows instead of sorting every overdue task of the subtree (measured by bench:scale: a
 * top-N sort of 37,841 rows, 101 ms). A district's page still goes by ix_human_task_open_path_due.
 * Built CONCURRENTLY, outside a transaction, as the other scale indexes are.
 */
export class OpenTaskDueOrder1765152000100 implements MigrationInterface {
  name = 'OpenTaskDueOrder1765152000100';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX CONCURRENTLY ix_human_task_open_due_id ON human_task (due_at, id) WHERE status IN ('open','overdue')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY ix_human_task_open_due_id`);
  }
}
