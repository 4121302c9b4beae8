import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { addDays, addMonths, formatLocalDateVi, labelVi, localDateOf, todayLocal } from '@partyflow/domain';
import {
  demoOrgId,
  HumanTaskEntity,
  MemberEntity,
  OrganisationEntity,
  ProxyGrantEntity,
  UserEntity,
} from '@partyflow/persistence';
import {
  AdmissionDriver,
  ApiSession,
  copyDemoCandidate,
  eventually,
  insertTestUser,
  repoRoot,
  startSystem,
  taskRow,
  type RunningSystem,
} from '@partyflow/testing';
import {
  expectPageClean,
  fillStepForm,
  launchBrowser,
  screenshot,
  tabTo,
  VIEWPORTS,
  WebUser,
} from '@partyflow/testing/browser';

/**
 * Issue 10: one admission case from its start to the decision, each step done through the web page by the demo
 * user who holds it, each logging in with their own account; then the timeline, the refusal of a user of another
 * organisation, and a double submission. Real Chromium (Debian's), real API, worker, Temporal and PostgreSQL.
 */
let sys: RunningSystem;
let browser: Browser;
let driver: AdmissionDriver;
const cellTdp5 = demoOrgId('HN-HM-HL-TDP5');
const CANDIDATE = 'Lê Thị Hồng Nhung';
const STEPS = [
  'introducers',
  'background_check',
  'opinion_residence',
  'opinion_mass_org:doan_thanh_nien',
  'cell_vote',
  'grassroots_vote',
  'appraisal',
  'decision',
];

type TaskDetail = {
  id: string;
  step: string;
  caseId: string;
  form?: { outcomes: { value: string; label: string }[] };
};

