import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { Supervisor } from '../demo/supervisor';
import { createDatabaseIfMissing, embeddedBinaries, reachableByPostgresUser } from './embedded-postgres';
import { initdbIfMissing, postgresArgs, postgresUserIds, relocatePostgres, RELOCATED_NOTE } from './relocated-postgres';

/**
 * The launchers' PostgreSQL as a supervised part (issue 12 §1): the data folder is initialised as the embedded
 * server's always was (initdb from the embedded-postgres package's binaries; as root, run as the `postgres` user,
 * relocated when that user cannot enter the clone), then the `postgres` binary itself runs as a part of the
 * launcher's supervisor: a kill -9 of it is logged and followed by a restart on the same data and port, within the
 * supervisor's bounded restarts, and Ctrl-C stops it after every other part (fast shutdown, SIGKILL after the grace).
 */
export type SupervisedPostgresOptions = {
  supervisor: Supervisor;
  /** The clone's data folder of PostgreSQL (`<PARTYFLOW_DATA_DIR>/postgres`). */
  dataDir: string;
  port: number;
  database: string;
  /** Its server log (appended). */
  logFile: string;
  reachableDir: string;
  /** How long a (re)start may take to accept connections, crash recovery included. */
  readyTimeoutMs?: number;
};

const USER = 'partyflow';
const PASSWORD = 'partyflow';

export async function startSupervisedPostgres(o: SupervisedPostgresOptions): Promise<{ url: string }> {
  const dir = path.resolve(o.dataDir);
  mkdirSync(path.dirname(dir), { recursive: true });
  const binaries = embeddedBinaries();
  const ids = process.getuid?.() === 0 ? postgresUserIds() : undefined;
  const relocated =
    ids !== undefined &&
    (existsSync(path.join(dir, RELOCATED_NOTE)) ||
      (!existsSync(path.join(dir, 'PG_VERSION')) && !reachableByPostgresUser(binaries.initdb, path.dirname(dir))));
  const { binDir, data } = relocated
    ? relocatePostgres({ dataDir: dir, reachableDir: o.reachableDir, binaries })
    : { binDir: path.dirname(binaries.postgres), data: dir };
  await initdbIfMissing({ initdb: path.join(binDir, 'initdb'), data, user: USER, password: PASSWORD, ids });

  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${o.port}`;
  await o.supervisor.start({
    name: 'postgres',
    command: path.join(binDir, 'postgres'),
    args: postgresArgs(data, o.port),
    env: process.env,
    cwd: '/',
    uid: ids?.uid,
    gid: ids?.gid,
    logFile: o.logFile,
    ready: () => waitForPostgres(`${base}/postgres`, o.readyTimeoutMs ?? 120_000),
    stopSignal: 'SIGINT',
    last: true,
  });
  await createDatabaseIfMissing(base, o.database);
  return { url: `${base}/${o.database}` };
}

/** Waits until the server answers a query (not only its port: crash recovery refuses connections for a while). */
export async function waitForPostgres(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const c = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.query('SELECT 1');
      return;
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 250));
    } finally {
      await c.end().catch(() => undefined);
    }
  }
  throw new Error(`PostgreSQL did not answer within ${timeoutMs} ms: ${(last as Error)?.message ?? String(last)}`);
}
