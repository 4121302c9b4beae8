import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 §2, member search at scale: the name's search key (member_search_key(full_name), migration
 * 1764633600300) is stored on the row, in `member.search_key`, instead of being computed by the indexes' expressions.
 * A trigram index is lossy: PostgreSQL rechecks every candidate row it returns, and with the expression index that
 * recheck ran the function (normalize, translate, lower, regexp_replace) once per candidate. Searching "Trang" in a
 * province of 400,000 members gave 24,021 candidates: bench:scale measured 194–406 ms per query, almost all of it in
 * that recheck. On the stored column the recheck is a plain LIKE.
 *
 * The key is kept by a BEFORE INSERT OR UPDATE trigger, so no writer can leave it stale, whichever code writes the
 * row (the API, imports, the seed, SQL by hand); NOT NULL once every existing row has it. The trigram index and the
 * list's order index (migration 1765065600200) are rebuilt on the column. Outside a transaction, as the other scale
 * indexes are: the indexes are built CONCURRENTLY.
 */
export class MemberSearchKeyColumn1765238400100 implements MigrationInterface {
  name = 'MemberSearchKeyColumn1765238400100';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE member ADD COLUMN search_key text NULL`);
    await q.query(`
      CREATE FUNCTION member_set_search_key() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_key := member_search_key(NEW.full_name);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER member_search_key BEFORE INSERT OR UPDATE ON member
        FOR EACH ROW EXECUTE FUNCTION member_set_search_key()`);
    await q.query(`UPDATE member SET search_key = member_search_key(full_name) WHERE search_key IS NULL`);
    await q.query(`ALTER TABLE member ALTER COLUMN search_key SET NOT NULL`);
    await q.query(`DROP INDEX CONCURRENTLY ix_member_search_key_trgm`);
    await q.query(`CREATE INDEX CONCURRENTLY ix_member_search_key_trgm ON member USING gin (search_key gin_trgm_ops)`);
    await q.query(`DROP INDEX CONCURRENTLY ix_member_list_order`);
    await q.query(`CREATE INDEX CONCURRENTLY ix_member_list_order ON member (search_key, full_name, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY ix_member_list_order`);
    await q.query(
      `CREATE INDEX CONCURRENTLY ix_member_list_order ON member (member_search_key(full_name), full_name, id)`,
    );
    await q.query(`DROP INDEX CONCURRENTLY ix_member_search_key_trgm`);
    await q.query(
      `CREATE INDEX CONCURRENTLY ix_member_search_key_trgm ON member USING gin (member_search_key(full_name) gin_trgm_ops)`,
    );
    await q.query(`DROP TRIGGER member_search_key ON member`);
    await q.query(`DROP FUNCTION member_set_search_key()`);
    await q.query(`ALTER TABLE member DROP COLUMN search_key`);
  }
}
