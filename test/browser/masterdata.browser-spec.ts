import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { todayLocal } from '@partyflow/domain';
import { demoOrgId, MemberGradingEntity } from '@partyflow/persistence';
import { AdmissionDriver, ApiSession, eventually, repoRoot, startSystem, type RunningSystem } from '@partyflow/testing';
import { expectPageClean, launchBrowser, screenshot, WebUser } from '@partyflow/testing/browser';

/**
 * Issue 10, the master-data pages: an administrator registers a candidate through the page (the API's 409 shown at
 * its field) and the cell secretary opens their admission case from it; a members CSV with a bad row shows that row
 * and column next to the file's name; a user created through the page logs in; every page is clean at both sizes.
 * Real Chromium, real API, worker, Temporal and PostgreSQL.
 */
let sys: RunningSystem;
let browser: Browser;
let driver: AdmissionDriver;
let admin: ApiSession;
const run = Date.now().toString().slice(-7);
/** A national ID no one has: 12 digits, unique to this run. */
const freshNationalId = (n: number) => `0013${run}${n}`.slice(0, 12).padEnd(12, '0');
/** Names cannot hold digits: the run's digits as letters, so each run's people are its own. */
const tag = run.replace(/\d/g, (d) => 'abcdeghikl'[Number(d)]);
const CANDIDATE = `Phạm Thị Ngọc Ánh ${tag[0].toUpperCase()}${tag.slice(1)}`;
const IMPORTED = `Lê Văn Bình ${tag[0].toUpperCase()}${tag.slice(1)}`;

type Member = { id: string; fullName: string; nationalId: string | null; status: string };

