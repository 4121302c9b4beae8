import { spawn } from 'node:child_process';
import net from 'node:net';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client } from 'pg';
import { generateJwtSecret } from '@partyflow/config';
import { DEFAULT_DEADLINE_POLICIES, todayLocal } from '@partyflow/domain';
import { MIGRATIONS, VIETNAM_HOLIDAYS, verifyPassword } from '@partyflow/persistence';
import { startRestartablePostgres, temporalCliPath, type RestartablePostgres } from '@partyflow/testing';
import { temporal } from '@temporalio/proto';
import { ROOT } from './deploy-files';

/**
 * Issue 12 §3: the one-shot migrate step and the first administrator's command, run exactly as the compose file
 * and the Kubernetes Job run them (the same command line, production's environment), on a PostgreSQL server of
 * their own and a Temporal dev server without the project's search attributes, as a fresh cluster has.
 */
const MIGRATE = ['-r', './infra/scripts/register.js', 'infra/deploy/migrate.ts'];
const CREATE_ADMIN = ['-r', './infra/scripts/register.js', 'infra/deploy/create-admin.ts'];
const ADMIN = ['--username', 'quantri', '--full-name', 'Nguyễn Văn An', '--org-code', 'HN'];
const NEW_ORG = ['--org-name', 'Đảng bộ Thành phố Hà Nội', '--org-kind', 'provincial_committee'];
const PASSWORD = 'Mật-khẩu-2026';

let pg: RestartablePostgres;
let env: TestWorkflowEnvironment;
let db: Client;
let production: Record<string, string>;

