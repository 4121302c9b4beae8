import path from 'node:path';
import type { AppConfig } from '@partyflow/config';
import { openDatabase, seedDemoData, seedReferenceData, type DemoUser } from '@partyflow/persistence';
import { DEFAULT_REACHABLE_DIR, startPostgres, type PostgresHandle } from '../postgres/embedded-postgres';
import { startSupervisedPostgres } from '../postgres/supervised-postgres';
import { startMailCatcher, startMailViewer } from './mail-catcher';
import type { Supervisor } from './supervisor';

/**
 * What both launchers do first: PostgreSQL (embedded in `<dataDir>/postgres` on the configured port, unless
 * DATABASE_URL), migrated, with the reference and demo data; and the closing lines that list the demo users. With
 * `supervisor`, the embedded server is one of its parts (restarted after a death, stopped after the others; its log
 * in `<dataDir>/postgres.log`) and `stop` does nothing; DATABASE_URL's server is never supervised.
 */
export async function startDemoDatabase(
  config: AppConfig,
  dataDir: string,
  label: string,
  supervisor?: Supervisor,
): Promise<PostgresHandle & { users: DemoUser[] }> {
  const options = {
    dataDir: path.join(dataDir, 'postgres'),
    port: config.launcher.postgresPort,
    database: 'partyflow',
  };
  const pg: PostgresHandle =
    supervisor && !config.databaseUrl
      ? {
          ...(await startSupervisedPostgres({
            ...options,
            supervisor,
            logFile: path.join(dataDir, 'postgres.log'),
            reachableDir: DEFAULT_REACHABLE_DIR,
          })),
          stop: async () => undefined,
        }
      : await startPostgres(options);
  try {
    const ds = await openDatabase({ url: pg.url });
    await seedReferenceData(ds.manager);
    const { users, counts } = await seedDemoData(ds);
    // Issue 12 §5: every demo user gets a mail address of the catcher's, so the demo's mails can be read.
    await ds.query(`UPDATE app_user SET email = username || '@demo.partyflow.local' WHERE email IS NULL`);
    await ds.destroy();
    console.log(
      `[${label}] PostgreSQL ready, migrated and seeded: ${counts.organisations} organisations, ${counts.members} members, ${counts.users} users`,
    );
    return { ...pg, users };
  } catch (e) {
    await pg.stop();
    throw e;
  }
}

export function printDemoUsers(postgresUrl: string, users: DemoUser[]): void {
  console.log(`  PostgreSQL     ${postgresUrl.replace(/:[^:@/]+@/, ':***@')}`);
  console.log('');
  console.log('  Demo users (password: matkhau123):');
  for (const u of users)
    console.log(`    ${u.username.padEnd(24)} ${u.roles.map((r) => `${r.role}@${r.orgCode}`).join(', ')}`);
  console.log('');
  console.log('  Ctrl-C stops everything; data stays in .data/ for the next run.');
}

/**
 * Both launchers' mail (issue 12 §5): a local SMTP catcher with a web viewer, unless SMTP_HOST names a real server.
 * Answers the settings that point the API and the workers at it, and the launcher's "Mails" line.
 */
export async function startDemoMail(config: AppConfig): Promise<{ env: Record<string, string>; line: string }> {
  if (config.mail.smtp) return { env: {}, line: `SMTP ${config.mail.smtp.host}:${config.mail.smtp.port}` };
  const catcher = await startMailCatcher({ port: config.mail.demo.smtpPort });
  const viewer = await startMailViewer(catcher, { port: config.mail.demo.viewerPort });
  return {
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(catcher.port), SMTP_SECURE: 'false' },
    line: `http://127.0.0.1:${viewer.port}  (SMTP catcher 127.0.0.1:${catcher.port})`,
  };
}
