import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { DataSource, QueryRunner } from 'typeorm';
import { openDatabase } from '../data-source';
import { OrganisationEntity } from '../entities/organisation.entity';

/**
 * As in infra/postgres/embedded-postgres.ts, which only specs may import (module boundaries); the child loads it.
 * Without `dataDir`, the child makes a disposable server's folder (`disposableDataDir`: in memory where there is room).
 */
export type StartPostgresOptions = {
  dataDir?: string;
  port?: number;
  database: string;
  fresh?: boolean;
  disposable?: boolean;
};
export type PostgresHandle = { url: string; stop: () => Promise<void> };

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const URL_MARKER = 'PARTYFLOW_PG_URL=';

/**
 * `startPostgres` in a child Node process. The `embedded-postgres` package is ESM-only: Node
 * loads it (require(esm), Node ≥ 20.19) but Jest's module sandbox cannot, so the server runs
 * next to the test. The child stops PostgreSQL when its stdin closes (also if Jest dies).
 */
export async function startPostgresProcess(options: StartPostgresOptions): Promise<PostgresHandle> {
  const script = `
    const { disposableDataDir, startPostgres } = require(${JSON.stringify(path.join(REPO_ROOT, 'infra/postgres/embedded-postgres.ts'))});
    const options = ${JSON.stringify(options)};
    startPostgres({ ...options, dataDir: options.dataDir ?? disposableDataDir('partyflow-' + options.database + '-') }).then((pg) => {
      let stopping = false;
      const stop = () => { if (stopping) return; stopping = true; pg.stop().finally(() => process.exit(0)); };
      process.stdin.on('end', stop);
      process.stdin.on('close', stop);
      process.on('SIGTERM', stop);
      process.stdin.resume();
      process.stdout.write(${JSON.stringify(URL_MARKER)} + pg.url + '\\n');
    }, (error) => { process.stderr.write(String((error && error.stack) || error)); process.exit(1); });
  `;
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['-r', path.join(REPO_ROOT, 'infra/scripts/register.js'), '-e', script],
    {
      cwd: REPO_ROOT,
      env: process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const line = stdout.split('\n').find((entry) => entry.startsWith(URL_MARKER));
      if (line) resolve(line.slice(URL_MARKER.length).trim());
    });
    child.once('exit', (code) => reject(new Error(`PostgreSQL process exited (${code}): ${stderr}`)));
  });
  return {
    url,
    stop: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** What `useScratchDatabase` gives a spec, once its `beforeAll` has run. */
export type ScratchDatabase = { readonly url: string; readonly ds: DataSource };

/**
 * In a spec's `describe`: a disposable PostgreSQL server of its own (`startPostgresProcess`), the data
 * source `open` makes of it (default: migrated by `openDatabase`), and their removal after the block. Register it
 * before the block's own `beforeAll`, which then finds `ds` open.
 */
export function useScratchDatabase(
  database: string,
  open: (url: string) => Promise<DataSource> = (url) => openDatabase({ url }),
): ScratchDatabase {
  let pg: PostgresHandle | undefined;
  let ds: DataSource | undefined;
  beforeAll(async () => {
    // Fresh: the child removes the folder when it stops the server.
    pg = await startPostgresProcess({ database, fresh: true, disposable: true });
    ds = await open(pg.url);
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await pg?.stop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useScratchDatabase: read before its beforeAll ran');
    return value;
  };
  return {
    get url() {
      return ready(pg).url;
    },
    get ds() {
      return ready(ds);
    },
  };
}

/** Runs one step of a migration (its `up` or `down`) on a query runner of its own, released after it. */
export async function runMigrationStep(ds: DataSource, step: (q: QueryRunner) => Promise<void>): Promise<void> {
  const q = ds.createQueryRunner();
  try {
    await step(q);
  } finally {
    await q.release();
  }
}

/** A root organisation (no parent) of a migration spec's own; returns its id. */
export async function insertRootOrganisation(
  ds: DataSource,
  org: { code: string; name: string; kind: OrganisationEntity['kind'] },
): Promise<string> {
  const id = randomUUID();
  await ds.getRepository(OrganisationEntity).insert({ id, ...org, parentId: null, path: `/${id}/`, depth: 0 });
  return id;
}

/** The names of a table's columns, as the database has them now. */
export async function columnsOf(ds: DataSource, table: string): Promise<string[]> {
  const rows = (await ds.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1`, [
    table,
  ])) as { column_name: string }[];
  return rows.map((c) => c.column_name);
}
