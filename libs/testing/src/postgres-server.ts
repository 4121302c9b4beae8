import { disposableDataDir, startPostgres } from '../../../infra/postgres/embedded-postgres';

// Imported by Jest's global setup, which does not apply moduleNameMapper: relative imports only.
export const URL_VAR = 'PARTYFLOW_TEST_PG_ADMIN_URL';

/**
 * One real PostgreSQL server per test run: embedded (disposable: its data in memory where there is room, no fsync),
 * or a database on DATABASE_URL's server.
 */
export async function startTestPostgres(): Promise<() => Promise<void>> {
  const pg = await startPostgres({
    dataDir: disposableDataDir('partyflow-pg-'),
    database: 'partyflow_admin',
    fresh: true,
    disposable: true,
  });
  process.env[URL_VAR] = pg.url;
  return pg.stop;
}
