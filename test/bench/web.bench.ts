/**
 * Web page benchmark (issue 10): its own command (`bash infra/scripts/bench-web.sh`), not part of the test suite,
 * and it never fails on time. On the whole system with the demo data (PostgreSQL, the Temporal dev server, a worker,
 * the API serving the built page at /app) and Debian's Chromium, it prints for the inbox route ("Việc cần làm"):
 * - the JavaScript of the first load: the files the browser fetched, their raw size and their gzipped size;
 * - the time until the inbox is usable (its list or its empty state shown, with the count) on a cold start (a new
 *   browser profile: empty cache) and on a warm one (the same profile, reloaded), each repeated --runs times.
 * Targets (issue 10): ≤ 250 kB gzipped and ≤ 1.5 s.
 *
 * Usage: node -r ./infra/scripts/register.js test/bench/web.bench.ts [--runs N] [--cases N]
 */
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  AdmissionDriver,
  ApiSession,
  createTemplateDatabase,
  type CursorPage,
  startSystem,
  startTestPostgres,
  URL_VAR,
} from '@partyflow/testing';
import { launchBrowser, VIEWPORTS } from '@partyflow/testing/browser';

type Options = { runs: number; cases: number };

function parseOptions(argv: readonly string[]): Options {
  const opts: Options = { runs: 5, cases: 5 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const value = () => Number(inline ?? argv[++i]);
    if (flag === '--runs') opts.runs = value();
    else if (flag === '--cases') opts.cases = value();
    else throw new Error(`unknown option ${argv[i]}\nUsage: bench-web.sh [--runs N] [--cases N]`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error('--runs must be a positive integer');
  if (!Number.isInteger(opts.cases) || opts.cases < 0) throw new Error('--cases must be a non-negative integer');
  return opts;
}

const t = performance.now();
const log = (msg: string) => console.error(`[bench-web +${((performance.now() - t) / 1000).toFixed(1)} s] ${msg}`);
const USER = 'bithu.tdp5';

/** A browser profile already signed in (the session the login page would store), at desktop size. */
async function signedInContext(browser: Browser, session: unknown): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'vi-VN' });
  await context.addInitScript(`localStorage.setItem('partyflow.session', ${JSON.stringify(JSON.stringify(session))})`);
  return context;
}

/** Milliseconds from navigation to the inbox showing its tasks (or its empty state) with their count. */
async function timeToInbox(page: Page, url: string, reload: boolean): Promise<number> {
  const t0 = performance.now();
  if (reload) await page.reload({ waitUntil: 'commit' });
  else await page.goto(url, { waitUntil: 'commit' });
  await page.getByText(/^\d+ nhiệm vụ/).waitFor();
  await page.locator('.task-list, .ant-empty').first().waitFor();
  return performance.now() - t0;
}

const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `median ${(median / 1000).toFixed(2)} s (min ${(sorted[0] / 1000).toFixed(2)}, max ${(sorted[sorted.length - 1] / 1000).toFixed(2)})`;
};

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  const cleanups: (() => Promise<void>)[] = [];
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  try {
    log('starting PostgreSQL, the dev server, worker and API');
    cleanups.push(await startTestPostgres());
    cleanups.push(await createTemplateDatabase(process.env[URL_VAR] as string));
    const sys = await startSystem();
    cleanups.push(() => sys.stop());
    const driver = new AdmissionDriver(sys.baseUrl, sys.users);
    log(`starting ${opts.cases} admission cases so that ${USER}'s inbox has tasks`);
    for (let i = 0; i < opts.cases; i++) {
      const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: `Người thử nghiệm ${i + 1}` });
      await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    }
    const login = await fetch(`${sys.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USER, password: 'matkhau123' }),
    });
    const answer = (await login.json()) as { accessToken: string; expiresIn: number; user: unknown };
    const session = {
      accessToken: answer.accessToken,
      expiresAt: Date.now() + answer.expiresIn * 1000,
      user: answer.user,
    };
    const inbox = (await (await ApiSession.login(sys.baseUrl, USER)).get<CursorPage<unknown>>('/tasks/mine')).body
      .total;
    const url = `${sys.baseUrl}/app/viec-can-lam`;

    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    // The first load's JavaScript, as a cold browser fetches it.
    const scripts = new Map<string, { raw: number; gzip: number }>();
    {
      const context = await signedInContext(browser, session);
      const page = await context.newPage();
      page.on('response', async (res) => {
        if (res.request().resourceType() !== 'script') return;
        const body = await res.body().catch(() => null);
        if (body) scripts.set(new URL(res.url()).pathname, { raw: body.length, gzip: gzipSync(body).length });
      });
      await timeToInbox(page, url, false);
      await page.waitForLoadState('networkidle');
      await context.close();
    }
    const files = [...scripts.entries()].map(([file, size]) => ({ file, ...size }));
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const context = await signedInContext(browser, session);
      const page = await context.newPage();
      cold.push(await timeToInbox(page, url, false));
      warm.push(await timeToInbox(page, url, true));
      await context.close();
    }
    const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
    const gz = files.reduce((n, f) => n + f.gzip, 0);
    console.log(
      [
        `Web page benchmark: the inbox of ${USER} (${inbox} tasks), Chromium ${browser.version()}, ` +
          `${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}`,
        `  first load JavaScript: ${files.length} files, ${kB(files.reduce((n, f) => n + f.raw, 0))} raw, ` +
          `${kB(gz)} gzipped (target ≤ 250 kB)`,
        ...files.sort((a, b) => b.gzip - a.gzip).map((f) => `    ${kB(f.gzip).padStart(9)} gz  ${f.file}`),
        `  inbox usable, cold start (new profile, empty cache), ${opts.runs} runs: ${stats(cold)} (target ≤ 1.5 s)`,
        `  inbox usable, warm start (same profile, reload), ${opts.runs} runs: ${stats(warm)}`,
      ].join('\n'),
    );
    return 0;
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch((e: Error) => log(`cleanup: ${e.message}`));
    log('done');
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
