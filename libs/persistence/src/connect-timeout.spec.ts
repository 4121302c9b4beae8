import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { PostgresHandle } from '../../../infra/postgres/embedded-postgres';
import { createDataSource } from './data-source';
import { startPostgresProcess } from './testing/postgres-process';

/**
 * Nothing waits for ever (the developers' guide): a query that finds every connection of the pool busy fails after
 * `connectTimeoutMs` (DATABASE_CONNECT_TIMEOUT_MS) with node-postgres' "timeout exceeded when trying to connect",
 * the message the API's isDatabaseUnavailable maps to 503, instead of hanging the request; once a connection is
 * free again, queries go through.
 */
describe('the pool wait of a data source (connectTimeoutMs)', () => {
  let dataDir: string;
  let pg: PostgresHandle;
  let ds: DataSource;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'partyflow-pool-'));
    pg = await startPostgresProcess({ dataDir, database: 'pool_test', fresh: true });
    ds = createDataSource({ url: pg.url, poolSize: 1, connectTimeoutMs: 300 });
    await ds.initialize();
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    if (pg) await pg.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('should fail a query with "timeout exceeded when trying to connect" while the only connection is held, then serve it', async () => {
    const holder = ds.createQueryRunner();
    await holder.connect();
    try {
      await expect(ds.query('SELECT 1 AS one')).rejects.toThrow(/timeout exceeded when trying to connect/);
    } finally {
      await holder.release();
    }
    await expect(ds.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });
});
