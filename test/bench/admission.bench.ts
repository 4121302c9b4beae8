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
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { admissionWorkflowId } from '@partyflow/contracts';
import { AdmissionCaseEntity, demoOrgId } from '@partyflow/persistence';
import { withTracing } from '@partyflow/tracing';
import { MainThreadProfiler, type CpuProfileSummary } from './admission/cpu-profile';
import type { DataSource } from 'typeorm';
import {
  AdmissionDriver,
  BENCH_CELL_CODES,
  BENCH_RECOGNITION_STEPS,
  BENCH_STEPS_TO_HELPER,
  benchOrgId,
  createBenchCandidates,
  createTemplateDatabase,
  type BenchCandidate,
  type BenchStep,
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

type Options = {
  cases: number;
  concurrency: number;
  pollMs: number;
  warmup: number;
  taskTimeoutMs: number;
  /** Through recognition: probation of 0 months (PARTYFLOW_PROBATION_MONTHS), every case to 'official'. */
  full: boolean;
  /** A CPU profile of the main thread over the timed cases, by component (issue 13 §5). */
  profile: boolean;
};

const USAGE = `Usage: bench.sh [--cases N] [--concurrency C] [--poll-ms P] [--warmup W] [--full]
  --cases, -n        admission cases to drive, and ceiling workflows to run (default 20; BENCH_CASES)
  --concurrency, -c  cases (and ceiling workflows) in flight at once (default 5; BENCH_CONCURRENCY)
  --poll-ms          pause between two inbox polls of one case, in ms (default 10; BENCH_POLL_MS)
  --warmup           cases (and ceiling workflows) run first and left out of the figures (default 0; BENCH_WARMUP)
  --full             drive every case to 'official': probation of 0 months, then the recognition vote and decision,
                     and print the history length of the complete cases (issue 13 §6: --cases 2000 --full; BENCH_FULL=1)
  --profile          profile the main thread over the timed cases and print its CPU by component (issue 13 §5)
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
  let full = env.BENCH_FULL === '1';
  let profile = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (arg === '--full') {
      full = true;
      continue;
    }
    if (arg === '--profile') {
      profile = true;
      continue;
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
    full,
    profile,
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

/** The human steps a case is driven through: to the helper assignment, or with --full to the recognition decision. */
const stepsOf = (opts: Options): readonly BenchStep[] =>
  opts.full ? [...BENCH_STEPS_TO_HELPER, ...BENCH_RECOGNITION_STEPS] : BENCH_STEPS_TO_HELPER;

type InboxRow = {
  id: string;
  taskKey: string;
  step: string;
  caseId: string;
  status: string;
  assignee: { orgId: string; role: string | null };
};
type TaskDetail = Parameters<AdmissionDriver['approvingData']>[0];

/** `ms`: from the completion's HTTP 200 to the next task listed; `fromSentMs`: from the completion's request sent. */
type Gap = { from: string; to: string; ms: number; fromSentMs: number; polls: number };
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
      for (const step of stepsOf(this.opts))
        await this.driver.as(this.driver.userFor(this.orgId(step.org, cellOrgId), step.role));
      const secretary = await this.driver.as(this.driver.userFor(cellOrgId, 'cell_secretary'));
      const officials = await secretary.get<{ items: { id: string }[] }>(
        `/members?orgId=${cellOrgId}&status=official&pageSize=3`,
      );
      const [first, , third] = officials.status === 200 ? officials.body.items : [];
      const helper = third ?? first;
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
    let previousSentAt = previousDoneAt;
    let previous = 'start';
    const result: CaseResult = { caseId, startToFirstMs: 0, gaps: [], completeMs: [], inboxGetMs: [], totalMs: 0 };

    for (const step of stepsOf(this.opts)) {
      const username = this.driver.userFor(this.orgId(step.org, cellOrgId), step.role);
      const session = await this.driver.as(username);
      const { row, visibleAt, polls } = await this.waitInInbox(session, caseId, step.taskKey, result.inboxGetMs);
      if (previous === 'start') result.startToFirstMs = visibleAt - previousDoneAt;
      else
        result.gaps.push({
          from: previous,
          to: step.taskKey,
          ms: visibleAt - previousDoneAt,
          fromSentMs: visibleAt - previousSentAt,
          polls,
        });

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
      previousSentAt = sent;
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
  const HUMAN_STEPS = stepsOf(opts).length;

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

/**
 * Issue 13 §6, bounded cost over a long run: the process's memory (API, worker and bench client share it) when the
 * timed cases start, at each quarter of them and at the end; and the Temporal history length of the cases driven.
 * RSS alone does not tell a leak from a heap V8 has not yet given back, so each point also gives the V8 heap in use
 * after a full collection (bench.sh runs node with --expose-gc) and the workflows in the worker's sticky cache.
 */
type MemoryPoint = { at: string; rssMb: number; heapAfterGcMb: number | null; cached: number };
type LongRun = {
  memory: MemoryPoint[];
  history: Summary;
  closed: number;
  cpu: CpuByProgram;
  ceilingCpu: CpuByProgram;
  mainThread: CpuProfileSummary | null;
};

/**
 * Issue 13 §5, where the gap to the ceiling goes: the CPU seconds this process and its descendants (PostgreSQL's
 * server processes, the Temporal dev server) used, per program, read from /proc (Linux; empty elsewhere). On a
 * machine of C cores a run cannot go faster than C CPU seconds a second, so CPU seconds per case bound the rate.
 */
type CpuByProgram = Map<string, number>;

function cpuByProgram(): CpuByProgram {
  const byPid = new Map<number, { ppid: number; comm: string; cpuS: number }>();
  const tick = 100; // USER_HZ, 100 on every Linux this runs on
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return new Map();
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      // After the command: state ppid … utime (14th field of the line, 12th here) stime cutime cstime.
      const cpuS = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / tick;
      byPid.set(Number(pid), { ppid: Number(f[1]), comm, cpuS });
    } catch {
      // The process ended while the table was read.
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = byPid.get(p)?.ppid ?? 0, hops++) {
      if (p === process.pid) return true;
    }
    return false;
  };
  const out: CpuByProgram = new Map();
  for (const [pid, p] of byPid) {
    if (!mine(pid)) continue;
    const program = pid === process.pid ? 'node (API + worker + client)' : p.comm.replace(/^postgres.*/, 'postgres');
    out.set(program, (out.get(program) ?? 0) + p.cpuS);
  }
  return out;
}

function cpuSpent(before: CpuByProgram, after: CpuByProgram): CpuByProgram {
  const out: CpuByProgram = new Map();
  for (const [k, v] of after) out.set(k, v - (before.get(k) ?? 0));
  return out;
}

function memoryPoint(sys: RunningSystem, at: string): MemoryPoint {
  const gc = (globalThis as { gc?: () => void }).gc;
  const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  gc?.();
  return {
    at,
    rssMb,
    heapAfterGcMb: gc ? Math.round(process.memoryUsage().heapUsed / 2 ** 20) : null,
    cached: sys.workers.reduce((n, w) => n + w.getStatus().numCachedWorkflows, 0),
  };
}

function cpuTable(
  cpu: CpuByProgram,
  ceilingCpu: CpuByProgram,
  cases: number,
  wallMs: number,
  ceilingWallMs: number,
): [string, string][] {
  if (!cpu.size) return [['(no /proc on this machine)', '']];
  const programs = [...new Set([...cpu.keys(), ...ceilingCpu.keys()])]
    .map((p) => ({ p, a: cpu.get(p) ?? 0, c: ceilingCpu.get(p) ?? 0 }))
    .filter((r) => r.a >= 0.05 || r.c >= 0.05)
    .sort((x, y) => y.a - x.a);
  const sum = (m: CpuByProgram) => [...m.values()].reduce((a, b) => a + b, 0);
  const per = (v: number) => (v / cases).toFixed(3);
  return [
    ...programs.map((r): [string, string] => [
      `  ${r.p}`,
      `admission ${per(r.a)} s   ceiling ${per(r.c)} s   (${r.a.toFixed(1)} / ${r.c.toFixed(1)} s in all)`,
    ]),
    [
      '  all',
      `admission ${per(sum(cpu))} s   ceiling ${per(sum(ceilingCpu))} s   ` +
        `(busy ${((sum(cpu) * 1000) / wallMs).toFixed(2)} / ${((sum(ceilingCpu) * 1000) / ceilingWallMs).toFixed(2)} cores)`,
    ],
  ];
}

function profileLines(p: CpuProfileSummary, cpu: CpuByProgram, cases: number): string[] {
  const node = cpu.get('node (API + worker + client)') ?? 0;
  const per = (ms: number) => `${(ms / cases).toFixed(1)} ms a case`;
  return [
    'Main thread of the node process by component (--profile; V8 samples over the timed cases)',
    table([
      ...p.byComponent.map(([c, ms]): [string, string] => [
        `  ${c}`,
        `${per(ms)}   ${((100 * ms) / p.busyMs).toFixed(1)}% of the thread's busy time`,
      ]),
      ['  busy in all', `${per(p.busyMs)}   (idle ${per(p.idleMs)})`],
      [
        '  not on this thread',
        `${per(Math.max(0, node * 1000 - p.busyMs))}   (the workflow thread, the Temporal core's threads, libuv)`,
      ],
    ]),
    '',
  ];
}

