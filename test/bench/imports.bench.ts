/**
 * Members import benchmark (issue 9 §4): its own command (`bash infra/scripts/bench-imports.sh`),
 * not part of the test suite, and it never fails on time. On PostgreSQL with the HTTP API in this
 * process (libs/testing/src/system.ts) it generates a roll of N members (CSV or xlsx, Vietnamese
 * headers), posts it to POST /imports/members as the administrator, polls GET /imports/:id until it
 * finishes, and prints the rows per second and the total time; with --again it imports the same
 * file a second time (every row found by its national ID, nothing changed).
 *
 * Usage: node -r ./infra/scripts/register.js test/bench/imports.bench.ts [--rows N] [--format csv|xlsx] [--again]
 *        (or BENCH_ROWS, BENCH_FORMAT)
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import ExcelJS from 'exceljs';
import {
  ApiSession,
  createTemplateDatabase,
  startSystem,
  startTestPostgres,
  URL_VAR,
  type RunningSystem,
} from '@partyflow/testing';

type Options = { rows: number; format: 'csv' | 'xlsx'; again: boolean };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const opts: Options = {
    rows: Number(env.BENCH_ROWS ?? 100_000),
    format: (env.BENCH_FORMAT ?? 'csv') as Options['format'],
    again: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const value = () => inline ?? argv[++i];
    if (flag === '--rows' || flag === '-n') opts.rows = Number(value());
    else if (flag === '--format') opts.format = value() as Options['format'];
    else if (flag === '--again') opts.again = true;
    else throw new Error(`unknown option ${argv[i]}\nUsage: bench-imports.sh [--rows N] [--format csv|xlsx] [--again]`);
  }
  if (!Number.isInteger(opts.rows) || opts.rows < 1) throw new Error('--rows must be a positive integer');
  if (opts.format !== 'csv' && opts.format !== 'xlsx') throw new Error('--format must be csv or xlsx');
  return opts;
}

const t = performance.now();
const log = (msg: string) => console.error(`[bench-imports +${((performance.now() - t) / 1000).toFixed(1)} s] ${msg}`);

const HEADER = ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Chi bộ', 'Trình độ học vấn', 'Đoàn thể'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Đức', 'Ngọc', 'Quang', 'Thanh'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hương', 'Lan', 'Mai', 'Nam', 'Phúc', 'Trang'];
const CELLS = ['HN-HM-HL-TDP5', 'HN-HM-HL-LD', 'HN-HM-HL-TDP12', 'HN-HM-DC-TDP3', 'HN-HM-DC-KTT', 'HN-HM-THPT-GV'];
const EDUCATION = ['Đại học', 'upper_secondary', 'Cao đẳng', 'college'];

function person(i: number): string[] {
  const name = `${FAMILY[i % 10]} ${MIDDLE[Math.floor(i / 10) % 8]} ${GIVEN[Math.floor(i / 80) % 12]}`;
  const birth = `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/${1960 + (i % 45)}`;
  return [
    name,
    birth,
    i % 2 ? 'Nam' : 'Nữ',
    `08${String(i).padStart(10, '0')}`,
    CELLS[i % CELLS.length],
    EDUCATION[i % EDUCATION.length],
    i % 3 ? 'Đoàn TNCS Hồ Chí Minh' : '',
  ];
}

async function generate(opts: Options, dir: string): Promise<Buffer> {
  if (opts.format === 'csv') {
    const lines = [HEADER.join(',')];
    for (let i = 0; i < opts.rows; i++) lines.push(person(i).join(','));
    return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  }
  const file = path.join(dir, 'roll.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(HEADER).commit();
  for (let i = 0; i < opts.rows; i++) ws.addRow(person(i)).commit();
  await wb.commit();
  return readFile(file);
}

type ImportView = {
  status: string;
  rowsTotal: number | null;
  rowsDone: number;
  outcome: { created: number; updated: number; unchanged: number } | null;
  error: unknown;
};

/**
 * Issue 13 §4, a 100,000-row import with flat memory: the process's RSS and V8 heap (the API, the worker and this
 * client share the process) at the POST, at each quarter of the rows, and at the end, sampled as the import is polled.
 */
