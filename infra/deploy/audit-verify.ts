import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '@partyflow/config';
import { createDataSource, verifyAuditLedger, type LedgerVerification } from '@partyflow/persistence';

/**
 * Issue 14 §5: verifies the audit ledger from the command line, as GET /audit/verify does over the API: the whole
 * log (its global chain, the daily digests, rows without a seal) or one case's chain (`--case <id>`). Reads only;
 * migrates nothing. Prints its progress on stderr, then the result; `--json` prints the result as the API answers it.
 * Exit status: 0 when the ledger matches, 1 naming the first row that does not, 2 when it could not verify.
 *
 *   DATABASE_URL=postgres://… npm run audit:verify -- [--case <uuid>] [--json]
 */
const USAGE = 'usage: npm run audit:verify -- [--case <uuid>] [--json]';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function describeVerification(v: LedgerVerification): string {
  const what = v.scope === 'case' ? `the chain of case ${v.caseId}` : 'the whole audit log';
  if (v.ok)
    return (
      `[audit-verify] ${what}: ${v.checked} rows match; head ${v.head.seq} ${v.head.hash}` +
      (v.scope === 'log' ? `; ${v.digests} daily digests match` : '')
    );
  const m = v.firstMismatch!;
  return (
    `[audit-verify] ${what}: MISMATCH (${m.reason}) after ${v.checked} matching rows` +
    (m.auditId ? `; first row: audit id ${m.auditId}` : '') +
    (m.seq ? `, place ${m.seq}` : '') +
    (m.day ? `; digest of ${m.day}` : '') +
    `\n  ${m.message}`
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { case: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.case !== undefined && !UUID.test(values.case)) throw new Error(`--case ${values.case}: not a UUID`);
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
  const dataSource = createDataSource({ url: config.databaseUrl, poolSize: 2 });
  await dataSource.initialize();
  try {
    let shown = 0;
    const result = await verifyAuditLedger(dataSource, {
      caseId: values.case?.toLowerCase(),
      onProgress: (checked, total) => {
        if (Date.now() - shown < 1000) return;
        shown = Date.now();
        console.error(`[audit-verify] ${checked} of ${total} rows checked`);
      },
    });
    console.log(values.json ? JSON.stringify(result, null, 2) : describeVerification(result));
    return result.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`[audit-verify] could not verify: ${e instanceof Error ? e.message : e}`);
      console.error(USAGE);
      process.exit(2);
    },
  );
}