function report(
  opts: Options,
  cases: CaseResult[],
  admissionWallMs: number,
  probation: string,
  ceiling: CeilingResult,
  run: RunInfo,
  long: LongRun,
): string {
  const STEPS = stepsOf(opts);
  const HUMAN_STEPS = STEPS.length;
  const gaps = summarise(cases.flatMap((c) => c.gaps.map((g) => g.ms)));
  const sentGaps = summarise(cases.flatMap((c) => c.gaps.map((g) => g.fromSentMs)));
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
      ['completion (HTTP 200) → next task in inbox', fmt(gaps)],
      ['completion request sent → next task in inbox', fmt(sentGaps)],
      ['case start (201) → first task in inbox', fmt(firsts)],
      ['POST /tasks/:id/complete round trip', fmt(completes)],
      ['GET /tasks/mine round trip (one poll)', fmt(inboxGets)],
      ['inbox polls per completion', `p50 ${polls.p50}   p95 ${polls.p95}   max ${polls.max}`],
      [opts.full ? 'one case, start → recognition decided' : 'one case, start → helper assigned', fmt(perCase)],
      ['after the last step', probation],
    ]),
    '',
    'Cost over the run (issue 13 §6; targets: flat memory, ≤ 1,000 history events per case)',
    table([
      ...long.memory.map((m): [string, string] => [
        `memory, ${m.at}`,
        `RSS ${m.rssMb} MB   V8 heap after GC ${m.heapAfterGcMb ?? '? (no --expose-gc)'} MB   ` +
          `${m.cached} workflows in the sticky cache`,
      ]),
      [
        opts.full ? 'history events of a complete case' : 'history events of a case at the helper step',
        `p50 ${long.history.p50}   max ${long.history.max}   (n=${long.history.count}; ${long.closed} workflows closed)`,
      ],
    ]),
    '',
    `CPU seconds per case (issue 13 §5: where the gap to the ceiling goes; ${cpus.length} cores bound the rate at ` +
      `${cpus.length} CPU s a second)`,
    table(cpuTable(long.cpu, long.ceilingCpu, opts.cases, admissionWallMs, ceiling.wallMs)),
    '',
    ...(long.mainThread ? profileLines(long.mainThread, long.cpu, opts.cases) : []),
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
    ...(opts.full
      ? ['--full: new cases had a probation of 0 months (PARTYFLOW_PROBATION_MONTHS=0), so the recognition steps ran.']
      : [
          'Not driven: after the helper is assigned the workflow sleeps on a 12-month durable timer (probation);',
          'the recognition vote and decision after it are driven with --full (a probation of 0 months).',
        ]),
    'Gaps are measured from the HTTP 200 of a completion to the arrival of the first inbox answer that lists',
    'the next task (an upper bound, within one poll round trip plus the poll pause). The bench client shares',
    'the Node event loop with the API and the worker, and the machine with PostgreSQL and the dev server.',
    line,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function probationCheck(dataSource: DataSource, caseIds: string[], full: boolean): Promise<string> {
  const rows = await dataSource.getRepository(AdmissionCaseEntity).findBy(caseIds.map((id) => ({ id })));
  if (full) return `${rows.filter((r) => r.status === 'official').length}/${caseIds.length} cases official`;
  // The case row moves to 'probationary' at the ceremony and its step to 'probation' before the helper task.
  const waiting = rows.filter((r) => r.status === 'probationary' && r.currentStep === 'probation').length;
  return `${waiting}/${caseIds.length} cases probationary, waiting on the 12-month probation timer`;
}

