/**
 * Deadline-change preview benchmark (issue 14 §1: "Bench it for 10,000 open tasks of one step and print the time"):
 * its own command (`bash infra/scripts/bench-deadline-preview.sh`), not part of the test suite, and it never fails on
 * time. On the real system (libs/testing/src/system.ts: PostgreSQL, the dev server, a worker, the HTTP API) it writes
 * N open tasks of one step (default 10,000, admission/opinion_residence) across the demo cells as the human-task
 * activities write them, a tenth of them overdue, then times POST
 * /deadline-policies/admission/opinion_residence/preview as the root administrator, R times (default 20), and prints
 * p50, p95 and the largest, with the counts it found.
 *
 * Usage: node -r ./infra/scripts/register.js test/bench/deadline-preview.bench.ts [--tasks N] [--runs R]
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { HumanTaskEntity, OrganisationEntity } from '@partyflow/persistence';
import {
  ApiSession,
  createTemplateDatabase,
  startSystem,
  startTestPostgres,
  taskRow,
  URL_VAR,
} from '@partyflow/testing';
import { parseNumericOptions, runBench } from './bench-cli';

const t = performance.now();
const log = (msg: string) =>
  console.error(`[bench-deadline-preview +${((performance.now() - t) / 1000).toFixed(1)} s] ${msg}`);
const DAY = 86_400_000;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

async function main(cleanups: (() => Promise<void>)[]): Promise<void> {
  const opts = parseNumericOptions(
    process.argv.slice(2),
    { tasks: 10_000, runs: 20 },
    'bench-deadline-preview.sh [--tasks N] [--runs R]',
  );
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  log('starting PostgreSQL, the dev server, worker and API');
  cleanups.push(await startTestPostgres());
  cleanups.push(await createTemplateDatabase(process.env[URL_VAR] as string));
  const sys = await startSystem();
  cleanups.push(() => sys.stop());

  const cells = await sys.dataSource.getRepository(OrganisationEntity).findBy({ kind: 'cell' });
  log(`writing ${opts.tasks} open opinion_residence tasks across ${cells.length} cells`);
  const now = Date.now();
  const rows = Array.from({ length: opts.tasks }, (_, i) => {
    const cell = cells[i % cells.length];
    const openedAt = new Date(now - (i % 30) * DAY);
    return taskRow({
      process: 'admission',
      step: 'opinion_residence',
      assigneeOrgId: cell.id,
      orgPath: cell.path,
      status: i % 10 === 0 ? 'overdue' : 'open',
      escalationLevel: i % 10 === 0 ? 1 : 0,
      openedAt,
      dueAt: new Date(openedAt.getTime() + 14 * DAY),
      title: `Ý kiến nơi cư trú ${i}`,
      caseId: randomUUID(),
    });
  });
  for (let i = 0; i < rows.length; i += 1000)
    await sys.dataSource.getRepository(HumanTaskEntity).insert(rows.slice(i, i + 1000));

  const admin = await ApiSession.login(sys.baseUrl, 'quantri');
  const body = {
    due: { amount: 5, unit: 'working_days' },
    remindBefore: { amount: 1, unit: 'working_days' },
    escalateEvery: { amount: 3, unit: 'working_days' },
    maxEscalationLevel: 2,
    pageSize: 100,
  };
  const times: number[] = [];
  let last: { counts: Record<string, number>; byOrganisation: unknown[]; tasksTotal: number } | undefined;
  for (let r = 0; r <= opts.runs; r++) {
    const t0 = performance.now();
    const res = await admin.post<typeof last>('/deadline-policies/admission/opinion_residence/preview', body);
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`preview answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (r > 0) times.push(ms); // the first run warms the caches
    last = res.body;
  }
  times.sort((a, b) => a - b);
  const lines = [
    `Deadline-change preview benchmark: ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}`,
    `  ${last?.tasksTotal} open tasks of admission/opinion_residence in ${last?.counts.cases} cases, ` +
      `${last?.byOrganisation.length} organisations; ${last?.counts.changed} would move, ` +
      `${last?.counts.becomeOverdue} become overdue, ${last?.counts.escalate} escalate at once`,
    `  POST …/preview over HTTP, ${opts.runs} runs after one warm-up: p50 ${percentile(times, 0.5).toFixed(0)} ms, ` +
      `p95 ${percentile(times, 0.95).toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms`,
  ];
  console.log(lines.join('\n'));
}

runBench(main, log);
