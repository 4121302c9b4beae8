/**
 * Scale benchmark (issue 13 §1, §2, §4): its own command (`npm run bench:scale`), not part of the test suite, and
 * it never fails on time. It generates a dataset of a chosen size (test/bench/scale/dataset.ts) into an embedded
 * PostgreSQL of its own, migrated by the project's migrations, then times the list, search, dashboard and report
 * endpoints through the API's services, called as the controllers call them, as five kinds of user (each with the
 * scope of their roles). It prints p50, p95 and the rows returned per endpoint and user, the EXPLAIN (ANALYZE,
 * BUFFERS) plan of the slowest query of any endpoint whose p95 exceeds its target (issue 13 §2), the detection run
 * of a district and of a province (§4) and the database size per table.
 *
 * The dataset is kept in its folder and reused by the next run of the same shape (pending migrations are applied
 * to it), so a change can be measured before and after on the same rows.
 *
 * Usage: bash infra/scripts/bench-scale.sh [--national] [--members N] [--runs R] [--only TEXT] [--no-detection]
 *        [--data-dir DIR] [--fresh] [--drop] [--budget-seconds S]
 */
import { loadConfig } from '@partyflow/config';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource, Logger } from 'typeorm';
import { toLocalDate, type Role } from '@partyflow/domain';
import { openDatabase } from '@partyflow/persistence';
import { createDetectionActivities } from '@partyflow/activities';
import { startPostgres, type PostgresHandle } from '../../infra/postgres/embedded-postgres';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import { AdmissionCasesService } from '../../apps/api/src/admission/admission-cases.service';
import { AuditLogService } from '../../apps/api/src/audit-log/audit-log.service';
import { MembersService } from '../../apps/api/src/members/members.service';
import { NotificationsService } from '../../apps/api/src/notifications/notifications.service';
import { OrganisationsService } from '../../apps/api/src/organisations/organisations.service';
import { QuotasService } from '../../apps/api/src/quotas/quotas.service';
import { ReportsService } from '../../apps/api/src/reports/reports.service';
import { ScreeningService } from '../../apps/api/src/screening/screening.service';
import { SupervisionService } from '../../apps/api/src/supervision/supervision.service';
import { TasksService } from '../../apps/api/src/tasks/tasks.service';
import { counts, DATASET_VERSION, generate, NATIONAL, PROVINCE, provinceOf, type Shape } from './scale/dataset';

type Options = {
  shape: Shape;
  runs: number;
  only: string | null;
  detection: boolean;
  dataDir: string;
  fresh: boolean;
  drop: boolean;
  budgetSeconds: number;
};

const USAGE =
  'Usage: bench-scale.sh [--national] [--members N] [--runs R] [--only TEXT] [--no-detection] [--data-dir DIR] ' +
  '[--fresh] [--drop] [--budget-seconds S]';

function parseOptions(argv: readonly string[]): Options {
  let shape = PROVINCE;
  const opts: Omit<Options, 'shape' | 'dataDir'> & { dataDir: string | null } = {
    runs: 30,
    only: null,
    detection: true,
    dataDir: null,
    fresh: false,
    drop: false,
    budgetSeconds: 120,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const value = () => inline ?? argv[++i];
    if (flag === '--national') shape = NATIONAL;
    else if (flag === '--members') shape = provinceOf(Number(value()));
    else if (flag === '--runs') opts.runs = Number(value());
    else if (flag === '--only') opts.only = value();
    else if (flag === '--no-detection') opts.detection = false;
    else if (flag === '--data-dir') opts.dataDir = value();
    else if (flag === '--fresh') opts.fresh = true;
    else if (flag === '--drop') opts.drop = true;
    else if (flag === '--budget-seconds') opts.budgetSeconds = Number(value());
    else throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
  }
  if (!Number.isInteger(shape.members) || shape.members < 1000) throw new Error('--members must be at least 1000');
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error('--runs must be a positive integer');
  const name = shape === NATIONAL ? 'national' : `province-${shape.members}`;
  return { ...opts, shape, dataDir: path.resolve(opts.dataDir ?? path.join('.data', 'bench-scale', name)) };
}