type Run = { code: number | null; stdout: string; stderr: string };
/** `node <args>` in the repository root with only production's environment, `stdin` piped in. */
function node(args: string[], stdin = '', extra: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...production, ...extra },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) q`, params)).rows[0].n);
const tableCounts = async () => ({
  migrations: await count('SELECT 1 FROM migrations'),
  policies: await count('SELECT 1 FROM deadline_policy'),
  holidays: await count('SELECT 1 FROM holiday'),
  organisations: await count('SELECT 1 FROM organisation'),
  members: await count('SELECT 1 FROM member'),
  users: await count('SELECT 1 FROM app_user'),
  audit: await count('SELECT 1 FROM audit_log'),
});
const searchAttributes = async () => {
  const { customAttributes } = await env.connection.operatorService.listSearchAttributes({ namespace: 'default' });
  const { IndexedValueType } = temporal.api.enums.v1;
  return Object.fromEntries(
    Object.entries(customAttributes ?? {})
      .filter(([name]) => name.startsWith('Party'))
      .map(([name, type]) => [name, IndexedValueType[type]]),
  );
};

beforeAll(async () => {
  pg = await startRestartablePostgres();
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      ip: '127.0.0.1',
      extraArgs: ['--log-level', 'error'],
    },
  });
  production = {
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_NAMESPACE: 'default',
    NODE_ENV: 'production',
  };
  db = new Client({ connectionString: pg.url });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await env?.teardown();
  await pg?.remove();
});

describe('the migrate step [issue 12 §3: one-shot migrations and reference data, no demo data]', () => {
  it('applies every migration, the reference data and the search attributes, and seeds no demo data', async () => {
    expect(await searchAttributes()).toEqual({});
    const run = await node(MIGRATE);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      `[migrate] ${MIGRATIONS.length} migrations applied (last: ${MIGRATIONS.at(-1)?.name}); reference data present; ` +
        'search attributes added on default: PartyProcess, PartyOrgCodes, PartyCurrentStep, PartyStepDueAt\n',
    );
    expect(await tableCounts()).toEqual({
      migrations: MIGRATIONS.length,
      policies: DEFAULT_DEADLINE_POLICIES.length,
      holidays: VIETNAM_HOLIDAYS.length,
      organisations: 0,
      members: 0,
      users: 0,
      audit: 0,
    });
    expect(await searchAttributes()).toEqual({
      PartyProcess: 'INDEXED_VALUE_TYPE_KEYWORD',
      PartyOrgCodes: 'INDEXED_VALUE_TYPE_KEYWORD_LIST',
      PartyCurrentStep: 'INDEXED_VALUE_TYPE_KEYWORD',
      PartyStepDueAt: 'INDEXED_VALUE_TYPE_DATETIME',
    });
  });

  it('runs again on every release and changes nothing', async () => {
    const before = await tableCounts();
    const run = await node(MIGRATE);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toContain('search attributes added on default: none (all registered)\n');
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses an unknown argument, naming it', async () => {
    const run = await node([...MIGRATE, '--demo']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 1,
      stderr: 'Unknown argument --demo; usage: migrate.ts [--demo-data]\n',
    });
  });
});

describe('the first administrator [issue 12 §3: created by a documented command, password from stdin, audited]', () => {
  it('refuses a weak password and writes nothing', async () => {
    const run = await node([...CREATE_ADMIN, ...ADMIN, ...NEW_ORG], 'matkhau\n');
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 1,
      stderr: '[create-admin] refused: the password: tối thiểu 8 ký tự\n',
    });
    expect(await count('SELECT 1 FROM app_user')).toBe(0);
    expect(await count('SELECT 1 FROM organisation')).toBe(0);
  });

  it('refuses a new organisation without its name', async () => {
    const run = await node([...CREATE_ADMIN, ...ADMIN], `${PASSWORD}\n`);
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 1,
      stderr: '[create-admin] refused: no organisation HN yet: give --org-name to create it\n',
    });
  });

  it('creates the top-level organisation, the user and the administrator role, each with its audit row', async () => {
    const run = await node([...CREATE_ADMIN, ...ADMIN, ...NEW_ORG], `${PASSWORD}\n`);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).not.toContain(PASSWORD);
    const org = (await db.query('SELECT id, code, name, kind, parent_id, path, depth FROM organisation')).rows;
    expect(org).toEqual([
      {
        id: expect.any(String),
        code: 'HN',
        name: 'Đảng bộ Thành phố Hà Nội',
        kind: 'provincial_committee',
        parent_id: null,
        path: `/${org[0].id}/`,
        depth: 0,
      },
    ]);
    const users = (await db.query('SELECT id, username, full_name, organisation_id, password_hash FROM app_user')).rows;
    expect(users).toEqual([
      {
        id: expect.any(String),
        username: 'quantri',
        full_name: 'Nguyễn Văn An',
        organisation_id: org[0].id,
        password_hash: expect.stringMatching(/^scrypt\$ln=17,r=8,p=1\$/),
      },
    ]);
    expect(await verifyPassword(PASSWORD, users[0].password_hash)).toBe(true);
    expect(run.stdout).toBe(
      `[create-admin] quantri (user ${users[0].id}) is administrator of HN (organisation ${org[0].id}, created); audited\n`,
    );
    const roles = (
      await db.query(
        'SELECT user_id, organisation_id, role, valid_from::text, valid_until, granted_by_user_id FROM role_assignment',
      )
    ).rows;
    expect(roles).toEqual([
      {
        user_id: users[0].id,
        organisation_id: org[0].id,
        role: 'administrator',
        valid_from: todayLocal(Date.now()),
        valid_until: null,
        granted_by_user_id: null,
      },
    ]);
    const audit = (
      await db.query('SELECT action, actor_user_id, actor_name, comment, org_id FROM audit_log ORDER BY id')
    ).rows;
    const comment = 'Quản trị viên đầu tiên, tạo bằng lệnh infra/deploy/create-admin.ts';
    expect(audit).toEqual([
      { action: 'organisation.created', actor_user_id: null, actor_name: 'Hệ thống', comment, org_id: org[0].id },
      { action: 'user.created', actor_user_id: null, actor_name: 'Hệ thống', comment, org_id: null },
      { action: 'role.granted', actor_user_id: null, actor_name: 'Hệ thống', comment, org_id: null },
    ]);
  });

  it('the administrator signs in to the API started with production’s command and environment', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = s.address() as net.AddressInfo;
        s.close(() => resolve(p));
      });
    });
    const api = spawn(process.execPath, ['-r', './infra/scripts/register.js', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      // The signing key is the API's alone (the migrate step and create-admin run without it, as in the Job).
      env: {
        PATH: process.env.PATH ?? '',
        ...production,
        JWT_SECRET: generateJwtSecret(),
        API_HOST: '127.0.0.1',
        API_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => api.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        api.stdout.on('data', (d: Buffer) => {
          out += d;
          if (out.includes(`API on http://127.0.0.1:${port} (OpenAPI: /docs`)) resolve();
        });
        api.once('exit', (code) => reject(new Error(`the API exited (${code}) before listening: ${out}`)));
        // Within the test's own limit, so that the finally below still stops the API (else Jest waits on it).
        setTimeout(() => reject(new Error(`the API did not say it listens within 150 s: ${out}`)), 150_000).unref();
      });
      const res = await fetch(`http://127.0.0.1:${port}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'quantri', password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      const { user } = (await res.json()) as {
        user: { username: string; roles: Array<{ role: string; orgName: string }> };
      };
      expect({ username: user.username, roles: user.roles.map((r) => [r.role, r.orgName]) }).toEqual({
        username: 'quantri',
        roles: [['administrator', 'Đảng bộ Thành phố Hà Nội']],
      });
    } finally {
      api.kill('SIGTERM');
      await exited;
    }
  });

  it('refuses a second first administrator of the organisation, and a taken username, writing nothing', async () => {
    const before = await tableCounts();
    const second = await node(
      [...CREATE_ADMIN, '--username', 'quantri2', '--full-name', 'Trần Thị Bình', '--org-code', 'HN'],
      `${PASSWORD}\n`,
    );
    expect({ code: second.code, stderr: second.stderr }).toEqual({
      code: 1,
      stderr:
        '[create-admin] refused: the organisation HN has an administrator already: further ones are created by that ' +
        'one (POST /users, POST /users/{id}/roles)\n',
    });
    const taken = await node([...CREATE_ADMIN, ...ADMIN], `${PASSWORD}\n`);
    expect({ code: taken.code, stderr: taken.stderr }).toEqual({
      code: 1,
      stderr: '[create-admin] refused: the username quantri is taken\n',
    });
    expect(await tableCounts()).toEqual(before);
  });
});
