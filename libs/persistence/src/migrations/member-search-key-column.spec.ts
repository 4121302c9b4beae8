import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { searchKey } from '@partyflow/domain';
import { MemberEntity } from '../entities/member.entity';
import { columnsOf, insertRootOrganisation, runMigrationStep, useScratchDatabase } from '../testing/postgres-process';
import { MemberSearchKeyColumn1765238400100 } from './1765238400100-member-search-key-column';

/**
 * Issue 13 §2: a member's name is searched and sorted by the stored `member.search_key`, which the trigger of
 * migration 1765238400100 keeps equal to member_search_key(full_name) (issue 9 §2: the name without diacritics, the
 * same key as libs/domain `searchKey`) whoever writes the row.
 */
describe('migration 1765238400100: member.search_key', () => {
  const scratch = useScratchDatabase('search_key_test');
  let ds: DataSource;
  let cellId: string;

  const keyOf = async (id: string) =>
    ((await ds.query(`SELECT search_key FROM member WHERE id = $1`, [id])) as { search_key: string }[])[0].search_key;
  const insertMember = async (fullName: string) => {
    const id = randomUUID();
    await ds.query(
      `INSERT INTO member (id, organisation_id, full_name, birth_date, status) VALUES ($1, $2, $3, '1990-05-17', 'official')`,
      [id, cellId, fullName],
    );
    return id;
  };
  const run = (step: (q: QueryRunner) => Promise<void>) => runMigrationStep(ds, step);

  beforeAll(async () => {
    ds = scratch.ds;
    cellId = await insertRootOrganisation(ds, { code: 'TEST-CB1', name: 'Chi bộ Tổ dân phố 1', kind: 'cell' });
  });

  it('should set the key on an INSERT by hand and on an UPDATE of the name, as searchKey computes it', async () => {
    const id = await insertMember('Nguyễn Thị Thu  Trang');
    expect(await keyOf(id)).toBe('nguyen thi thu trang');
    expect(searchKey('Nguyễn Thị Thu  Trang')).toBe('nguyen thi thu trang');

    await ds.query(`UPDATE member SET full_name = 'Đặng Văn Đông' WHERE id = $1`, [id]);
    expect(await keyOf(id)).toBe('dang van dong');
    // A write of the key itself cannot make it disagree with the name.
    await ds.query(`UPDATE member SET search_key = 'sai' WHERE id = $1`, [id]);
    expect(await keyOf(id)).toBe('dang van dong');
  });

  it('should set the key on a save through the entity, which never writes the column', async () => {
    const id = randomUUID();
    const members = ds.getRepository(MemberEntity);
    await members.insert({
      id,
      organisationId: cellId,
      fullName: 'Bùi Thị Hương',
      birthDate: '1988-02-29',
      status: 'candidate',
    });
    expect(await keyOf(id)).toBe('bui thi huong');
    await members.update({ id }, { fullName: 'Bùi Thị Hường' });
    expect(await keyOf(id)).toBe('bui thi huong');
    await members.update({ id }, { fullName: 'Khúc Thừa Dụ' });
    expect(await keyOf(id)).toBe('khuc thua du');
  });

  it('should fill the key of rows written before it (up), and down should drop the column and its trigger', async () => {
    const migration = new MemberSearchKeyColumn1765238400100();
    await run((q) => migration.down(q));
    expect(await columnsOf(ds, 'member')).not.toContain('search_key');
    const before = await insertMember('Lê Hoàng Yến');

    await run((q) => migration.up(q));
    expect(await keyOf(before)).toBe('le hoang yen');
    const [{ is_nullable }] = (await ds.query(
      `SELECT is_nullable FROM information_schema.columns WHERE table_name = 'member' AND column_name = 'search_key'`,
    )) as { is_nullable: string }[];
    expect(is_nullable).toBe('NO');
    const indexes = (await ds.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'member' AND indexname IN ('ix_member_search_key_trgm', 'ix_member_list_order') ORDER BY indexname`,
    )) as { indexname: string; indexdef: string }[];
    expect(indexes.map((i) => i.indexdef.replace(/^.* USING /, ''))).toEqual([
      'btree (search_key, full_name, id)',
      'gin (search_key gin_trgm_ops)',
    ]);
  });
});
