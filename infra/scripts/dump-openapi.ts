import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { generateJwtSecret, loadConfig } from '@partyflow/config';
import { createApiApp, openApiDocument } from '../../apps/api/src/api.factory';

/**
 * Writes the API's OpenAPI document (the same one `/docs-json` serves) without a database or a Temporal
 * server: the Nest application is only built, never initialised or listening, so no provider connects.
 * The web page's typed client is generated from this file (issue 10), so a change of the API that breaks
 * the page fails its typecheck. Usage: node -r ./infra/scripts/register.js infra/scripts/dump-openapi.ts <out.json>
 */
async function main(out: string): Promise<void> {
  // A throwaway signing secret: the application is built, never listening, and signs nothing.
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/none',
    JWT_SECRET: generateJwtSecret(),
  });
  const dataSource = new DataSource({ type: 'postgres', url: config.databaseUrl });
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const app = await createApiApp({ config, dataSource, client }, { logger: false });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(openApiDocument(app), null, 2) + '\n');
  await client.connection.close().catch(() => undefined);
}

main(process.argv[2] ?? 'dist/openapi.json').catch((e) => {
  console.error(e);
  process.exit(1);
});
