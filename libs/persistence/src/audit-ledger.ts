import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Issue 14 §5: verifying the audit ledger that migration 1765324800100 seals in the database. The hashes are
 * computed again here, in Node, from each row's fields as the database gives them (audit_row_fields): a row whose
 * hash does not follow from the row before it and its own content is named, in chain order.
 */

/** Why a row does not match; `message` says it in Vietnamese for the reader. */
export type LedgerMismatchReason =
  /** The row's content, or the hash stored with it, is not what was sealed after the row before it. */
  | 'altered'
  /** The chain's places have a gap (a row removed) or start elsewhere than 1. */
  | 'out_of_sequence'
  /** A row of the log without a seal (written around the audit trigger), or sealed under another case. */
  | 'unsealed'
  /** A daily digest names a place the chain no longer reaches: the log's end was cut. */
  | 'truncated'
  /** A daily digest recorded another hash at its place: the chain was rewritten after that day. */
  | 'digest_mismatch';

export type LedgerMismatch = {
  reason: LedgerMismatchReason;
  /** The audit row (its id), when the mismatch is a row's. */
  auditId: string | null;
  /** Its place in the global chain, or in its case's chain for a case's verification. */
  seq: string | null;
  /** For `truncated` and `digest_mismatch`: the digest's local date. */
  day: string | null;
  /** The hash the row should carry (hex), and the one it carries. */
  expectedHash: string | null;
  storedHash: string | null;
  message: string;
};

export type LedgerVerification = {
  /** The whole log's global chain, or one case's chain. */
  scope: 'log' | 'case';
  caseId: string | null;
  ok: boolean;
  /** Rows checked before the first mismatch (all of them when ok). */
  checked: number;
  /** The chain's last place and hash (hex); place 0 and 32 zero bytes for an empty chain. */
  head: { seq: string; hash: string };
  /** Daily digests compared with the chain (log scope). */
  digests: number;
  firstMismatch: LedgerMismatch | null;
};

export type VerifyLedgerOptions = {
  /** One case's chain; the whole log when absent. */
  caseId?: string;
  /** Rows read per query. */
  batchSize?: number;
  /** Called after each batch with the rows checked so far and the chain's length when the verification began. */
  onProgress?: (checked: number, total: number) => void;
};

/** The hash before the first row of every chain. */
export const LEDGER_GENESIS = Buffer.alloc(32);

/** The message of a row as audit_row_message builds it: `v1`, then each field as `<bytes>:<text>`, or `~` for NULL. */
export function ledgerMessage(fields: (string | null)[]): Buffer {
  const parts = fields.map((f) => (f === null ? '~' : `${Buffer.byteLength(f, 'utf8')}:${f}`));
  return Buffer.from(`v1${parts.join('')}`, 'utf8');
}

/** SHA-256(previous ‖ message): the hash a row carries. */
export function ledgerHash(previous: Buffer, fields: (string | null)[]): Buffer {
  return createHash('sha256').update(previous).update(ledgerMessage(fields)).digest();
}

type Queryable = DataSource | EntityManager;

type ChainRow = { seq: string; hash: Buffer; prev_hash: Buffer | null; audit_id: string; fields: (string | null)[] };

const hex = (b: Buffer | null) => (b ? b.toString('hex') : null);

/** Verifies the whole log's chain (with its daily digests and unsealed rows), or one case's. */
export async function verifyAuditLedger(db: Queryable, options: VerifyLedgerOptions = {}): Promise<LedgerVerification> {
  return options.caseId ? verifyCase(db, options.caseId, options) : verifyLog(db, options);
}