type MemoryPoint = { at: string; rssMb: number; heapMb: number };
const memoryPoint = (at: string): MemoryPoint => {
  const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  // The heap in use after a full collection (bench-imports.sh runs node with --expose-gc), not garbage not yet swept.
  (globalThis as { gc?: () => void }).gc?.();
  return { at, rssMb, heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) };
};

async function importOnce(sys: RunningSystem, s: ApiSession, body: Buffer, opts: Options) {
  const memory = [memoryPoint('POST')];
  let peakRssMb = memory[0].rssMb;
  let quarter = 1;
  const t0 = performance.now();
  const res = await fetch(`${sys.baseUrl}/imports/members`, {
    method: 'POST',
    headers: { 'content-type': opts.format === 'csv' ? 'text/csv' : XLSX, authorization: `Bearer ${s.token}` },
    body,
  });
  const started = (await res.json()) as { id: string };
  if (res.status !== 202) throw new Error(`POST /imports/members: ${res.status} ${JSON.stringify(started)}`);
  const accepted = performance.now() - t0;
  let view: ImportView;
  let lastLog = 0;
  for (;;) {
    view = (await s.get<ImportView>(`/imports/${started.id}`)).body;
    if (view.status === 'succeeded' || view.status === 'failed') break;
    peakRssMb = Math.max(peakRssMb, Math.round(process.memoryUsage().rss / 2 ** 20));
    if (view.rowsTotal && quarter < 4 && view.rowsDone >= (view.rowsTotal * quarter) / 4) {
      memory.push(memoryPoint(`${view.rowsDone} rows`));
      quarter = Math.floor((4 * view.rowsDone) / view.rowsTotal) + 1;
    }
    if (performance.now() - lastLog > 5000) {
      log(`${view.status}: ${view.rowsDone} / ${view.rowsTotal ?? '?'} rows`);
      lastLog = performance.now();
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const totalMs = performance.now() - t0;
  if (view.status !== 'succeeded') throw new Error(`import failed: ${JSON.stringify(view.error)}`);
  memory.push(memoryPoint('done'));
  peakRssMb = Math.max(peakRssMb, ...memory.map((m) => m.rssMb));
  return { acceptedMs: accepted, totalMs, view, memory, peakRssMb };
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2), process.env);
  const begun = performance.now();
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((e: Error) => log(`cleanup: ${e.message}`));
  };
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-imports-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  try {
    log(`generating ${opts.rows} rows as ${opts.format}`);
    const g0 = performance.now();
    const body = await generate(opts, dir);
    const generateMs = performance.now() - g0;
    log('starting PostgreSQL, the dev server, worker and API');
    cleanups.push(await startTestPostgres());
    // As the Jest global setup does: the migrated template every test database is copied from.
    cleanups.push(await createTemplateDatabase(process.env[URL_VAR] as string));
    const sys = await startSystem();
    cleanups.push(() => sys.stop());
    const s = await ApiSession.login(sys.baseUrl, 'quantri');
    const runs = [await importOnce(sys, s, body, opts)];
    if (opts.again) runs.push(await importOnce(sys, s, body, opts));
    const lines = [
      `Members import benchmark: ${opts.rows} rows, ${opts.format}, ${(body.length / 1024 / 1024).toFixed(1)} MB ` +
        `(generated in ${(generateMs / 1000).toFixed(1)} s); ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}`,
      ...runs.map((r, i) => {
        const o = r.view.outcome;
        return (
          `  run ${i + 1}: ${o?.created} created, ${o?.updated} updated, ${o?.unchanged} unchanged; ` +
          `202 after ${(r.acceptedMs / 1000).toFixed(2)} s, done after ${(r.totalMs / 1000).toFixed(1)} s: ` +
          `${Math.round((opts.rows * 1000) / r.totalMs)} rows/s\n` +
          `    memory (RSS / V8 heap after GC, MB): ${r.memory.map((m) => `${m.at} ${m.rssMb} / ${m.heapMb}`).join(' → ')}; ` +
          `peak RSS ${r.peakRssMb} MB`
        );
      }),
    ];
    console.log(lines.join('\n'));
    return 0;
  } finally {
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
