/**
 * The child process of `startRestartablePostgres` (run with `node -r infra/scripts/register.js`): an embedded
 * PostgreSQL server that stops and starts on the lines `stop` / `start` of its stdin, answering `ready <url>`,
 * `stopped` and `started` on stdout; `exit` (or the end of stdin) stops it and removes its data. The package is
 * ESM-only, which Jest's module system does not load: hence a process of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { freePort, startPostgres, type PostgresHandle } from '../../../infra/postgres/embedded-postgres';

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'partyflow-pg-restartable-'));
  const options = { dataDir, port: await freePort(), database: 'partyflow', embedded: true };
  let running: PostgresHandle | null = await startPostgres(options);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`ready ${running.url}`);
  const exit = async () => {
    await running?.stop().catch(() => undefined);
    running = null;
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  const lines = createInterface({ input: process.stdin });
  lines.on('close', () => void exit());
  for await (const line of lines) {
    if (line === 'stop') {
      await running?.stop();
      running = null;
      say('stopped');
    } else if (line === 'start') {
      running ??= await startPostgres(options);
      say('started');
    } else if (line === 'exit') await exit();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`[restartable-postgres] ${e.stack ?? e.message}\n`);
  process.exit(1);
});