/** The history length of every case driven; with --full, once its workflow has closed (a minute at most). */
async function historyLengths(sys: RunningSystem, caseIds: string[], full: boolean) {
  const lengths: number[] = [];
  let closed = 0;
  for (const id of caseIds) {
    const handle = sys.env.client.workflow.getHandle(admissionWorkflowId(id));
    const deadline = performance.now() + 60_000;
    let d = await handle.describe();
    while (full && d.status.name === 'RUNNING' && performance.now() < deadline) {
      await sleep(200);
      d = await handle.describe();
    }
    if (d.status.name !== 'RUNNING') closed += 1;
    lengths.push(d.historyLength);
  }
  return { history: summarise(lengths), closed };
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
  const memory = [memoryPoint(sys, 'at the start')];
  const profiler = opts.profile ? new MainThreadProfiler() : null;
  await profiler?.start();
  const cpuBefore = cpuByProgram();
  const quarters = new Map([1, 2, 3].map((q) => [Math.ceil((opts.cases * q) / 4), `after ${q}/4 of the cases`]));
  const begun = performance.now();
  const cases = await runPool(opts.cases, opts.concurrency, async (i) => {
    const result = await bench.driveCase(candidates[opts.warmup + i]);
    finished += 1;
    const quarter = quarters.get(finished);
    if (quarter) memory.push(memoryPoint(sys, `${quarter} (${finished})`));
    log(`  case ${finished}/${opts.cases} done in ${(result.totalMs / 1000).toFixed(2)} s`);
    return result;
  });
  const admissionWallMs = performance.now() - begun;
  const cpu = cpuSpent(cpuBefore, cpuByProgram());
  const mainThread = (await profiler?.stop()) ?? null;
  memory.push(memoryPoint(sys, `at the end (${finished})`));
  const caseIds = cases.map((c) => c.caseId);
  const history = await historyLengths(sys, caseIds, opts.full);
  const probation = await probationCheck(sys.dataSource, caseIds, opts.full);

  log(`ceiling: ${opts.cases} workflows × ${stepsOf(opts).length} updates, ${opts.concurrency} at a time`);
  const ceilingCpuBefore = cpuByProgram();
  const ceiling = await runCeiling(sys, opts, runTag);
  const ceilingCpu = cpuSpent(ceilingCpuBefore, cpuByProgram());
  const run = { setupMs, loadBefore, loadAfter: os.loadavg()[0] };
  return report(opts, cases, admissionWallMs, probation, ceiling, run, {
    memory,
    ...history,
    cpu,
    ceilingCpu,
    mainThread,
  });
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
    // --full: new cases get a probation of 0 months, so the recognition steps open at once (issue 13 §6).
    const sys = await startSystem(opts.full ? { env: { PARTYFLOW_PROBATION_MONTHS: '0' } } : {});
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
