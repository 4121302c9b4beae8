import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@partyflow/config';
import { configureTimeZone } from '@partyflow/domain';
import { openDatabase } from '@partyflow/persistence';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  configureTimeZone(config.timeZone);
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required by the worker (the demo script sets it)');
  const dataSource = await openDatabase({ url: config.databaseUrl });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, dataSource }));
  app.enableShutdownHooks();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
