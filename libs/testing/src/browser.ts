import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { ADMISSION_TASKS, INSPECTION_TASKS, SCREENING_TASKS, TRANSFER_TASKS } from '@partyflow/contracts';
import { GLOSSARY } from '@partyflow/domain';
import { chromiumPath, repoRoot } from './tools';

/** The two sizes every page is checked at (issue 10): a phone and a desktop. */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1366, height: 768 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Where the screenshots go, for a reviewer to look at (issue 10). */
export const SCREENSHOT_DIR = path.join(repoRoot, 'dist', 'screenshots');

/** Debian's Chromium (infra/scripts/ensure-chromium.sh installs it), headless, driven by playwright-core. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Root in a container: Chromium's sandbox needs user namespaces the machine may not offer.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/**
 * Where a browser test leaves what its pages last did (requests, errors, the buttons on screen, a screenshot), one
 * file per test and user; test/browser-failures.reporter.js prints the file of a test that failed, so a failure on CI
 * says what the page showed.
 */
export const DIAGNOSTICS_DIR = path.join(repoRoot, 'dist', 'test-results', 'browser-diagnostics');

/** A file name for a test's name: the reporter finds the file by the same rule. */
export function diagnosticsName(testName: string): string {
  return testName.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 150);
}
/** Runs in the page before its own scripts: keeps what the Content-Security-Policy blocks in `__cspViolations`. */
const CSP_RECORDER = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__cspViolations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline')));`;

