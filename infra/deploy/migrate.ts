import 'reflect-metadata';
import { Connection } from '@temporalio/client';
import { loadConfig, type AppConfig } from '@partyflow/config';
import { configureTimeZone } from '@partyflow/domain';
import { openDatabase, seedDemoData, seedReferenceData } from '@partyflow/persistence';
import { ensureSearchAttributes } from './search-attributes';

export type MigrateResult = { migrations: string[]; searchAttributesAdded: string[]; demoData: boolean };

/**
 * The one-shot production step that runs before a release's API and workers (the compose file's `migrate` service,
 * the Kubernetes Job `partyflow-migrate`), with the same image and environment as they:
 * 1. the PostgreSQL migrations (under the advisory lock the API and worker also take, so a start racing this step
 *    waits instead of migrating twice);
 * 2. the reference data: the default deadline policies and the public holidays, inserted when missing and never
 *    overwriting an administrator's change;
 * 3. the custom search attributes on TEMPORAL_NAMESPACE (the namespace itself is the Temporal cluster's: the
 *    auto-setup image or the Helm chart creates it).
 * Demo data (the Hà Nội tree, its users with the shared demo password) only with `--demo-data`; never in production.
 * Each step is idempotent: running it again changes nothing.
 */
export async function migrate(config: AppConfig, { demoData = false } = {}): Promise<MigrateResult> {
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required by the migrate step');
  const dataSource = await openDatabase({ url: config.databaseUrl, poolSize: 2 });
  let migrations: string[];
  try {
    migrations = (await dataSource.query('SELECT name FROM migrations ORDER BY id')).map(
      (r: { name: string }) => r.name,
    );
    await seedReferenceData(dataSource.manager);
    if (demoData) await seedDemoData(dataSource);
  } finally {
    await dataSource.destroy();
  }
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    const searchAttributesAdded = await ensureSearchAttributes(connection, config.temporal.namespace);
    return { migrations, searchAttributesAdded, demoData };
  } finally {
    await connection.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const unknown = argv.filter((a) => a !== '--demo-data');
  if (unknown.length) throw new Error(`Unknown argument ${unknown[0]}; usage: migrate.ts [--demo-data]`);
  const config = loadConfig();
  configureTimeZone(config.timeZone);
  const result = await migrate(config, { demoData: argv.includes('--demo-data') });
  console.log(
    `[migrate] ${result.migrations.length} migrations applied (last: ${result.migrations.at(-1)}); reference data ` +
      `present; search attributes added on ${config.temporal.namespace}: ` +
      `${result.searchAttributesAdded.join(', ') || 'none (all registered)'}` +
      (result.demoData ? '; demo data seeded' : ''),
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
