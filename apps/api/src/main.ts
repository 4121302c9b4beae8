import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, requireJwtKey } from '@partyflow/config';
import { configureTimeZone } from '@partyflow/domain';
import { openDatabase } from '@partyflow/persistence';
import { startTracing, tracingClientInterceptors } from '@partyflow/tracing';
import { createApiApp } from './api.factory';

async function main(): Promise<void> {
  const config = loadConfig();
  requireJwtKey(config); // refuses to start, naming JWT_SECRET, before connecting to anything (issue 11 §1)
  configureTimeZone(config.timeZone);
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required by the API (the demo script sets it)');
  const dataSource = await openDatabase({ url: config.databaseUrl, connectTimeoutMs: config.databaseConnectTimeoutMs });
  const connection = await Connection.connect({ address: config.temporal.address });
  // Traces over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set (issue 12 §4).
  const tracing = startTracing(config, 'partyflow-api');
  const client = new Client({
    connection,
    namespace: config.temporal.namespace,
    interceptors: tracingClientInterceptors(tracing),
  });
  const app = await createApiApp({ config, dataSource, client, tracing });
  await app.listen(config.api.port, config.api.host);
  // A JSON line like every other (the app's pino logger; issue 12 §4).
  new Logger('Api').log(`API on http://${config.api.host}:${config.api.port} (OpenAPI: /docs; health: /health/ready)`);
  if (tracing) new Logger('Api').log(`Traces of ${tracing.serviceName} to ${config.tracing.otlpEndpoint} (OTLP/HTTP)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