/** A signed-in user of the web page: a browser context of their own (own storage, so own session). */
export class WebUser {
  /** The page's last events, newest last: responses with their status, console errors, uncaught errors. */
  private readonly events: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
    readonly username: string,
  ) {
    const started = Date.now();
    const note = (line: string) => {
      this.events.push(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s ${line}`);
      if (this.events.length > 60) this.events.shift();
    };
    page.on('response', (r) => {
      const url = new URL(r.url());
      if (!url.pathname.startsWith('/app/assets'))
        note(`${r.status()} ${r.request().method()} ${url.pathname}${url.search}`);
    });
    page.on('requestfailed', (r) => note(`failed ${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') note(`console.${m.type()}: ${m.text().slice(0, 300)}`);
    });
    page.on('pageerror', (e) => note(`page error: ${e.message}`));
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) note(`at ${f.url()}`);
    });
  }

  /** Opens a context at `viewport` and logs in through the login page, as a person would. */
  static async login(
    browser: Browser,
    baseUrl: string,
    username: string,
    { viewport = 'desktop', password = 'matkhau123' }: { viewport?: ViewportName; password?: string } = {},
  ): Promise<WebUser> {
    const context = await browser.newContext({
      viewport: VIEWPORTS[viewport],
      locale: 'vi-VN',
      // The user's machine may be anywhere: the page must still show Vietnamese local dates.
      timezoneId: 'UTC',
      // The page turns its animations off (apps/web/src/app/reduced-motion.ts): no control waits on one to end.
      reducedMotion: 'reduce',
    });
    // Every Content-Security-Policy violation of the page is kept, for expectPageClean (issue 11 §5).
    await context.addInitScript({ content: CSP_RECORDER });
    const page = await context.newPage();
    const user = new WebUser(context, page, baseUrl, username);
    page.on('pageerror', (e) => process.stderr.write(`[browser ${username}] ${e.message}\n`));
    await page.goto(`${baseUrl}/app/`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
    return user;
  }

  async goto(route: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/app${route}`);
  }

  /** Writes what the page last did, for the reporter to print should the test have failed; then closes. */
  async close(): Promise<void> {
    try {
      await this.writeDiagnostics();
    } finally {
      await this.context.close();
    }
  }

  private async writeDiagnostics(): Promise<void> {
    const testName = expect.getState().currentTestName;
    if (!testName) return;
    const base = path.join(DIAGNOSTICS_DIR, `${diagnosticsName(testName)}-${this.username}`);
    mkdirSync(DIAGNOSTICS_DIR, { recursive: true });
    // The accessibility tree, as a locator by role and name sees it (a button's name includes its icons' labels).
    const tree = await this.page
      .locator('body')
      .ariaSnapshot({ timeout: 5000 })
      .then((t) => t.slice(0, 8000))
      .catch((e: Error) => `(could not read: ${e.message.split('\n')[0]})`);
    await this.page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 5000 }).catch(() => undefined);
    const lines = [
      `user ${this.username}, page ${this.page.url()}`,
      `screenshot: ${base}.png`,
      'last events:',
      ...this.events,
      'what a locator sees:',
      tree,
    ];
    writeFileSync(`${base}.txt`, `${lines.join('\n')}\n`);
  }
}

/** Saves a full-page screenshot as dist/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The code identifiers that must never reach the screen (issue 10): every key of the glossary (roles, statuses,
 * steps…), every step key, every outcome and every process name of the contracts.
 */
export function codeIdentifiers(): Set<string> {
  const ids = new Set<string>(Object.keys(GLOSSARY));
  for (const [process, tasks] of Object.entries({
    admission: ADMISSION_TASKS,
    screening: SCREENING_TASKS,
    transfer: TRANSFER_TASKS,
    inspection: INSPECTION_TASKS,
  })) {
    ids.add(process);
    for (const [step, def] of Object.entries(tasks as Record<string, { outcomes: readonly string[] }>)) {
      ids.add(step);
      def.outcomes.forEach((o) => ids.add(o));
    }
  }
  return ids;
}

/**
 * The identifiers shown on the page: any snake_case word, and any known identifier standing as a word in the
 * rendered text (its visible text, titles and labels are what a user reads).
 */
export async function untranslatedIdentifiers(page: Page, known = codeIdentifiers()): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const found = new Set<string>();
  for (const word of text.match(/[A-Za-z0-9_]+/g) ?? []) {
    if (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(word) || known.has(word)) found.add(word);
  }
  return [...found].sort();
}

/**
 * The page as it stands, checked as issue 10 asks of every page: saved as dist/screenshots/<name>-<size>.png, no code
 * identifier on screen, no serious or critical axe-core violation, nothing blocked by the Content-Security-Policy
 * (issue 11 §5). Call it once the page shows its data.
 */
export async function expectPageClean(page: Page, name: string, size: ViewportName): Promise<void> {
  await page.waitForLoadState('networkidle');
  await screenshot(page, `${name}-${size}`);
  const [identifiers, violations] = [await untranslatedIdentifiers(page), await seriousAccessibilityViolations(page)];
  const csp = await cspViolations(page);
  if (identifiers.length || violations.length || csp.length) {
    throw new Error(
      `${name} at ${size}: ${identifiers.length ? `identifiers on screen: ${identifiers.join(', ')}; ` : ''}` +
        `${violations.length ? `accessibility: ${violations.join(' | ')}; ` : ''}` +
        `${csp.length ? `Content-Security-Policy violations: ${csp.join(' | ')}` : ''}`,
    );
  }
}

/** What the page's Content-Security-Policy blocked since it opened (none allowed: the page works under it). */
export async function cspViolations(page: Page): Promise<string[]> {
  return (await page.evaluate('window.__cspViolations ?? []')) as string[];
}

/** axe-core's serious and critical violations on the page as it stands (issue 10: none allowed). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** How the test finds a member the step names by id: the page asks for a name, as a person would type it. */
export type MemberNames = (memberId: string) => Promise<string>;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Fills a step's generated form (apps/web/src/forms) with `data`, field by field as a person would: text and numbers
 * typed, dates typed as dd/mm/yyyy, members picked by name, confirmations ticked, list rows added with their button.
 * Fields are found by the ids antd derives from their path under `data` (data_votes_yes, data_introducers_0_memberId).
 */
export async function fillStepForm(page: Page, data: Record<string, unknown>, memberName: MemberNames): Promise<void> {
  await fillObject(page, ['data'], data, memberName);
}

async function fillObject(
  page: Page,
  prefix: (string | number)[],
  value: Record<string, unknown>,
  memberName: MemberNames,
): Promise<void> {
  for (const [key, v] of Object.entries(value)) {
    const at = [...prefix, key];
    if (key === 'roster') continue; // from the records, never typed in
    if (Array.isArray(v)) {
      const addButton = page.locator(`button[data-list-add="${at.join('_')}"]`);
      // The list and its first rows render together: count its rows only once it is on the page.
      await page.locator(`[data-list="${at.join('_')}"]`).waitFor();
      for (let i = 0; i < v.length; i++) {
        if ((await page.locator(`[id^="${[...at, i].join('_')}_"]`).count()) === 0) await addButton.click();
        const item = v[i];
        if (item && typeof item === 'object')
          await fillObject(page, [...at, i], item as Record<string, unknown>, memberName);
        else await fillValue(page, [...at, i], key, item, memberName);
      }
    } else if (v && typeof v === 'object') {
      await fillObject(page, at, v as Record<string, unknown>, memberName);
    } else {
      await fillValue(page, at, key, v, memberName);
    }
  }
}

async function fillValue(
  page: Page,
  at: (string | number)[],
  key: string,
  v: unknown,
  memberName: MemberNames,
): Promise<void> {
  const input = page.locator(`#${at.join('_')}`);
  if (v === true) {
    await input.check();
  } else if (typeof v === 'number') {
    await input.fill(String(v));
  } else if (typeof v === 'string' && LOCAL_DATE.test(v)) {
    const [y, m, d] = v.split('-');
    await input.click();
    await input.fill(`${d}/${m}/${y}`);
    await input.press('Enter');
  } else if (typeof v === 'string' && /memberId$/i.test(key)) {
    const name = await memberName(v);
    await input.click();
    await input.fill(name);
    await page.locator('.ant-select-item-option', { hasText: name }).first().click();
  } else if (typeof v === 'string') {
    await input.fill(v);
  } else {
    throw new Error(`fillStepForm: no way to type ${JSON.stringify(v)} into ${at.join('.')}`);
  }
}

/**
 * Moves the focus with the Tab key alone until `target` has it (issue 10: "works with the keyboard alone"); fails
 * after `max` presses, naming what it was looking for.
 */
export async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    // (The element is typed by hand: the test code is compiled without the DOM library.)
    const focused = await target.evaluate(
      (el: { ownerDocument: { activeElement: unknown }; contains(other: unknown): boolean }) =>
        el === el.ownerDocument.activeElement || el.contains(el.ownerDocument.activeElement),
    );
    if (focused) return;
  }
  throw new Error(`tabTo: ${target} never took the focus in ${max} presses of Tab`);
}