const t0 = performance.now();
const log = (msg: string) => console.error(`[bench-scale +${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

/** PostgreSQL's memory for a dataset of millions of rows; the defaults (128 MB of shared buffers) are a laptop's. */
const SETTINGS: Record<string, string> = {
  shared_buffers: '2GB',
  effective_cache_size: '8GB',
  work_mem: '32MB',
  maintenance_work_mem: '1GB',
  max_wal_size: '8GB',
};

async function startDatabase(opts: Options): Promise<{ pg: PostgresHandle; ds: DataSource; generated: boolean }> {
  const marker = path.join(opts.dataDir, 'shape.json');
  const wanted = JSON.stringify({ ...opts.shape, version: DATASET_VERSION });
  const reuse = !opts.fresh && existsSync(marker) && readFileSync(marker, 'utf8') === wanted;
  if (!reuse) rmSync(opts.dataDir, { recursive: true, force: true });
  mkdirSync(opts.dataDir, { recursive: true });
  const start = () =>
    startPostgres({ dataDir: path.join(opts.dataDir, 'postgres'), database: 'partyflow_scale', embedded: true });
  let pg = await start();
  if (!reuse) {
    // shared_buffers takes effect at a restart.
    const ds = await openDatabase({ url: pg.url, poolSize: 2 });
    for (const [k, v] of Object.entries(SETTINGS)) await ds.query(`ALTER SYSTEM SET ${k} = '${v}'`);
    await ds.destroy();
    await pg.stop();
    pg = await start();
  }
  const ds = await openDatabase({ url: pg.url, poolSize: 10 });
  if (!reuse) {
    log(`generating ${JSON.stringify(opts.shape)} into ${opts.dataDir}`);
    await generate(ds, opts.shape, log);
    writeFileSync(marker, wanted);
  } else {
    log(`reusing the dataset in ${opts.dataDir} (pending migrations applied)`);
    await ds.query('ANALYZE');
  }
  return { pg, ds, generated: !reuse };
}

// ---------------------------------------------------------------------------------------------------------------
// The users
// ---------------------------------------------------------------------------------------------------------------

const KINDS = [
  'cell secretary',
  'grassroots member',
  'district supervisor',
  'provincial supervisor',
  'national administrator',
] as const;
type Kind = (typeof KINDS)[number];
type Org = { id: string; path: string; name: string; kind: string };

/** A user of the kind, with roles in `orgs` and, for the committee members, a member record of the first. */
async function usersOf(ds: DataSource): Promise<Record<Kind, { user: AuthUser; top: Org }[]>> {
  // Committees with open tasks in their inbox, so the inbox and the task are read; any supervised organisation.
  const orgs = async (kind: string, limit: number) =>
    (await ds.query(
      `SELECT id, path, name, kind FROM organisation o WHERE kind = $1
          AND (kind NOT IN ('cell','grassroots_committee') OR EXISTS (SELECT 1 FROM human_task t
               WHERE t.assignee_org_id = o.id AND t.status IN ('open','overdue') AND t.assignee_role IS NOT NULL))
        ORDER BY md5(id::text) LIMIT $2`,
      [kind, limit],
    )) as Org[];
  const memberOf = async (org: Org) =>
    (
      (await ds.query(`SELECT id FROM member WHERE organisation_id = $1 ORDER BY id LIMIT 1`, [org.id])) as {
        id: string;
      }[]
    )[0]?.id ?? null;
  const user = (name: string, roles: { org: Org; role: Role }[], memberId: string | null): AuthUser => ({
    userId:
      '00000000-0000-4000-8000-' +
      String(Math.abs(hash(name)))
        .padStart(12, '0')
        .slice(0, 12),
    username: name,
    fullName: name,
    memberId,
    roles: roles.map(({ org, role }) => ({ orgId: org.id, orgPath: org.path, orgName: org.name, role })),
  });
  const cells = await orgs('cell', 5);
  const grassroots = await orgs('grassroots_committee', 5);
  const districts = await orgs('district_committee', 5);
  const provinces = await orgs('provincial_committee', 5);
  const all = (await ds.query(`SELECT id, path, name, kind FROM organisation WHERE parent_id IS NULL`)) as Org[];
  return {
    'cell secretary': await Promise.all(
      cells.map(async (c, i) => ({
        user: user(
          `bithu.${i}`,
          [
            { org: c, role: 'cell_secretary' },
            { org: c, role: 'cell_committee_member' },
          ],
          await memberOf(c),
        ),
        top: c,
      })),
    ),
    'grassroots member': await Promise.all(
      grassroots.map(async (g, i) => ({
        user: user(`danguy.${i}`, [{ org: g, role: 'grassroots_committee_member' }], await memberOf(g)),
        top: g,
      })),
    ),
    'district supervisor': districts.map((d, i) => ({
      user: user(`giamsat.huyen.${i}`, [{ org: d, role: 'supervisor' }], null),
      top: d,
    })),
    'provincial supervisor': provinces.map((p, i) => ({
      user: user(`giamsat.tinh.${i}`, [{ org: p, role: 'supervisor' }], null),
      top: p,
    })),
    'national administrator': [
      {
        user: user(
          'quantri',
          all.flatMap((org) => [
            { org, role: 'administrator' as Role },
            { org, role: 'supervisor' as Role },
          ]),
          null,
        ),
        top: all[0],
      },
    ],
  };
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

// ---------------------------------------------------------------------------------------------------------------
// The endpoints
// ---------------------------------------------------------------------------------------------------------------

type Services = ReturnType<typeof servicesOf>;
type Ctx = { user: AuthUser; top: Org; from: string; to: string; taskId: string | null; caseId: string | null };
type Endpoint = {
  name: string;
  /** p95 target in ms for this kind of user (issue 13 §2); null: none stated there. */
  target: (kind: Kind) => number | null;
  kinds?: readonly Kind[];
  run: (s: Services, c: Ctx) => Promise<number | null>;
};

/** An endpoint without a target of §2 gets its slowest query's plan printed above this p95. */
const UNTARGETED_PLAN_MS = 200;
const SUPERVISORS: readonly Kind[] = ['district supervisor', 'provincial supervisor', 'national administrator'];
const len = (x: unknown[]) => x.length;
const tableRows = (r: { format: string; report?: { tables: { rows: unknown[] }[] } }) =>
  (r.report?.tables ?? []).reduce((n, t) => n + t.rows.length, 0);

/**
 * Every read the web page makes of a list, a search, a dashboard or a report. Targets (§2): inbox, task, case
 * timeline and member search 20 ms; the overdue view 20 ms for a district and 50 ms above; quotas and the on-time
 * reports 200 ms for a province. §2 states none for the other lists: they are printed without one.
 */
const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET /tasks/mine',
    target: () => 20,
    run: async (s, c) => len((await s.tasks.mine(c.user, {})).items),
  },
  { name: 'GET /tasks/mine/counts', target: () => 20, run: async (s, c) => (await s.tasks.counts(c.user, {})).total },
  {
    name: 'GET /tasks/:id',
    target: () => 20,
    run: async (s, c) => (c.taskId ? (await s.tasks.get(c.user, c.taskId), 1) : null),
  },
  {
    name: 'GET /admission-cases/:id/timeline',
    target: () => 20,
    run: async (s, c) => (c.caseId ? len(await s.admission.timeline(c.user, c.caseId)) : null),
  },
  { name: 'GET /members', target: () => null, run: async (s, c) => len((await s.members.list(c.user, {})).items) },
  {
    name: 'GET /members?q=Trang',
    target: () => 20,
    run: async (s, c) => len((await s.members.list(c.user, { q: 'Trang' })).items),
  },
  {
    name: 'GET /supervision/overdue-tasks',
    target: (k) => (k === 'district supervisor' ? 20 : 50),
    kinds: SUPERVISORS,
    run: async (s, c) => len((await s.supervision.overdue(c.user, {})).items),
  },
  {
    name: 'GET /supervision/incidents',
    target: () => null,
    kinds: SUPERVISORS,
    run: async (s, c) => len((await s.supervision.incidents(c.user, {})).items),
  },
  {
    name: 'GET /supervision/on-time',
    target: () => 200,
    kinds: SUPERVISORS,
    run: async (s, c) => (await s.supervision.onTime(c.user, { from: c.from, to: c.to })).total.total,
  },
  ...(['tasks', 'admissions', 'screening', 'inspections'] as const).map((kind): Endpoint => ({
    name: `GET /reports/${kind}`,
    target: () => 200,
    kinds: SUPERVISORS,
    run: async (s, c) => tableRows(await s.reports.build(c.user, kind, { orgId: c.top.id, from: c.from, to: c.to })),
  })),
  {
    name: 'GET /quotas',
    target: () => 200,
    run: async (s, c) => len((await s.quotas.view(c.user, { orgId: c.top.id })).rows),
  },
  {
    name: 'GET /screening/cases',
    target: () => null,
    run: async (s, c) => len((await s.screening.list(c.user, {})).items),
  },
  {
    name: 'GET /notifications',
    target: () => null,
    run: async (s, c) => len((await s.notifications.list(c.user, {})).items),
  },
  {
    name: 'GET /audit-log',
    target: () => null,
    kinds: SUPERVISORS,
    run: async (s, c) => len((await s.audit.list(c.user, {})).items),
  },
  {
    name: 'GET /organisations',
    target: () => null,
    run: async (s, c) => len((await s.organisations.list(c.user, {})).items),
  },
  {
    name: 'GET /organisations/tree',
    target: () => null,
    run: async (s, c) => len(await s.organisations.tree(c.user, {})),
  },
];

/** The services as the API's modules build them; the Temporal clients and the auth service are not reached here. */
function servicesOf(ds: DataSource) {
  const noTemporal = new Proxy({}, { get: () => () => Promise.reject(new Error('no Temporal in bench:scale')) });
  return {
    tasks: new TasksService(ds, noTemporal as never, noTemporal as never, loadConfig()),
    admission: new AdmissionCasesService(ds, noTemporal as never, loadConfig()),
    members: new MembersService(ds),
    supervision: new SupervisionService(ds),
    reports: new ReportsService(ds),
    quotas: new QuotasService(ds),
    screening: new ScreeningService(ds, noTemporal as never),
    notifications: new NotificationsService(ds),
    audit: new AuditLogService(ds),
    organisations: new OrganisationsService(ds, noTemporal as never, noTemporal as never),
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

type Captured = { sql: string; params: unknown[] };

/** Records the queries TypeORM sends while `capture` is on (the plan of a slow endpoint). */
function captureQueries(ds: DataSource): { on: (list: Captured[] | null) => void } {
  let sink: Captured[] | null = null;
  const logger: Logger = {
    logQuery: (sql, params) => void sink?.push({ sql, params: params ?? [] }),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  Object.assign(ds, { logger });
  return { on: (list) => (sink = list) };
}

/** EXPLAIN (ANALYZE, BUFFERS) of every SELECT of one run; the slowest one's plan. */
async function slowestPlan(ds: DataSource, queries: Captured[]): Promise<{ sql: string; ms: number; plan: string }> {
  let worst = { sql: '', ms: -1, plan: '' };
  for (const q of queries) {
    if (!/^\s*(SELECT|WITH)/i.test(q.sql)) continue;
    const rows = (await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params)) as { 'QUERY PLAN': string }[];
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    const time = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
    if (time > worst.ms) worst = { sql: q.sql, ms: time, plan };
  }
  return worst;
}

async function timeEndpoints(ds: DataSource, opts: Options): Promise<void> {
  const services = servicesOf(ds);
  const users = await usersOf(ds);
  const capture = captureQueries(ds);
  const to = toLocalDate(Date.now());
  const from = `${to.slice(0, 4)}-01-01`;
  const contexts = new Map<AuthUser, Ctx>();
  for (const kind of KINDS) {
    for (const { user, top } of users[kind]) {
      const inbox = (await services.tasks.mine(user, {})).items;
      const [c] = (await ds.query(
        `SELECT id FROM admission_case WHERE org_path LIKE $1 ORDER BY md5(id::text) LIMIT 1`,
        [`${top.path}%`],
      )) as { id: string }[];
      contexts.set(user, { user, top, from, to, taskId: inbox[0]?.id ?? null, caseId: c?.id ?? null });
    }
  }
  const header = ['endpoint', 'who', 'runs', 'p50 ms', 'p95 ms', 'rows', 'target p95 ms', ''];
  const lines: string[][] = [];
  const plans: string[] = [];
  for (const endpoint of ENDPOINTS) {
    if (opts.only && !endpoint.name.includes(opts.only)) continue;
    for (const kind of endpoint.kinds ?? KINDS) {
      const ctxs = users[kind].map((u) => contexts.get(u.user) as Ctx);
      const started = performance.now();
      const times: number[] = [];
      let rows: number | null = null;
      let refused: string | null = null;
      try {
        await endpoint.run(services, ctxs[0]); // warm-up, not counted
        for (let r = 0; r < opts.runs; r++) {
          const ctx = ctxs[r % ctxs.length];
          const t = performance.now();
          const n = await endpoint.run(services, ctx);
          times.push(performance.now() - t);
          if (r === 0) rows = n;
          if (n === null) break;
          if (r >= 4 && performance.now() - started > opts.budgetSeconds * 1000) break;
        }
      } catch (e) {
        refused = (e as { code?: string; message?: string }).code ?? String((e as Error).message).slice(0, 60);
      }
      if (refused || rows === null) {
        lines.push([endpoint.name, kind, '-', '-', '-', refused ? `(${refused})` : '(nothing to read)', '', '']);
        continue;
      }
      const sorted = [...times].sort((a, b) => a - b);
      const p95 = quantile(sorted, 0.95);
      const target = endpoint.target(kind);
      const over = target !== null && p95 > target;
      // §2 states no target for the other lists; the plan of one slower than a report may take is printed too.
      const slow = target === null && p95 > UNTARGETED_PLAN_MS;
      const cut = times.length < opts.runs ? ` (cut at ${opts.budgetSeconds} s)` : '';
      lines.push([
        endpoint.name,
        kind,
        String(times.length) + cut,
        ms(quantile(sorted, 0.5)),
        ms(p95),
        String(rows),
        target === null ? '—' : String(target),
        over ? 'OVER' : target === null ? '' : 'ok',
      ]);
      log(`${endpoint.name} as ${kind}: p50 ${ms(quantile(sorted, 0.5))} ms, p95 ${ms(p95)} ms, ${rows} rows`);
      if (over || slow) {
        const queries: Captured[] = [];
        capture.on(queries);
        await endpoint.run(services, ctxs[0]);
        capture.on(null);
        const worst = await slowestPlan(ds, queries);
        plans.push(
          `--- ${endpoint.name} as ${kind}: p95 ${ms(p95)} ms > ${target ?? `${UNTARGETED_PLAN_MS} (no target)`} ms; ` +
            `its slowest query (${ms(worst.ms)} ms):\n` +
            `${worst.sql.replace(/\s+/g, ' ').trim()}\n${worst.plan}`,
        );
      }
    }
  }
  printTable(header, lines);
  if (plans.length)
    console.log(
      `\nPlans of the queries over their target (or over ${UNTARGETED_PLAN_MS} ms without one):\n\n${plans.join('\n\n')}`,
    );
}

function printTable(header: string[], lines: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(row(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(row(l));
}

// ---------------------------------------------------------------------------------------------------------------
// The detection run (§4), driven 200 members a page as the workflow drives it
// ---------------------------------------------------------------------------------------------------------------

async function timeDetection(ds: DataSource): Promise<void> {
  const acts = createDetectionActivities({ dataSource: ds });
  const pick = async (kind: string) =>
    (
      (await ds.query(`SELECT id, code FROM organisation WHERE kind = $1 ORDER BY md5(id::text) LIMIT 1`, [kind])) as {
        id: string;
        code: string;
      }[]
    )[0];
  const asOf = toLocalDate(Date.now());
  const lines: string[][] = [];
  for (const [what, kind, target] of [
    ['district', 'district_committee', 10],
    ['province', 'provincial_committee', 150],
  ] as const) {
    const org = await pick(kind);
    const rss = [process.memoryUsage().rss];
    const pages: number[] = [];
    let after: string | null = null;
    let members = 0;
    let findings = 0;
    const started = performance.now();
    for (;;) {
      const t = performance.now();
      const page = await acts.detectPage({ orgId: org.id, asOf, afterMemberId: after, limit: 200 });
      pages.push(performance.now() - t);
      members += page.scanned;
      findings += page.findings.length;
      after = page.lastMemberId;
      if (pages.length % 100 === 0) rss.push(process.memoryUsage().rss);
      if (page.scanned < 200) break;
    }
    const total = (performance.now() - started) / 1000;
    rss.push(process.memoryUsage().rss);
    const sorted = [...pages].sort((a, b) => a - b);
    const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
    lines.push([
      `${what} ${org.code}`,
      String(members),
      String(pages.length),
      ms(quantile(sorted, 0.5)),
      ms(quantile(sorted, 0.95)),
      String(findings),
      total.toFixed(1),
      String(target),
      `${mb(rss[0])} → ${mb(Math.max(...rss))} → ${mb(rss[rss.length - 1])}`,
    ]);
    log(`detection of the ${what} ${org.code}: ${members} members in ${total.toFixed(1)} s`);
  }
  console.log('\nDetection run (detectPage, 200 members a page, as the workflow drives it):\n');
  printTable(
    [
      'run',
      'members',
      'pages',
      'page p50 ms',
      'page p95 ms',
      'findings',
      'total s',
      'target s',
      'RSS MB start → max → end',
    ],
    lines,
  );
}

/**
 * The province's reports downloaded as Excel (issue 13 §4: streamed, memory under 300 MB): the whole file read
 * from the service's stream, with the process's RSS sampled every 20 ms while it is built and written.
 */
async function timeExports(ds: DataSource): Promise<void> {
  const services = servicesOf(ds);
  const [{ user, top }] = (await usersOf(ds))['provincial supervisor'];
  const to = toLocalDate(Date.now());
  const from = `${to.slice(0, 4)}-01-01`;
  const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
  const lines: string[][] = [];
  for (const kind of ['tasks', 'admissions', 'screening', 'inspections'] as const) {
    for (let run = 1; run <= 3; run++) {
      const start = process.memoryUsage().rss;
      let peak = start;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const t = performance.now();
      const result = await services.reports.build(user, kind, { orgId: top.id, from, to, format: 'xlsx' });
      if (result.format === 'json') throw new Error('expected a file');
      let bytes = 0;
      if (Buffer.isBuffer(result.file.body)) bytes = result.file.body.length;
      else for await (const chunk of result.file.body) bytes += (chunk as Buffer).length;
      const took = performance.now() - t;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      lines.push([
        `GET /reports/${kind}?format=xlsx`,
        top.name,
        String(run),
        ms(took),
        (bytes / 1024).toFixed(0),
        `${mb(start)} → ${mb(peak)}`,
        '300',
      ]);
    }
  }
  console.log('\nReports as Excel for a province (streamed; provincial supervisor):\n');
  printTable(['report', 'org', 'run', 'ms', 'kB', 'RSS MB start → peak', 'target RSS MB'], lines);
}

async function printSizes(ds: DataSource): Promise<void> {
  const rows = (await ds.query(`
    SELECT c.relname AS table, c.reltuples::bigint AS rows,
           pg_size_pretty(pg_table_size(c.oid)) AS data, pg_size_pretty(pg_indexes_size(c.oid)) AS indexes,
           pg_size_pretty(pg_total_relation_size(c.oid)) AS total
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND pg_total_relation_size(c.oid) > 100000
     ORDER BY pg_total_relation_size(c.oid) DESC`)) as Record<string, string>[];
  const [db] = (await ds.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`)) as {
    size: string;
  }[];
  console.log(`\nDatabase size per table (whole database ${db.size}):\n`);
  printTable(
    ['table', 'rows (estimate)', 'data', 'indexes', 'total'],
    rows.map((r) => [r.table, String(r.rows), r.data, r.indexes, r.total]),
  );
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const { pg, ds } = await startDatabase(opts);
  try {
    const n = counts(opts.shape);
    console.log(
      `\nScale benchmark: ${opts.shape.provinces} province(s), ${n.cells} cells, ${opts.shape.members} members, ` +
        `${n.openTasks} open and ${n.closedTasks} closed tasks; ${opts.runs} runs per endpoint and user ` +
        `(rotating over up to 5 users of each kind), times through the API's services in ms.\n`,
    );
    await timeEndpoints(ds, opts);
    if (opts.detection && !opts.only) await timeDetection(ds);
    if (!opts.only || 'xlsx'.includes(opts.only)) await timeExports(ds);
    await printSizes(ds);
  } finally {
    await ds.destroy();
    await pg.stop();
    if (opts.drop) rmSync(opts.dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
