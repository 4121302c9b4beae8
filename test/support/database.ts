import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase } from '@partyflow/persistence';
import { URL_VAR } from './postgres-server';

/** Every test file gets a database of its own on the run's PostgreSQL server (see global-setup). */
export type TestDatabase = { dataSource: DataSource; url: string; drop: () => Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env[URL_VAR];
  if (!adminUrl) throw new Error(`${URL_VAR} is not set: run the tests through the Jest config that starts PostgreSQL`);
  const name = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataSource = await openDatabase({ url: url.toString(), poolSize: 5 });
  return {
    dataSource,
    url: url.toString(),
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
