import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@partyflow/config';
import { configureTimeZone } from '@partyflow/domain';
import { createLogger, PinoNestLogger } from '@partyflow/observability';
import { openDatabase } from '@partyflow/persistence';
import { installWorkerRuntime } from './worker-runtime';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  configureTimeZone(config.timeZone);
  // JSON log lines (issue 12 §4), Temporal's included: the Runtime is installed once, before any connection.
  const log = createLogger({ service: 'partyflow-worker', level: config.logLevel });
  installWorkerRuntime(config, log);
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required by the worker (the demo script sets it)');
  const dataSource = await openDatabase({ url: config.databaseUrl, connectTimeoutMs: config.databaseConnectTimeoutMs });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, dataSource, log }), {
    logger: new PinoNestLogger(log),
  });
  app.enableShutdownHooks();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
