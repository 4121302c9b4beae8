/**
 * The chaos run (issue 12 §2): its own command (`npm run chaos`, infra/scripts/chaos.sh), not part of the test
 * suite; it prints figures and never fails on time. On loopback only, with a data folder and free ports of its own,
 * it starts the cluster topology of `npm run start:cluster` (infra/demo/cluster.ts: PostgreSQL, the Temporal server
 * on it, two workers, two APIs behind the round-robin proxy, every part supervised) and drives N admission cases end
 * to end over HTTP, C at a time, as the committee members would (libs/testing's AdmissionDriver, every call retried
 * on connection errors and 5xx, bounded). New cases get a probation of 0 months (PARTYFLOW_PROBATION_MONTHS), so a
 * case runs through the recognition vote and decision to `official` in real time. Meanwhile it kills -9, one at a
 * time and spread over the run, a worker, an API instance, the Temporal server and PostgreSQL, and lets the
 * supervisor restart each. Then it reads the task table, the audit log and Temporal, and prints: cases completed,
 * cases stuck (and where), tasks opened twice, completions recorded twice and duplicate audit events.
 *
 * Usage: node -r ./infra/scripts/register.js test/bench/chaos.bench.ts [--cases N] [--concurrency C] [--pause-s P]
 *        [--timeout-min T] [--poll-ms M] [--keep]
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { Connection, Client as TemporalClient } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@partyflow/config';
import { admissionWorkflowId } from '@partyflow/contracts';
import { openDatabase } from '@partyflow/persistence';
import {
  AdmissionDriver,
  allPages,
  BENCH_RECOGNITION_STEPS,
  BENCH_STEPS_TO_HELPER,
  benchOrgId,
  createBenchCandidates,
  freePortRun,
  harnessEnv,
  repoRoot,
  temporalServerDirPath,
  type ApiSession,
  type BenchCandidate,
  type HttpRetry,
} from '@partyflow/testing';
import { startCluster, type RunningCluster } from '../../infra/demo/cluster';
import { DEFAULT_REACHABLE_DIR, freePort } from '../../infra/postgres/embedded-postgres';
import { relocatedDataDir } from '../../infra/postgres/relocated-postgres';

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

type Options = {
  cases: number;
  concurrency: number;
  pauseS: number;
  timeoutMin: number;
  pollMs: number;
  keep: boolean;
};

const USAGE = `Usage: chaos.sh [--cases N] [--concurrency C] [--pause-s P] [--timeout-min T] [--poll-ms M] [--keep]
  --cases N        admission cases driven end to end (default 200)
  --concurrency C  cases in flight at once (default 8)
  --pause-s P      at least this long between a part's restart and the next kill (default 20)
  --timeout-min T  the whole drive is abandoned after T minutes; unfinished cases count as stuck (default 75)
  --poll-ms M      pause between two inbox polls of one case (default 250)
  --keep           keep the data folder (PostgreSQL, the Temporal server's and the parts' logs) at the end`;

function parseOptions(argv: readonly string[]): Options {
  const o: Options = { cases: 200, concurrency: 8, pauseS: 20, timeoutMin: 75, pollMs: 250, keep: false };
  const numeric: Record<string, keyof Omit<Options, 'keep'>> = {
    '--cases': 'cases',
    '--concurrency': 'concurrency',
    '--pause-s': 'pauseS',
    '--timeout-min': 'timeoutMin',
    '--poll-ms': 'pollMs',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (arg === '--keep') {
      o.keep = true;
      continue;
    }
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    const key = numeric[flag];
    if (!key) throw new Error(`Unknown argument '${arg}'\n${USAGE}`);
    const raw = inline ?? argv[++i];
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < (key === 'pollMs' || key === 'pauseS' ? 0 : 1))
      throw new Error(`${flag} must be a whole number, got '${raw}'\n${USAGE}`);
    o[key] = n;
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Clock and log
// ---------------------------------------------------------------------------------------------

const begun = performance.now();
const elapsed = (): number => (performance.now() - begun) / 1000;
const stamp = (): string => `${new Date().toISOString()} +${elapsed().toFixed(1).padStart(6)} s`;
const log = (line: string): void => void process.stderr.write(`[chaos ${stamp()}] ${line}\n`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// The kills
// ---------------------------------------------------------------------------------------------

/** One of each kind of part, in this order (the issue's). */
const VICTIMS = ['worker-1', 'api-1', 'temporal-server', 'postgres'] as const;
type Victim = (typeof VICTIMS)[number];
type Kill = { part: Victim; pid: number; killedAt: number; restartedAt?: number; newPid?: number; note?: string };

