import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase } from '@partyflow/persistence';
import { URL_VAR } from './postgres-server';

/** Every test file gets a database of its own on the run's PostgreSQL server (see global-setup). */
export type TestDatabase = { dataSource: DataSource; url: string; drop: () => Promise<void> };

/** The name of the run's template database, migrated once by the global setup (issue 8 §4). */
export const TEMPLATE_VAR = 'PARTYFLOW_TEST_PG_TEMPLATE';

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * Global setup: creates the run's template database and applies the migrations to it once; every test
 * database is then a copy of it (`CREATE DATABASE … TEMPLATE`). The name is unique per run, so a template
 * left on an external server (DATABASE_URL) by an older run never stands in for newer migrations.
 * Returns the function that drops it (global teardown). No connection to the template stays open:
 * PostgreSQL copies only a database nobody is connected to.
 */
export async function createTemplateDatabase(adminUrl: string): Promise<() => Promise<void>> {
  const name = `tpl_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  // Two connections: openDatabase holds the migration lock on one while the migrations run on the other.
  const dataSource = await openDatabase({ url: databaseUrl(adminUrl, name), poolSize: 2 });
  await dataSource.destroy();
  process.env[TEMPLATE_VAR] = name;
  return () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env[URL_VAR];
  const template = process.env[TEMPLATE_VAR];
  if (!adminUrl || !template) {
    throw new Error(
      `${URL_VAR} or ${TEMPLATE_VAR} is not set: run the tests through the Jest config that starts PostgreSQL`,
    );
  }
  const name = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = databaseUrl(adminUrl, name);
  // The copy is already migrated: openDatabase finds no pending migration (and applies one if there were).
  const dataSource = await openDatabase({ url, poolSize: 5 });
  return {
    dataSource,
    url,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
