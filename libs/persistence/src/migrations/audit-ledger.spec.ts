import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { LEDGER_GENESIS, ledgerHash, recordAuditDigest, verifyAuditLedger } from '../audit-ledger';
import { runMigrationStep, useScratchDatabase } from '../testing/postgres-process';
import { AuditLedger1765324800100 } from './1765324800100-audit-ledger';

/**
 * Issue 14 §5, a tamper-evident ledger: every audit row carries a hash chained to the previous row of its case and of
 * the whole log, computed in the transaction that writes it (migration 1765324800100); the verification names the
 * first row that does not match; a daily digest of the chain's head makes a cut end visible.
 */
describe('migration 1765324800100: the audit ledger', () => {
  const scratch = useScratchDatabase('audit_ledger_test');
  let ds: DataSource;

  type Row = { caseId?: string; comment?: string; details?: object; at?: string; key?: string };
  /** Appends one audit row as the API and the activities do (one statement, its own transaction); returns its id. */
  const append = async (row: Row = {}): Promise<string> => {
    const inserted = (await ds.query(
      `INSERT INTO audit_log (event_key, at, action, actor_name, case_id, comment, details)
       VALUES ($1, $2, 'spec.entry', 'Nguyễn Thị Hoà', $3, $4, $5) ON CONFLICT (event_key) DO NOTHING RETURNING id::text`,
      [
        row.key ?? `spec:${randomUUID()}`,
        row.at ?? '2026-12-03T01:02:03.456789Z',
        row.caseId ?? null,
        row.comment ?? null,
        row.details ?? null,
      ],
    )) as { id: string }[];
    return inserted[0]?.id;
  };
  const seals = async () =>
    (await ds.query(
      `SELECT audit_id::text AS id, seq::text AS seq, hash, case_id, case_seq, case_hash FROM audit_seal s ORDER BY s.seq`,
    )) as {
      id: string;
      seq: string;
      hash: Buffer;
      case_id: string | null;
      case_seq: number | null;
      case_hash: Buffer;
    }[];
  /** Runs SQL as a replica would: no trigger fires (the append-only ones, the seal) — what a tamperer with the
   * database's superuser can do. */
  const tamper = async (sql: string, params: unknown[] = []) => {
    const q = ds.createQueryRunner();
    try {
      await q.query(`SET session_replication_role = replica`);
      await q.query(sql, params);
    } finally {
      await q.query(`RESET session_replication_role`);
      await q.release();
    }
  };

  beforeAll(() => {
    ds = scratch.ds;
  });
  // TRUNCATE fires no row trigger: each test starts from an empty log.
  beforeEach(() => ds.query(`TRUNCATE audit_seal, audit_digest, audit_log`));

  it('should seal each row at its commit: its place and hash in the global chain and in its case’s chain', async () => {
    const caseId = randomUUID();
    const a = await append({ caseId, comment: 'Đồng ý', details: { votes: { for: 7, against: 0 } } });
    const b = await append({});
    const c = await append({ caseId });

    const rows = await seals();
    expect(rows.map((r) => [r.id, r.seq, r.case_id, r.case_seq])).toEqual([
      [a, '1', caseId, 1],
      [b, '2', null, null],
      [c, '3', caseId, 2],
    ]);
    // The message is each field as text, in audit_row_fields' order; the hash is computed here again, by hand.
    const fieldsOfA = [
      a,
      '2026-12-03T01:02:03.456789Z',
      (await ds.query(`SELECT event_key FROM audit_log WHERE id = $1`, [a]))[0].event_key,
      'spec.entry',
      null,
      'Nguyễn Thị Hoà',
      null,
      caseId,
      null,
      null,
      null,
      'Đồng ý',
      '{"votes": {"for": 7, "against": 0}}',
      null,
    ];
    const hashOfA = ledgerHash(LEDGER_GENESIS, fieldsOfA);
    expect(rows[0].hash.toString('hex')).toBe(hashOfA.toString('hex'));
    expect(rows[0].case_hash.toString('hex')).toBe(hashOfA.toString('hex'));
    expect(rows[1].case_hash).toBeNull();

    const log = await verifyAuditLedger(ds);
    expect(log).toMatchObject({ scope: 'log', ok: true, checked: 3, firstMismatch: null });
    expect(log.head).toEqual({ seq: '3', hash: rows[2].hash.toString('hex') });
    const ofCase = await verifyAuditLedger(ds, { caseId });
    expect(ofCase).toMatchObject({ scope: 'case', caseId, ok: true, checked: 2, firstMismatch: null });
    expect(ofCase.head).toEqual({ seq: '2', hash: rows[2].case_hash.toString('hex') });
  });

  it('should keep one chain without gaps when many transactions write at once, and seal nothing for a skipped row', async () => {
    const caseId = randomUUID();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        ds.transaction(async (em) => {
          for (let i = 0; i < 3; i++)
            await em.query(
              `INSERT INTO audit_log (event_key, at, action, actor_name, case_id) VALUES ($1, now(), 'spec.entry', 'A', $2)`,
              [`spec:${randomUUID()}`, caseId],
            );
        }),
      ),
    );
    const key = `spec:${randomUUID()}`;
    await append({ key });
    expect(await append({ key })).toBeUndefined(); // the idempotent write of a retried activity

    const rows = await seals();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 61 }, (_, i) => String(i + 1)));
    expect(rows.filter((r) => r.case_id === caseId).map((r) => r.case_seq)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    expect(await verifyAuditLedger(ds)).toMatchObject({ ok: true, checked: 61 });
    expect(await verifyAuditLedger(ds, { caseId, batchSize: 7 })).toMatchObject({ ok: true, checked: 60 });
  });

  it('should name a row altered in PostgreSQL, in the log and in its case', async () => {
    const caseId = randomUUID();
    await append({ caseId });
    const altered = await append({ caseId, comment: 'Không đồng ý' });
    await append({ caseId });
    await tamper(`UPDATE audit_log SET comment = 'Đồng ý' WHERE id = $1`, [altered]);

    const log = await verifyAuditLedger(ds, { batchSize: 2 });
    expect(log).toMatchObject({ ok: false, checked: 1 });
    expect(log.firstMismatch).toMatchObject({ reason: 'altered', auditId: altered, seq: '2' });
    expect(log.firstMismatch?.message).toBe(
      `Dòng nhật ký ${altered} (vị trí 2 trong chuỗi nhật ký) không khớp mã băm: nội dung của nó đã bị sửa sau khi ` +
        'ghi, hoặc dòng liền trước nó trong chuỗi đã bị chèn vào hay thay đổi',
    );
    const ofCase = await verifyAuditLedger(ds, { caseId });
    expect(ofCase.firstMismatch).toMatchObject({ reason: 'altered', auditId: altered, seq: '2' });
  });

  it('should break the chain at the row after one inserted in the middle, even one sealed as the trigger would', async () => {
    const ids = [await append(), await append(), await append(), await append()];
    // A forged row, given a correct seal after the second row, the later seals moved one place on.
    const forged = (
      await ds.query(
        `INSERT INTO audit_log (event_key, at, action, actor_name) VALUES ($1, now(), 'spec.forged', 'X') RETURNING id`,
        [`spec:${randomUUID()}`],
      )
    )[0].id as string;
    // (The insert above was sealed at the end by the trigger; the tamperer moves its seal into the middle.)
    await tamper(`DELETE FROM audit_seal WHERE audit_id = $1`, [forged]);
    await tamper(`UPDATE audit_seal SET seq = seq + 1000 WHERE seq >= 3`);
    await tamper(`UPDATE audit_seal SET seq = seq - 999 WHERE seq >= 1000`);
    await tamper(
      `INSERT INTO audit_seal (audit_id, seq, hash)
       SELECT a.id, 3, sha256((SELECT hash FROM audit_seal WHERE seq = 2) || audit_row_message(a))
         FROM audit_log a WHERE a.id = $1`,
      [forged],
    );

    const log = await verifyAuditLedger(ds);
    expect(log).toMatchObject({ ok: false, checked: 3 });
    expect(log.firstMismatch).toMatchObject({ reason: 'altered', auditId: ids[2], seq: '4' });
  });

  it('should name a row written around the seal, a removed row’s successor, and a row moved to another case', async () => {
    const caseId = randomUUID();
    const first = await append({ caseId });
    const removed = await append({ caseId });
    const third = await append({ caseId });
    await tamper(`DELETE FROM audit_seal WHERE audit_id = $1`, [removed]);
    await tamper(`DELETE FROM audit_log WHERE id = $1`, [removed]);
    expect((await verifyAuditLedger(ds)).firstMismatch).toMatchObject({
      reason: 'out_of_sequence',
      auditId: third,
      seq: '3',
    });
    expect((await verifyAuditLedger(ds, { caseId })).firstMismatch).toMatchObject({
      reason: 'out_of_sequence',
      auditId: third,
      seq: '3',
    });

    await ds.query(`TRUNCATE audit_seal, audit_log`);
    await append({ caseId });
    const other = randomUUID();
    const moved = await append({ caseId: other });
    await tamper(`UPDATE audit_log SET case_id = $1 WHERE id = $2`, [caseId, moved]);
    // Its seal is still the other case's: this case names it; the other case's chain no longer matches it.
    expect((await verifyAuditLedger(ds, { caseId })).firstMismatch).toMatchObject({
      reason: 'unsealed',
      auditId: moved,
    });
    expect((await verifyAuditLedger(ds, { caseId: other })).firstMismatch).toMatchObject({
      reason: 'altered',
      auditId: moved,
      seq: '1',
    });

    await ds.query(`TRUNCATE audit_seal, audit_log`);
    await append();
    const around = (
      await ds.query(
        `INSERT INTO audit_log (event_key, at, action, actor_name) VALUES ($1, now(), 'spec.around', 'X') RETURNING id`,
        [`spec:${randomUUID()}`],
      )
    )[0].id as string;
    await tamper(`DELETE FROM audit_seal WHERE audit_id = $1`, [around]);
    const log = await verifyAuditLedger(ds);
    expect(log).toMatchObject({ ok: false, checked: 1 });
    expect(log.firstMismatch).toMatchObject({ reason: 'unsealed', auditId: around, seq: null });
    expect(first).toBeDefined();
  });

  it('should record the head once a day and see a cut end, or a chain rewritten after the digest', async () => {
    const empty = await recordAuditDigest(ds, '2026-12-02', new Date('2026-12-02T17:05:00Z'));
    expect(empty).toMatchObject({ day: '2026-12-02', seq: '0', hash: '00'.repeat(32), recorded: true });
    const rowIds = [await append(), await append({ comment: 'Đồng ý' }), await append(), await append()];
    const digest = await recordAuditDigest(ds, '2026-12-03', new Date('2026-12-03T17:05:00Z'));
    const head = (await seals())[3];
    expect(digest).toEqual({
      day: '2026-12-03',
      seq: '4',
      hash: head.hash.toString('hex'),
      recordedAt: new Date('2026-12-03T17:05:00Z'),
      recorded: true,
    });
    // The Schedule's retried run of the same day keeps the first record.
    await append();
    expect(await recordAuditDigest(ds, '2026-12-03', new Date('2026-12-03T17:06:00Z'))).toMatchObject({
      seq: '4',
      recorded: false,
    });
    expect(await verifyAuditLedger(ds)).toMatchObject({ ok: true, checked: 5, digests: 2 });

    // The rewritten chain: a row altered, every seal computed again. The chain itself is consistent.
    await tamper(`UPDATE audit_log SET comment = 'Không đồng ý' WHERE id = $1`, [rowIds[1]]);
    await tamper(`DELETE FROM audit_seal`);
    await tamper(`DO $$ DECLARE r audit_log; BEGIN
      FOR r IN SELECT * FROM audit_log ORDER BY id LOOP PERFORM audit_seal_row(r); END LOOP; END $$`);
    expect((await verifyAuditLedger(ds)).firstMismatch).toMatchObject({
      reason: 'digest_mismatch',
      auditId: rowIds[3],
      seq: '4',
      day: '2026-12-03',
    });

    // The cut end: the last two rows removed with their seals.
    await ds.query(`TRUNCATE audit_seal, audit_digest, audit_log`);
    for (let i = 0; i < 4; i++) await append();
    await recordAuditDigest(ds, '2026-12-03', new Date('2026-12-03T17:05:00Z'));
    await tamper(`DELETE FROM audit_seal WHERE seq > 2`);
    await tamper(`DELETE FROM audit_log WHERE id NOT IN (SELECT audit_id FROM audit_seal)`);
    const cut = await verifyAuditLedger(ds);
    expect(cut).toMatchObject({ ok: false, checked: 2, head: { seq: '2' } });
    expect(cut.firstMismatch).toMatchObject({ reason: 'truncated', day: '2026-12-03', seq: '4', auditId: null });
    expect(cut.firstMismatch?.message).toBe(
      'Bản tóm tắt ngày 2026-12-03 ghi đầu chuỗi ở vị trí 4, nhưng chuỗi chỉ còn đến vị trí 2: phần cuối nhật ký đã bị cắt bỏ',
    );
  });

  it('should refuse to change or remove a seal or a digest', async () => {
    const id = await append();
    await recordAuditDigest(ds, '2026-12-03', new Date());
    await expect(ds.query(`UPDATE audit_seal SET seq = 9 WHERE audit_id = $1`, [id])).rejects.toThrow(
      'audit_seal is append-only',
    );
    await expect(ds.query(`DELETE FROM audit_seal`)).rejects.toThrow('audit_seal is append-only');
    await expect(ds.query(`DELETE FROM audit_digest`)).rejects.toThrow('audit_digest is append-only');
  });

  it('should seal the rows written before it in the order of their ids (up), and drop the ledger (down)', async () => {
    const migration = new AuditLedger1765324800100();
    await runMigrationStep(ds, (q) => migration.down(q));
    const caseId = randomUUID();
    const ids = [await append({ caseId }), await append(), await append({ caseId })];
    await runMigrationStep(ds, (q) => migration.up(q));

    expect((await seals()).map((r) => [r.id, r.seq, r.case_seq])).toEqual([
      [ids[0], '1', 1],
      [ids[1], '2', null],
      [ids[2], '3', 2],
    ]);
    expect(await verifyAuditLedger(ds)).toMatchObject({ ok: true, checked: 3 });
    expect(await verifyAuditLedger(ds, { caseId })).toMatchObject({ ok: true, checked: 2 });
    const next = await append({ caseId });
    expect((await seals()).at(-1)).toMatchObject({ id: next, seq: '4', case_seq: 3 });
  });
});