/** Watches the supervisor's lines for restarts. */
class RestartWatch {
  private readonly waiters = new Map<string, (pid: number) => void>();
  readonly lines: string[] = [];

  onLine(line: string): void {
    this.lines.push(line);
    const m = line.match(/^\[cluster\] (\S+) restarted \(pid (\d+)\)$/);
    if (m) this.waiters.get(m[1])?.(Number(m[2]));
  }

  restart(part: string, timeoutMs: number): Promise<number | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(part);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.set(part, (pid) => {
        clearTimeout(timer);
        this.waiters.delete(part);
        resolve(pid);
      });
    });
  }
}

/**
 * Kills each victim once, the k-th when k/(victims+1) of the cases are done (so each outage meets load), at least
 * `pauseS` after the previous part came back; stops early when the drive has ended.
 */
async function runChaos(
  cluster: RunningCluster,
  watch: RestartWatch,
  opts: Options,
  progress: { done: number; over: boolean },
): Promise<Kill[]> {
  const kills: Kill[] = [];
  let calmSince = performance.now();
  for (let k = 0; k < VICTIMS.length; k++) {
    const part = VICTIMS[k];
    const due = Math.ceil(((k + 1) * opts.cases) / (VICTIMS.length + 1));
    while (!progress.over && (progress.done < due || performance.now() - calmSince < opts.pauseS * 1000))
      await sleep(500);
    if (progress.over) {
      log(`drive over before the kill of ${part}: not killed`);
      break;
    }
    const pid = cluster.supervisor.pid(part);
    if (pid === undefined) {
      kills.push({ part, pid: -1, killedAt: elapsed(), note: 'not running when its turn came' });
      continue;
    }
    const restarted = watch.restart(part, 300_000);
    const kill: Kill = { part, pid, killedAt: elapsed() };
    kills.push(kill);
    log(`kill -9 ${part} (pid ${pid}) with ${progress.done}/${opts.cases} cases done`);
    process.kill(pid, 'SIGKILL');
    const newPid = await restarted;
    if (newPid === undefined) {
      kill.note = 'no restart within 300 s';
      log(`${part} did not come back within 300 s`);
    } else {
      kill.restartedAt = elapsed();
      kill.newPid = newPid;
      log(`${part} back (pid ${newPid}) ${(kill.restartedAt - kill.killedAt).toFixed(1)} s after its kill`);
    }
    calmSince = performance.now();
  }
  return kills;
}

// ---------------------------------------------------------------------------------------------
// Driving the cases
// ---------------------------------------------------------------------------------------------

const PLAN = [...BENCH_STEPS_TO_HELPER, ...BENCH_RECOGNITION_STEPS];
/** How long a case's next task may take to reach the inbox (an outage of the Temporal server, a worker's restart). */
const TASK_WAIT_MS = 300_000;

type InboxRow = { id: string; taskKey: string; caseId: string };
type TaskDetail = Parameters<AdmissionDriver['approvingData']>[0];
type CaseRun = { candidate: BenchCandidate; caseId?: string; stepsDone: number; error?: string; seconds: number };

