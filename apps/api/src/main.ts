import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, requireJwtKey } from '@partyflow/config';
import { configureTimeZone } from '@partyflow/domain';
import { openDatabase } from '@partyflow/persistence';
import { createApiApp } from './api.factory';

async function main(): Promise<void> {
  const config = loadConfig();
  requireJwtKey(config); // refuses to start, naming JWT_SECRET, before connecting to anything (issue 11 §1)
  configureTimeZone(config.timeZone);
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required by the API (the demo script sets it)');
  const dataSource = await openDatabase({ url: config.databaseUrl });
  const connection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const app = await createApiApp({ config, dataSource, client });
  await app.listen(config.api.port, config.api.host);
  console.log(`API on http://${config.api.host}:${config.api.port} (OpenAPI: /docs)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
