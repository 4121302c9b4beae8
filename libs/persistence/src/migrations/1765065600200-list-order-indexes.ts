import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 §3: the keyset paging of the members and organisations lists reads the rows after the cursor in the
 * list's order; an index in that order lets it stop after a page instead of sorting every matching row.
 * - GET /members: by the name without diacritics (`member_search_key`, as searched), the name, then the id.
 * - GET /organisations: by depth, code, then the id (the order of the tree too).
 * (The users list goes by the unique username, the imports list by ix_imports_user_started: both have theirs.)
 * Built CONCURRENTLY, outside a transaction, as the scale indexes are (1764979200100), so that a deployment on a
 * full database does not stop the writes to these tables while it builds them.
 */
export class ListOrderIndexes1765065600200 implements MigrationInterface {
  name = 'ListOrderIndexes1765065600200';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE INDEX CONCURRENTLY ix_member_list_order ON member (member_search_key(full_name), full_name, id)`,
      `CREATE INDEX CONCURRENTLY ix_organisation_list_order ON organisation (depth, code, id)`,
    ])
      await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['ix_organisation_list_order', 'ix_member_list_order'])
      await q.query(`DROP INDEX CONCURRENTLY ${index}`);
  }
}