type Counters = {
  retries: Map<string, number>;
  /** Completions whose retry was answered 409 TASK_NOT_OPEN: the first try had gone through. */
  completionsAlreadyDone: number;
  /** Case starts whose retry was answered 409 CASE_ALREADY_OPEN: the first try had gone through. */
  startsAlreadyDone: number;
  /** Case starts answered 503 WORKFLOW_START_FAILED (the row marked start_failed), then started again. */
  startsFailed: number;
};

class ChaosDriver {
  readonly driver: AdmissionDriver;

  constructor(
    baseUrl: string,
    users: RunningCluster['users'],
    private readonly opts: Options,
    private readonly counters: Counters,
  ) {
    const retry: HttpRetry = {
      attempts: 30,
      firstDelayMs: 250,
      maxDelayMs: 5_000,
      onRetry: (call, _attempt, reason) => {
        const key = `${call.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')} ← ${reason}`;
        counters.retries.set(key, (counters.retries.get(key) ?? 0) + 1);
      },
    };
    this.driver = new AdmissionDriver(baseUrl, users, { retry });
  }

  private inbox(session: ApiSession, candidate: BenchCandidate): Promise<InboxRow[]> {
    return allPages<InboxRow>(session, `/tasks/mine?process=admission&q=${encodeURIComponent(candidate.fullName)}`);
  }

  /** POST /admission-cases; after a lost answer the retry's 409 CASE_ALREADY_OPEN means the case exists: found. */
  private async start(candidate: BenchCandidate): Promise<string> {
    const secretary = await this.driver.as(this.driver.userFor(candidate.cellOrgId, 'cell_secretary'));
    for (let tries = 1; ; tries++) {
      const res = await secretary.post<{ caseId: string; error?: { code: string } }>('/admission-cases', {
        candidateMemberId: candidate.memberId,
        note: 'Thử sức bền',
      });
      if (res.status === 201) return res.body.caseId;
      if (res.status === 409 && res.body.error?.code === 'CASE_ALREADY_OPEN' && res.attempts > 1) {
        this.counters.startsAlreadyDone++;
        const deadline = Date.now() + TASK_WAIT_MS;
        for (;;) {
          const first = (await this.inbox(secretary, candidate)).find((t) => t.taskKey === 'introducers');
          if (first) return first.caseId;
          if (Date.now() > deadline) throw new Error('case started by a lost call, but its first task never came');
          await sleep(this.opts.pollMs);
        }
      }
      if (res.status === 503 && res.body.error?.code === 'WORKFLOW_START_FAILED' && tries < 5) {
        this.counters.startsFailed++;
        await sleep(2_000);
        continue;
      }
      throw new Error(`POST /admission-cases: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }

  async driveCase(candidate: BenchCandidate): Promise<CaseRun> {
    const started = performance.now();
    const run: CaseRun = { candidate, stepsDone: 0, seconds: 0 };
    try {
      run.caseId = await this.start(candidate);
      for (const step of PLAN) {
        const username = this.driver.userFor(benchOrgId(step.org, candidate.cellOrgId), step.role);
        const session = await this.driver.as(username);
        const deadline = Date.now() + TASK_WAIT_MS;
        let row: InboxRow | undefined;
        while (!(row = (await this.inbox(session, candidate)).find((t) => t.taskKey === step.taskKey))) {
          if (Date.now() > deadline) throw new Error(`task ${step.taskKey} not in ${username}'s inbox in 300 s`);
          await sleep(this.opts.pollMs);
        }
        if (row.caseId !== run.caseId) throw new Error(`task ${step.taskKey} of another case ${row.caseId}`);
        const detail = await session.get<TaskDetail>(`/tasks/${row.id}`);
        if (detail.status !== 200)
          throw new Error(`GET /tasks/${row.id}: ${detail.status} ${JSON.stringify(detail.body)}`);
        const body = await this.driver.approvingData(detail.body, username, candidate.cellOrgId);
        const done = await session.post<{ error?: { code: string } }>(`/tasks/${row.id}/complete`, {
          ...body,
          comment: 'Thử sức bền',
        });
        if (done.status === 409 && done.body.error?.code === 'TASK_NOT_OPEN' && done.attempts > 1) {
          this.counters.completionsAlreadyDone++;
        } else if (done.status !== 200) {
          throw new Error(
            `completing ${step.taskKey} as ${username}: ${done.status} after ${done.attempts} tries ${JSON.stringify(done.body)}`,
          );
        }
        run.stepsDone++;
      }
    } catch (e) {
      run.error = (e as Error).message.slice(0, 400);
    }
    run.seconds = (performance.now() - started) / 1000;
    return run;
  }
}

