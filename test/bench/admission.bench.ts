/**
 * Admission benchmark: its own command (`bash infra/scripts/bench.sh`), not part of the test
 * suite, and it never fails on time. On one dev server (the real Temporal CLI) with PostgreSQL,
 * a worker and the HTTP API in this process (libs/testing/src/system.ts) it
 *   1. drives N admission cases over HTTP through every human step up to the helper assignment
 *      after the ceremony, C cases at a time, as the committee members would, and measures the
 *      time from each completion's HTTP 200 to the next task of the case being listed in its
 *      assignee's inbox (GET /tasks/mine), polled every few milliseconds;
 *   2. measures the bare-engine ceiling in the same run: a trivial workflow (ceiling.workflow.ts)
 *      on its own task queue and worker, N workflows C at a time, each taking as many updates in
 *      sequence as a case has human steps, with no activities.
 *
 * Usage: node -r ./infra/scripts/register.js test/bench/admission.bench.ts [--cases N] [--concurrency C]
 *        [--poll-ms P] [--warmup W]      (or BENCH_CASES, BENCH_CONCURRENCY, BENCH_POLL_MS, BENCH_WARMUP)
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { AdmissionCaseEntity, demoOrgId } from '@partyflow/persistence';
import { withTracing } from '@partyflow/tracing';
import type { DataSource } from 'typeorm';
import {
  AdmissionDriver,
  BENCH_CELL_CODES,
  BENCH_STEPS_TO_HELPER,
  benchOrgId,
  createBenchCandidates,
  createTemplateDatabase,
  type BenchCandidate,
  type BenchOrgSlot,
  startSystem,
  startTestPostgres,
  URL_VAR,
  temporalCliPath,
  type ApiSession,
  type CursorPage,
  type RunningSystem,
} from '@partyflow/testing';
import { benchCeilingWorkflow, ceilingStepUpdate } from './ceiling.workflow';

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

type Options = { cases: number; concurrency: number; pollMs: number; warmup: number; taskTimeoutMs: number };

const USAGE = `Usage: bench.sh [--cases N] [--concurrency C] [--poll-ms P] [--warmup W]
  --cases, -n        admission cases to drive, and ceiling workflows to run (default 20; BENCH_CASES)
  --concurrency, -c  cases (and ceiling workflows) in flight at once (default 5; BENCH_CONCURRENCY)
  --poll-ms          pause between two inbox polls of one case, in ms (default 10; BENCH_POLL_MS)
  --warmup           cases (and ceiling workflows) run first and left out of the figures (default 0; BENCH_WARMUP)
  Positional form: bench.sh N [C]`;

function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const values: Record<'cases' | 'concurrency' | 'pollMs' | 'warmup', string | undefined> = {
    cases: env.BENCH_CASES,
    concurrency: env.BENCH_CONCURRENCY,
    pollMs: env.BENCH_POLL_MS,
    warmup: env.BENCH_WARMUP,
  };
  const names: Record<string, keyof typeof values> = {
    '--cases': 'cases',
    '-n': 'cases',
    '--concurrency': 'concurrency',
    '-c': 'concurrency',
    '--poll-ms': 'pollMs',
    '--warmup': 'warmup',
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const key = names[flag];
    if (key) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      values[key] = value;
    } else if (/^\d+$/.test(arg)) {
      positional.push(arg);
    } else {
      throw new Error(`Unknown argument '${arg}'\n${USAGE}`);
    }
  }
  if (positional[0] !== undefined) values.cases = positional[0];
  if (positional[1] !== undefined) values.concurrency = positional[1];
  const int = (name: string, raw: string | undefined, fallback: number, min: number): number => {
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got '${raw}'`);
    return n;
  };
  return {
    cases: int('cases', values.cases, 20, 1),
    concurrency: int('concurrency', values.concurrency, 5, 1),
    pollMs: int('poll-ms', values.pollMs, 10, 0),
    warmup: int('warmup', values.warmup, 0, 0),
    taskTimeoutMs: 120_000,
  };
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

/** Runs `fn(0) … fn(count - 1)` with at most `concurrency` in flight; results in index order. */
async function runPool<T>(count: number, concurrency: number, fn: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const index = next++;
      results[index] = await fn(index);
    }
  });
  await Promise.all(lanes);
  return results;
}

