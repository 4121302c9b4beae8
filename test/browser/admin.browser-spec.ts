import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { addDays, addDuration, dayOfWeek, labelVi, localDateOf, quotaProgress, todayLocal } from '@partyflow/domain';
import { AuditLogEntity, demoOrgId, HumanTaskEntity, loadHolidayCalendar } from '@partyflow/persistence';
import { AdmissionDriver, eventually, repoRoot, startSystem, type RunningSystem } from '@partyflow/testing';
import { expectPageClean, launchBrowser, WebUser, type ViewportName } from '@partyflow/testing/browser';

/**
 * Issue 10, the administrator's pages: a deadline changed with a reason re-times the running case (the preview
 * counts it before saving, the case page shows the new due date); a holiday and a swapped working Saturday added
 * through the page show in the calendar; a quota shows its exact percentage; every admin page at both sizes is clean.
 * Real Chromium (Debian's), real API, worker, Temporal and PostgreSQL.
 */
let sys: RunningSystem;
let browser: Browser;
let driver: AdmissionDriver;

type Policy = {
  process: string;
  step: string;
  due: { amount: number; unit: 'working_days' | 'calendar_days' | 'months' | 'hours' };
  anchor: string;
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

/** The admission steps up to the decision, as the demo users complete them (test/browser/admission.browser-spec.ts). */
const ADMISSION_TO_DECISION = [
  'introducers',
  'background_check',
  'opinion_residence',
  'opinion_mass_org:doan_thanh_nien',
  'cell_vote',
  'grassroots_vote',
  'appraisal',
  'decision',
];

/** dd/MM/yyyy of a local date YYYY-MM-DD, as the page shows it. */
const vnDate = (date: string) => date.split('-').reverse().join('/');

describe("the administrator's configuration pages (issue 10)", () => {
  it('should show the preview count 1 before saving a changed deadline with its reason, follow the re-timing to its end, and show the new due date on the case page', async () => {
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Trịnh Thị Hạn Mới' });
    const { task: open } = await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    const task = await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: open.id });
    const admin = await driver.as('quantri');
    const policy = (await admin.get<Policy[]>('/deadline-policies')).body.find(
      (p) => p.process === 'admission' && p.step === 'introducers',
    ) as Policy;
    expect({ anchor: policy.anchor, unit: policy.due.unit }).toEqual({ anchor: 'task_opened', unit: 'working_days' });
    const amount = policy.due.amount + 7;
    // The domain's rule: `amount` working days after the day the task opened, skipping weekends and holidays.
    const expectedDue = addDuration({
      from: task.openedAt.toISOString(),
      duration: { amount, unit: 'working_days' },
      holidays: await loadHolidayCalendar(sys.dataSource.manager),
    });
    expect(localDateOf(expectedDue)).not.toBe(localDateOf(task.dueAt.getTime()));

    const user = await WebUser.login(browser, sys.baseUrl, 'quantri');
    try {
      await user.goto('/quan-tri/thoi-han');
      await user.page.getByRole('heading', { name: 'Thời hạn các bước', level: 1 }).waitFor();
      await user.page
        .getByRole('button', { name: `Sửa thời hạn bước ${labelVi('introducers')} (${labelVi('admission')})` })
        .click();
      const dialog = user.page.getByRole('dialog');
      await expect(dialog.getByTestId('policy-impact').locator('.ant-alert-title').innerText()).resolves.toBe(
        'Khi lưu, 1 hồ sơ đang chờ bước này sẽ được tính lại hạn.',
      );
      await expectPageClean(user.page, 'admin-policy-edit', 'desktop');
      await dialog.getByLabel('Thời hạn xử lý: số').fill(String(amount));
      // Issue 14 §1: the preview of the new deadline, then applied to the one case chosen in it.
      await dialog.getByRole('button', { name: 'Xem trước ảnh hưởng' }).click();
      const preview = dialog.getByTestId('policy-preview');
      await preview
        .getByText(
          '1 nhiệm vụ của 1 hồ sơ đang chờ; 1 đổi hạn (0 sớm hơn, 1 muộn hơn); 0 sẽ quá hạn ngay; 0 sẽ chuyển cấp trên ngay.',
        )
        .waitFor();
      const previewRow = preview
        .getByRole('table', { name: 'Các nhiệm vụ sẽ được tính lại hạn' })
        .locator('tr.ant-table-row');
      await expect(previewRow.count()).resolves.toBe(1);
      expect((await previewRow.locator('td').allInnerTexts())[3]).toContain(vnDate(localDateOf(expectedDue)));
      await preview.getByLabel('Chỉ áp dụng cho các hồ sơ được chọn dưới đây').check();
      await previewRow.locator('input[type="checkbox"]').check();
      // The reason is required: saving without it names the field.
      await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
      await dialog.getByText('Bắt buộc: lý do thay đổi').waitFor();
      await dialog.getByLabel('Lý do thay đổi').fill('Ban Thường vụ kéo dài thời hạn giới thiệu người vào Đảng');
      await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
      await user.page
        .getByText(`Tính lại hạn bước ${labelVi('introducers')}: Đã hoàn thành`)
        .waitFor({ timeout: 60_000 });
      const progress = user.page.getByTestId('policy-operation');
      const counts = (await progress.locator('.ant-descriptions-item').allInnerTexts()).map((t) =>
        t.replace(/\s+/g, ' '),
      );
      expect(counts.slice(0, 5)).toEqual([
        'Hồ sơ đang chờ 1',
        'Đã tính lại hạn 1',
        'Hạn không đổi 0',
        'Hồ sơ đã kết thúc 0',
        'Lỗi 0',
      ]);
      await expectPageClean(user.page, 'admin-policies-retimed', 'desktop');

      await user.goto(`/ho-so-ket-nap/${caseId}`);
      await user.page.getByRole('heading', { name: 'Hồ sơ kết nạp: Trịnh Thị Hạn Mới' }).waitFor();
      const row = user.page.locator('tr.ant-table-row').filter({ hasText: labelVi('introducers') });
      const cells = await row.locator('td').allInnerTexts();
      expect(cells[2]).toBe(vnDate(localDateOf(expectedDue)));
    } finally {
      await user.close();
    }
  });

  it("should let a district's administrator shorten a step's deadline for the district alone through the page (a longer one refused at its field), then clear it (issue 11 §2)", async () => {
    const HM = demoOrgId('HN-HM');
    const root = await driver.as('quantri');
    const username = `quantri.hoangmai.${Date.now()}`;
    const password = 'matkhau2026';
    const created = await root.post<{ id: string }>('/users', {
      username,
      fullName: 'Phạm Văn Quản Trị',
      password,
      organisationId: HM,
      reason: 'Cán bộ quản trị hệ thống của Quận ủy',
    });
    expect(created.status).toBe(201);
    const granted = await root.post(`/users/${created.body.id}/roles`, {
      organisationId: HM,
      role: 'administrator',
      reason: 'Quyết định phân công số 15-QĐ/QU',
    });
    expect(granted.status).toBe(201);
    const find = (list: Policy[]) => list.find((p) => p.process === 'admission' && p.step === 'introducers');
    const national = find((await root.get<Policy[]>('/deadline-policies')).body) as Policy;
    expect(national.due.unit).toBe('working_days');
    const hmName = (await root.get<{ name: string }>(`/organisations/${HM}`)).body.name;
    const waiting = (await root.get<{ cases: number }>(`/deadline-policies/admission/introducers/impact?orgId=${HM}`))
      .body.cases;
    const stepLabel = `bước ${labelVi('introducers')} (${labelVi('admission')})`;

    const user = await WebUser.login(browser, sys.baseUrl, username, { password });
    try {
      await user.goto('/quan-tri/thoi-han');
      await user.page.getByRole('heading', { name: 'Thời hạn các bước', level: 1 }).waitFor();
      // Only a root administrator changes the national default: this one starts on its own organisation.
      await expect(user.page.getByRole('radio', { name: 'Thời hạn chung toàn quốc' }).isDisabled()).resolves.toBe(true);
      await user.page.getByText(`Thời hạn đang áp dụng tại ${hmName} và các tổ chức cấp dưới.`).waitFor();
      await user.page.getByRole('button', { name: `Đặt thời hạn riêng ${stepLabel}`, exact: true }).click();
      const dialog = user.page.getByRole('dialog', { name: `Thời hạn riêng tại ${hmName}: ${labelVi('introducers')}` });
      await dialog.waitFor();
      await expect(dialog.getByTestId('policy-impact').locator('.ant-alert-title').innerText()).resolves.toBe(
        waiting
          ? `Khi lưu, ${waiting} hồ sơ đang chờ bước này sẽ được tính lại hạn.`
          : 'Không có hồ sơ nào đang chờ bước này: chỉ các hồ sơ sau này dùng thời hạn mới.',
      );
      await dialog.getByLabel('Lý do thay đổi').fill('Nghị quyết của Ban Thường vụ Quận ủy về rút ngắn thời hạn');
      // Longer than the deadline in force above: refused, at the field.
      await dialog.getByLabel('Thời hạn xử lý: số').fill(String(national.due.amount + 1));
      await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
      await dialog
        .getByText(
          `tối đa ${national.due.amount} (thời hạn cấp trên đang áp dụng): cấp dưới chỉ được rút ngắn thời hạn`,
        )
        .waitFor();
      const shorter = national.due.amount - 1;
      await dialog.getByLabel('Thời hạn xử lý: số').fill(String(shorter));
      await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
      await user.page
        .getByText(`Tính lại hạn bước ${labelVi('introducers')}: Đã hoàn thành`)
        .waitFor({ timeout: 60_000 });
      const row = user.page
        .locator('tr.ant-table-row')
        .filter({ hasText: labelVi('introducers') })
        .first();
      await row.getByText('Thời hạn riêng', { exact: true }).waitFor();
      await expect(row.locator('td').nth(2).innerText()).resolves.toBe(`${shorter} ngày làm việc`);
      await expectPageClean(user.page, 'admin-policies-override', 'desktop');
      // The district's subtree has its own deadline; the national default is unchanged.
      const inHm = find((await root.get<Policy[]>(`/deadline-policies?orgId=${HM}`)).body) as Policy & {
        organisationId: string | null;
      };
      expect({ org: inHm.organisationId, amount: inHm.due.amount }).toEqual({ org: HM, amount: shorter });
      expect(find((await root.get<Policy[]>('/deadline-policies')).body)?.due.amount).toBe(national.due.amount);

      await user.page.getByRole('button', { name: `Bỏ thời hạn riêng ${stepLabel}`, exact: true }).click();
      const clear = user.page.getByRole('dialog', {
        name: `Bỏ thời hạn riêng tại ${hmName}: ${labelVi('introducers')}`,
      });
      await clear.getByLabel('Lý do').fill('Bãi bỏ nghị quyết rút ngắn thời hạn');
      await clear.getByRole('button', { name: 'Bỏ thời hạn riêng' }).click();
      // The page shows the deadline from above again once the clearing is saved; the API agrees.
      await user.page
        .getByText(`Tính lại hạn bước ${labelVi('introducers')}: Đã hoàn thành`)
        .waitFor({ timeout: 60_000 });
      await row.getByText('Thời hạn chung', { exact: true }).waitFor();
      const after = find((await root.get<Policy[]>(`/deadline-policies?orgId=${HM}`)).body) as Policy & {
        organisationId: string | null;
      };
      expect({ org: after.organisationId, amount: after.due.amount }).toEqual({
        org: null,
        amount: national.due.amount,
      });
    } finally {
      await user.close();
    }
  });

  it('should show a holiday and a swapped working Saturday added through the page in the calendar of their year', async () => {
    const year = Number(todayLocal(Date.now()).slice(0, 4)) + 2;
    const holiday = `${year}-11-20`;
    let saturday = `${year}-12-01`;
    while (dayOfWeek(saturday) !== 6) saturday = addDays(saturday, 1);
    const user = await WebUser.login(browser, sys.baseUrl, 'quantri');
    try {
      await user.goto('/quan-tri/ngay-nghi');
      await user.page.getByRole('heading', { name: 'Lịch ngày nghỉ lễ', level: 1 }).waitFor();
      for (const day of [
        { date: holiday, kind: 'Ngày nghỉ', name: 'Ngày nghỉ thử của quản trị' },
        { date: saturday, kind: 'Ngày làm bù (thứ Bảy hoặc Chủ nhật)', name: 'Làm bù cho ngày nghỉ thử' },
      ]) {
        await user.page.getByRole('button', { name: 'Thêm ngày' }).click();
        const dialog = user.page.getByRole('dialog');
        await dialog.getByLabel('Ngày', { exact: true }).click();
        await dialog.getByLabel('Ngày', { exact: true }).fill(vnDate(day.date));
        await dialog.getByLabel('Ngày', { exact: true }).press('Enter');
        await dialog.getByLabel(day.kind).check();
        await dialog.getByLabel('Tên ngày').fill(day.name);
        await dialog.getByLabel('Văn bản (thông báo, quyết định)').fill('Thông báo thử của Bộ Lao động');
        await dialog.getByLabel('Lý do thay đổi').fill('Cập nhật lịch theo thông báo');
        await dialog.getByRole('button', { name: 'Lưu' }).click();
        await user.page.getByText(`Đã thêm ngày ${vnDate(day.date)}: ${day.name}.`).waitFor();
      }
      const rows = user.page.locator('tr.ant-table-row');
      await expect(
        rows
          .filter({ hasText: vnDate(holiday) })
          .locator('td')
          .nth(1)
          .innerText(),
      ).resolves.toBe('Ngày nghỉ thử của quản trị');
      const swapped = await rows
        .filter({ hasText: vnDate(saturday) })
        .locator('td')
        .allInnerTexts();
      expect(swapped.slice(0, 3)).toEqual([`Thứ Bảy, ${vnDate(saturday)}`, 'Làm bù cho ngày nghỉ thử', 'Ngày làm bù']);
      // The year's computed days were copied with it: Tết is still there, marked as lunar.
      await expect(rows.filter({ hasText: 'Tết Nguyên đán' }).first().innerText()).resolves.toContain('Theo âm lịch');
      await expectPageClean(user.page, 'admin-holidays', 'desktop');
    } finally {
      await user.close();
    }
  });

  it("should set a quota through the page and show the organisation's progress with its exact Vietnamese percentage", async () => {
    // One case of Hoàng Liệt (cell TDP5) driven by its assignees through the API up to the admission decision.
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Đỗ Văn Chỉ Tiêu' });
    await driver.completeInOrder(caseId, ADMISSION_TO_DECISION, demoOrgId('HN-HM-HL-TDP5'));
    const orgDept = await driver.as('bantochuc.hoangmai');
    const year = Number(todayLocal(Date.now()).slice(0, 4));
    const admitted = await eventually(async () => {
      const res = await orgDept.get<{ rows: { code: string; admitted: number }[] }>(
        `/quotas?orgId=${demoOrgId('HN-HM')}&year=${year}`,
      );
      const n = res.body.rows.find((r) => r.code === 'HN-HM-HL')?.admitted;
      return n === 1 && n;
    }, 'the decided case counted as admitted in Hoàng Liệt');
    const quota = 3;
    // 1/3 = 33,3% with one decimal and a decimal comma (Intl vi-VN), as the domain's quotaProgress says too.
    const expected = 'đã kết nạp 1/3 (33,3%)';
    expect(quotaProgress({ admitted, quota }).summaryVi).toBe(expected);
    const user = await WebUser.login(browser, sys.baseUrl, 'bantochuc.hoangmai');
    try {
      await user.goto('/quan-tri/chi-tieu');
      await user.page.getByRole('heading', { name: 'Chỉ tiêu kết nạp', level: 1 }).waitFor();
      await user.page.getByRole('button', { name: 'Giao chỉ tiêu cho Đảng bộ phường Hoàng Liệt' }).click();
      const dialog = user.page.getByRole('dialog');
      await dialog.getByLabel('Chỉ tiêu (số người)').fill(String(quota));
      await dialog.getByLabel('Căn cứ, ghi chú').fill('Chỉ tiêu theo nghị quyết Quận ủy');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await expect(
        user.page
          .locator('[data-org="HN-HM-HL"]')
          .filter({ hasText: `/${quota} ` })
          .innerText(),
      ).resolves.toBe(expected);
      await expectPageClean(user.page, 'admin-quotas', 'desktop');
    } finally {
      await user.close();
    }
  });

  it('should create an inspection programme through the page, pause and resume it, and change its interval, showing the next runs', async () => {
    const user = await WebUser.login(browser, sys.baseUrl, 'quantri');
    const title = 'Đảng bộ phường Định Công — Đảng ủy cơ sở kiểm tra các chi bộ trực thuộc';
    try {
      await user.goto('/quan-tri/kiem-tra');
      await user.page.getByRole('heading', { name: 'Chương trình kiểm tra chi bộ', level: 1 }).waitFor();
      await user.page.getByRole('button', { name: 'Lập chương trình kiểm tra' }).click();
      const dialog = user.page.getByRole('dialog');
      await dialog.getByLabel('Tổ chức kiểm tra').click();
      await dialog.getByLabel('Tổ chức kiểm tra').fill('HN-HM-DC');
      await user.page.locator('.ant-select-tree-title', { hasText: '(HN-HM-DC)' }).click();
      await dialog.getByRole('button', { name: 'Lập chương trình' }).click();
      const card = user.page.locator('.ant-card').filter({ has: user.page.getByRole('heading', { name: title }) });
      const nextRuns = card.locator('.ant-descriptions-item').filter({ hasText: 'Các lần chạy tiếp theo' });
      const months = async () =>
        (
          (await nextRuns.locator('.ant-descriptions-item-content').innerText()).match(/\d{2}\/\d{2}\/\d{4}/g) ?? []
        ).map((d) => d.slice(0, 5));
      await card.getByText('Đang hoạt động').waitFor();
      await expect(card.getByText('6 tháng một lần').count()).resolves.toBe(1);
      await nextRuns
        .locator('.ant-descriptions-item-content')
        .filter({ hasText: /\d{2}\/\d{2}\/\d{4}/ })
        .waitFor();
      // Six-monthly rounds start on 1 January and 1 July [seed:004]; the page shows the next four.
      await expect(months()).resolves.toHaveLength(4);
      for (const m of await months()) expect(['01/01', '01/07']).toContain(m);
      await expectPageClean(user.page, 'admin-inspections-programme', 'desktop');

      await card.getByRole('button', { name: 'Tạm dừng' }).click();
      await card.getByText('Đã tạm dừng lịch kiểm tra.').waitFor();
      await nextRuns.getByText('Không có (lịch đang tạm dừng)', { exact: true }).waitFor();
      await card.getByText('Tạm dừng', { exact: true }).waitFor();
      await card.getByRole('button', { name: 'Tiếp tục' }).click();
      await card.getByText('Đã tiếp tục lịch kiểm tra.').waitFor();
      await card.getByText('Đang hoạt động').waitFor();

      await card.getByRole('button', { name: 'Đổi chu kỳ' }).click();
      const intervalDialog = user.page.getByRole('dialog');
      await intervalDialog.getByLabel('Chu kỳ').click();
      await user.page.locator('.ant-select-item-option', { hasText: '3 tháng một lần' }).click();
      await intervalDialog.getByLabel('Lý do').fill('Tăng cường kiểm tra');
      await intervalDialog.getByRole('button', { name: 'Lưu' }).click();
      await card.getByText('Đã đổi chu kỳ kiểm tra.').waitFor();
      await card.getByText('3 tháng một lần').waitFor();
      await nextRuns
        .locator('.ant-descriptions-item-content')
        .filter({ hasText: /01\/(04|10)\// })
        .waitFor();
      await expect(months()).resolves.toHaveLength(4);
      for (const m of await months()) expect(['01/01', '01/04', '01/07', '01/10']).toContain(m);
    } finally {
      await user.close();
    }
  });

  it('should download a report as CSV with the token, under the file name the API gives', async () => {
    const year = todayLocal(Date.now()).slice(0, 4);
    const user = await WebUser.login(browser, sys.baseUrl, 'bantochuc.hoangmai', { viewport: 'phone' });
    try {
      await user.goto('/quan-tri/bao-cao');
      await user.page.getByRole('heading', { name: 'Báo cáo', level: 1 }).waitFor();
      await user.page.getByLabel('CSV').check();
      const [download] = await Promise.all([
        user.page.waitForEvent('download'),
        user.page.getByRole('button', { name: 'Tải về' }).click(),
      ]);
      const name = `bao-cao-ket-nap_HN-HM_${year}-01-01_${year}-12-31.csv`;
      expect(download.suggestedFilename()).toBe(name);
      // UTF-8 with a BOM, so Excel shows the diacritics.
      expect(readFileSync(await download.path()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      await user.page.getByText(`Đã tải về tệp ${name}`).waitFor();
    } finally {
      await user.close();
    }
  });

  it('should grant a delegation through the page and revoke it with a reason', async () => {
    const from = todayLocal(Date.now());
    const until = addDays(from, 30);
    const user = await WebUser.login(browser, sys.baseUrl, 'quantri');
    try {
      await user.goto('/quan-tri/uy-quyen');
      await user.page.getByRole('heading', { name: 'Ủy quyền quyết định', level: 1 }).waitFor();
      await user.page.getByRole('button', { name: 'Ủy quyền mới' }).click();
      const dialog = user.page.getByRole('dialog');
      await dialog.getByLabel('Tổ chức ủy quyền (Ban Thường vụ)').click();
      await dialog.getByLabel('Tổ chức ủy quyền (Ban Thường vụ)').fill('Hoàng Mai');
      await user.page
        .locator('.ant-select-tree-title')
        .getByText('Đảng bộ Quận Hoàng Mai (HN-HM)', { exact: true })
        .click();
      await dialog.getByLabel('Đảng ủy cơ sở được ủy quyền').click();
      await user.page.locator('.ant-select-item-option', { hasText: 'Đảng bộ phường Hoàng Liệt (HN-HM-HL)' }).click();
      await dialog.getByPlaceholder('Từ ngày').click();
      await dialog.getByPlaceholder('Từ ngày').fill(vnDate(from));
      await dialog.getByPlaceholder('Từ ngày').press('Enter');
      await dialog.getByPlaceholder('Đến ngày').fill(vnDate(until));
      await dialog.getByPlaceholder('Đến ngày').press('Enter');
      await dialog
        .getByLabel('Căn cứ, lý do ủy quyền')
        .fill('Nghị quyết của Ban Thường vụ Quận ủy về ủy quyền kết nạp');
      await dialog.getByRole('button', { name: 'Ủy quyền', exact: true }).click();
      await user.page
        .getByText(
          `Đã ủy quyền cho Đảng bộ phường Hoàng Liệt: Quyết định kết nạp đảng viên (${vnDate(from)} – ${vnDate(until)}).`,
        )
        .waitFor();
      const row = user.page.locator('tr.ant-table-row').filter({ hasText: 'Đảng bộ phường Hoàng Liệt' });
      await expect(row.locator('td').allInnerTexts()).resolves.toEqual([
        'Quyết định kết nạp đảng viên',
        'Đảng bộ Quận Hoàng Mai',
        'Đảng bộ phường Hoàng Liệt',
        `${vnDate(from)} – ${vnDate(until)}`,
        'Đang hiệu lực',
        'Nghị quyết của Ban Thường vụ Quận ủy về ủy quyền kết nạp',
        'Thu hồi',
      ]);
      await expectPageClean(user.page, 'admin-delegations-granted', 'desktop');

      await row.getByRole('button', { name: 'Thu hồi ủy quyền cho Đảng bộ phường Hoàng Liệt' }).click();
      const revoke = user.page.getByRole('dialog');
      await revoke.getByRole('button', { name: 'Thu hồi', exact: true }).click();
      await revoke.getByText('Bắt buộc: lý do thu hồi').waitFor();
      await revoke.getByLabel('Lý do thu hồi').fill('Đảng ủy phường đã kiện toàn');
      await revoke.getByRole('button', { name: 'Thu hồi', exact: true }).click();
      await user.page.getByText('Đã thu hồi ủy quyền.').waitFor();
      await row.getByText('Đã thu hồi', { exact: true }).waitFor();
      await expect(row.locator('td').nth(5).innerText()).resolves.toBe(
        'Nghị quyết của Ban Thường vụ Quận ủy về ủy quyền kết nạp (thu hồi: Đảng ủy phường đã kiện toàn)',
      );
    } finally {
      await user.close();
    }
  });

  it.each<[ViewportName]>([['phone'], ['desktop']])(
    'should show every admin page without identifiers or serious accessibility violations at the %s size',
    async (size) => {
      const pages: [string, string, string][] = [
        ['/quan-tri', 'Quản trị', 'admin-home'],
        ['/quan-tri/thoi-han', 'Thời hạn các bước', 'admin-policies'],
        ['/quan-tri/ngay-nghi', 'Lịch ngày nghỉ lễ', 'admin-holidays'],
        ['/quan-tri/uy-quyen', 'Ủy quyền quyết định', 'admin-delegations'],
        ['/quan-tri/chi-tieu', 'Chỉ tiêu kết nạp', 'admin-quotas'],
        ['/quan-tri/kiem-tra', 'Chương trình kiểm tra chi bộ', 'admin-inspections'],
        ['/quan-tri/bao-cao', 'Báo cáo', 'admin-reports'],
      ];
      const user = await WebUser.login(browser, sys.baseUrl, 'quantri', { viewport: size });
      try {
        for (const [route, heading, name] of pages) {
          await user.goto(route);
          await user.page.getByRole('heading', { name: heading, level: 1 }).waitFor();
          await user.page.locator('.ant-skeleton').first().waitFor({ state: 'detached' });
          await expectPageClean(user.page, name, size);
        }
      } finally {
        await user.close();
      }
    },
  );
});

describe('the audit ledger on the page (issue 14 §5)', () => {
  it("should verify the whole log and a case's chain from the page, and name the row altered directly in PostgreSQL until it is put back", async () => {
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Trần Văn Sổ Cái' });
    await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    const [row] = await sys.dataSource.getRepository(AuditLogEntity).find({ where: { caseId }, order: { id: 'ASC' } });
    // As a tamperer with the database's superuser would: no trigger fires.
    const setComment = async (comment: string | null) => {
      const q = sys.dataSource.createQueryRunner();
      try {
        await q.query('SET session_replication_role = replica');
        await q.query('UPDATE audit_log SET comment = $1 WHERE id = $2', [comment, row.id]);
      } finally {
        await q.query('RESET session_replication_role');
        await q.release();
      }
    };
    const user = await WebUser.login(browser, sys.baseUrl, 'quantri');
    try {
      await user.goto('/quan-tri');
      await user.page.getByRole('link', { name: 'Kiểm tra toàn vẹn nhật ký' }).click();
      await user.page.getByRole('heading', { name: 'Kiểm tra toàn vẹn nhật ký', level: 1 }).waitFor();
      await user.page.getByRole('button', { name: 'Kiểm tra' }).click();
      await user.page.getByText(/^Nhật ký toàn vẹn: đã kiểm tra [\d.]+ dòng/).waitFor();
      await expectPageClean(user.page, 'admin-audit-verify', 'desktop');

      await setComment('Sửa lén sau khi ghi');
      await user.page.getByLabel('Mã hồ sơ (để trống: toàn bộ nhật ký)').fill(caseId);
      await user.page.getByRole('button', { name: 'Kiểm tra' }).click();
      await user.page.getByText('Nhật ký không toàn vẹn: Nội dung dòng đã bị sửa sau khi ghi').waitFor();
      const shown = await user.page.getByTestId('audit-verification').innerText();
      expect(shown).toContain(row.id);

      await setComment(row.comment);
      await user.page.getByRole('button', { name: 'Kiểm tra' }).click();
      await user.page.getByText(/^Nhật ký toàn vẹn \(hồ sơ này\): đã kiểm tra \d+ dòng/).waitFor();
    } finally {
      await setComment(row.comment);
      await user.close();
    }
  });
});
