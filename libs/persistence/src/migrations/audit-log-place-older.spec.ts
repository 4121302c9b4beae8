import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { hashPassword } from '../security/password';
import { UserEntity } from '../entities/user.entity';
import { insertRootOrganisation, runMigrationStep, useScratchDatabase } from '../testing/postgres-process';
import { AuditLogPlaceOlder1765324800700 } from './1765324800700-audit-log-place-older';

/**
 * Issue 9 §7: a reader sees the audit entries of their subtree. An account's rows (and a member's, a criteria set's,
 * a transfer's, a detection run's) were written without their organisation; migration 1765324800700 places those
 * written before by what their details name, leaves every other row as it was, and keeps audit_log append-only.
 */
describe('migration 1765324800700: the older rows of an account, a member… placed', () => {
  const scratch = useScratchDatabase('audit_place_older_test');
  let ds: DataSource;
  let orgId: string;
  const run = (step: (q: QueryRunner) => Promise<void>) => runMigrationStep(ds, step);

  /** A row as the API wrote it before: no organisation, case or task; the trigger leaves it unplaced. */
  const append = async (action: string, details: object) => {
    const key = `spec:${randomUUID()}`;
    await ds.query(
      `INSERT INTO audit_log (event_key, at, action, actor_name, details) VALUES ($1, now(), $2, 'Quản trị', $3)`,
      [key, action, details],
    );
    return key;
  };
  const placeOf = async (key: string) =>
    (
      (await ds.query(`SELECT scope_org_id FROM audit_log WHERE event_key = $1`, [key])) as {
        scope_org_id: string | null;
      }[]
    )[0].scope_org_id;

  beforeAll(async () => {
    ds = scratch.ds;
    orgId = await insertRootOrganisation(ds, {
      code: 'TEST-PO',
      name: 'Đảng ủy phường Nơi Chốn',
      kind: 'grassroots_committee',
    });
  });

  it("should place an account's older rows under its home organisation, and no other row; down should unplace them", async () => {
    const userId = randomUUID();
    await ds.getRepository(UserEntity).insert({
      id: userId,
      username: `noichon.${userId.slice(0, 8)}`,
      passwordHash: await hashPassword('matkhau123'),
      fullName: 'Lê Văn Nơi Chốn',
      memberId: null,
      organisationId: orgId,
    });
    const password = await append('user.password_set', { userId, username: 'noichon' });
    const disabled = await append('user.disabled', { userId, username: 'noichon' });
    // An account that is gone, an action not of the list, a national change: left unplaced.
    const gone = await append('user.enabled', { userId: randomUUID(), username: 'khongcon' });
    const other = await append('spec.other', { userId });
    const national = await append('holiday.added', { date: '2026-09-02' });
    const keys = [password, disabled, gone, other, national];
    expect(await Promise.all(keys.map(placeOf))).toEqual([null, null, null, null, null]);

    const migration = new AuditLogPlaceOlder1765324800700();
    await run((q) => migration.up(q));
    expect(await Promise.all(keys.map(placeOf))).toEqual([orgId, orgId, null, null, null]);
    await expect(ds.query(`UPDATE audit_log SET comment = 'sửa' WHERE event_key = $1`, [password])).rejects.toThrow(
      'audit_log is append-only',
    );

    await run((q) => migration.down(q));
    expect(await Promise.all(keys.map(placeOf))).toEqual([null, null, null, null, null]);
    await expect(ds.query(`DELETE FROM audit_log WHERE event_key = $1`, [password])).rejects.toThrow(
      'audit_log is append-only',
    );
  });

  it('should leave a row written now, which names its organisation, placed by the trigger after down', async () => {
    const key = `spec:${randomUUID()}`;
    await ds.query(
      `INSERT INTO audit_log (event_key, at, action, actor_name, org_id, details)
       VALUES ($1, now(), 'user.password_set', 'Quản trị', $2, $3)`,
      [key, orgId, { userId: randomUUID() }],
    );
    await run((q) => new AuditLogPlaceOlder1765324800700().down(q));
    expect(await placeOf(key)).toBe(orgId);
  });
});
