import { createDataSource } from './data-source';
import { useScratchDatabase } from './testing/postgres-process';

/**
 * Nothing waits for ever (the developers' guide): a query that finds every connection of the pool busy fails after
 * `connectTimeoutMs` (DATABASE_CONNECT_TIMEOUT_MS) with node-postgres' "timeout exceeded when trying to connect",
 * the message the API's isDatabaseUnavailable maps to 503, instead of hanging the request; once a connection is
 * free again, queries go through.
 */
describe('the pool wait of a data source (connectTimeoutMs)', () => {
  const db = useScratchDatabase('pool_test', async (url) =>
    createDataSource({ url, poolSize: 1, connectTimeoutMs: 300 }).initialize(),
  );

  it('should fail a query with "timeout exceeded when trying to connect" while the only connection is held, then serve it', async () => {
    const holder = db.ds.createQueryRunner();
    await holder.connect();
    try {
      await expect(db.ds.query('SELECT 1 AS one')).rejects.toThrow(/timeout exceeded when trying to connect/);
    } finally {
      await holder.release();
    }
    await expect(db.ds.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });
});