type Summary = { count: number; mean: number; p50: number; p95: number; max: number };

/** Nearest-rank percentiles. */
function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number): number =>
    sorted.length ? sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] : Number.NaN;
  const mean = sorted.length ? sorted.reduce((sum, x) => sum + x, 0) / sorted.length : Number.NaN;
  return {
    count: sorted.length,
    mean,
    p50: rank(50),
    p95: rank(95),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}

const ms = (value: number): string => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(1)} ms`);
const perMinute = (count: number, wallMs: number): string => (count / (wallMs / 60_000)).toFixed(1);

// ---------------------------------------------------------------------------------------------
// Driving the admission cases (candidates and steps: libs/testing/src/bench-candidates.ts)
// ---------------------------------------------------------------------------------------------

const STEPS = BENCH_STEPS_TO_HELPER;
const HUMAN_STEPS = STEPS.length;

type InboxRow = {
  id: string;
  taskKey: string;
  step: string;
  caseId: string;
  status: string;
  assignee: { orgId: string; role: string | null };
};
type TaskDetail = Parameters<AdmissionDriver['approvingData']>[0];

type Gap = { from: string; to: string; ms: number; polls: number };
type CaseResult = {
  caseId: string;
  startToFirstMs: number;
  gaps: Gap[];
  completeMs: number[];
  inboxGetMs: number[];
  totalMs: number;
};

class AdmissionBench {
  private readonly driver: AdmissionDriver;
  private readonly helpers = new Map<string, string>();

  constructor(
    sys: RunningSystem,
    private readonly opts: Options,
  ) {
    this.driver = new AdmissionDriver(sys.baseUrl, sys.users);
  }

  private orgId(slot: BenchOrgSlot, cellOrgId: string): string {
    return benchOrgId(slot, cellOrgId);
  }

  /** Logs every assignee in and picks each cell's helper before anything is timed. */
  async prepare(): Promise<void> {
    for (const code of BENCH_CELL_CODES) {
      const cellOrgId = demoOrgId(code);
      for (const step of STEPS) await this.driver.as(this.driver.userFor(this.orgId(step.org, cellOrgId), step.role));
      const secretary = await this.driver.as(this.driver.userFor(cellOrgId, 'cell_secretary'));
      const officials = await secretary.get<{ id: string }[]>(`/members?orgId=${cellOrgId}&status=official`);
      const helper = officials.body[2] ?? officials.body[0];
      if (officials.status !== 200 || !helper)
        throw new Error(`No official member in ${code} to help the new members: ${officials.status}`);
      this.helpers.set(cellOrgId, helper.id);
    }
  }

  /**
   * Polls the assignee's inbox until the case's task with `taskKey` is listed; `visibleAt` is when
   * that answer arrived.
   */
  private async waitInInbox(
    session: ApiSession,
    caseId: string,
    taskKey: string,
    inboxGetMs: number[],
  ): Promise<{ row: InboxRow; visibleAt: number; polls: number }> {
    const deadline = performance.now() + this.opts.taskTimeoutMs;
    for (let polls = 1; ; polls++) {
      const sent = performance.now();
      // One page (issue 13 §3) holds the whole inbox: a user has at most one open task of each case in flight.
      const res = await session.get<CursorPage<InboxRow>>('/tasks/mine?process=admission&pageSize=200');
      const at = performance.now();
      inboxGetMs.push(at - sent);
      if (res.status !== 200) throw new Error(`GET /tasks/mine: ${res.status} ${JSON.stringify(res.body)}`);
      const row = res.body.items.find((t) => t.caseId === caseId && t.taskKey === taskKey);
      if (row) return { row, visibleAt: at, polls };
      if (res.body.next !== null) throw new Error(`GET /tasks/mine: more than one page (${res.body.total} tasks)`);
      if (at > deadline)
        throw new Error(`Task ${taskKey} of case ${caseId} did not reach the inbox in ${this.opts.taskTimeoutMs} ms`);
      if (this.opts.pollMs > 0) await sleep(this.opts.pollMs);
    }
  }

  async driveCase(candidate: BenchCandidate): Promise<CaseResult> {
    const { cellOrgId } = candidate;
    const secretary = await this.driver.as(this.driver.userFor(cellOrgId, 'cell_secretary'));
    const begun = performance.now();
    const started = await secretary.post<{ caseId: string }>('/admission-cases', {
      candidateMemberId: candidate.memberId,
      note: 'Thử tải',
    });
    if (started.status !== 201)
      throw new Error(
        `POST /admission-cases for ${candidate.fullName}: ${started.status} ${JSON.stringify(started.body)}`,
      );
    const { caseId } = started.body;
    let previousDoneAt = performance.now();
    let previous = 'start';
    const result: CaseResult = { caseId, startToFirstMs: 0, gaps: [], completeMs: [], inboxGetMs: [], totalMs: 0 };

    for (const step of STEPS) {
      const username = this.driver.userFor(this.orgId(step.org, cellOrgId), step.role);
      const session = await this.driver.as(username);
      const { row, visibleAt, polls } = await this.waitInInbox(session, caseId, step.taskKey, result.inboxGetMs);
      if (previous === 'start') result.startToFirstMs = visibleAt - previousDoneAt;
      else result.gaps.push({ from: previous, to: step.taskKey, ms: visibleAt - previousDoneAt, polls });

      const detail = await session.get<TaskDetail>(`/tasks/${row.id}`);
      if (detail.status !== 200)
        throw new Error(`GET /tasks/${row.id}: ${detail.status} ${JSON.stringify(detail.body)}`);
      const body =
        step.taskKey === 'assign_helper'
          ? { outcome: 'assigned', data: { helperMemberId: this.helpers.get(cellOrgId) } }
          : await this.driver.approvingData(detail.body, username, cellOrgId);
      const sent = performance.now();
      const done = await session.post<{ outcome: string }>(`/tasks/${row.id}/complete`, {
        ...body,
        comment: 'Thử tải',
      });
      previousDoneAt = performance.now();
      if (done.status !== 200)
        throw new Error(
          `Completing ${step.taskKey} of ${caseId} as ${username}: ${done.status} ${JSON.stringify(done.body)}`,
        );
      result.completeMs.push(previousDoneAt - sent);
      previous = step.taskKey;
    }
    result.totalMs = previousDoneAt - begun;
    return result;
  }
}

// ---------------------------------------------------------------------------------------------
// Bare-engine ceiling
// ---------------------------------------------------------------------------------------------

/** `updateMs[k]`: round trips of the k-th update of every workflow (the first one meets the workflow's first task). */
type CeilingResult = { updateMs: number[][]; workflowMs: number[]; wallMs: number };

async function runCeiling(sys: RunningSystem, opts: Options, runTag: string): Promise<CeilingResult> {
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, 'ceiling.workflow.ts'),
    logger: {
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: console.warn,
      error: console.error,
      log: () => undefined,
    },
  });
  const taskQueue = `bench-ceiling-${runTag}`;
  const worker = await Worker.create(
    withTracing({
      connection: sys.env.nativeConnection,
      namespace: sys.env.namespace ?? 'default',
      taskQueue,
      workflowBundle,
    }),
  );
  const client = sys.env.client;

  const one = async (id: string, updateMs: number[][]): Promise<number> => {
    const begun = performance.now();
    const handle = await client.workflow.start(benchCeilingWorkflow, {
      taskQueue,
      workflowId: id,
      args: [HUMAN_STEPS],
    });
    for (let step = 0; step < HUMAN_STEPS; step++) {
      const sent = performance.now();
      const echoed = await handle.executeUpdate(ceilingStepUpdate, { args: [step] });
      (updateMs[step] ??= []).push(performance.now() - sent);
      if (echoed !== step) throw new Error(`ceiling ${id}: update ${step} answered ${echoed}`);
    }
    const steps = await handle.result();
    if (steps !== HUMAN_STEPS) throw new Error(`ceiling ${id}: ${steps} steps`);
    return performance.now() - begun;
  };

  return worker.runUntil(async () => {
    if (opts.warmup > 0) {
      log(`ceiling: ${opts.warmup} warm-up workflow(s)`);
      await runPool(opts.warmup, opts.concurrency, (i) => one(`bench-ceiling-${runTag}-warmup-${i}`, []));
    }
    const updateMs: number[][] = [];
    const begun = performance.now();
    const workflowMs = await runPool(opts.cases, opts.concurrency, (i) =>
      one(`bench-ceiling-${runTag}-${i}`, updateMs),
    );
    return { updateMs, workflowMs, wallMs: performance.now() - begun };
  });
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

function temporalVersion(): string {
  try {
    return execFileSync(temporalCliPath(), ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

function table(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => (label === '' ? value : `  ${label.padEnd(width)}  ${value}`)).join('\n');
}

type RunInfo = { setupMs: number; loadBefore: number; loadAfter: number };

function report(
  opts: Options,
  cases: CaseResult[],
  admissionWallMs: number,
  probation: string,
  ceiling: CeilingResult,
  run: RunInfo,
): string {
  const gaps = summarise(cases.flatMap((c) => c.gaps.map((g) => g.ms)));
  const firsts = summarise(cases.map((c) => c.startToFirstMs));
  const completes = summarise(cases.flatMap((c) => c.completeMs));
  const inboxGets = summarise(cases.flatMap((c) => c.inboxGetMs));
  const perCase = summarise(cases.map((c) => c.totalMs));
  const polls = summarise(cases.flatMap((c) => c.gaps.map((g) => g.polls)));
  const updates = summarise(ceiling.updateMs.flat());
  const firstUpdates = summarise(ceiling.updateMs[0] ?? []);
  const laterUpdates = summarise(ceiling.updateMs.slice(1).flat());
  const ceilingWorkflows = summarise(ceiling.workflowMs);
  const cpus = os.cpus();
  const line = '-'.repeat(78);

  const transitions = new Map<string, number[]>();
  for (const c of cases)
    for (const g of c.gaps)
      transitions.set(`${g.from} → ${g.to}`, [...(transitions.get(`${g.from} → ${g.to}`) ?? []), g.ms]);
  const perTransition = [...transitions.entries()].map(([name, samples]) => {
    const s = summarise(samples);
    return [
      name,
      `p50 ${ms(s.p50).padStart(9)}   p95 ${ms(s.p95).padStart(9)}   max ${ms(s.max).padStart(9)}`,
    ] as const;
  });
  const fmt = (s: Summary): string =>
    `p50 ${ms(s.p50)}   p95 ${ms(s.p95)}   max ${ms(s.max)}   (n=${s.count}, mean ${ms(s.mean)})`;

  return [
    line,
    'Admission benchmark (dev server, one process: API + worker + bench client; PostgreSQL embedded)',
    line,
    table([
      ['cases (N)', String(opts.cases)],
      ['concurrency', String(opts.concurrency)],
      ['warm-up cases (not counted)', String(opts.warmup)],
      ['human steps driven per case', `${HUMAN_STEPS} (${STEPS.map((s) => s.taskKey.replace(/:.*/, '')).join(' → ')})`],
      ['inbox poll pause', `${opts.pollMs} ms`],
      [
        'machine',
        `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
      ],
      ['Temporal', temporalVersion()],
      ['setup (PostgreSQL, dev server, seed, worker, API)', `${(run.setupMs / 1000).toFixed(1)} s`],
      [
        'load average (1 min), before / after',
        `${run.loadBefore.toFixed(2)} / ${run.loadAfter.toFixed(2)} (other processes on the machine skew every figure)`,
      ],
    ]),
    '',
    'Admission over HTTP',
    table([
      ['wall time', `${(admissionWallMs / 1000).toFixed(1)} s`],
      ['cases per minute', perMinute(opts.cases, admissionWallMs)],
      ['completion → next task in inbox', fmt(gaps)],
      ['case start (201) → first task in inbox', fmt(firsts)],
      ['POST /tasks/:id/complete round trip', fmt(completes)],
      ['GET /tasks/mine round trip (one poll)', fmt(inboxGets)],
      ['inbox polls per completion', `p50 ${polls.p50}   p95 ${polls.p95}   max ${polls.max}`],
      ['one case, start → helper assigned', fmt(perCase)],
      ['after the last step', probation],
    ]),
    '',
    'completion → next task in inbox, per transition',
    table(perTransition),
    '',
    `Bare-engine ceiling (trivial workflow, ${HUMAN_STEPS} updates in sequence, no activities, own worker and task queue)`,
    table([
      ['wall time', `${(ceiling.wallMs / 1000).toFixed(1)} s`],
      ['workflows per minute', perMinute(opts.cases, ceiling.wallMs)],
      ['update round trip', fmt(updates)],
      ['  first update of a workflow', fmt(firstUpdates)],
      ['  later updates', fmt(laterUpdates)],
      ['one workflow, start → result', fmt(ceilingWorkflows)],
    ]),
    '',
    'Not driven: after the helper is assigned the workflow sleeps on a 12-month durable timer (probation);',
    'the recognition vote and decision after it cannot be driven in real time on the dev server.',
    'Gaps are measured from the HTTP 200 of a completion to the arrival of the first inbox answer that lists',
    'the next task (an upper bound, within one poll round trip plus the poll pause). The bench client shares',
    'the Node event loop with the API and the worker, and the machine with PostgreSQL and the dev server.',
    line,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function probationCheck(dataSource: DataSource, caseIds: string[]): Promise<string> {
  // The case row moves to 'probationary' at the ceremony and its step to 'probation' before the helper task.
  const rows = await dataSource.getRepository(AdmissionCaseEntity).findBy(caseIds.map((id) => ({ id })));
  const waiting = rows.filter((r) => r.status === 'probationary' && r.currentStep === 'probation').length;
  return `${waiting}/${caseIds.length} cases probationary, waiting on the 12-month probation timer`;
}