beforeAll(async () => {
  if (!existsSync(path.join(repoRoot, 'dist/apps/web/index.html'))) {
    throw new Error('The web page is not built: run `npx nx build web` (npm test builds it first)');
  }
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

const fullNameOf = (username: string) => sys.users.find((u) => u.username === username)?.fullName ?? username;

async function memberNameOf(viewer: ApiSession, memberId: string): Promise<string> {
  const res = await viewer.get<{ fullName: string }>(`/members/${memberId}`);
  if (res.status !== 200) throw new Error(`GET /members/${memberId}: ${res.status}`);
  return res.body.fullName;
}

async function outcomeLabel(session: ApiSession, taskId: string, outcome: string): Promise<string> {
  const res = await session.get<TaskDetail>(`/tasks/${taskId}`);
  return res.body.form?.outcomes.find((o) => o.value === outcome)?.label ?? outcome;
}

describe('an admission case done entirely through the web page (issue 10)', () => {
  let caseId: string;
  const doneBy: { key: string; username: string }[] = [];

  it("should let the secretary open the case from the candidate's page, then each assignee log in, find the task in the inbox by a name typed without diacritics, fill the generated form and complete it, up to the decision", async () => {
    // The candidate (a copy of the demo candidate, same cell and records); the cell secretary opens the case from
    // the candidate's page, as the first act of the procedure.
    const candidateId = await copyDemoCandidate(sys.dataSource, { fullName: CANDIDATE });
    const secretary = await WebUser.login(browser, sys.baseUrl, 'bithu.tdp5');
    try {
      await secretary.goto(`/dang-vien/${candidateId}`);
      await secretary.page.getByRole('button', { name: 'Lập hồ sơ kết nạp' }).click();
      await secretary.page.getByRole('heading', { name: `Hồ sơ kết nạp: ${CANDIDATE}`, level: 1 }).waitFor();
      caseId = /\/ho-so-ket-nap\/([0-9a-f-]{36})$/.exec(secretary.page.url())?.[1] ?? '';
    } finally {
      await secretary.close();
    }
    for (const [i, key] of STEPS.entries()) {
      const { task, username } = await driver.waitForOpenTask(caseId, key, 'giamsat.hoangmai');
      const { outcome, data } = await driver.approvingData(task, username, cellTdp5);
      const session = await driver.as(username);
      const label = await outcomeLabel(session, task.id, outcome);
      // Phones and desktops take turns: the committee member on a phone is the common case.
      const user = await WebUser.login(browser, sys.baseUrl, username, { viewport: i % 2 ? 'phone' : 'desktop' });
      try {
        await user.page.getByLabel('Tìm theo tên').fill('le thi hong nhung');
        await user.page.locator(`a[href="/app/nhiem-vu/${task.id}"]`).click();
        await user.page.getByRole('heading', { level: 1 }).waitFor();
        await fillStepForm(user.page, data, (id) => memberNameOf(session, id));
        await user.page.getByRole('button', { name: label, exact: true }).click();
        await user.page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
        await expect(user.page.locator(`a[href="/app/nhiem-vu/${task.id}"]`).count()).resolves.toBe(0);
      } catch (e) {
        await screenshot(user.page, `failed-${key.replace(/[^a-z_]/g, '-')}`);
        throw e;
      } finally {
        await user.close();
      }
      doneBy.push({ key, username });
    }
    const view = await driver.caseView(caseId, 'giamsat.hoangmai');
    expect(view.steps.filter((s) => s.status === 'completed').map((s) => s.taskKey)).toEqual(STEPS);
  });

  it("should show every step on the case's timeline with who completed it and 'Đúng hạn'", async () => {
    await driver.waitForOpenTask(caseId, 'ceremony', 'giamsat.hoangmai');
    const user = await WebUser.login(browser, sys.baseUrl, 'bithu.tdp5');
    try {
      await user.goto(`/ho-so-ket-nap/${caseId}`);
      await user.page.getByRole('heading', { name: `Hồ sơ kết nạp: ${CANDIDATE}` }).waitFor();
      const rows = user.page.locator('tr.ant-table-row');
      await expect(rows.count()).resolves.toBe(STEPS.length + 1); // and the ceremony, now open
      for (const [i, { username }] of doneBy.entries()) {
        const cells = await rows.nth(i).locator('td').allInnerTexts();
        expect({ step: STEPS[i], by: cells[3], timely: cells[6] }).toEqual({
          step: STEPS[i],
          by: fullNameOf(username),
          timely: 'Đúng hạn',
        });
      }
    } finally {
      await user.close();
    }
  });

  it('should refuse the task page to a user of another organisation with the 403 page', async () => {
    const { task } = await driver.waitForOpenTask(caseId, 'ceremony', 'giamsat.hoangmai');
    const outsider = await WebUser.login(browser, sys.baseUrl, 'bithu.longbien');
    try {
      await outsider.goto(`/nhiem-vu/${task.id}`);
      await outsider.page.getByText('Không có quyền truy cập').waitFor();
      await expect(outsider.page.getByRole('button', { name: 'Tổ chức lễ kết nạp' }).count()).resolves.toBe(0);
      await expectPageClean(outsider.page, 'forbidden', 'desktop');
    } finally {
      await outsider.close();
    }
  });

  it('should show the 409 message when the same task is submitted twice, and refresh the inbox', async () => {
    const { task, username } = await driver.waitForOpenTask(caseId, 'ceremony', 'giamsat.hoangmai');
    const { outcome, data } = await driver.approvingData(task, username, cellTdp5);
    const label = await outcomeLabel(await driver.as(username), task.id, outcome);
    // The same secretary on a phone and on a desktop, both with the ceremony's page open.
    const [first, second] = await Promise.all([
      WebUser.login(browser, sys.baseUrl, username, { viewport: 'phone' }),
      WebUser.login(browser, sys.baseUrl, username, { viewport: 'desktop' }),
    ]);
    try {
      for (const u of [first, second]) {
        await u.goto(`/nhiem-vu/${task.id}`);
        await fillStepForm(u.page, data, async (id) => id);
      }
      await first.page.getByRole('button', { name: label, exact: true }).click();
      await first.page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
      await second.page.getByRole('button', { name: label, exact: true }).click();
      await second.page.getByText('Nhiệm vụ này đã được xử lý').waitFor();
      await expectPageClean(second.page, 'task-conflict', 'desktop');
      await second.page.getByRole('link', { name: '← Việc cần làm' }).click();
      await expect(second.page.locator(`a[href="/app/nhiem-vu/${task.id}"]`).count()).resolves.toBe(0);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('should end an expired session with a message on the login page', async () => {
    const user = await WebUser.login(browser, sys.baseUrl, 'bithu.tdp5', { viewport: 'phone' });
    try {
      // The token's end as the page recorded it at login, moved into the past: what a day-long pause does.
      // (A string: the test code is compiled without the DOM library.)
      await user.page.evaluate(`(() => {
        const key = 'partyflow.session';
        const session = JSON.parse(localStorage.getItem(key) ?? '{}');
        localStorage.setItem(key, JSON.stringify({ ...session, expiresAt: Date.now() - 1000 }));
      })()`);
      await user.page.reload();
      await user.page.getByText('Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.').waitFor();
      await expect(user.page.getByLabel('Tên đăng nhập').count()).resolves.toBe(1);
    } finally {
      await user.close();
    }
  });

  it('should render every page at phone and desktop size with no code identifier and no serious accessibility violation', async () => {
    const anonymous = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    try {
      const page = await anonymous.newPage();
      await page.goto(`${sys.baseUrl}/app/`);
      await page.getByLabel('Tên đăng nhập').waitFor();
      await expectPageClean(page, 'login', 'phone');
    } finally {
      await anonymous.close();
    }
    const cellVote = (await driver.caseView(caseId, 'giamsat.hoangmai')).steps.find((s) => s.step === 'cell_vote');
    for (const size of ['phone', 'desktop'] as const) {
      const user = await WebUser.login(browser, sys.baseUrl, 'bithu.tdp5', { viewport: size });
      try {
        await expectPageClean(user.page, 'inbox', size);
        await user.goto(`/ho-so-ket-nap/${caseId}`);
        await user.page.getByRole('heading', { name: `Hồ sơ kết nạp: ${CANDIDATE}` }).waitFor();
        await expectPageClean(user.page, 'admission-case', size);
        await user.goto(`/nhiem-vu/${cellVote?.taskId}`);
        await user.page.getByText('Nhiệm vụ đã hoàn thành').waitFor();
        await expectPageClean(user.page, 'task-completed', size);
        await user.goto('/thong-bao');
        await user.page.getByRole('heading', { name: 'Thông báo', level: 1 }).waitFor();
        await expectPageClean(user.page, 'notifications', size);
        await user.goto('/nguoi-thay');
        await user.page.getByRole('heading', { name: 'Người thay khi vắng mặt', level: 1 }).waitFor();
        await expectPageClean(user.page, 'substitutes', size);
        await user.goto('/khong-co-trang-nay');
        await user.page.getByText('Không tìm thấy').waitFor();
        await expectPageClean(user.page, 'not-found', size);
      } finally {
        await user.close();
      }
    }
  });

  it('should let a secretary log in, open a task and complete it with the keyboard alone', async () => {
    const { caseId: keyboardCase } = await driver.startFreshCase(sys.dataSource, { fullName: 'Phạm Quốc Khánh' });
    const { task, username } = await driver.waitForOpenTask(keyboardCase, 'introducers', 'giamsat.hoangmai');
    const { data } = await driver.approvingData(task, username, cellTdp5);
    const introducers = data.introducers as { memberId: string; monthsAlongside: number }[];
    const session = await driver.as(username);
    const names = await Promise.all(introducers.map((x) => memberNameOf(session, x.memberId)));
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      await page.goto(`${sys.baseUrl}/app/`);
      await tabTo(page, page.getByLabel('Tên đăng nhập'));
      await page.keyboard.type(username);
      await page.keyboard.press('Tab');
      await page.keyboard.type('matkhau123');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
      await tabTo(page, page.locator(`a[href="/app/nhiem-vu/${task.id}"]`));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Giới thiệu người vào Đảng', level: 1 }).waitFor();
      for (const [i, introducer] of introducers.entries()) {
        if (i > 0) {
          await tabTo(page, page.locator('button[data-list-add="data_introducers"]'));
          await page.keyboard.press('Enter');
        }
        await tabTo(page, page.locator(`#data_introducers_${i}_memberId`));
        await page.keyboard.type(names[i]);
        await page.locator('.ant-select-item-option', { hasText: names[i] }).first().waitFor();
        await page.keyboard.press('Enter');
        await tabTo(page, page.locator(`#data_introducers_${i}_monthsAlongside`));
        await page.keyboard.type(String(introducer.monthsAlongside));
      }
      await tabTo(page, page.getByRole('button', { name: 'Đã nộp', exact: true }));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
      const view = await driver.caseView(keyboardCase, 'giamsat.hoangmai');
      expect(view.steps.find((s) => s.taskKey === 'introducers')?.status).toBe('completed');
    } catch (e) {
      for (const page of context.pages()) await screenshot(page, 'failed-keyboard');
      throw e;
    } finally {
      await context.close();
    }
  });

  it('should page the inbox by cursor, 20 tasks a page, and start from the first page when a filter changes (issue 13 §3)', async () => {
    // 25 open tasks of the Long Biên cell's secretary, the first 3 overdue: the inbox lists them in this order.
    const cell = await sys.dataSource
      .getRepository(OrganisationEntity)
      .findOneByOrFail({ id: demoOrgId('HN-LB-BD-TDP1') });
    const now = Date.now();
    const titles = Array.from({ length: 25 }, (_, i) => `Nhiệm vụ thử phân trang số ${i + 1}`);
    const rows = titles.map((title, i) =>
      taskRow({
        process: 'admission',
        step: 'introducers',
        title,
        assigneeOrgId: cell.id,
        assigneeRole: 'cell_secretary',
        orgPath: cell.path,
        status: i < 3 ? 'overdue' : 'open',
        dueAt: new Date(i < 3 ? now - (4 - i) * 86_400_000 : now + i * 86_400_000),
      }),
    );
    const ids = rows.map((r) => r.id);
    await sys.dataSource.getRepository(HumanTaskEntity).insert(rows);
    const user = await WebUser.login(browser, sys.baseUrl, 'bithu.longbien');
    try {
      const page = user.page;
      const listed = () =>
        page.getByRole('list', { name: 'Danh sách nhiệm vụ' }).locator('li div > div').allInnerTexts();
      const pager = page.getByRole('navigation', { name: 'Phân trang' });
      await page.getByText('25 nhiệm vụ, 3 quá hạn').waitFor();
      await pager.getByText('Hiển thị 1–20 nhiệm vụ trên 25').waitFor();
      await expect(listed()).resolves.toEqual(titles.slice(0, 20));
      await expect(page.locator('.task-item-overdue').count()).resolves.toBe(3);
      await expect(pager.getByRole('button', { name: 'Trang trước' }).isDisabled()).resolves.toBe(true);
      await expectPageClean(page, 'inbox-paged', 'desktop');

      await pager.getByRole('button', { name: 'Trang sau' }).click();
      await pager.getByText('Hiển thị 21–25 nhiệm vụ trên 25').waitFor();
      await expect(listed()).resolves.toEqual(titles.slice(20));
      await expect(pager.getByRole('button', { name: 'Trang sau' }).isDisabled()).resolves.toBe(true);

      // A filter, from the second page: its first page, whole, so no pager.
      await page.getByText('Chỉ việc quá hạn').click();
      await page.locator(`a[href="/app/nhiem-vu/${ids[3]}"]`).waitFor({ state: 'detached' });
      await expect(listed()).resolves.toEqual(titles.slice(0, 3));
      await expect(pager.count()).resolves.toBe(0);
      await page.getByText('Chỉ việc quá hạn').click();
      await pager.getByText('Hiển thị 1–20 nhiệm vụ trên 25').waitFor();
      await expect(listed()).resolves.toEqual(titles.slice(0, 20));
      // The API searches the titles too, without diacritics: the last task, from the first page.
      await page.getByLabel('Tìm theo tên').fill('phan trang so 25');
      await page.locator(`a[href="/app/nhiem-vu/${ids[0]}"]`).waitFor({ state: 'detached' });
      await expect(listed()).resolves.toEqual([titles[24]]);
    } catch (e) {
      await screenshot(user.page, 'failed-inbox-paging');
      throw e;
    } finally {
      await user.close();
      await sys.dataSource.getRepository(HumanTaskEntity).delete(ids);
    }
  });
});

describe('issue 14 on the web page: a held vote and its refresh, the case documents, a re-promise', () => {
  it("should show the secretary why the cell vote waits, take the renewed certificate through the task's form, then offer the cell's papers for download [R15][R20][A]", async () => {
    const {
      caseId,
      candidateId,
      expiredOn: expired,
      task,
    } = await driver.caseHeldForCertificate(sys.dataSource, 'Đỗ Thị Minh Thư', cellTdp5);
    const today = todayLocal(Date.now());
    const reason = `Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng ngày ${formatLocalDateVi(expired)} chỉ có giá trị 60 tháng, đến hết ngày ${formatLocalDateVi(addMonths(expired, 60))}; ngày xét ${formatLocalDateVi(today)} đã quá hạn.`;
    const user = await WebUser.login(browser, sys.baseUrl, 'bithu.tdp5', { viewport: 'phone' });
    try {
      await user.goto(`/ho-so-ket-nap/${caseId}`);
      await user.page
        .getByText('Bước "Chi bộ biểu quyết đề nghị kết nạp" đang tạm dừng: có giấy tờ đã hết giá trị')
        .waitFor();
      await user.page.getByText(reason).waitFor();
      await user.goto(`/nhiem-vu/${task.id}`);
      await user.page.getByText('Bước "Chi bộ biểu quyết đề nghị kết nạp" đang tạm dừng chờ nhiệm vụ này').waitFor();
      await user.page.getByText(reason).waitFor();
      await expectPageClean(user.page, 'evidence-refresh', 'phone');
      await fillStepForm(user.page, { certifiedOn: today, certificateRef: 'GCN-91/TTCT' }, async (id) => id);
      await user.page.getByRole('button', { name: 'Đã bổ sung giấy còn hiệu lực', exact: true }).click();
      await user.page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
      await driver.completeInOrder(caseId, ['cell_vote'], cellTdp5);
      const candidate = await sys.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: candidateId });
      expect([candidate.courseCertificateIssuedOn, candidate.courseCertificateNumber]).toEqual([today, 'GCN-91/TTCT']);

      // The cell's resolution exists once the vote has passed; the admission decision not yet, with the reason.
      await user.goto(`/ho-so-ket-nap/${caseId}`);
      await user.page.getByText('Văn bản của hồ sơ', { exact: true }).waitFor();
      const [download] = await Promise.all([
        user.page.waitForEvent('download'),
        user.page.getByRole('button', { name: /^Tải Nghị quyết .* \(DOCX\)$/ }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      // A DOCX is a ZIP package.
      expect(
        readFileSync(await download.path())
          .subarray(0, 2)
          .toString('latin1'),
      ).toBe('PK');
      await expect(user.page.getByRole('button', { name: /^Tải Quyết định kết nạp/ }).count()).resolves.toBe(0);
    } catch (e) {
      await screenshot(user.page, 'failed-evidence-refresh');
      throw e;
    } finally {
      await user.close();
    }
  });

  it("should let the cell secretary name a substitute from the page, show the secretary's task in the substitute's inbox marked as held for him, and revoke it [issue 14 §2]", async () => {
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Lương Thị Vắng' });
    const { task } = await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    const secretaryName = fullNameOf('bithu.tdp5');
    const substituteName = fullNameOf('chiuy.tdp5');
    const secretary = await WebUser.login(browser, sys.baseUrl, 'bithu.tdp5', { viewport: 'phone' });
    try {
      await secretary.page.getByRole('button', { name: 'Tài khoản' }).click();
      await secretary.page.getByRole('link', { name: 'Người thay khi vắng mặt' }).click();
      await secretary.page.getByRole('heading', { name: 'Người thay khi vắng mặt', level: 1 }).waitFor();
      await secretary.page.getByLabel('Tổ chức').click();
      await secretary.page.locator('.ant-select-item-option', { hasText: 'Chi bộ Tổ dân phố số 5' }).first().click();
      await secretary.page.getByLabel('Người thay').click();
      await secretary.page.locator('.ant-select-item-option', { hasText: substituteName }).first().click();
      const today = todayLocal(Date.now());
      const until = addDays(today, 2);
      const dmy = (d: string) => d.split('-').reverse().join('/');
      await secretary.page.getByPlaceholder('Từ ngày').click();
      await secretary.page.getByPlaceholder('Từ ngày').fill(dmy(today));
      await secretary.page.getByPlaceholder('Từ ngày').press('Enter');
      await secretary.page.getByPlaceholder('Đến ngày').fill(dmy(until));
      await secretary.page.getByPlaceholder('Đến ngày').press('Enter');
      await secretary.page.getByLabel('Lý do vắng mặt').fill('Nghỉ phép năm');
      await secretary.page.getByRole('button', { name: 'Cử người thay' }).click();
      await secretary.page.getByText(`Đã cử ${substituteName} thay bạn`, { exact: false }).waitFor();
      await secretary.page.getByText(`${substituteName} thay ${secretaryName}`).waitFor();
    } catch (e) {
      await screenshot(secretary.page, 'failed-substitute-named');
      throw e;
    } finally {
      await secretary.close();
    }
    const substitute = await WebUser.login(browser, sys.baseUrl, 'chiuy.tdp5', { viewport: 'desktop' });
    try {
      const item = substitute.page.locator(`a[href="/app/nhiem-vu/${task.id}"]`);
      await item.waitFor();
      await expect(item.getByText(`Thay cho ${secretaryName}`).count()).resolves.toBe(1);
      await item.click();
      await substitute.page
        .getByText(`Nhiệm vụ của ${secretaryName}; bạn là người thay thế`, { exact: false })
        .waitFor();
      await substitute.goto('/nguoi-thay');
      await substitute.page.getByRole('button', { name: 'Thu hồi' }).first().click();
      await substitute.page.getByLabel('Lý do thu hồi').fill('Bí thư đã về sớm');
      await substitute.page.getByRole('dialog').getByRole('button', { name: 'Thu hồi' }).click();
      await substitute.page.getByText('Không có việc thay thế nào.').waitFor();
      await substitute.goto('/viec-can-lam');
      await substitute.page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
      await expect(substitute.page.locator(`a[href="/app/nhiem-vu/${task.id}"]`).count()).resolves.toBe(0);
    } catch (e) {
      await screenshot(substitute.page, 'failed-substitute-inbox');
      throw e;
    } finally {
      await substitute.close();
    }
  });

  it("should let a ward officer holding the ward committee's proxy grant find the elderly secretary's task in the inbox and complete it for him with the paper minutes [issue 14 §6]", async () => {
    const ward = demoOrgId('HN-HM-HL');
    const officerId = await insertTestUser(sys.dataSource, {
      username: 'canbo.web',
      fullName: 'Cán bộ phường Trần Thu',
      organisationId: ward,
    });
    const secretaryId = (await sys.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'bithu.tdp5' })).id;
    // The ward committee records the grant on its page.
    const member = await WebUser.login(browser, sys.baseUrl, 'danguy.hoangliet', { viewport: 'desktop' });
    try {
      await member.goto('/quan-tri');
      await member.page.getByRole('link', { name: 'Ủy nhiệm làm thay' }).click();
      await member.page.getByRole('heading', { name: 'Ủy nhiệm làm thay', level: 1 }).waitFor();
      await member.page.getByLabel('Người được làm thay').click();
      await member.page
        .locator('.ant-select-item-option', { hasText: fullNameOf('bithu.tdp5') })
        .first()
        .click();
      await member.page.getByLabel('Cán bộ làm thay').click();
      await member.page.locator('.ant-select-item-option', { hasText: 'Cán bộ phường Trần Thu' }).first().click();
      const yesterday = addDays(todayLocal(Date.now()), -1);
      const from = member.page.getByLabel('Từ ngày', { exact: true });
      await from.click();
      await from.fill(yesterday.split('-').reverse().join('/'));
      await from.press('Enter');
      await member.page.getByLabel('Căn cứ (nghị quyết, biên bản của đảng ủy cơ sở)').fill('Nghị quyết 09-NQ/ĐU');
      await member.page.getByRole('button', { name: 'Ghi ủy nhiệm' }).click();
      await member.page
        .getByText(`Đã ghi ủy nhiệm: Cán bộ phường Trần Thu làm thay ${fullNameOf('bithu.tdp5')}.`)
        .waitFor();
      await expectPageClean(member.page, 'proxy-grants', 'desktop');
    } catch (e) {
      await screenshot(member.page, 'failed-proxy-grant');
      throw e;
    } finally {
      await member.close();
    }
    const [grant] = await sys.dataSource.getRepository(ProxyGrantEntity).findBy({ proxyUserId: officerId });
    expect([grant.principalUserId, grant.validUntil, grant.reason]).toEqual([secretaryId, null, 'Nghị quyết 09-NQ/ĐU']);
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Tạ Thị Làm Thay' });
    const { task } = await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    const { data } = await driver.approvingData(task, 'bithu.tdp5', cellTdp5);
    const secretary = await driver.as('bithu.tdp5');
    const officer = await WebUser.login(browser, sys.baseUrl, 'canbo.web', { viewport: 'phone' });
    try {
      const item = officer.page.locator(`a[href="/app/nhiem-vu/${task.id}"]`);
      await item.waitFor();
      await expect(item.getByText(`Làm thay ${fullNameOf('bithu.tdp5')}`).count()).resolves.toBe(1);
      await item.click();
      await officer.page.getByText(`Làm thay ${fullNameOf('bithu.tdp5')} (theo ủy nhiệm của đảng ủy cơ sở)`).waitFor();
      await fillStepForm(officer.page, data, (id) => memberNameOf(secretary, id));
      await officer.page.getByLabel('Số, ký hiệu biên bản giấy').fill('15/BB-CB');
      const today = todayLocal(Date.now());
      const minutesDate = officer.page.getByLabel('Ngày biên bản');
      await minutesDate.click();
      await minutesDate.fill(today.split('-').reverse().join('/'));
      await minutesDate.press('Enter');
      await officer.page
        .getByRole('button', { name: await outcomeLabel(secretary, task.id, 'submitted'), exact: true })
        .click();
      await officer.page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
      const row = await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id });
      expect([row.status, row.completedByUserId, row.actedForUserId, row.proxyAttestation]).toEqual([
        'completed',
        officerId,
        secretaryId,
        { grantId: grant.id, minutesRef: '15/BB-CB', minutesDate: today },
      ]);
    } catch (e) {
      await screenshot(officer.page, 'failed-proxy-completion');
      throw e;
    } finally {
      await officer.close();
      await (await driver.as('danguy.hoangliet')).post(`/proxy-grants/${grant.id}/revoke`, { reason: 'Hết phép thử' });
    }
  });

  it("should let the district's supervisor move every open introducers task of the cell to its committee through the page and follow the operation to its end [issue 14 §2]", async () => {
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Mạc Văn Chuyển' });
    const { task } = await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    const user = await WebUser.login(browser, sys.baseUrl, 'giamsat.hoangmai', { viewport: 'desktop' });
    const pick = async (label: string, option: string) => {
      await user.page.getByLabel(label, { exact: true }).click();
      await user.page
        .locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: option })
        .last()
        .click();
    };
    try {
      await user.goto('/giam-sat');
      await user.page.getByRole('link', { name: /^Chuyển nhiệm vụ hàng loạt/ }).click();
      await user.page.getByRole('heading', { name: 'Chuyển nhiệm vụ hàng loạt', level: 1 }).waitFor();
      await pick('Trong tổ chức (và cấp dưới)', 'Chi bộ Tổ dân phố số 5');
      await pick('Quy trình', labelVi('admission'));
      await pick('Bước', labelVi('introducers'));
      await pick('Giao cho tổ chức', 'Chi bộ Tổ dân phố số 5');
      await pick('Vai trò nhận việc', labelVi('cell_committee_member'));
      await user.page.getByLabel('Lý do chuyển').fill('Bí thư chi bộ nghỉ ốm dài ngày');
      await user.page.getByRole('button', { name: 'Chuyển nhiệm vụ' }).click();
      const progress = user.page.getByTestId('reassignment-operation');
      await progress.getByText('Đã hoàn thành').waitFor({ timeout: 60_000 });
      await expectPageClean(user.page, 'reassignment', 'desktop');
      const failed = (await progress.locator('.ant-descriptions-item').allInnerTexts()).find((t) =>
        t.startsWith('Lỗi'),
      );
      expect(failed?.replace(/\s+/g, ' ')).toBe('Lỗi 0');
      const row = await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id });
      expect([row.assigneeOrgId, row.assigneeRole]).toEqual([cellTdp5, 'cell_committee_member']);
    } catch (e) {
      await screenshot(user.page, 'failed-reassignment');
      throw e;
    } finally {
      await user.close();
    }
  });

  // Last in the file: the introducers' deadline is set to zero hours for every case of the system.
  it('should let the assignee of an overdue task re-promise it from the task page, with a reason, and show the first due date afterwards [issue 14 §3]', async () => {
    await driver.dueAtOnce('introducers', 'Thử phiếu hẹn lại trên trang');
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Vũ Văn Hẹn' });
    const { task } = await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    const tasks = sys.dataSource.getRepository(HumanTaskEntity);
    const before = await eventually(
      async () => {
        const row = await tasks.findOneByOrFail({ id: task.id });
        return row.status === 'overdue' && row;
      },
      'the introducers overdue at once',
      30_000,
    );
    const promised = addDays(todayLocal(Date.now()), 2);
    const user = await WebUser.login(browser, sys.baseUrl, 'bithu.tdp5', { viewport: 'desktop' });
    try {
      await user.goto(`/nhiem-vu/${task.id}`);
      await user.page.getByText('Hẹn lại ngày hoàn thành (phiếu hẹn lại)').waitFor();
      const [y, m, d] = promised.split('-');
      const date = user.page.getByLabel('Ngày cam kết hoàn thành mới');
      await date.click();
      await date.fill(`${d}/${m}/${y}`);
      await date.press('Enter');
      await user.page.getByLabel('Lý do hẹn lại').fill('Chờ người giới thiệu thứ hai về địa phương');
      await user.page.getByRole('button', { name: 'Hẹn lại', exact: true }).click();
      await user.page
        .getByText(`Đã hẹn lại đến hết ngày ${formatLocalDateVi(promised)}; cấp trên đã được báo.`)
        .waitFor();
      await user.page
        .getByText(`Đã hẹn lại 1 lần; hạn ban đầu ${formatLocalDateVi(localDateOf(before.dueAt.getTime()))}.`)
        .waitFor();
      const after = await tasks.findOneByOrFail({ id: task.id });
      expect([after.repromiseCount, after.repromiseReason, localDateOf(after.dueAt.getTime())]).toEqual([
        1,
        'Chờ người giới thiệu thứ hai về địa phương',
        promised,
      ]);
    } catch (e) {
      await screenshot(user.page, 'failed-repromise');
      throw e;
    } finally {
      await user.close();
    }
  });
});

