import 'reflect-metadata';
import { Logger } from '@nestjs/common';
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
  await app.listen(config.api.port, '127.0.0.1');
  // A JSON line like every other (the app's pino logger; issue 12 §4).
  new Logger('Api').log(`API on http://127.0.0.1:${config.api.port} (OpenAPI: /docs; health: /health/ready)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