async function benchmark(opts: Options, sys: RunningSystem, setupBegun: number): Promise<string> {
  const runTag = randomUUID().slice(0, 8);
  const total = opts.warmup + opts.cases;
  const candidates = await createBenchCandidates(sys.dataSource, total, runTag);
  const bench = new AdmissionBench(sys, opts);
  await bench.prepare();
  const setupMs = performance.now() - setupBegun;
  log(`setup done in ${(setupMs / 1000).toFixed(1)} s; ${total} candidates created`);

  if (opts.warmup > 0) {
    log(`admission: ${opts.warmup} warm-up case(s)`);
    await runPool(opts.warmup, opts.concurrency, (i) => bench.driveCase(candidates[i]));
  }
  const loadBefore = os.loadavg()[0];
  log(`admission: ${opts.cases} cases, ${opts.concurrency} at a time`);
  let finished = 0;
  const begun = performance.now();
  const cases = await runPool(opts.cases, opts.concurrency, async (i) => {
    const result = await bench.driveCase(candidates[opts.warmup + i]);
    finished += 1;
    log(`  case ${finished}/${opts.cases} done in ${(result.totalMs / 1000).toFixed(2)} s`);
    return result;
  });
  const admissionWallMs = performance.now() - begun;
  const probation = await probationCheck(
    sys.dataSource,
    cases.map((c) => c.caseId),
  );

  log(`ceiling: ${opts.cases} workflows × ${HUMAN_STEPS} updates, ${opts.concurrency} at a time`);
  const ceiling = await runCeiling(sys, opts, runTag);
  return report(opts, cases, admissionWallMs, probation, ceiling, { setupMs, loadBefore, loadAfter: os.loadavg()[0] });
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2), process.env);
  const begun = performance.now();
  const cleanups: (() => Promise<void>)[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = (): Promise<void> => {
    cleaning ??= (async () => {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (e) {
          log(`cleanup: ${(e as Error).message}`);
        }
      }
    })();
    return cleaning;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  // The SDK logs every worker state change at INFO: keep warnings and errors only. It would also shut the
  // workers down by itself on SIGINT/SIGTERM, after which RunningSystem.stop() throws before it stops the
  // dev server; the handlers below stop everything in order instead.
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  try {
    log('starting PostgreSQL');
    cleanups.push(await startTestPostgres());
    // As the Jest global setup does: the migrated template every test database is copied from.
    cleanups.push(await createTemplateDatabase(process.env[URL_VAR] as string));
    log('starting the dev server, worker and API');
    const sys = await startSystem();
    cleanups.push(() => sys.stop());
    const text = await benchmark(opts, sys, begun);
    console.log(text);
    return 0;
  } finally {
    log('stopping');
    await cleanup();
    log(`total ${((performance.now() - begun) / 1000).toFixed(1)} s`);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
