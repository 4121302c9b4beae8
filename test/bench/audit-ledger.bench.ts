/**
 * Audit ledger benchmark (issue 14 §5): its own command (`bash infra/scripts/bench-audit-ledger.sh`), not part of
 * the test suite, and it never fails on time. On a migrated PostgreSQL database it measures:
 *  - what the seal costs a write: audit rows written one per transaction by C concurrent writers, as activities and
 *    the API write them, with the seal trigger on, then off (the difference is the seal);
 *  - sealing a bulk insert (one transaction, as the bench:scale dataset writes its log);
 *  - verifying the whole log of that size (GET /audit/verify, npm run audit:verify), and one case's chain.
 *
 * Usage: node -r ./infra/scripts/register.js test/bench/audit-ledger.bench.ts [--rows N] [--writes W] [--concurrency C]
 *        (defaults: a log of 200,000 rows, 20,000 single writes, 8 writers)
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { verifyAuditLedger } from '@partyflow/persistence';
import { createTemplateDatabase, createTestDatabase, startTestPostgres, URL_VAR } from '@partyflow/testing';
import { parseNumericOptions, runBench } from './bench-cli';

const t = performance.now();
const log = (msg: string) =>
  console.error(`[bench-audit-ledger +${((performance.now() - t) / 1000).toFixed(1)} s] ${msg}`);

/** `writes` audit rows, one per transaction, by `concurrency` writers; rows per second. */
async function singleWrites(ds: DataSource, writes: number, concurrency: number, caseIds: string[]): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < writes) {
        const i = next++;
        await ds.query(
          `INSERT INTO audit_log (event_key, at, action, actor_name, process, case_id, step, outcome, comment)
           VALUES ($1, now(), 'task.completed', 'Nguyễn Văn Bình', 'admission', $2, 'cell_vote', 'approved', 'Đồng ý')
           ON CONFLICT (event_key) DO NOTHING`,
          [`bench:${randomUUID()}`, caseIds[i % caseIds.length]],
        );
      }
    }),
  );
  return writes / ((performance.now() - t0) / 1000);
}

async function main(cleanups: (() => Promise<void>)[]): Promise<void> {
  const opts = parseNumericOptions(
    process.argv.slice(2),
    { rows: 200_000, writes: 20_000, concurrency: 8 },
    'bench-audit-ledger.sh [--rows N] [--writes W] [--concurrency C]',
  );
  log('starting PostgreSQL and a migrated database');
  cleanups.push(await startTestPostgres());
  cleanups.push(await createTemplateDatabase(process.env[URL_VAR] as string));
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  const ds = db.dataSource;
  const caseIds = Array.from({ length: 200 }, () => randomUUID());

  const writes: { writers: number; sealed: number; unsealed: number }[] = [];
  for (const writers of [...new Set([1, opts.concurrency])]) {
    log(`${opts.writes} single writes by ${writers} writers, sealed, then with the seal off`);
    const sealed = await singleWrites(ds, opts.writes, writers, caseIds);
    await ds.query(`ALTER TABLE audit_log DISABLE TRIGGER tr_audit_log_seal`);
    const unsealed = await singleWrites(ds, opts.writes, writers, caseIds);
    await ds.query(`ALTER TABLE audit_log ENABLE TRIGGER tr_audit_log_seal`);
    writes.push({ writers, sealed, unsealed });
  }
  // The unsealed rows would be named by the verification: the log is started again for the bulk part.
  await ds.query(`TRUNCATE audit_seal, audit_digest, audit_log`);

  log(`a bulk insert of ${opts.rows} rows in one transaction, sealed at its commit`);
  const b0 = performance.now();
  await ds.query(
    `INSERT INTO audit_log (event_key, at, action, actor_name, process, case_id, task_id, step, outcome, details)
     SELECT 'bench:' || g, now() - (g || ' seconds')::interval, 'task.completed', 'Trần Thị Hoà', 'admission',
            (md5('case' || (g % $2))::uuid), md5('task' || g)::uuid, 'cell_vote', 'approved',
            jsonb_build_object('votes', jsonb_build_object('for', 7, 'against', g % 3))
       FROM generate_series(1, $1) g`,
    [opts.rows, Math.max(1, Math.floor(opts.rows / 50))],
  );
  const bulkMs = performance.now() - b0;
  const [{ size }] = (await ds.query(`SELECT pg_size_pretty(pg_total_relation_size('audit_seal')) AS size`)) as {
    size: string;
  }[];

  log('verifying the whole log');
  const v0 = performance.now();
  let lastProgress = 0;
  const whole = await verifyAuditLedger(ds, {
    onProgress: (checked, total) => {
      if (performance.now() - lastProgress < 5000) return;
      lastProgress = performance.now();
      log(`  ${checked} of ${total} rows checked`);
    },
  });
  const verifyMs = performance.now() - v0;
  const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  const [{ case_id: caseId }] = (await ds.query(
    `SELECT case_id FROM audit_seal WHERE case_id IS NOT NULL LIMIT 1`,
  )) as {
    case_id: string;
  }[];
  const c0 = performance.now();
  const ofCase = await verifyAuditLedger(ds, { caseId });
  const caseMs = performance.now() - c0;
  if (!whole.ok || !ofCase.ok) throw new Error(`the ledger does not verify: ${JSON.stringify(whole.firstMismatch)}`);

  const lines = [
    `Audit ledger benchmark: ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}`,
    ...writes.map(
      (w) =>
        `  single writes (one row a transaction, ${w.writers} writer${w.writers > 1 ? 's' : ''}): ` +
        `${w.sealed.toFixed(0)} rows/s sealed, ${w.unsealed.toFixed(0)} rows/s with the seal off ` +
        `(${((1 - w.sealed / w.unsealed) * 100).toFixed(1)}% fewer)`,
    ),
    `  bulk insert of ${opts.rows} rows, sealed at commit: ${(bulkMs / 1000).toFixed(1)} s ` +
      `(${(opts.rows / (bulkMs / 1000)).toFixed(0)} rows/s); audit_seal ${size}`,
    `  whole-log verification: ${whole.checked} rows in ${(verifyMs / 1000).toFixed(1)} s ` +
      `(${(whole.checked / (verifyMs / 1000)).toFixed(0)} rows/s), RSS ${rssMb} MB after`,
    `  one case's verification: ${ofCase.checked} rows in ${caseMs.toFixed(1)} ms`,
  ];
  console.log(lines.join('\n'));
}

runBench(main, log);
