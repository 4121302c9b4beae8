import { startTestPostgres } from './postgres-server';
import { temporalCliPath, testServerPath } from './tools';

/** Starts PostgreSQL and makes sure the Temporal tools exist before any test file runs. */
export default async function globalSetup(): Promise<void> {
  testServerPath();
  temporalCliPath();
  const stop = await startTestPostgres();
  (globalThis as { __partyflowStopPg?: () => Promise<void> }).__partyflowStopPg = stop;
}
