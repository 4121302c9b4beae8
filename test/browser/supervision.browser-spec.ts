import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { toLocalDate } from '@partyflow/domain';
import { demoOrgId, HumanTaskEntity, OrganisationEntity } from '@partyflow/persistence';
import { AdmissionDriver, eventually, repoRoot, startSystem, type RunningSystem } from '@partyflow/testing';
import { expectPageClean, launchBrowser, WebUser } from '@partyflow/testing/browser';

/**
 * Issue 10, supervisor: the dashboard over the supervised subtree. A case whose introducers step the engine itself
 * escalates (a deadline policy of zero hours: due when it opens, escalated at once by the workflow's timer), seen in
 * the tree from Hà Nội down to the cell and opened; the on-time bars of a period with one task on time and one late.
 */
let sys: RunningSystem;
let browser: Browser;
let driver: AdmissionDriver;
const cellTdp5 = demoOrgId('HN-HM-HL-TDP5');
const LATE = 'Trịnh Văn Leo Thang';
const ON_TIME = 'Phạm Thị Đúng Hạn';
let lateCaseId: string;
let onTimeDue: Date;

const openTask = (caseId: string, taskKey: string) =>
  eventually(
    () => sys.dataSource.getRepository(HumanTaskEntity).findOneBy({ caseId, taskKey, status: 'open' }),
    `${taskKey} of ${caseId} opening`,
  );

/** dd/MM/yyyy of an instant in Vietnam time, as the page writes dates. */
const vnDate = (at: Date) => toLocalDate(at.getTime()).split('-').reverse().join('/');

beforeAll(async () => {
  if (!existsSync(path.join(repoRoot, 'dist/apps/web/index.html'))) {
    throw new Error('The web page is not built: run `npx nx build web` (npm test builds it first)');
  }
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
  browser = await launchBrowser();

  // On time: the introducers of a first case, submitted at once under the default policy.
  const onTime = await driver.startFreshCase(sys.dataSource, { fullName: ON_TIME });
  const introducers = await openTask(onTime.caseId, 'introducers');
  onTimeDue = introducers.dueAt;
  const username = driver.userFor(introducers.assigneeOrgId, introducers.assigneeRole as string);
  const { outcome, data } = await driver.approvingData(introducers as never, username, cellTdp5);
  const done = await (await driver.as(username)).post(`/tasks/${introducers.id}/complete`, { outcome, data });
  expect(done.status).toBe(200);

  // Late and escalated: the introducers step now falls due the moment it opens; the workflow escalates it.
  const policy = await (
    await driver.as('quantri')
  ).put('/deadline-policies/admission/introducers', {
    due: { amount: 0, unit: 'hours' },
    remindBefore: { amount: 0, unit: 'hours' },
    escalateEvery: { amount: 1, unit: 'hours' },
    maxEscalationLevel: 1,
    reason: 'Thử nghiệm giám sát: hạn giới thiệu bằng 0 giờ',
  });
  expect(policy.status).toBe(202);
  ({ caseId: lateCaseId } = await driver.startFreshCase(sys.dataSource, { fullName: LATE }));
  await eventually(
    () =>
      sys.dataSource
        .getRepository(HumanTaskEntity)
        .findOneBy({ caseId: lateCaseId, taskKey: 'introducers', status: 'overdue', escalationLevel: 1 }),
    'the introducers task escalated by the workflow',
    60_000,
  );
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

const orgName = async (code: string) =>
  (await sys.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: demoOrgId(code) })).name;

describe("the supervisor's dashboard (issue 10, supervisor)", () => {
  it('should show the escalated task in the tree, from Hà Nội down to the cell, and open its case', async () => {
    const user = await WebUser.login(browser, sys.baseUrl, 'giamsat.hanoi');
    try {
      const page = user.page;
      await page.getByRole('link', { name: 'Giám sát' }).click();
      await page.getByRole('heading', { name: 'Giám sát', level: 1 }).waitFor();
      const tree = page.getByRole('table', { name: 'Việc quá hạn theo tổ chức' });
      const chain = await Promise.all(['HN', 'HN-HM', 'HN-HM-HL', 'HN-HM-HL-TDP5'].map(orgName));
      for (const name of chain) {
        const row = tree.getByRole('row').filter({ hasText: name });
        await expect(row.innerText()).resolves.toContain(`${name} 1 việc`);
        // With the keyboard alone (issue 10): the expand control is a button.
        await row.getByRole('button', { name: 'Mở rộng dòng' }).focus();
        await page.keyboard.press('Enter');
      }
      const taskRow = tree.getByRole('row').filter({ hasText: LATE });
      await expect(taskRow.locator('td').allInnerTexts()).resolves.toEqual([
        `Giới thiệu người vào Đảng\n${LATE}`,
        vnDate(new Date()),
        '0',
        'Cấp 1',
      ]);
      // The escalations list shows it too.
      const escalated = page
        .getByRole('table', { name: 'Nhiệm vụ đã leo thang' })
        .getByRole('row')
        .filter({ hasText: LATE });
      await expect(escalated.locator('td').allInnerTexts()).resolves.toEqual([
        `Giới thiệu người vào Đảng\n${LATE}`,
        chain[3],
        vnDate(new Date()),
        'Cấp 1',
      ]);
      await expectPageClean(page, 'supervision', 'desktop');
      await taskRow.getByRole('link', { name: 'Giới thiệu người vào Đảng' }).click();
      await page.getByRole('heading', { name: `Hồ sơ kết nạp: ${LATE}` }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/app/ho-so-ket-nap/${lateCaseId}`);
    } finally {
      await user.close();
    }
  });

  it("should draw the on-time bars of a chosen period with exact counts ('đúng hạn / trễ hạn')", async () => {
    const user = await WebUser.login(browser, sys.baseUrl, 'giamsat.hoangmai', { viewport: 'phone' });
    try {
      const page = user.page;
      await user.goto('/giam-sat');
      await page.getByRole('heading', { name: 'Giám sát', level: 1 }).waitFor();
      // From today to the day the first case's introducers fall due: both introducers tasks are in the period.
      await page.getByPlaceholder('Từ ngày').click();
      await page.getByPlaceholder('Từ ngày').fill(vnDate(new Date()));
      await page.getByPlaceholder('Từ ngày').press('Enter');
      await page.getByPlaceholder('Đến ngày').fill(vnDate(onTimeDue));
      await page.getByPlaceholder('Đến ngày').press('Enter');
      const steps = page.getByRole('list', { name: 'Tỷ lệ đúng hạn theo bước' });
      const bar = steps.getByRole('listitem').filter({ hasText: 'Giới thiệu người vào Đảng' });
      await expect(bar.innerText()).resolves.toContain('Đúng hạn 1 · Trễ hạn 1 (1 chưa hoàn thành) · Đang trong hạn 0');
      await expect(bar.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('50');
      await expect(bar.getByRole('progressbar').getAttribute('aria-label')).resolves.toBe(
        'Giới thiệu người vào Đảng (Kết nạp đảng viên): tỷ lệ đúng hạn 50%',
      );
      await expectPageClean(page, 'supervision', 'phone');
    } finally {
      await user.close();
    }
  });

  it('should not offer the dashboard to a committee member who supervises nothing', async () => {
    const user = await WebUser.login(browser, sys.baseUrl, 'bithu.tdp5');
    try {
      await expect(user.page.getByRole('link', { name: 'Giám sát' }).count()).resolves.toBe(0);
    } finally {
      await user.close();
    }
  });
});