/** Runs `fn` over the items, `concurrency` at a time, until `stopAt` (performance.now()); the rest are not run. */
async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  stopAt: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length && performance.now() < stopAt) results.push(await fn(items[next++]));
    }),
  );
  return results;
}

// ---------------------------------------------------------------------------------------------
// The figures
// ---------------------------------------------------------------------------------------------

type Row = Record<string, string | number | null>;

async function figures(ds: DataSource, candidateIds: string[], temporal: TemporalClient): Promise<string[]> {
  const q = (sql: string): Promise<Row[]> => ds.query(sql, [candidateIds]);
  const cases = `SELECT id FROM admission_case WHERE candidate_member_id = ANY($1)`;
  const [counts] = await q(
    `SELECT count(DISTINCT candidate_member_id)::int AS candidates, count(*)::int AS cases,
            count(*) FILTER (WHERE status = 'official')::int AS official,
            count(*) FILTER (WHERE status = 'start_failed')::int AS start_failed
       FROM admission_case WHERE candidate_member_id = ANY($1)`,
  );
  const unfinished = await q(
    `SELECT c.id, c.workflow_id, c.status, c.current_step,
            coalesce(string_agg(t.task_key || ' (' || t.status || ')', ', ' ORDER BY t.opened_at)
              FILTER (WHERE t.status IN ('open', 'overdue')), 'none') AS open_tasks
       FROM admission_case c LEFT JOIN human_task t ON t.case_id = c.id
      WHERE c.candidate_member_id = ANY($1) AND c.status NOT IN ('official', 'start_failed')
      GROUP BY c.id ORDER BY c.started_at`,
  );
  // Candidates driven but with no case row at all (a start that never got through).
  const [noCase] = await q(
    `SELECT count(*)::int AS n FROM unnest($1::uuid[]) AS m(id)
      WHERE NOT EXISTS (SELECT 1 FROM admission_case c WHERE c.candidate_member_id = m.id AND c.status <> 'start_failed')`,
  );
  const twiceByKey = await q(
    `SELECT workflow_id, task_key, count(*)::int AS n FROM human_task WHERE case_id IN (${cases})
      GROUP BY 1, 2 HAVING count(*) > 1`,
  );
  const twiceByStep = await q(
    `SELECT case_id, step, count(*)::int AS n FROM human_task WHERE case_id IN (${cases})
      GROUP BY 1, 2 HAVING count(*) > 1`,
  );
  const openedAudit = await q(
    `SELECT case_id, step, count(*)::int AS n FROM audit_log
      WHERE action = 'task.opened' AND case_id IN (${cases}) GROUP BY 1, 2 HAVING count(*) > 1`,
  );
  const assignedTwice = await q(
    `SELECT n.task_id, count(*)::int AS n FROM notification n JOIN human_task t ON t.id = n.task_id
      WHERE n.kind = 'task_assigned' AND t.case_id IN (${cases}) GROUP BY 1 HAVING count(*) > 1`,
  );
  const completedAudit = await q(
    `SELECT case_id, step, count(*)::int AS n FROM audit_log
      WHERE action = 'task.completed' AND case_id IN (${cases}) GROUP BY 1, 2 HAVING count(*) > 1`,
  );
  const [completedRows] = await q(
    `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed,
            count(*) FILTER (WHERE status = 'completed' AND completed_at IS NULL)::int AS without_time
       FROM human_task WHERE case_id IN (${cases})`,
  );
  const [auditRows] = await q(`SELECT count(*)::int AS n FROM audit_log WHERE case_id IN (${cases})`);
  // The same event written twice under two keys: every column but the id, the key and the time alike.
  const auditDuplicates = await q(
    `SELECT case_id, action, step, outcome, count(*)::int AS n FROM audit_log WHERE case_id IN (${cases})
      GROUP BY case_id, action, task_id, step, outcome, actor_user_id, actor_name, comment, details::text
     HAVING count(*) > 1`,
  );
  // The run's database holds only these cases' mails (the demo data queues none).
  const mailDuplicates = await ds.query(
    `SELECT user_id, kind, count(*)::int AS n FROM mail_outbox GROUP BY user_id, kind, content::text HAVING count(*) > 1`,
  );
  const [mails] = await ds.query(`SELECT count(*)::int AS n FROM mail_outbox`);

  // Temporal's word on every case: closed as completed, or where it waits.
  const ids = (
    await q(`SELECT id FROM admission_case WHERE candidate_member_id = ANY($1) AND status <> 'start_failed'`)
  ).map((r) => String(r.id));
  const statuses = new Map<string, number>();
  const where = new Map<string, string>();
  for (const id of ids) {
    try {
      const d = await temporal.workflow.getHandle(admissionWorkflowId(id)).describe();
      statuses.set(d.status.name, (statuses.get(d.status.name) ?? 0) + 1);
      if (d.status.name !== 'COMPLETED') {
        const raw = d.raw.pendingActivities ?? [];
        where.set(
          id,
          `${d.status.name}${raw.length ? `; pending activities: ${raw.map((a) => `${a.activityType?.name} (attempt ${a.attempt}${a.lastFailure?.message ? `, ${a.lastFailure.message.slice(0, 120)}` : ''})`).join(', ')}` : ''}`,
        );
      }
    } catch (e) {
      statuses.set('unknown', (statuses.get('unknown') ?? 0) + 1);
      where.set(id, `describe failed: ${(e as Error).message.slice(0, 120)}`);
    }
  }
  const sum = (rows: Row[]) => rows.reduce((n, r) => n + Number(r.n) - 1, 0);
  const list = (rows: Row[], cols: string[]) =>
    rows.filter((_, i) => i < 10).map((r) => `      ${cols.map((c) => `${c}=${r[c]}`).join(' ')}`);

  return [
    `cases completed (official, workflow closed): ${counts.official} of ${candidateIds.length}`,
    `  Temporal: ${[...statuses.entries()].map(([s, n]) => `${n} ${s}`).join(', ') || 'none'}`,
    `  case rows ${counts.cases} for ${counts.candidates} candidates (start_failed rows: ${counts.start_failed}); candidates without a case: ${noCase.n}`,
    `cases stuck: ${unfinished.length + Number(noCase.n)}`,
    ...unfinished.map(
      (r) =>
        `    ${r.workflow_id}: ${r.status} at ${r.current_step}; open tasks: ${r.open_tasks}; Temporal: ${where.get(String(r.id)) ?? '?'}`,
    ),
    `tasks opened twice for one (workflow, task key): ${sum(twiceByKey)}`,
    ...list(twiceByKey, ['workflow_id', 'task_key', 'n']),
    `  rows for one (case, step): ${sum(twiceByStep)}; 'task.opened' audit events for one (case, step): ${sum(openedAudit)}; assignment notifications for one task: ${sum(assignedTwice)}`,
    ...list([...twiceByStep, ...openedAudit], ['case_id', 'step', 'n']),
    `completions recorded twice: ${sum(completedAudit)} ('task.completed' audit events for one (case, step); ${completedRows.completed} tasks completed)`,
    ...list(completedAudit, ['case_id', 'step', 'n']),
    `duplicate audit events: ${sum(auditDuplicates)} (of ${auditRows.n} audit rows of these cases; same case, action, task, step, outcome, actor, comment and details)`,
    ...list(auditDuplicates, ['case_id', 'action', 'step', 'outcome', 'n']),
    `  mails queued twice: ${sum(mailDuplicates)} (of ${mails.n} queued)`,
  ];
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  // A data folder of its own; 0755 so that, as root, PostgreSQL (run as `postgres`) keeps its data inside it.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'partyflow-chaos-'));
  chmodSync(dataDir, 0o755);
  const first = await freePortRun();
  const [pgPort, uiPort, proxyPort, api1, api2] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const env: Record<string, string> = {
    ...harnessEnv(),
    PARTYFLOW_DATA_DIR: dataDir,
    PARTYFLOW_POSTGRES_PORT: String(pgPort),
    TEMPORAL_ADDRESS: `127.0.0.1:${first}`,
    TEMPORAL_SERVER_PORT_BASE: String(first + 1),
    TEMPORAL_NAMESPACE: 'partyflow-chaos',
    TEMPORAL_UI_PORT: String(uiPort),
    API_PORT: String(proxyPort),
    PARTYFLOW_CLUSTER_API_PORTS: `${api1},${api2}`,
    PARTYFLOW_CLUSTER_WORKERS: '2',
    PARTYFLOW_PROBATION_MONTHS: '0',
    LOG_LEVEL: 'warn',
  };
  // The run's own embedded PostgreSQL, whatever the shell says.
  delete process.env.DATABASE_URL;
  const config = loadConfig(env);
  const watch = new RestartWatch();
  const gaveUp: string[] = [];
  let cluster: RunningCluster | undefined;
  const cleanup = async () => {
    await cluster?.stop().catch((e: Error) => log(`stopping the cluster: ${e.message}`));
    if (opts.keep) log(`data kept in ${dataDir} (parts' logs in ${path.join(dataDir, 'logs')})`);
    else rmSync(dataDir, { recursive: true, force: true });
    rmSync(relocatedDataDir(path.join(dataDir, 'postgres'), DEFAULT_REACHABLE_DIR), { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void cleanup().finally(() => process.exit(130));
    });

  try {
    log(`starting the cluster in ${dataDir} (Temporal frontend ${env.TEMPORAL_ADDRESS}, API proxy :${proxyPort})`);
    cluster = await startCluster({
      root: repoRoot,
      config,
      serverDir: temporalServerDirPath(),
      extraEnv: env,
      logDir: path.join(dataDir, 'logs'),
      log: (line) => {
        watch.onLine(line);
        log(line);
      },
      onGiveUp: (part) => void gaveUp.push(part),
    });
    const setupS = elapsed();
    log(`cluster up in ${setupS.toFixed(1)} s`);

    const runTag = randomUUID().slice(0, 8);
    let ds = await openDatabase({ url: cluster.databaseUrl, poolSize: 2 });
    const candidates = await createBenchCandidates(ds, opts.cases, runTag, 'Quần chúng thử sức bền');
    await ds.destroy();

    const counters: Counters = { retries: new Map(), completionsAlreadyDone: 0, startsAlreadyDone: 0, startsFailed: 0 };
    const chaos = new ChaosDriver(`http://127.0.0.1:${proxyPort}`, cluster.users, opts, counters);
    const progress = { done: 0, over: false };
    const driveBegun = performance.now();
    log(`driving ${opts.cases} cases, ${opts.concurrency} at a time (${PLAN.length} human steps each)`);
    const chaosDone = runChaos(cluster, watch, opts, progress);
    const runs = await runPool(candidates, opts.concurrency, driveBegun + opts.timeoutMin * 60_000, async (c) => {
      const run = await chaos.driveCase(c);
      progress.done++;
      log(
        `case ${progress.done}/${opts.cases} ${run.error ? `FAILED after ${run.stepsDone} steps: ${run.error}` : 'done'} (${run.seconds.toFixed(1)} s)`,
      );
      return run;
    });
    progress.over = true;
    const driveS = (performance.now() - driveBegun) / 1000;
    const kills = await chaosDone;

    // The last activities (the decision's milestone, the end of the case) run after the last HTTP answer.
    ds = await openDatabase({ url: cluster.databaseUrl, poolSize: 2 });
    const ids = candidates.map((c) => c.memberId);
    const settleUntil = Date.now() + 120_000;
    while (Date.now() < settleUntil) {
      const [r] = await ds.query(
        `SELECT count(*)::int AS n FROM admission_case WHERE candidate_member_id = ANY($1) AND status IN ('in_progress', 'probationary')`,
        [ids],
      );
      if (r.n === 0) break;
      await sleep(1_000);
    }
    const connection = await Connection.connect({ address: config.temporal.address });
    const temporal = new TemporalClient({ connection, namespace: config.temporal.namespace });
    const lines = await figures(ds, ids, temporal);
    await connection.close();
    await ds.destroy();

    const failed = runs.filter((r) => r.error);
    const retries = [...counters.retries.entries()].sort((a, b) => b[1] - a[1]);
    const perCase = runs
      .filter((r) => !r.error)
      .map((r) => r.seconds)
      .sort((a, b) => a - b);
    const pct = (p: number) =>
      perCase.length ? perCase[Math.max(0, Math.ceil(p * perCase.length) - 1)].toFixed(1) : 'n/a';
    const rule = '-'.repeat(100);
    console.log(
      [
        rule,
        `Chaos run (issue 12 §2): ${opts.cases} admission cases over HTTP through the cluster topology, kill -9 of ${VICTIMS.join(', ')}`,
        rule,
        `machine: ${os.cpus().length} cores, load ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(
            ' ',
          )}; setup ${setupS.toFixed(1)} s; drive ${driveS.toFixed(1)} s (${((runs.length / driveS) * 60).toFixed(1)} cases/min, concurrency ${opts.concurrency}); one case p50 ${pct(0.5)} s, p95 ${pct(0.95)} s`,
        `human steps per case: ${PLAN.length} (${PLAN.map((s) => s.taskKey.replace(/:.*/, '')).join(' → ')}), probation 0 months`,
        '',
        'kills (times from the start of the run):',
        ...kills.map(
          (k) =>
            `  ${k.part.padEnd(16)} pid ${String(k.pid).padEnd(8)} killed at ${k.killedAt.toFixed(1)} s, ` +
            (k.restartedAt !== undefined
              ? `restarted (pid ${k.newPid}) at ${k.restartedAt.toFixed(1)} s: ${(k.restartedAt - k.killedAt).toFixed(1)} s down`
              : k.note),
        ),
        ...(gaveUp.length ? [`  the supervisor gave up on: ${gaveUp.join(', ')}`] : []),
        '',
        `HTTP retries: ${retries.reduce((n, [, c]) => n + c, 0)}; completions found done on retry (409 TASK_NOT_OPEN): ${counters.completionsAlreadyDone}; starts found done on retry (409 CASE_ALREADY_OPEN): ${counters.startsAlreadyDone}; starts answered 503 WORKFLOW_START_FAILED and sent again: ${counters.startsFailed}`,
        ...retries.slice(0, 12).map(([k, n]) => `  ${String(n).padStart(5)}  ${k}`),
        `cases the driver could not finish: ${failed.length}${runs.length < opts.cases ? ` (and ${opts.cases - runs.length} not driven: timeout)` : ''}`,
        ...failed
          .slice(0, 20)
          .map((r) => `  ${r.caseId ?? r.candidate.fullName}: after ${r.stepsDone} steps: ${r.error}`),
        '',
        ...lines,
        rule,
      ].join('\n'),
    );
    return 0;
  } finally {
    log('stopping the cluster');
    await cleanup();
    log(`total ${elapsed().toFixed(1)} s`);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
