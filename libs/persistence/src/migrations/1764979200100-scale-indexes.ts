import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 §2 and §4: the indexes the API's reads need at national scale (5.3M members, 11M tasks), each measured
 * with `npm run bench:scale`.
 * - The inbox ORs the user's (organisation, role) pairs with the user's member record: one partial index over the
 *   open tasks for each side, in due order.
 * - The supervisor's overdue view: open tasks by organisation path (a prefix, hence `text_pattern_ops`: the
 *   database's collation is not C) and due date.
 * - The on-time reports read every task due in a period in a subtree: path and due date, with the columns they
 *   count, so the rows come from the index alone.
 * - Quotas count admission cases by path: decided ones by decision date, open ones by step.
 * - Member search matches `member_search_key(full_name) LIKE '%…%'`: a trigram index on that key (pg_trgm, which
 *   PostgreSQL ships and trusts: the database owner may create it).
 * - The detection run reads the help history of a page of members: screening cases by member.
 * Built CONCURRENTLY, outside a transaction, so a deployment on a full database does not stop the writes to these
 * tables while it builds them.
 */
export class ScaleIndexes1764979200100 implements MigrationInterface {
  name = 'ScaleIndexes1764979200100';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
      `CREATE INDEX CONCURRENTLY ix_human_task_open_assignee ON human_task (assignee_org_id, assignee_role, due_at)
         WHERE status IN ('open','overdue')`,
      `CREATE INDEX CONCURRENTLY ix_human_task_open_member ON human_task (assignee_member_id, due_at)
         WHERE status IN ('open','overdue') AND assignee_member_id IS NOT NULL`,
      `CREATE INDEX CONCURRENTLY ix_human_task_open_path_due ON human_task (org_path text_pattern_ops, due_at)
         WHERE status IN ('open','overdue')`,
      `CREATE INDEX CONCURRENTLY ix_human_task_path_due ON human_task (org_path text_pattern_ops, due_at)
         INCLUDE (status, completed_at, process, step, assignee_org_id)`,
      `CREATE INDEX CONCURRENTLY ix_admission_case_path_decided ON admission_case (org_path text_pattern_ops, decided_on)`,
      `CREATE INDEX CONCURRENTLY ix_admission_case_open_path ON admission_case (org_path text_pattern_ops, current_step)
         WHERE status = 'in_progress'`,
      `CREATE INDEX CONCURRENTLY ix_member_search_key_trgm ON member USING gin (member_search_key(full_name) gin_trgm_ops)`,
      `CREATE INDEX CONCURRENTLY ix_screening_case_member ON screening_case (member_id)`,
    ])
      await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'ix_screening_case_member',
      'ix_member_search_key_trgm',
      'ix_admission_case_open_path',
      'ix_admission_case_path_decided',
      'ix_human_task_path_due',
      'ix_human_task_open_path_due',
      'ix_human_task_open_member',
      'ix_human_task_open_assignee',
    ])
      await q.query(`DROP INDEX CONCURRENTLY ${index}`);
  }
}