async function verifyLog(db: Queryable, options: VerifyLedgerOptions): Promise<LedgerVerification> {
  const batchSize = options.batchSize ?? 5_000;
  const [{ total }] = (await db.query(`SELECT count(*)::int AS total FROM audit_seal`)) as { total: number }[];
  const digestRows = (await db.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, seq::text AS seq, hash FROM audit_digest ORDER BY day`,
  )) as { day: string; seq: string; hash: Buffer }[];
  const digestsAt = new Map<string, { day: string; hash: Buffer }[]>();
  for (const d of digestRows) digestsAt.set(d.seq, [...(digestsAt.get(d.seq) ?? []), d]);

  let checked = 0;
  let last = { seq: 0n, hash: LEDGER_GENESIS };
  const result = (firstMismatch: LedgerMismatch | null): LedgerVerification => ({
    scope: 'log',
    caseId: null,
    ok: firstMismatch === null,
    checked,
    head: { seq: last.seq.toString(), hash: last.hash.toString('hex') },
    digests: digestRows.length,
    firstMismatch,
  });

  for (;;) {
    const rows = (await db.query(
      `SELECT s.seq::text AS seq, s.hash, s.audit_id::text AS audit_id, audit_row_fields(a) AS fields
         FROM audit_seal s JOIN audit_log a ON a.id = s.audit_id
        WHERE s.seq > $1 ORDER BY s.seq LIMIT $2`,
      [last.seq.toString(), batchSize],
    )) as Omit<ChainRow, 'prev_hash'>[];
    for (const row of rows) {
      const mismatch = checkLink(row, last, 'log');
      if (mismatch) return result(mismatch);
      for (const d of digestsAt.get(row.seq) ?? []) if (!d.hash.equals(row.hash)) return result(digestMismatch(d, row));
      last = { seq: BigInt(row.seq), hash: row.hash };
      checked++;
    }
    options.onProgress?.(checked, total);
    if (rows.length < batchSize) break;
  }

  for (const d of digestRows)
    if (BigInt(d.seq) > last.seq)
      return result({
        reason: 'truncated',
        auditId: null,
        seq: d.seq,
        day: d.day,
        expectedHash: hex(d.hash),
        storedHash: null,
        message:
          `Bản tóm tắt ngày ${d.day} ghi đầu chuỗi ở vị trí ${d.seq}, nhưng chuỗi chỉ còn đến vị trí ${last.seq}: ` +
          'phần cuối nhật ký đã bị cắt bỏ',
      });
  const unsealed = (await db.query(
    `SELECT a.id::text AS id FROM audit_log a
      WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = a.id) ORDER BY a.id LIMIT 1`,
  )) as { id: string }[];
  return result(unsealed.length ? unsealedRow(unsealed[0].id) : null);
}

async function verifyCase(db: Queryable, caseId: string, options: VerifyLedgerOptions): Promise<LedgerVerification> {
  const batchSize = options.batchSize ?? 5_000;
  const [{ total }] = (await db.query(`SELECT count(*)::int AS total FROM audit_seal WHERE case_id = $1`, [
    caseId,
  ])) as { total: number }[];
  let checked = 0;
  let last = { seq: 0n, hash: LEDGER_GENESIS };
  const result = (firstMismatch: LedgerMismatch | null): LedgerVerification => ({
    scope: 'case',
    caseId,
    ok: firstMismatch === null,
    checked,
    head: { seq: last.seq.toString(), hash: last.hash.toString('hex') },
    digests: 0,
    firstMismatch,
  });

  for (;;) {
    // Each row of the case is checked in both chains: its case's, and the global one after the row before it there.
    const rows = (await db.query(
      `SELECT s.case_seq::text AS seq, s.case_hash AS hash, s.audit_id::text AS audit_id, audit_row_fields(a) AS fields,
              s.seq::text AS global_seq, s.hash AS global_hash, p.hash AS prev_hash
         FROM audit_seal s JOIN audit_log a ON a.id = s.audit_id
         LEFT JOIN audit_seal p ON p.seq = s.seq - 1
        WHERE s.case_id = $1 AND s.case_seq > $2 ORDER BY s.case_seq LIMIT $3`,
      [caseId, Number(last.seq), batchSize],
    )) as (ChainRow & { global_seq: string; global_hash: Buffer })[];
    for (const row of rows) {
      const mismatch =
        checkLink(row, last, 'case') ??
        checkLink(
          { seq: row.global_seq, hash: row.global_hash, audit_id: row.audit_id, fields: row.fields },
          { seq: BigInt(row.global_seq) - 1n, hash: row.global_seq === '1' ? LEDGER_GENESIS : row.prev_hash },
          'log',
        );
      if (mismatch) return result(mismatch);
      last = { seq: BigInt(row.seq), hash: row.hash };
      checked++;
    }
    options.onProgress?.(checked, total);
    if (rows.length < batchSize) break;
  }
  // A row of the case with no seal, or whose seal is another case's (its case_id changed since).
  const unsealed = (await db.query(
    `SELECT a.id::text AS id FROM audit_log a LEFT JOIN audit_seal s ON s.audit_id = a.id
      WHERE a.case_id = $1 AND (s.audit_id IS NULL OR s.case_id IS DISTINCT FROM a.case_id) ORDER BY a.id LIMIT 1`,
    [caseId],
  )) as { id: string }[];
  return result(unsealed.length ? unsealedRow(unsealed[0].id) : null);
}

/** The link from `previous` (the row before in the chain) to `row`: its place and its hash. */
function checkLink(
  row: { seq: string; hash: Buffer; audit_id: string; fields: (string | null)[] },
  previous: { seq: bigint; hash: Buffer | null },
  chain: 'log' | 'case',
): LedgerMismatch | null {
  const where = chain === 'log' ? 'chuỗi nhật ký' : 'chuỗi nhật ký của hồ sơ';
  const expectedSeq = previous.seq + 1n;
  if (previous.hash === null || BigInt(row.seq) !== expectedSeq)
    return {
      reason: 'out_of_sequence',
      auditId: row.audit_id,
      seq: row.seq,
      day: null,
      expectedHash: null,
      storedHash: hex(row.hash),
      message:
        previous.hash === null
          ? `Chuỗi nhật ký đứt trước dòng ${row.audit_id}: không còn dòng nào ở vị trí ${previous.seq} liền trước nó`
          : `${where[0].toUpperCase()}${where.slice(1)} đứt trước dòng ${row.audit_id}: dòng này mang vị trí ` +
            `${row.seq}, đáng lẽ là ${expectedSeq} (một dòng đã bị xóa hoặc chèn)`,
    };
  const expected = ledgerHash(previous.hash, row.fields);
  if (expected.equals(row.hash)) return null;
  return {
    reason: 'altered',
    auditId: row.audit_id,
    seq: row.seq,
    day: null,
    expectedHash: expected.toString('hex'),
    storedHash: hex(row.hash),
    message:
      `Dòng nhật ký ${row.audit_id} (vị trí ${row.seq} trong ${where}) không khớp mã băm: nội dung của nó đã bị sửa ` +
      'sau khi ghi, hoặc dòng liền trước nó trong chuỗi đã bị chèn vào hay thay đổi',
  };
}

function digestMismatch(d: { day: string; hash: Buffer }, row: { seq: string; hash: Buffer; audit_id: string }) {
  return {
    reason: 'digest_mismatch' as const,
    auditId: row.audit_id,
    seq: row.seq,
    day: d.day,
    expectedHash: hex(d.hash),
    storedHash: hex(row.hash),
    message:
      `Bản tóm tắt ngày ${d.day} ghi một mã băm khác cho vị trí ${row.seq} (dòng ${row.audit_id}): ` +
      'chuỗi nhật ký đã bị viết lại sau ngày đó',
  };
}

function unsealedRow(id: string): LedgerMismatch {
  return {
    reason: 'unsealed',
    auditId: id,
    seq: null,
    day: null,
    expectedHash: null,
    storedHash: null,
    message: `Dòng nhật ký ${id} không có dấu niêm phong của chuỗi (hoặc mang dấu của hồ sơ khác): nó được ghi hay sửa ngoài cơ chế ghi nhật ký`,
  };
}

export type AuditDigest = { day: string; seq: string; hash: string; recordedAt: Date; recorded: boolean };

/**
 * Records the global chain's head as the digest of `day` (the local date of `at`), once a day: a second call of the
 * same day keeps the first record and returns it with `recorded: false` (the Schedule's retried run).
 */
export async function recordAuditDigest(db: Queryable, day: string, at: Date): Promise<AuditDigest> {
  const inserted = (await db.query(
    `INSERT INTO audit_digest (day, seq, hash, recorded_at)
     SELECT $1::date, coalesce(h.seq, 0), coalesce(h.hash, $3), $2
       FROM (SELECT NULL) AS one LEFT JOIN LATERAL (SELECT seq, hash FROM audit_seal ORDER BY seq DESC LIMIT 1) h ON true
     ON CONFLICT (day) DO NOTHING
     RETURNING to_char(day, 'YYYY-MM-DD') AS day, seq::text AS seq, hash, recorded_at`,
    [day, at, LEDGER_GENESIS],
  )) as { day: string; seq: string; hash: Buffer; recorded_at: Date }[];
  const row =
    inserted[0] ??
    (
      (await db.query(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, seq::text AS seq, hash, recorded_at FROM audit_digest WHERE day = $1`,
        [day],
      )) as { day: string; seq: string; hash: Buffer; recorded_at: Date }[]
    )[0];
  return {
    day: row.day,
    seq: row.seq,
    hash: row.hash.toString('hex'),
    recordedAt: row.recorded_at,
    recorded: inserted.length > 0,
  };
}