describe('disabling a user offers the bulk reassignment of their tasks (issue 14 §2)', () => {
  // Last in the file: the cell secretary of TDP5 is disabled, then enabled again.
  it('should offer, on disabling the cell secretary, to move the tasks of the role he alone holds, and move them from the reassignment page it opens', async () => {
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Khúc Thị Nghỉ' });
    const { task } = await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    const secretary = await sys.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'bithu.tdp5' });
    const admin = await WebUser.login(browser, sys.baseUrl, 'quantri', { viewport: 'desktop' });
    try {
      await admin.goto(`/nguoi-dung/${secretary.id}`);
      await admin.page.getByRole('heading', { name: 'Người dùng: bithu.tdp5', level: 1 }).waitFor();
      await admin.page.getByRole('button', { name: 'Khóa tài khoản' }).click();
      const dialog = admin.page.getByRole('dialog');
      await dialog.getByLabel('Lý do, căn cứ').fill('Chuyển công tác từ ngày 01/12');
      await dialog.getByRole('button', { name: 'Khóa tài khoản' }).click();
      const offer = admin.page.getByRole('button', { name: /^Chuyển \d+ nhiệm vụ cho người khác$/ });
      await offer.click();
      await admin.page.getByRole('heading', { name: 'Chuyển nhiệm vụ hàng loạt', level: 1 }).waitFor();
      // The page opens on the user's own tasks, in the organisation the API offered.
      await admin.page.getByText(secretary.fullName, { exact: false }).first().waitFor();
      await admin.page.getByLabel('Giao cho tổ chức', { exact: true }).click();
      await admin.page
        .locator('.ant-select-tree-node-content-wrapper', { hasText: 'Chi bộ Tổ dân phố số 5' })
        .last()
        .click();
      await admin.page.getByLabel('Vai trò nhận việc', { exact: true }).click();
      await admin.page
        .locator('.ant-select-item-option', { hasText: labelVi('cell_committee_member') })
        .last()
        .click();
      await admin.page.getByLabel('Lý do chuyển').fill('Bí thư chi bộ chuyển công tác');
      await admin.page.getByRole('button', { name: 'Chuyển nhiệm vụ' }).click();
      await admin.page.getByTestId('reassignment-operation').getByText('Đã hoàn thành').waitFor({ timeout: 60_000 });
      const row = await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id });
      expect([row.assigneeOrgId, row.assigneeRole]).toEqual([cellTdp5, 'cell_committee_member']);
    } catch (e) {
      await screenshot(admin.page, 'failed-disable-offer');
      throw e;
    } finally {
      await admin.close();
      await (await driver.as('quantri')).post(`/users/${secretary.id}/enable`, { reason: 'Hết phép thử' });
    }
  });
});
