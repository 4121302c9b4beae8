import './global-aliases';
import { createTemplateDatabase } from './database';
import { startTestPostgres, URL_VAR } from './postgres-server';
import { temporalCliPath, testServerPath } from './tools';

/**
 * Starts PostgreSQL, migrates the run's template database once (each test database is a copy of it)
 * and makes sure the Temporal tools exist before any test file runs.
 */
export default async function globalSetup(): Promise<void> {
  testServerPath();
  temporalCliPath();
  const stopPg = await startTestPostgres();
  let dropTemplate: () => Promise<void>;
  try {
    dropTemplate = await createTemplateDatabase(process.env[URL_VAR] as string);
  } catch (e) {
    await stopPg();
    throw e;
  }
  (globalThis as { __partyflowStopPg?: () => Promise<void> }).__partyflowStopPg = async () => {
    await dropTemplate();
    await stopPg();
  };
}
