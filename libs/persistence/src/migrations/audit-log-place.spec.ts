import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { columnsOf, insertRootOrganisation, runMigrationStep, useScratchDatabase } from '../testing/postgres-process';
import { AuditLogPlace1765238400200 } from './1765238400200-audit-log-place';

/**
 * Issue 13 §2: an audit entry is read under an organisation (issue 9 §7): the one it names, else its case's, else one
 * named in its details. Migration 1765238400200 stores that organisation with the row when it is written
 * (`scope_org_id`), places the rows written before it, and leaves audit_log append-only.
 */
describe('migration 1765238400200: audit_log.scope_org_id', () => {
  const scratch = useScratchDatabase('audit_place_test');
  let ds: DataSource;
  let orgId: string;
  const run = (step: (q: QueryRunner) => Promise<void>) => runMigrationStep(ds, step);

  const append = async (row: { orgId?: string; caseId?: string; taskId?: string; details?: object }) => {
    const key = `spec:${randomUUID()}`;
    await ds.query(
      `INSERT INTO audit_log (event_key, at, action, actor_name, org_id, case_id, task_id, details)
       VALUES ($1, now(), 'spec.entry', 'Hệ thống', $2, $3, $4, $5)`,
      [key, row.orgId ?? null, row.caseId ?? null, row.taskId ?? null, row.details ?? null],
    );
    return key;
  };
  const placeOf = async (key: string) =>
    (
      (await ds.query(`SELECT scope_org_id FROM audit_log WHERE event_key = $1`, [key])) as { scope_org_id: string }[]
    )[0].scope_org_id;

  beforeAll(async () => {
    ds = scratch.ds;
    orgId = await insertRootOrganisation(ds, {
      code: 'TEST-DU',
      name: 'Đảng ủy phường Thử nghiệm',
      kind: 'grassroots_committee',
    });
  });

  it('should place an entry when written: the organisation it names, else one its details name; none for a case not held', async () => {
    expect(await placeOf(await append({ orgId }))).toBe(orgId);
    expect(await placeOf(await append({ details: { orgId, year: 2026 } }))).toBe(orgId);
    expect(await placeOf(await append({ details: { organisationId: orgId } }))).toBe(orgId);
    // Not a UUID, an organisation that does not exist, a system-wide change: no place.
    expect(await placeOf(await append({ details: { orgId: 'HN-HM' } }))).toBeNull();
    expect(await placeOf(await append({ details: { orgId: randomUUID() } }))).toBeNull();
    expect(await placeOf(await append({ details: { process: 'admission' } }))).toBeNull();
    // A case the case tables do not hold, a task alone: left for the reader to resolve.
    expect(await placeOf(await append({ caseId: randomUUID() }))).toBeNull();
    expect(await placeOf(await append({ taskId: randomUUID(), details: { orgId } }))).toBeNull();
  });

  it('should place the entries written before it (up) and keep audit_log append-only; down should drop the column', async () => {
    const migration = new AuditLogPlace1765238400200();
    await run((q) => migration.down(q));
    expect(await columnsOf(ds, 'audit_log')).not.toContain('scope_org_id');
    const named = await append({ orgId });
    const inDetails = await append({ details: { orgId } });
    const systemWide = await append({});

    await run((q) => migration.up(q));
    expect([await placeOf(named), await placeOf(inDetails), await placeOf(systemWide)]).toEqual([orgId, orgId, null]);
    await expect(ds.query(`UPDATE audit_log SET comment = 'sửa' WHERE event_key = $1`, [named])).rejects.toThrow(
      'audit_log is append-only',
    );
    await expect(ds.query(`DELETE FROM audit_log WHERE event_key = $1`, [named])).rejects.toThrow(
      'audit_log is append-only',
    );
  });
});
