import './global-aliases';
import { createTemplateDatabase } from './database';
import { startTestPostgres, URL_VAR } from './postgres-server';
import { temporalCliPath, testServerPath } from './tools';
import { writeTestWorkflowBundle } from './workflow-bundle';

/**
 * Starts PostgreSQL, migrates the run's template database once (each test database is a copy of it),
 * bundles the workflows once (every worker in the run loads that bundle) and makes sure the Temporal
 * tools exist before any test file runs.
 */
export default async function globalSetup(): Promise<void> {
  testServerPath();
  temporalCliPath();
  const removeBundle = await writeTestWorkflowBundle();
  const stopPg = await startTestPostgres();
  let dropTemplate: () => Promise<void>;
  try {
    dropTemplate = await createTemplateDatabase(process.env[URL_VAR] as string);
  } catch (e) {
    await stopPg();
    removeBundle();
    throw e;
  }
  (globalThis as { __partyflowStopPg?: () => Promise<void> }).__partyflowStopPg = async () => {
    removeBundle();
    await dropTemplate();
    await stopPg();
  };
}