beforeAll(async () => {
  if (!existsSync(path.join(repoRoot, 'dist/apps/web/index.html'))) {
    throw new Error('The web page is not built: run `npx nx build web` (npm test builds it first)');
  }
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
  admin = await ApiSession.login(sys.baseUrl, 'quantri');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

/**
 * Chooses an option of an antd Select by its field's label, typing to search as a keyboard user would. (The Select's
 * input is labelled by the form's <label for>; it is found through it.)
 */
async function choose(page: Page, label: string, option: string, typed?: string): Promise<void> {
  const id = await page.locator('label:visible', { hasText: label }).first().getAttribute('for');
  const select = page.locator('.ant-select', { has: page.locator(`[id="${id}"]`) });
  await select.click();
  if (typed) await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** The error shown under a form field (antd's explanation of its Form.Item). */
function formError(page: Page, field: Locator): Locator {
  return page.locator('.ant-form-item', { has: field }).locator('.ant-form-item-explain-error');
}

async function memberByName(fullName: string): Promise<Member[]> {
  const res = await admin.get<{ items: Member[] }>(`/members?q=${encodeURIComponent(fullName)}`);
  if (res.status !== 200) throw new Error(`GET /members: ${res.status}`);
  return res.body.items.filter((m) => m.fullName === fullName);
}

describe('the master-data pages (issue 10)', () => {
  let candidateId: string;

  it('should let an administrator register a candidate with the full form, showing the API’s 409 at the national ID', async () => {
    // Someone already recorded with a national ID, so that the page's registration meets the API's 409.
    const taken = freshNationalId(4);
    const someone = {
      fullName: `Vũ Minh Khoa ${tag[0].toUpperCase()}${tag.slice(1)}`,
      birthDate: '1999-03-14',
      gender: 'male',
      nationalId: taken,
      workplaceCellId: demoOrgId('HN-HM-HL-TDP5'),
      educationLevel: 'university',
    };
    expect((await admin.post('/members', someone)).status).toBe(201);
    const user = await WebUser.login(browser, sys.baseUrl, 'quantri', { viewport: 'desktop' });
    try {
      const page = user.page;
      await page.getByRole('link', { name: 'Tổ chức & đảng viên' }).click();
      await page.getByRole('heading', { name: 'Tổ chức đảng', level: 1 }).waitFor();
      await page.getByRole('navigation', { name: 'Tổ chức và đảng viên' }).getByText('Đảng viên, quần chúng').click();
      await page.getByRole('button', { name: 'Ghi tên quần chúng ưu tú' }).click();
      await page.getByRole('heading', { name: 'Ghi tên quần chúng ưu tú', level: 1 }).waitFor();

      await page.getByLabel('Họ và tên').fill(CANDIDATE);
      await page.getByLabel('Ngày sinh').fill('20/05/2000');
      await page.getByRole('radio', { name: 'Nữ' }).check();
      await page.getByLabel('Số căn cước công dân').fill(taken);
      await choose(page, 'Trình độ học vấn', 'Đại học');
      await choose(page, 'Chi bộ nơi công tác, học tập', 'Chi bộ Tổ dân phố số 5', 'Tổ dân phố số 5');
      await choose(page, 'Chi bộ nơi cư trú', 'Chi bộ Khu đô thị Linh Đàm', 'Linh Đàm');
      await page.getByLabel('Đoàn TNCS Hồ Chí Minh').check();
      await page.getByLabel('Đã có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng').check();
      await page.getByLabel('Ngày bắt đầu lớp bồi dưỡng').fill('01/09/2026');
      await page.getByLabel('Ngày kết thúc lớp bồi dưỡng').fill('10/09/2026');
      // [member-record.ts checkRecordDates] the certificate is not dated before the course began: refused at its field.
      await page.getByLabel('Ngày cấp giấy chứng nhận').fill('15/08/2026');
      await page.getByRole('button', { name: 'Ghi tên', exact: true }).click();
      await page
        .getByText('Không hợp lệ: giấy chứng nhận không được ghi ngày trước ngày bắt đầu lớp bồi dưỡng (01/09/2026)', {
          exact: true,
        })
        .waitFor();
      // Editing the field clears its error at once (checked again when left), so the button below does not rise
      // as it is pressed.
      const issuedOn = page.getByLabel('Ngày cấp giấy chứng nhận');
      await issuedOn.fill('15/09/2026');
      await formError(page, issuedOn).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Ghi tên', exact: true }).click();
      // Trang's national ID is taken: the API's 409 NATIONAL_ID_TAKEN, shown under the field it names.
      const nationalId = page.getByLabel('Số căn cước công dân');
      await formError(page, nationalId).waitFor();
      const conflict = await admin.post<{ error: { code: string; message: string; field: string } }>('/members', {
        ...someone,
        fullName: CANDIDATE,
      });
      expect(conflict.body.error).toMatchObject({ code: 'NATIONAL_ID_TAKEN', field: 'nationalId' });
      await expect(formError(page, nationalId).innerText()).resolves.toBe(
        conflict.body.error.message.replace(/^nationalId: /, ''),
      );
      await expect(memberByName(CANDIDATE)).resolves.toEqual([]);

      await nationalId.fill(freshNationalId(1));
      await formError(page, nationalId).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Ghi tên', exact: true }).click();
      await page.getByRole('heading', { name: CANDIDATE, level: 1 }).waitFor();
      await page.getByText(`Đã ghi tên quần chúng ưu tú ${CANDIDATE}.`).waitFor();
      const [created] = await memberByName(CANDIDATE);
      candidateId = created.id;
      expect(page.url()).toBe(`${sys.baseUrl}/app/dang-vien/${candidateId}`);
      const record = (await admin.get<Record<string, unknown>>(`/members/${candidateId}`)).body;
      expect(record).toMatchObject({
        fullName: CANDIDATE,
        status: 'candidate',
        birthDate: '2000-05-20',
        gender: 'female',
        nationalId: freshNationalId(1),
        orgName: 'Chi bộ Tổ dân phố số 5',
        educationLevel: 'university',
        massOrganisations: [{ key: 'doan_thanh_nien', name: 'Đoàn TNCS Hồ Chí Minh' }],
        courseCertificate: {
          courseStartedOn: '2026-09-01',
          courseEndedOn: '2026-09-10',
          issuedOn: '2026-09-15',
          number: null,
          issuedBy: null,
        },
      });
      await expectPageClean(page, 'member', 'desktop');
    } catch (e) {
      await screenshot(user.page, 'debug-register');
      throw e;
    } finally {
      await user.close();
    }
  });

  it('should let the cell secretary open the admission case from the candidate’s page, which shows the candidate and the first step', async () => {
    // The Hoàng Mai criteria set [seed:001] wants three years graded "hoàn thành tốt" with one "xuất sắc".
    // (Written to the database: the records routes are another capability's, outside these pages.)
    await sys.dataSource.getRepository(MemberGradingEntity).insert(
      (
        [
          [2023, 'good'],
          [2024, 'excellent'],
          [2025, 'good'],
        ] as const
      ).map(([year, grading]) => ({ memberId: candidateId, year, grading, award: false })),
    );
    // Opening a case is the cell committee's (or a grassroots committee member's) act, not an administrator's.
    const adminUser = await WebUser.login(browser, sys.baseUrl, 'quantri', { viewport: 'phone' });
    try {
      await adminUser.goto(`/dang-vien/${candidateId}`);
      await adminUser.page.getByRole('heading', { name: CANDIDATE, level: 1 }).waitFor();
      await expect(adminUser.page.getByRole('button', { name: 'Lập hồ sơ kết nạp' }).count()).resolves.toBe(0);
    } finally {
      await adminUser.close();
    }
    const user = await WebUser.login(browser, sys.baseUrl, 'bithu.tdp5', { viewport: 'phone' });
    try {
      await user.goto(`/dang-vien/${candidateId}`);
      await user.page.getByRole('heading', { name: CANDIDATE, level: 1 }).waitFor();
      await user.page.getByRole('button', { name: 'Lập hồ sơ kết nạp' }).click();
      await user.page.getByRole('heading', { name: `Hồ sơ kết nạp: ${CANDIDATE}`, level: 1 }).waitFor();
      const caseId = /\/ho-so-ket-nap\/([0-9a-f-]{36})$/.exec(user.page.url())?.[1] ?? '';
      const view = await admin.get<{ candidate: { id: string; fullName: string } }>(`/admission-cases/${caseId}`);
      expect(view.body.candidate).toMatchObject({ id: candidateId, fullName: CANDIDATE });
      // The case's first task, opened by the workflow (read on the case, as its page reads it).
      await eventually(
        async () =>
          (await driver.caseView(caseId, 'giamsat.hoangmai')).steps.some(
            (st) => st.taskKey === 'introducers' && st.status === 'open',
          ),
        'the introducers task of the new case',
      );
      await user.page.reload();
      await user.page.getByRole('heading', { name: `Hồ sơ kết nạp: ${CANDIDATE}`, level: 1 }).waitFor();
      const steps = user.page.locator('[aria-label="Các bước của hồ sơ"] .ant-list-item');
      await expect(steps.count()).resolves.toBe(1);
      await expect(steps.first().locator('strong').innerText()).resolves.toBe('Giới thiệu người vào Đảng');
    } finally {
      await user.close();
    }
  });

  it('should show the row and column of the first bad row of a members CSV next to the file’s name, and write nothing', async () => {
    const csv =
      'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Chi bộ,Trình độ học vấn\n' +
      `${IMPORTED},12/04/2001,Nam,${freshNationalId(2)},HN-HM-HL-TDP5,university\n` +
      `Đỗ Thị Cúc,30/02/1995,Nữ,${freshNationalId(3)},HN-HM-HL-TDP5,Đại học\n`;
    const user = await WebUser.login(browser, sys.baseUrl, 'quantri', { viewport: 'desktop' });
    try {
      await user.goto('/nhap-du-lieu');
      await user.page.getByRole('heading', { name: 'Nhập từ bảng tính', level: 1 }).waitFor();
      await user.page.locator('input[type=file]').setInputFiles({
        name: 'danh-sach-loi.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv, 'utf8'),
      });
      await user.page.getByRole('button', { name: 'Gửi tệp' }).click();
      const card = user.page.locator('.ant-card', { hasText: 'danh-sach-loi.csv' }).first();
      await card.getByText('Bị từ chối', { exact: true }).waitFor({ timeout: 30_000 });
      const imports = await admin.get<{
        items: { id: string; status: string; error: { details: { reason: string } } }[];
      }>('/imports');
      const failed = imports.body.items[0];
      expect(failed.status).toBe('failed');
      expect(failed.error.details.reason).toContain("'30/02/1995'");
      await expect(card.getByTestId('import-outcome').innerText()).resolves.toBe(
        `Dòng 3, cột Ngày sinh (ô B3): ${failed.error.details.reason} — tệp bị từ chối, không dòng nào được ghi`,
      );
      await expect(card.locator('.ant-card-head-title').innerText()).resolves.toBe('danh-sach-loi.csv');
      await expect(memberByName(IMPORTED)).resolves.toEqual([]);
      await expectPageClean(user.page, 'import-rejected', 'desktop');

      // An activity-record CSV (POST /imports/gradings) is written at once: its outcome shows beside the file's name.
      await choose(user.page, 'Loại dữ liệu', 'Xếp loại chất lượng hằng năm');
      await user.page.locator('input[type=file]').setInputFiles({
        name: 'xep-loai-2022.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`member_id,year,grading\n${candidateId},2022,good\n`, 'utf8'),
      });
      await user.page.getByRole('button', { name: 'Gửi tệp' }).click();
      await expect(user.page.getByTestId('import-file').innerText()).resolves.toBe('xep-loai-2022.csv');
      await expect(user.page.getByTestId('import-outcome').first().innerText()).resolves.toBe(
        'Đã nhập 1 dòng: Tạo mới: 1, Cập nhật: 0',
      );
    } finally {
      await user.close();
    }
  });

  const username = `canbo.hl${run}`;
  const password = 'Matkhau2026';
  let userId = '';

  it('should create a user through the page, grant a role with validity dates, and let that user log in', async () => {
    const user = await WebUser.login(browser, sys.baseUrl, 'quantri', { viewport: 'desktop' });
    try {
      await user.goto('/nguoi-dung');
      await user.page.getByRole('heading', { name: 'Người dùng và vai trò', level: 1 }).waitFor();
      await user.page.getByRole('button', { name: 'Tạo người dùng' }).click();
      const dialog = user.page.getByRole('dialog', { name: 'Tạo người dùng' });
      await dialog.getByLabel('Tên đăng nhập').fill(username);
      await dialog.getByLabel('Họ và tên').fill('Đặng Thị Thu Hương');
      await choose(user.page, 'Tổ chức công tác', 'Đảng bộ phường Hoàng Liệt', 'Hoàng Liệt');
      await dialog.getByLabel('Mật khẩu ban đầu').fill(password);
      await dialog.getByLabel('Lý do, căn cứ').fill('Cán bộ văn phòng mới');
      await dialog.getByRole('button', { name: 'Tạo' }).click();
      await user.page.getByRole('heading', { name: `Người dùng: ${username}`, level: 1 }).waitFor();
      userId = /\/nguoi-dung\/([0-9a-f-]{36})$/.exec(user.page.url())?.[1] ?? '';

      await user.page.getByRole('button', { name: 'Giao vai trò' }).click();
      const grant = user.page.getByRole('dialog');
      await choose(user.page, 'Vai trò', 'Cán bộ giám sát');
      await choose(user.page, 'Tại tổ chức', 'Đảng bộ phường Hoàng Liệt', 'Hoàng Liệt');
      await grant.getByLabel('Hiệu lực đến ngày (để trống: không thời hạn)').fill('31/12/2030');
      await grant.getByLabel('Lý do, căn cứ').fill('Quyết định 12-QĐ/ĐU');
      await grant.getByRole('button', { name: 'Giao vai trò' }).click();
      await user.page.getByText('Đã giao vai trò Cán bộ giám sát tại Đảng bộ phường Hoàng Liệt.').waitFor();
      const row = user.page.getByRole('row', { name: /Cán bộ giám sát/ });
      await row.waitFor();
      await expect(row.locator('td').allInnerTexts()).resolves.toEqual([
        'Cán bộ giám sát',
        'Đảng bộ phường Hoàng Liệt',
        expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} – 31\/12\/2030$/),
        'Đang hiệu lực',
        'Quyết định 12-QĐ/ĐU',
        'Thu hồi',
      ]);
      await expectPageClean(user.page, 'user', 'desktop');
    } finally {
      await user.close();
    }
    const newcomer = await WebUser.login(browser, sys.baseUrl, username, { viewport: 'phone', password });
    try {
      await newcomer.page.getByRole('button', { name: 'Tài khoản' }).click();
      await newcomer.page.getByText('Cán bộ giám sát — Đảng bộ phường Hoàng Liệt').waitFor();
    } finally {
      await newcomer.close();
    }
  });

  it('should disable the user through the page (listing their open tasks: none), refuse their login, and enable them again', async () => {
    const user = await WebUser.login(browser, sys.baseUrl, 'quantri', { viewport: 'phone' });
    try {
      await user.goto(`/nguoi-dung/${userId}`);
      await user.page.getByRole('heading', { name: `Người dùng: ${username}`, level: 1 }).waitFor();
      await user.page.getByRole('button', { name: 'Khóa tài khoản' }).click();
      const dialog = user.page.getByRole('dialog');
      await dialog.getByLabel('Lý do, căn cứ').fill('Nghỉ hưu từ ngày 01/12');
      await dialog.getByRole('button', { name: 'Khóa tài khoản' }).click();
      await user.page.getByText('Người dùng không còn nhiệm vụ nào đang mở.', { exact: true }).waitFor();
      await user.page.getByText('Đã khóa tài khoản.', { exact: true }).waitFor();
      const disabled = await admin.get<{ disabled: boolean; disabledReason: string }>(`/users/${userId}`);
      expect(disabled.body).toMatchObject({ disabled: true, disabledReason: 'Nghỉ hưu từ ngày 01/12' });
    } finally {
      await user.close();
    }
    // A disabled user is refused at login, with the API's message on the login page.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      await page.goto(`${sys.baseUrl}/app/`);
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill(password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect(page.getByRole('alert').innerText()).resolves.toBe(
        'Tài khoản này đã bị khóa; mọi phiên đăng nhập của tài khoản không còn hiệu lực. Liên hệ quản trị để được mở lại',
      );
      await expect(page.getByLabel('Tên đăng nhập').count()).resolves.toBe(1);
      const refused = await ApiSession.login(sys.baseUrl, username, password).then(
        () => 'logged in',
        (e: Error) => e.message,
      );
      expect(refused).toMatch(/^login canbo\.hl\d+: 401 .*USER_DISABLED/);
    } finally {
      await context.close();
    }
    const again = await WebUser.login(browser, sys.baseUrl, 'quantri', { viewport: 'desktop' });
    try {
      await again.goto(`/nguoi-dung/${userId}`);
      await again.page.getByRole('button', { name: 'Mở khóa tài khoản' }).click();
      const dialog = again.page.getByRole('dialog');
      await dialog.getByLabel('Lý do, căn cứ').fill('Trở lại công tác');
      await dialog.getByRole('button', { name: 'Mở khóa tài khoản' }).click();
      await again.page.getByText('Đã mở khóa tài khoản.', { exact: true }).waitFor();
    } finally {
      await again.close();
    }
    const back = await WebUser.login(browser, sys.baseUrl, username, { viewport: 'phone', password });
    await back.close();
  });

  it('should add a cell under a ward through the tree, rename it and close it, each with its reason', async () => {
    const code = `HN-HM-HL-T${run}`;
    const user = await WebUser.login(browser, sys.baseUrl, 'quantri', { viewport: 'desktop' });
    try {
      const p = user.page;
      await user.goto('/to-chuc');
      await p.locator('.ant-tree').getByText('Đảng bộ phường Hoàng Liệt (HN-HM-HL)').click();
      await p.getByRole('button', { name: 'Thêm tổ chức trực thuộc' }).click();
      let dialog = p.getByRole('dialog');
      await dialog.getByLabel('Mã tổ chức').fill(code);
      await dialog.getByLabel('Tên tổ chức').fill('Chi bộ Tổ dân phố thử nghiệm');
      await dialog.getByLabel('Lý do, căn cứ').fill('Quyết định 21-QĐ/ĐU thành lập chi bộ');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await p.getByText('Đã thêm tổ chức.', { exact: true }).waitFor();
      const card = p.locator('.ant-card', { has: p.getByText('Mã', { exact: true }) });
      await expect(card.locator('.ant-card-head-title').innerText()).resolves.toBe('Chi bộ Tổ dân phố thử nghiệm');
      const [created] = (await admin.get<{ items: { id: string; kind: string }[] }>(`/organisations?q=${code}`)).body
        .items;
      expect(created.kind).toBe('cell');

      await p.getByRole('button', { name: 'Đổi tên' }).click();
      dialog = p.getByRole('dialog');
      await dialog.getByLabel('Tên tổ chức').fill('Chi bộ Tổ dân phố số 20');
      await dialog.getByLabel('Lý do, căn cứ').fill('Đổi tên theo địa giới mới');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await p.getByText('Đã đổi tên.', { exact: true }).waitFor();
      await expect(card.locator('.ant-card-head-title').innerText()).resolves.toBe('Chi bộ Tổ dân phố số 20');

      await p.getByRole('button', { name: 'Đóng tổ chức' }).click();
      dialog = p.getByRole('dialog');
      await dialog.getByLabel('Lý do, căn cứ').fill('Sáp nhập vào Chi bộ Tổ dân phố số 5');
      await dialog.getByRole('button', { name: 'Đóng tổ chức' }).click();
      await p.getByText('Đã đóng tổ chức.', { exact: true }).waitFor();
      const closed = await admin.get<{ status: string; statusLabel: string; name: string; closeReason: string }>(
        `/organisations/${created.id}`,
      );
      expect(closed.body).toMatchObject({
        status: 'closed',
        name: 'Chi bộ Tổ dân phố số 20',
        closeReason: 'Sáp nhập vào Chi bộ Tổ dân phố số 5',
      });
      await expect(card.locator('.ant-tag').innerText()).resolves.toBe(closed.body.statusLabel);
    } finally {
      await user.close();
    }
  });

  it('should show at its field the 409 of a status change the running admission case owns', async () => {
    const user = await WebUser.login(browser, sys.baseUrl, 'quantri', { viewport: 'desktop' });
    try {
      await user.goto(`/dang-vien/${candidateId}`);
      await user.page.getByRole('button', { name: 'Chuyển trạng thái' }).click();
      const dialog = user.page.getByRole('dialog');
      await dialog.getByLabel('Lý do, căn cứ').fill('Đã có quyết định kết nạp');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      const statusItem = dialog.locator('.ant-form-item', { hasText: 'Trạng thái mới' });
      await statusItem.locator('.ant-form-item-explain-error').waitFor();
      const refused = await admin.post<{ error: { code: string; message: string; field: string } }>(
        `/members/${candidateId}/status`,
        { status: 'probationary', effectiveOn: todayLocal(Date.now()), reason: 'Đã có quyết định kết nạp' },
      );
      expect(refused.body.error).toMatchObject({ code: 'STATUS_OWNED_BY_ADMISSION', field: 'status' });
      await expect(statusItem.locator('.ant-form-item-explain-error').innerText()).resolves.toBe(
        refused.body.error.message.replace(/^status: /, ''),
      );
      const record = await admin.get<{ status: string }>(`/members/${candidateId}`);
      expect(record.body.status).toBe('candidate');
    } finally {
      await user.close();
    }
  });

  it('should adopt a criteria set for a committee, edit its period and retire it, through the page', async () => {
    const name = `Tiêu chuẩn kết nạp phường Hoàng Liệt ${tag}`;
    const user = await WebUser.login(browser, sys.baseUrl, 'quantri', { viewport: 'desktop' });
    try {
      const p = user.page;
      await user.goto('/tieu-chuan');
      await p.getByRole('button', { name: 'Ban hành bộ tiêu chuẩn' }).click();
      let dialog = p.getByRole('dialog');
      await choose(p, 'Cấp ủy ban hành', 'Đảng bộ phường Hoàng Liệt', 'Hoàng Liệt');
      await dialog.getByLabel('Tên bộ tiêu chuẩn').fill(name);
      await dialog.getByLabel('Số, ký hiệu văn bản ban hành').fill(`15-QĐ/ĐU-${run}`);
      await dialog.getByLabel('Hiệu lực từ ngày').fill('01/01/2030');
      await dialog.getByLabel('Căn cứ, lý do').fill('Nghị quyết của Đảng ủy phường');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await p.getByText(`Đã ban hành bộ tiêu chuẩn “${name}”.`, { exact: true }).waitFor();
      const row = p.getByRole('row', { name: new RegExp(name) });
      await row.waitFor();
      await expect(row.locator('td').allInnerTexts()).resolves.toEqual([
        name,
        `15-QĐ/ĐU-${run}`,
        'Đảng bộ phường Hoàng Liệt',
        '01/01/2030 – đến khi bãi bỏ',
        '3 năm liền xếp loại “hoàn thành tốt nhiệm vụ” trở lên, trong đó có một năm hoàn thành xuất sắc hoặc được khen thưởng',
        'Chưa đến ngày hiệu lực',
        'Sửa\nBãi bỏ',
      ]);

      await row.getByRole('button', { name: 'Sửa' }).click();
      dialog = p.getByRole('dialog', { name: `Sửa bộ tiêu chuẩn: ${name}` });
      await dialog.getByLabel('Đến ngày (để trống: đến khi bãi bỏ)').fill('31/12/2031');
      await dialog.getByLabel('Căn cứ, lý do').fill('Thời hạn theo nghị quyết');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await p.getByText(`Đã sửa bộ tiêu chuẩn “${name}”.`, { exact: true }).waitFor();
      await expect(row.locator('td').nth(3).innerText()).resolves.toBe('01/01/2030 – 31/12/2031');

      // The edit dialog closes with an animation: the retire dialog is found by its own title, never the closing one.
      await row.getByRole('button', { name: 'Bãi bỏ' }).click();
      dialog = p.getByRole('dialog', { name: `Bãi bỏ bộ tiêu chuẩn: ${name}` });
      await dialog.getByLabel('Lý do bãi bỏ').fill('Thay bằng tiêu chuẩn của cấp trên');
      await dialog.getByRole('button', { name: 'Bãi bỏ' }).click();
      await p.getByText(`Đã bãi bỏ bộ tiêu chuẩn “${name}”.`, { exact: true }).waitFor();
      await expect(row.locator('td').nth(5).innerText()).resolves.toBe('Đã bãi bỏ');
      const sets = await admin.get<{ name: string; status: string; effectiveUntil: string; retireReason: string }[]>(
        `/criteria?orgId=${demoOrgId('HN-HM-HL')}`,
      );
      expect(sets.body.find((x) => x.name === name)).toMatchObject({
        status: 'retired',
        effectiveUntil: '2031-12-31',
        retireReason: 'Thay bằng tiêu chuẩn của cấp trên',
      });
    } finally {
      await user.close();
    }
  });

  it('should work with the keyboard alone: choose an organisation in the tree and a cell in a search field', async () => {
    const user = await WebUser.login(browser, sys.baseUrl, 'quantri', { viewport: 'phone' });
    try {
      const p = user.page;
      await user.goto('/to-chuc');
      await p.locator('.ant-tree').getByText('Đảng bộ Thành phố Hà Nội (HN)').waitFor();
      // Tab from the page's start until the tree holds the focus, then arrows and Enter, as a keyboard user does.
      for (let i = 0; i < 30 && !(await p.evaluate('!!document.activeElement?.closest(".ant-tree")')); i++) {
        await p.keyboard.press('Tab');
      }
      // (rc-tree: arrows move, Enter opens or folds a branch, Space selects.)
      await p.keyboard.press('ArrowDown');
      await p.keyboard.press(' ');
      const card = p.locator('.ant-card', { has: p.getByText('Mã', { exact: true }) });
      await expect(card.locator('.ant-card-head-title').innerText()).resolves.toBe('Đảng bộ Quận Hoàng Mai');

      await user.goto('/dang-vien/moi');
      await p.getByLabel('Chi bộ nơi công tác, học tập').focus();
      await p.keyboard.type('Linh Đàm');
      await p.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
      await p.keyboard.press('Enter');
      const chosen = p.locator('.ant-select', { has: p.getByLabel('Chi bộ nơi công tác, học tập') });
      await expect(chosen.locator('.ant-select-content, .ant-select-selection-item').first().innerText()).resolves.toBe(
        'Chi bộ Khu đô thị Linh Đàm (HN-HM-HL-LD)',
      );
    } finally {
      await user.close();
    }
  });

  it('should page the members 20 at a time by cursor, back and forth, and start at the first page on a new search (issue 13 §3)', async () => {
    type Page = { items: Member[]; next: string | null; total: number; totalExact: boolean };
    const first = (await admin.get<Page>('/members?pageSize=20')).body;
    const second = (await admin.get<Page>(`/members?pageSize=20&cursor=${first.next}`)).body;
    expect(first.items).toHaveLength(20);
    expect(first.totalExact).toBe(true);
    const total = first.total.toLocaleString('vi-VN');
    const user = await WebUser.login(browser, sys.baseUrl, 'quantri', { viewport: 'desktop' });
    try {
      const p = user.page;
      const pager = p.getByRole('navigation', { name: 'Phân trang' });
      const rows = p.getByRole('table', { name: 'Danh sách đảng viên, quần chúng' }).locator('tbody tr');
      await user.goto('/dang-vien');
      await pager.getByText(`Hiển thị 1–20 người trên ${total}`).waitFor();
      const firstRow = (m: Member) => rows.first().locator(`a[href$="/dang-vien/${m.id}"]`).waitFor();
      await firstRow(first.items[0]);
      await pager.getByRole('button', { name: 'Trang sau' }).click();
      await pager.getByText(`Hiển thị 21–${20 + second.items.length} người trên ${total}`).waitFor();
      // The rows of page one stay shown (dimmed) until page two arrives.
      await firstRow(second.items[0]);
      await expect(rows.count()).resolves.toBe(second.items.length);
      await pager.getByRole('button', { name: 'Trang trước' }).click();
      await pager.getByText(`Hiển thị 1–20 người trên ${total}`).waitFor();
      await firstRow(first.items[0]);
      await expect(pager.getByRole('button', { name: 'Trang trước' }).isDisabled()).resolves.toBe(true);
      // On the second page a search starts again at the first page of its own list (here a single page: no pager).
      await pager.getByRole('button', { name: 'Trang sau' }).click();
      await firstRow(second.items[0]);
      await p.getByLabel('Tìm theo họ tên').fill('nguyen thu trang');
      await p.getByRole('button', { name: 'Tìm' }).click();
      // Read from the second page's cursor, the search would find no one and keep a pager to go back with.
      await pager.waitFor({ state: 'detached' });
      await expect(rows.allInnerTexts()).resolves.toEqual([expect.stringContaining('Nguyễn Thu Trang')]);
      await expectPageClean(p, 'members-paged', 'desktop');
    } catch (e) {
      await screenshot(user.page, 'debug-members-paged');
      throw e;
    } finally {
      await user.close();
    }
  });

  it('should render every master-data page at phone and desktop size with no code identifier and no serious accessibility violation', async () => {
    const [someone] = (await admin.get<{ items: { id: string }[] }>('/users?q=bithu.tdp5')).body.items;
    for (const size of ['phone', 'desktop'] as const) {
      const user = await WebUser.login(browser, sys.baseUrl, 'quantri', { viewport: size });
      try {
        const p = user.page;
        await user.goto('/to-chuc');
        await p.locator('.ant-tree').getByText('Đảng bộ phường Hoàng Liệt (HN-HM-HL)').click();
        await p.getByRole('button', { name: 'Đổi tên' }).waitFor();
        await expectPageClean(p, 'organisations', size);
        await p.getByRole('button', { name: 'Đổi tên' }).click();
        await p.getByRole('dialog').getByLabel('Tên tổ chức').waitFor();
        await expectPageClean(p, 'organisation-rename', size);
        await p.getByRole('button', { name: 'Hủy' }).click();
        await user.goto('/dang-vien?q=nguyen%20thu%20trang');
        await p.getByRole('link', { name: 'Nguyễn Thu Trang' }).waitFor();
        await expectPageClean(p, 'members', size);
        await user.goto('/dang-vien/moi');
        await p.getByLabel('Họ và tên').waitFor();
        await expectPageClean(p, 'member-register', size);
        await user.goto(`/dang-vien/${candidateId}`);
        await p.getByRole('heading', { name: CANDIDATE, level: 1 }).waitFor();
        await expectPageClean(p, 'member-detail', size);
        await user.goto('/nguoi-dung');
        await p.getByRole('link', { name: 'bithu.tdp5' }).waitFor();
        await expectPageClean(p, 'users', size);
        await user.goto(`/nguoi-dung/${someone.id}`);
        await p.getByText('Bí thư chi bộ', { exact: true }).first().waitFor();
        await expectPageClean(p, 'user-detail', size);
        await user.goto('/tieu-chuan');
        await p.getByText('Đang hiệu lực').first().waitFor();
        await expectPageClean(p, 'criteria', size);
        await p.getByRole('button', { name: 'Ban hành bộ tiêu chuẩn' }).click();
        await p.getByRole('dialog').getByLabel('Tên bộ tiêu chuẩn').waitFor();
        await expectPageClean(p, 'criteria-adopt', size);
        await p.getByRole('button', { name: 'Hủy' }).click();
        await user.goto('/nhap-du-lieu');
        await p.getByText('Bị từ chối').first().waitFor();
        await expectPageClean(p, 'imports', size);
      } finally {
        await user.close();
      }
      const secretary = await WebUser.login(browser, sys.baseUrl, 'bithu.tdp5', { viewport: size });
      try {
        await secretary.page.getByRole('link', { name: 'Đảng viên chi bộ' }).click();
        await secretary.page.getByRole('heading', { name: 'Đảng viên, quần chúng ưu tú', level: 1 }).waitFor();
        await secretary.page.getByText('Chi bộ Tổ dân phố số 5').first().waitFor();
        await expectPageClean(secretary.page, 'members-cell-secretary', size);
      } finally {
        await secretary.close();
      }
    }
  });
});
