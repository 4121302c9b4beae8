import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 §3, the late step's re-promise (phiếu hẹn lại): an overdue task's assignee commits to a new date with a
 * reason. The task keeps its first due date (`original_due_at`), so that a report tells on time (by it), re-promised
 * and kept (after it, by the promised `due_at`) and late; `repromise_count` is how many times it was re-promised.
 */
export class TaskRepromise1765324800400 implements MigrationInterface {
  name = 'TaskRepromise1765324800400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE human_task ADD COLUMN original_due_at timestamptz NULL`);
    await q.query(`ALTER TABLE human_task ADD COLUMN repromise_count integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE human_task ADD COLUMN repromise_reason text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE human_task DROP COLUMN repromise_reason`);
    await q.query(`ALTER TABLE human_task DROP COLUMN repromise_count`);
    await q.query(`ALTER TABLE human_task DROP COLUMN original_due_at`);
  }
}
