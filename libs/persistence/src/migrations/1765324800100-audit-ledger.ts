import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 §5, a tamper-evident ledger. Every audit row is sealed, in the transaction that writes it, by a row of
 * `audit_seal`: its place in the global chain (`seq`, from 1, no gap) and `hash` = SHA-256(the previous row's hash ‖
 * this row's message), and for a row of a case its place and hash in the chain of that case (`case_seq`,
 * `case_hash`). The first row of a chain follows 32 zero bytes. A row altered, removed or slipped in afterwards no
 * longer matches the hashes that follow it (libs/audit ledger.ts verifies them, GET /audit/verify, npm run
 * audit:verify). `audit_digest` keeps the chain head of each day (the audit-chain-digest Schedule), so that cutting
 * the log's end is seen too.
 *
 * The message of a row (audit_row_message) is `v1` followed by each of its fields (audit_row_fields) as text, each as
 * `<bytes>:<text>`, or `~` for NULL; `at` in UTC to the microsecond, `details` as PostgreSQL writes jsonb. The
 * organisation it is read under (`scope_org_id`) is derived from these fields and is not part of it.
 *
 * The seal is written by a deferred constraint trigger: at commit, after every other write of the transaction. The
 * chains are one order, so sealing takes a transaction-scoped advisory lock, held from the seal to the commit: the
 * transactions that write audit rows commit one after another at that point, and none waits for it while holding it
 * (no deadlock). audit_seal and audit_digest refuse UPDATE and DELETE, like audit_log. The rows written before are
 * sealed here in the order of their ids.
 */
export class AuditLedger1765324800100 implements MigrationInterface {
  name = 'AuditLedger1765324800100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_seal (
        audit_id bigint NOT NULL,
        seq bigint NOT NULL,
        hash bytea NOT NULL,
        case_id uuid NULL,
        case_seq integer NULL,
        case_hash bytea NULL,
        CONSTRAINT pk_audit_seal PRIMARY KEY (audit_id),
        CONSTRAINT audit_seal_audit_id_fkey FOREIGN KEY (audit_id) REFERENCES audit_log (id),
        CONSTRAINT ck_audit_seal_case CHECK ((case_id IS NULL) = (case_seq IS NULL) AND (case_id IS NULL) = (case_hash IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_audit_seal_seq ON audit_seal (seq)`);
    await q.query(`CREATE UNIQUE INDEX ux_audit_seal_case_seq ON audit_seal (case_id, case_seq)`);
    await q.query(`
      CREATE TABLE audit_digest (
        day date NOT NULL,
        seq bigint NOT NULL,
        hash bytea NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT pk_audit_digest PRIMARY KEY (day)
      )`);
    await q.query(`
      CREATE FUNCTION audit_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`);
    for (const table of ['audit_seal', 'audit_digest'])
      await q.query(`
        CREATE TRIGGER tr_${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION audit_ledger_append_only()`);

    await q.query(`
      CREATE FUNCTION audit_row_fields(a audit_log) RETURNS text[] LANGUAGE sql STABLE PARALLEL SAFE
      RETURN ARRAY[
        a.id::text, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), a.event_key, a.action,
        a.actor_user_id::text, a.actor_name, a.process, a.case_id::text, a.task_id::text, a.step, a.outcome,
        a.comment, a.details::text, a.org_id::text]`);
    await q.query(`
      CREATE FUNCTION audit_row_message(a audit_log) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE
      RETURN convert_to('v1' || (
        SELECT string_agg(CASE WHEN f IS NULL THEN '~' ELSE octet_length(f) || ':' || f END, '' ORDER BY i)
        FROM unnest(audit_row_fields(a)) WITH ORDINALITY AS u(f, i)), 'UTF8')`);
    await q.query(`
      CREATE FUNCTION audit_seal_row(a audit_log) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
          genesis constant bytea := decode(repeat('00', 32), 'hex');
          message constant bytea := audit_row_message(a);
          last_seq bigint;
          last_hash bytea;
          last_case_seq integer;
          last_case_hash bytea;
        BEGIN
          -- One chain, one writer at a time, to the commit (each statement below reads what was committed before).
          PERFORM pg_advisory_xact_lock(7314000140005);
          SELECT s.seq, s.hash INTO last_seq, last_hash FROM audit_seal s ORDER BY s.seq DESC LIMIT 1;
          IF a.case_id IS NOT NULL THEN
            SELECT s.case_seq, s.case_hash INTO last_case_seq, last_case_hash FROM audit_seal s
              WHERE s.case_id = a.case_id ORDER BY s.case_seq DESC LIMIT 1;
          END IF;
          INSERT INTO audit_seal (audit_id, seq, hash, case_id, case_seq, case_hash) VALUES (
            a.id, coalesce(last_seq, 0) + 1, sha256(coalesce(last_hash, genesis) || message), a.case_id,
            CASE WHEN a.case_id IS NOT NULL THEN coalesce(last_case_seq, 0) + 1 END,
            CASE WHEN a.case_id IS NOT NULL THEN sha256(coalesce(last_case_hash, genesis) || message) END);
        END $$`);
    await q.query(`
      CREATE FUNCTION audit_log_seal() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM audit_seal_row(NEW);
          RETURN NULL;
        END $$`);
    await q.query(`
      DO $$
        DECLARE r audit_log;
        BEGIN
          FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
            PERFORM audit_seal_row(r);
          END LOOP;
        END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER tr_audit_log_seal AFTER INSERT ON audit_log
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_log_seal()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_audit_log_seal ON audit_log`);
    await q.query(`DROP FUNCTION audit_log_seal()`);
    await q.query(`DROP FUNCTION audit_seal_row(audit_log)`);
    await q.query(`DROP FUNCTION audit_row_message(audit_log)`);
    await q.query(`DROP FUNCTION audit_row_fields(audit_log)`);
    await q.query(`DROP TABLE audit_digest`);
    await q.query(`DROP TABLE audit_seal`);
    await q.query(`DROP FUNCTION audit_ledger_append_only()`);
  }
}
