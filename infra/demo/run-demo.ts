import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { demoJwtSecret, loadConfig } from '@partyflow/config';
import { SEARCH_ATTRIBUTE_REGISTRY } from '@partyflow/contracts';
import { openDatabase, seedDemoData, seedReferenceData } from '@partyflow/persistence';
import { startPostgres } from '../postgres/embedded-postgres';
import { startMailCatcher, startMailViewer } from './mail-catcher';

/**
 * The whole system with demo data, from one command: PostgreSQL (embedded unless DATABASE_URL),
 * migrations and seed data, the Temporal dev server with its Web UI (state kept in .data/ so
 * cases survive a restart), the worker and the API. Ctrl-C stops everything.
 */
const root = path.resolve(__dirname, '../..');
const config = loadConfig();
const dataDir = path.resolve(root, config.dataDir);
const children: ChildProcess[] = [];
const TEMPORAL_PORT = Number(config.temporal.address.split(':')[1] ?? 7233);
const UI_PORT = 8233;

async function waitForPort(port: number, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ port, host: '127.0.0.1' }, () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} did not open port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function run(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[demo] ${name} exited (${signal ?? code}); stopping the demo`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
let stopPostgres: () => Promise<void> = async () => undefined;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const c of [...children].reverse()) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  await stopPostgres();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const pg = await startPostgres({ dataDir: path.join(dataDir, 'postgres'), port: 5433, database: 'partyflow' });
  stopPostgres = pg.stop;
  const ds = await openDatabase({ url: pg.url });
  await seedReferenceData(ds.manager);
  const { users, counts } = await seedDemoData(ds);
  // Issue 12 §5: every demo user gets a mail address of the catcher's, so the demo's mails can be read.
  await ds.query(`UPDATE app_user SET email = username || '@demo.partyflow.local' WHERE email IS NULL`);
  await ds.destroy();
  console.log(
    `[demo] PostgreSQL ready, migrated and seeded: ${counts.organisations} organisations, ${counts.members} members, ${counts.users} users`,
  );

  const cli = process.env.PARTYFLOW_TEMPORAL_CLI;
  if (!cli) throw new Error('PARTYFLOW_TEMPORAL_CLI is not set: start the demo with `npm run start:demo`');
  const saArgs = Object.entries(SEARCH_ATTRIBUTE_REGISTRY).flatMap(([name, type]) => [
    '--search-attribute',
    `${name}=${type}`,
  ]);
  run(
    'temporal',
    cli,
    [
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
    process.env,
  );
  await waitForPort(TEMPORAL_PORT, 'Temporal dev server');

  // The API's signing secret: JWT_SECRET when given, else the data folder's own (generated once, 0600).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: pg.url,
    JWT_SECRET: config.auth.jwtSecret ?? demoJwtSecret(dataDir),
  };
  // Mails go to a local catcher with a web viewer (issue 12 §5), unless SMTP_HOST names a real server.
  let mailViewer = `SMTP ${config.mail.smtp?.host}:${config.mail.smtp?.port}`;
  if (!config.mail.smtp) {
    const catcher = await startMailCatcher({ port: config.mail.demo.smtpPort });
    const viewer = await startMailViewer(catcher, { port: config.mail.demo.viewerPort });
    Object.assign(env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(catcher.port), SMTP_SECURE: 'false' });
    mailViewer = `http://127.0.0.1:${viewer.port}  (SMTP catcher 127.0.0.1:${catcher.port})`;
  }
  const node = [process.execPath, '-r', path.join(root, 'infra/scripts/register.js')];
  run('worker', node[0], [...node.slice(1), 'apps/worker/src/main.ts'], env);
  run('api', node[0], [...node.slice(1), 'apps/api/src/main.ts'], env);
  await waitForPort(config.api.port, 'API');

  console.log('');
  console.log('[demo] Partyflow is running:');
  console.log(`  Web page       http://127.0.0.1:${config.api.port}/app/`);
  console.log(`  API            http://127.0.0.1:${config.api.port}`);
  console.log(`  OpenAPI docs   http://127.0.0.1:${config.api.port}/docs`);
  console.log(`  Temporal UI    http://127.0.0.1:${UI_PORT}`);
  console.log(`  Temporal gRPC  127.0.0.1:${TEMPORAL_PORT}`);
  console.log(`  Mails          ${mailViewer}`);
  console.log(`  PostgreSQL     ${pg.url.replace(/:[^:@/]+@/, ':***@')}`);
  console.log('');
  console.log('  Demo users (password: matkhau123):');
  for (const u of users)
    console.log(`    ${u.username.padEnd(24)} ${u.roles.map((r) => `${r.role}@${r.orgCode}`).join(', ')}`);
  console.log('');
  console.log('  Ctrl-C stops everything; data stays in .data/ for the next run.');
}

main().catch(async (e) => {
  console.error(e);
  await shutdown(1);
});
