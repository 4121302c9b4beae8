import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AUDIT_DIGEST_SCHEDULE_ID, type AuditDigestResult } from '@partyflow/contracts';
import { addDays, localDateOf, todayLocal } from '@partyflow/domain';
import {
  AuditDigestEntity,
  AuditLogEntity,
  AuditSealEntity,
  demoOrgId,
  hashPassword,
  HumanTaskEntity,
  type LedgerVerification,
  NotificationEntity,
  OrganisationEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@partyflow/persistence';
import {
  AdmissionDriver,
  ApiSession,
  eventually,
  insertTestUser,
  startSystem,
  taskRow,
  type RunningSystem,
} from '@partyflow/testing';

/**
 * Reading what the system recorded (issue 9 §7): `GET /notifications` (mine, unread first, paged; marked read
 * per user) and `GET /audit` (by case, actor, action and local-date period, paged, within the subtree the
 * reader supervises or administers), where the reason of a policy and of a delegation change is readable.
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
const HM = demoOrgId('HN-HM');
const HL = demoOrgId('HN-HM-HL');
const TDP5 = demoOrgId('HN-HM-HL-TDP5');
const BD = demoOrgId('HN-LB-BD');
const TDP1 = demoOrgId('HN-LB-BD-TDP1');
const DAY = 86_400_000;

type ApiErr = { error: { code: string; message: string; field?: string } };
/** A list paged by cursor (apps/api/src/common/keyset.ts, issue 13 §3). */
type Page<T> = { items: T[]; pageSize: number; next: string | null; total: number; totalExact: boolean };
type Notification = {
  id: string;
  kind: string;
  message: string;
  read: boolean;
  readAt: string | null;
  role: string | null;
};
type Entry = {
  id: string;
  at: string;
  action: string;
  actor: { userId: string | null; name: string };
  caseId: string | null;
  comment: string | null;
  orgId: string | null;
};

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

/** A session of a user of this spec's own holding `role` in `orgId`; created on first use. */
async function sessionWith(username: string, orgId: string, role: RoleAssignmentEntity['role']): Promise<ApiSession> {
  const users = sys.dataSource.getRepository(UserEntity);
  if (!(await users.existsBy({ username }))) {
    const id = randomUUID();
    await users.insert({
      id,
      username,
      passwordHash: await hashPassword('matkhau123'),
      fullName: `Người dùng ${username}`,
      memberId: null,
    });
    await sys.dataSource
      .getRepository(RoleAssignmentEntity)
      .insert({ id: randomUUID(), userId: id, organisationId: orgId, role });
  }
  return ApiSession.login(sys.baseUrl, username);
}
const userId = async (username: string) =>
  (await sys.dataSource.getRepository(UserEntity).findOneByOrFail({ username })).id;

/** Notifications as the activities write them, one minute apart from `base`; returns their ids. */
async function notifications(rows: { orgId: string; role: string | null; message: string }[], base = Date.now()) {
  const ids: string[] = [];
  for (const [i, r] of rows.entries()) {
    const inserted = await sys.dataSource.getRepository(NotificationEntity).insert({
      notificationKey: `spec:${randomUUID()}`,
      createdAt: new Date(base + i * 60_000),
      kind: 'task_assigned',
      recipientOrgId: r.orgId,
      recipientRole: r.role,
      recipientMemberId: null,
      taskId: null,
      message: r.message,
    });
    ids.push(String(inserted.identifiers[0].id));
  }
  return ids;
}

describe('GET /notifications: mine, unread first (issue 9 §7)', () => {
  it('should list the notifications of my roles newest first, put read ones last, and keep reads per user', async () => {
    const reader = await sessionWith('bithu.tdp1.a', TDP1, 'cell_secretary');
    const colleague = await sessionWith('bithu.tdp1.b', TDP1, 'cell_secretary');
    const [older, newer, whole] = await notifications([
      { orgId: TDP1, role: 'cell_secretary', message: 'Nhiệm vụ mới: giới thiệu người vào Đảng' },
      { orgId: TDP1, role: 'cell_secretary', message: 'Nhiệm vụ mới: biểu quyết của chi bộ' },
      { orgId: TDP1, role: null, message: 'Thông báo chung cho chi bộ' },
    ]);
    // Not mine: another role of the same cell, and the same role in another organisation.
    await notifications([
      { orgId: TDP1, role: 'supervisor', message: 'Không gửi cho bí thư' },
      { orgId: BD, role: 'cell_secretary', message: 'Không gửi cho chi bộ này' },
    ]);

    const all = await reader.get<Page<Notification> & { unread: number }>('/notifications');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 3, totalExact: true, unread: 3, pageSize: 50, next: null });
    expect(all.body.items.map((n) => n.id)).toEqual([whole, newer, older]);

    const read = await reader.post<Notification>(`/notifications/${whole}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: whole, read: true, readAt: expect.any(String) });
    const again = await reader.post<Notification>(`/notifications/${whole}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);

    const after = await reader.get<Page<Notification> & { unread: number }>('/notifications');
    expect(after.body.unread).toBe(2);
    expect(after.body.items.map((n) => [n.id, n.read])).toEqual([
      [newer, false],
      [older, false],
      [whole, true],
    ]);
    // Paged by cursor (issue 13 §3): the unread ones, one a page; the second page ends the list.
    const unreadFirst = await reader.get<Page<Notification>>('/notifications?unread=true&pageSize=1');
    expect(unreadFirst.body).toMatchObject({ total: 2, totalExact: true, pageSize: 1, next: expect.any(String) });
    expect(unreadFirst.body.items.map((n) => n.id)).toEqual([newer]);
    const unread = await reader.get<Page<Notification>>(
      `/notifications?unread=true&pageSize=1&cursor=${unreadFirst.body.next}`,
    );
    expect(unread.body).toMatchObject({ total: 2, pageSize: 1, next: null });
    expect(unread.body.items.map((n) => n.id)).toEqual([older]);
    // The whole list two a page: unread first, then read, none lost or repeated.
    const first = await reader.get<Page<Notification>>('/notifications?pageSize=2');
    const rest = await reader.get<Page<Notification>>(`/notifications?pageSize=2&cursor=${first.body.next}`);
    expect([...first.body.items, ...rest.body.items].map((n) => n.id)).toEqual([newer, older, whole]);
    expect(rest.body.next).toBeNull();

    // Another holder of the same role has read nothing.
    expect((await colleague.get<{ unread: number }>('/notifications')).body.unread).toBe(3);

    expect((await reader.post<{ marked: number }>('/notifications/read-all')).body).toEqual({ marked: 2 });
    expect((await reader.post<{ marked: number }>('/notifications/read-all')).body).toEqual({ marked: 0 });
    expect((await reader.get<{ unread: number; total: number }>('/notifications')).body).toMatchObject({
      unread: 0,
      total: 3,
    });
  });

  it("should answer 403 for someone else's notification, 404 for none, 400 naming the field, 401 without a token", async () => {
    const reader = await sessionWith('bithu.tdp1.a', TDP1, 'cell_secretary');
    const [foreign] = await notifications([{ orgId: BD, role: 'grassroots_committee_member', message: 'Của đảng ủy' }]);
    const forbidden = await reader.post<ApiErr>(`/notifications/${foreign}/read`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    expect((await reader.post<ApiErr>('/notifications/999999999999/read')).status).toBe(404);
    const bad = await reader.post<ApiErr>('/notifications/abc/read');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('id');
    const badQuery = await reader.get<ApiErr>('/notifications?unread=maybe');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.field).toBe('query.unread');
    for (const cursor of [
      'garbage',
      Buffer.from('["1"]').toString('base64url'),
      Buffer.from('[1,2,3]').toString('base64url'),
    ]) {
      const badCursor = await reader.get<ApiErr>(`/notifications?cursor=${cursor}`);
      expect(badCursor.status).toBe(400);
      expect(badCursor.body.error.field).toBe('query.cursor');
    }
    expect((await ApiSession.anonymous(sys.baseUrl).get('/notifications')).status).toBe(401);
    expect((await ApiSession.anonymous(sys.baseUrl).post('/notifications/read-all')).status).toBe(401);
  });
});

describe('GET /audit: filtered, paged, within the subtree (issue 9 §7)', () => {
  const policyReason = 'Ban Thường vụ kéo dài thời hạn giới thiệu người vào Đảng (Kết luận 05-KL/TU)';
  const delegationReason = 'Nghị quyết số 05-NQ/QU ủy quyền cho Đảng ủy phường Hoàng Liệt quyết định kết nạp';

  it('should show the reason of a deadline-policy change to every reader: it concerns no one organisation', async () => {
    const res = await (
      await driver.as('quantri')
    ).put('/deadline-policies/admission/introducers', {
      due: { amount: 20, unit: 'working_days' },
      remindBefore: { amount: 2, unit: 'working_days' },
      escalateEvery: { amount: 5, unit: 'working_days' },
      maxEscalationLevel: 2,
      reason: policyReason,
    });
    expect(res.status).toBe(202);
    for (const reader of ['giamsat.hoangliet', 'quantri']) {
      const audit = await (await driver.as(reader)).get<Page<Entry>>('/audit?action=policy.changed');
      expect(audit.status).toBe(200);
      expect(audit.body.total).toBe(1);
      expect(audit.body.items).toMatchObject([{ action: 'policy.changed', comment: policyReason, orgId: null }]);
    }
  });

  it('should show the reason of a delegation to the supervisors of the grantee and above, not to another subtree', async () => {
    const granted = await (
      await driver.as('thuongvu.hoangmai')
    ).post<{ id: string }>('/delegations', {
      grantorOrgId: HM,
      granteeOrgId: HL,
      power: 'admission',
      validFrom: new Date(Date.now() - DAY).toISOString(),
      validUntil: new Date(Date.now() + 365 * DAY).toISOString(),
      reason: delegationReason,
    });
    expect(granted.status).toBe(201);
    const expected = [{ action: 'delegation.granted', comment: delegationReason, orgId: HL }];
    for (const reader of ['giamsat.hoangliet', 'giamsat.hoangmai', 'giamsat.hanoi']) {
      const audit = await (await driver.as(reader)).get<Page<Entry>>('/audit?action=delegation.*');
      expect(audit.body.items).toMatchObject(expected);
    }
    const other = await sessionWith('giamsat.bode', BD, 'supervisor');
    expect((await other.get<Page<Entry>>('/audit?action=delegation.*')).body).toMatchObject({ total: 0, items: [] });
    const byOrg = await (
      await driver.as('giamsat.hoangmai')
    ).get<Page<Entry>>(`/audit?orgId=${HL}&action=delegation.granted`);
    expect(byOrg.body.items).toMatchObject(expected);
  });

  it("should filter a case's entries, page them newest first, and hide them from another subtree", async () => {
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Lê Thị Nhật Ký' });
    await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    const supervisor = await driver.as('giamsat.hoangliet');
    // The case may still be opening its first tasks: read the API and the table until they agree.
    const { all, rows } = await eventually(
      async () => {
        const api = await supervisor.get<Page<Entry>>(`/audit?caseId=${caseId}&pageSize=200`);
        const db = await sys.dataSource
          .getRepository(AuditLogEntity)
          .find({ where: { caseId }, order: { at: 'DESC', id: 'DESC' } });
        const same = api.body.total === db.length && api.body.items.every((e, i) => e.id === db[i].id);
        return same && { all: api, rows: db };
      },
      'the audit API and the table agreeing on the case',
      20_000,
    );
    expect(all.body.items.map((e) => e.action)).toContain('case.started');
    expect(new Set(all.body.items.map((e) => e.orgId))).toEqual(new Set([TDP5]));
    // Newest first, one a page, by cursor (issue 13 §3): page after page gives the table's order exactly.
    const walked: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: Page<Entry> = (
        await supervisor.get<Page<Entry>>(`/audit?caseId=${caseId}&pageSize=1&cursor=${cursor}`)
      ).body;
      expect(page).toMatchObject({ pageSize: 1, total: rows.length, totalExact: true });
      walked.push(...page.items.map((e) => e.id));
      cursor = page.next;
    }
    expect(walked).toEqual(rows.map((r) => r.id));
    const badCursor = await supervisor.get<ApiErr>(
      `/audit?caseId=${caseId}&cursor=${Buffer.from('["x","1"]').toString('base64url')}`,
    );
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.field).toBe('query.cursor');
    const other = await sessionWith('giamsat.bode', BD, 'supervisor');
    expect((await other.get<Page<Entry>>(`/audit?caseId=${caseId}`)).body.total).toBe(0);
  });

  it('should filter by actor and by local-date period (Vietnam), inclusive of both days', async () => {
    const standing = await driver.as('thuongvu.hoangmai');
    const granted = await standing.post<{ id: string }>('/delegations', {
      grantorOrgId: HM,
      granteeOrgId: demoOrgId('HN-HM-DC'),
      power: 'expulsion',
      validFrom: new Date(Date.now() + 30 * DAY).toISOString(),
      validUntil: new Date(Date.now() + 400 * DAY).toISOString(),
      reason: 'Nghị quyết ủy quyền quyết định khai trừ cho Đảng ủy phường Định Công',
    });
    expect(granted.status).toBe(201);
    const admin = await driver.as('quantri');
    const actor = await userId('thuongvu.hoangmai');
    const expected = await sys.dataSource
      .getRepository(AuditLogEntity)
      .find({ where: { actorUserId: actor }, order: { at: 'DESC', id: 'DESC' } });
    expect(expected.map((r) => r.details)).toContainEqual(expect.objectContaining({ grantId: granted.body.id }));
    const byActor = await admin.get<Page<Entry>>(`/audit?actorUserId=${actor}&pageSize=200`);
    expect(byActor.body.items.map((e) => e.id)).toEqual(expected.map((r) => r.id));

    // The entry was written today, Vietnamese time; a period is a pair of local dates, both included.
    const today = todayLocal(Date.now());
    const count = async (period: string) =>
      (await admin.get<Page<Entry>>(`/audit?actorUserId=${actor}&action=delegation.granted&${period}`)).body.total;
    const grants = expected.filter((r) => r.action === 'delegation.granted').length;
    expect(await count(`from=${today}&to=${today}`)).toBe(grants);
    expect(await count(`to=${addDays(today, -1)}`)).toBe(0);
    expect(await count(`from=${addDays(today, 1)}`)).toBe(0);
  });

  it('should place an entry under its organisation when written, as it would be read, and resolve when read the entries it could not place (issue 13 §2)', async () => {
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Trịnh Văn Nơi' });
    await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    // The case's entries were written after its row: each is placed at the case's cell (none left NULL).
    const places = (await sys.dataSource.query(`SELECT DISTINCT scope_org_id FROM audit_log WHERE case_id = $1`, [
      caseId,
    ])) as { scope_org_id: string }[];
    expect(places).toEqual([{ scope_org_id: TDP5 }]);
    // Every placed entry of this run (policy, delegations, cases) reads under the path issue 9 §7's rule resolves it
    // to when read: the organisation named, else the case's, else the task's, else one named in the details.
    const disagreeing = (await sys.dataSource.query(`
      SELECT a.id, a.action, so.path AS placed
        FROM audit_log a
        JOIN organisation so ON so.id = a.scope_org_id
        LEFT JOIN organisation ao ON ao.id = a.org_id
        LEFT JOIN organisation dor ON dor.id::text = coalesce(a.details->>'orgId', a.details->>'organisationId')
        LEFT JOIN admission_case ac ON ac.id = a.case_id
        LEFT JOIN screening_case sc ON sc.id = a.case_id
        LEFT JOIN cell_inspection ci ON ci.id = a.case_id
        LEFT JOIN inspection_round ir ON ir.id = a.case_id
        LEFT JOIN inspection_programme ip ON ip.id = ir.programme_id
        LEFT JOIN organisation ipo ON ipo.id = ip.inspecting_org_id
        LEFT JOIN party_transfer pt ON pt.id = a.case_id
        LEFT JOIN organisation pto ON pto.id = pt.from_org_id
        LEFT JOIN human_task ht ON ht.id = a.task_id
       WHERE so.path IS DISTINCT FROM
             coalesce(ao.path, ac.org_path, sc.org_path, ci.org_path, ipo.path, pto.path, ht.org_path, dor.path)`)) as {
      id: string;
    }[];
    expect(disagreeing).toEqual([]);

    // An entry of a task alone is left unplaced: its place is the task's, which follows a reassignment of the task.
    const tdp5 = await sys.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: TDP5 });
    const tdp1 = await sys.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: TDP1 });
    const task = taskRow({
      process: 'admission',
      step: 'introducers',
      assigneeOrgId: tdp5.id,
      orgPath: tdp5.path,
      status: 'open',
      dueAt: new Date(Date.now() + 5 * DAY),
    });
    await sys.dataSource.getRepository(HumanTaskEntity).insert(task);
    const action = `spec.task_only_${randomUUID().slice(0, 8).replace(/[0-9]/g, 'x')}`;
    await sys.dataSource.query(
      `INSERT INTO audit_log (event_key, at, action, actor_name, task_id) VALUES ($1, now(), $2, 'Hệ thống', $3)`,
      [`spec:${randomUUID()}`, action, task.id],
    );
    const [entry] = (await sys.dataSource.query(`SELECT scope_org_id FROM audit_log WHERE action = $1`, [action])) as {
      scope_org_id: string | null;
    }[];
    expect(entry.scope_org_id).toBeNull();
    const hoangliet = await driver.as('giamsat.hoangliet');
    const bode = await sessionWith('giamsat.bode', BD, 'supervisor');
    const seen = async (reader: ApiSession) => (await reader.get<Page<Entry>>(`/audit?action=${action}`)).body;
    expect(await seen(hoangliet)).toMatchObject({ total: 1, items: [{ action, orgId: TDP5 }] });
    expect((await seen(bode)).total).toBe(0);
    await sys.dataSource.getRepository(HumanTaskEntity).update(
      { id: task.id },
      {
        assigneeOrgId: tdp1.id,
        orgPath: tdp1.path,
      },
    );
    expect((await seen(hoangliet)).total).toBe(0);
    expect(await seen(bode)).toMatchObject({ total: 1, items: [{ action, orgId: TDP1 }] });
  });

  it("should show an account's and a member's entries within their organisation only, and an entry of no place that is not national only at a root", async () => {
    // Issue 9 §7: a reader sees the entries of the subtrees they supervise or administer. A password set and a
    // member registered in cell TDP5 are seen by the supervisors of Hoàng Liệt (above TDP5) and of Hà Nội, not by
    // those of Bồ Đề (another district); before, both named no organisation and every reader of the log saw them.
    const admin = await driver.as('quantri');
    const tag = randomUUID().slice(0, 8);
    const username = `taikhoan.${tag}`;
    const accountId = await insertTestUser(sys.dataSource, {
      username,
      fullName: 'Đỗ Thị Tài Khoản',
      organisationId: TDP5,
    });
    const passwordReason = `Đặt lại mật khẩu theo đề nghị bằng văn bản của đồng chí ${tag}`;
    const reset = await admin.put(`/users/${accountId}/password`, {
      password: 'MatKhauMoi2027',
      reason: passwordReason,
    });
    expect(reset.status).toBe(200);
    const memberReason = `Chi bộ họp lập danh sách quần chúng ưu tú (${tag})`;
    const registered = await admin.post<{ id: string }>('/members', {
      fullName: 'Phạm Thị Nhật Ký',
      birthDate: '2000-05-20',
      gender: 'female',
      nationalId: `0791${String(Date.now() % 1e8).padStart(8, '0')}`,
      workplaceCellId: TDP5,
      educationLevel: 'university',
      reason: memberReason,
    });
    expect(registered.status).toBe(201);
    const seen = async (reader: ApiSession, action: string, comment: string) =>
      (await reader.get<Page<Entry>>(`/audit?action=${action}&pageSize=100`)).body.items
        .filter((e) => e.comment === comment)
        .map((e) => [e.action, e.orgId]);
    const hoangliet = await driver.as('giamsat.hoangliet');
    const hanoi = await driver.as('giamsat.hanoi');
    const bode = await sessionWith('giamsat.bode', BD, 'supervisor');
    for (const reader of [hoangliet, hanoi]) {
      expect(await seen(reader, 'user.password_set', passwordReason)).toEqual([['user.password_set', TDP5]]);
      expect(await seen(reader, 'member.registered', memberReason)).toEqual([['member.registered', TDP5]]);
    }
    expect(await seen(bode, 'user.password_set', passwordReason)).toEqual([]);
    expect(await seen(bode, 'member.registered', memberReason)).toEqual([]);

    // An entry that names no organisation, case or task and is not national (SYSTEM_WIDE_AUDIT_ACTIONS), as a
    // lockout of a username no account has is (this system's lockout threshold is set out of reach): only readers at
    // a root organisation (Hà Nội) see it. A deadline-policy change is national and seen by all (the first test).
    const action = `spec.no_place_${tag.replace(/[0-9]/g, 'x')}`;
    await sys.dataSource.query(
      `INSERT INTO audit_log (event_key, at, action, actor_name, comment) VALUES ($1, now(), $2, 'Hệ thống', $3)`,
      [`spec:${randomUUID()}`, action, `Tạm khóa tên đăng nhập 'khongcoai.${tag}'`],
    );
    const unplaced = async (reader: ApiSession) => (await reader.get<Page<Entry>>(`/audit?action=${action}`)).body;
    expect(await unplaced(hanoi)).toMatchObject({ total: 1, items: [{ action, orgId: null }] });
    expect(await unplaced(hoangliet)).toMatchObject({ total: 0, items: [] });
    expect(await unplaced(bode)).toMatchObject({ total: 0, items: [] });
  });

  it('should refuse other roles (403), a subtree not supervised (403), unknown organisations (404), bad filters (400) and no token (401)', async () => {
    expect((await (await driver.as('bithu.tdp5')).get<ApiErr>('/audit')).status).toBe(403);
    const supervisor = await driver.as('giamsat.hoangliet');
    expect((await supervisor.get<ApiErr>(`/audit?orgId=${HM}`)).status).toBe(403);
    const missing = await supervisor.get<ApiErr>(`/audit?orgId=${randomUUID()}`);
    expect(missing.status).toBe(404);
    for (const [query, field] of [
      ['from=2026-02-30', 'query.from'],
      ['from=2026-03-02&to=2026-03-01', 'query.to'],
      ['caseId=123', 'query.caseId'],
      ['action=DROP TABLE', 'query.action'],
      ['pageSize=0', 'query.pageSize'],
      ['cursor=not-a-cursor', 'query.cursor'],
      ['page=2', 'query'],
      ['sort=at', 'query'],
    ]) {
      const res = await supervisor.get<ApiErr>(`/audit?${query}`);
      expect([query, res.status, res.body.error.field]).toEqual([query, 400, field]);
    }
    expect((await ApiSession.anonymous(sys.baseUrl).get('/audit')).status).toBe(401);
  });
});

type Verification = LedgerVerification;

/** SQL as a tamperer with the database's superuser runs it: no trigger fires (append-only, the seal). */
async function tamper(sql: string, params: unknown[]): Promise<void> {
  const q = sys.dataSource.createQueryRunner();
  try {
    await q.query('SET session_replication_role = replica');
    await q.query(sql, params);
  } finally {
    await q.query('RESET session_replication_role');
    await q.release();
  }
}

/** `npm run audit:verify -- <args>` as an operator runs it, against this system's database. */
function auditVerifyCli(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const root = path.resolve(__dirname, '../..');
  const child = spawn(
    process.execPath,
    ['-r', './infra/scripts/register.js', 'infra/deploy/audit-verify.ts', ...args],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: sys.config.databaseUrl ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout })));
}

describe('GET /audit/verify, npm run audit:verify and the daily digest (issue 14 §5: a tamper-evident ledger)', () => {
  it("should verify a case's chain and the whole log, and name a row altered in PostgreSQL until it is put back", async () => {
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Trần Thị Sổ Cái' });
    await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    const supervisor = await driver.as('giamsat.hoangliet');
    const rows = await sys.dataSource.getRepository(AuditLogEntity).find({ where: { caseId }, order: { id: 'ASC' } });
    const seals = await sys.dataSource
      .getRepository(AuditSealEntity)
      .find({ where: { caseId }, order: { caseSeq: 'ASC' } });
    // Sealed at their commits: one seal a row, the case's places 1, 2, … in the order they were written.
    expect(seals.map((s) => s.caseSeq)).toEqual(rows.map((_, i) => i + 1));
    expect(new Set(seals.map((s) => s.auditId))).toEqual(new Set(rows.map((r) => r.id)));

    const ofCase = await supervisor.get<Verification>(`/audit/verify?caseId=${caseId}`);
    expect(ofCase.status).toBe(200);
    expect(ofCase.body).toEqual({
      scope: 'case',
      caseId,
      ok: true,
      checked: rows.length,
      head: { seq: String(rows.length), hash: seals.at(-1)!.caseHash!.toString('hex') },
      digests: 0,
      firstMismatch: null,
    });
    const admin = await driver.as('quantri');
    const whole = await admin.get<Verification>('/audit/verify');
    expect(whole.body).toMatchObject({ scope: 'log', caseId: null, ok: true, firstMismatch: null });
    expect(whole.body.head.seq).toBe(String(whole.body.checked));
    expect(whole.body.checked).toBeGreaterThanOrEqual(rows.length);

    const started = rows.find((r) => r.action === 'case.started')!;
    await tamper(`UPDATE audit_log SET actor_name = 'Người khác' WHERE id = $1`, [started.id]);
    try {
      const altered = await supervisor.get<Verification>(`/audit/verify?caseId=${caseId}`);
      expect(altered.body).toMatchObject({ ok: false, checked: rows.indexOf(started) });
      expect(altered.body.firstMismatch).toMatchObject({ reason: 'altered', auditId: started.id });
      const log = await admin.get<Verification>('/audit/verify');
      expect(log.body.firstMismatch).toMatchObject({ reason: 'altered', auditId: started.id });
      const cli = await auditVerifyCli(['--case', caseId]);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(
        `MISMATCH (altered) after ${rows.indexOf(started)} matching rows; first row: audit id ${started.id}`,
      );
    } finally {
      await tamper(`UPDATE audit_log SET actor_name = $2 WHERE id = $1`, [started.id, started.actorName]);
    }
    expect((await supervisor.get<Verification>(`/audit/verify?caseId=${caseId}`)).body.ok).toBe(true);
    const cli = await auditVerifyCli(['--case', caseId, '--json']);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ scope: 'case', caseId, ok: true, checked: rows.length });
  });

  it('should make the digest Schedule at start, at AUDIT_DIGEST_TIME local time, and record the head when it runs', async () => {
    const schedule = await eventually(
      () =>
        sys.env.client.schedule
          .getHandle(AUDIT_DIGEST_SCHEDULE_ID)
          .describe()
          .catch(() => undefined),
      'the audit digest Schedule',
      30_000,
      200,
    );
    expect(schedule.spec.timezone).toBe(sys.config.timeZone);
    expect(schedule.spec.calendars?.[0]).toMatchObject({
      hour: [{ start: 23, end: 23, step: 1 }],
      minute: [{ start: 50, end: 50, step: 1 }],
    });
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'auditDigestWorkflow' });

    await sys.env.client.schedule.getHandle(AUDIT_DIGEST_SCHEDULE_ID).trigger();
    const run = await eventually(
      async () => (await sys.env.client.schedule.getHandle(AUDIT_DIGEST_SCHEDULE_ID).describe()).info.recentActions[0],
      'the triggered digest run',
      20_000,
      100,
    );
    const result: AuditDigestResult = await sys.env.client.workflow.getHandle(run.action.workflow.workflowId).result();
    // The day is the Vietnamese date of the run; the head kept in Temporal's history is the row's.
    expect(result.day).toBe(localDateOf(run.takenAt.toISOString()));
    const row = await sys.dataSource.getRepository(AuditDigestEntity).findOneByOrFail({ day: result.day });
    expect([row.seq, row.hash.toString('hex')]).toEqual([result.seq, result.hash]);
    const seal = await sys.dataSource.getRepository(AuditSealEntity).findOneByOrFail({ seq: result.seq });
    expect(seal.hash.toString('hex')).toBe(result.hash);
    const whole = await (await driver.as('quantri')).get<Verification>('/audit/verify');
    expect(whole.body).toMatchObject({ ok: true, digests: 1 });
  });

  it('should refuse the whole log to all but a root administrator (403), a case outside the subtree (403), unknown cases (404) and bad queries (400)', async () => {
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Phạm Văn Kiểm Tra' });
    await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    const supervisor = await driver.as('giamsat.hoangliet');
    expect((await supervisor.get<ApiErr>('/audit/verify')).status).toBe(403);
    expect((await (await driver.as('bithu.tdp5')).get<ApiErr>(`/audit/verify?caseId=${caseId}`)).status).toBe(403);
    const other = await sessionWith('giamsat.bode', BD, 'supervisor');
    const outside = await other.get<ApiErr>(`/audit/verify?caseId=${caseId}`);
    expect([outside.status, outside.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const unknown = await supervisor.get<ApiErr>(`/audit/verify?caseId=${randomUUID()}`);
    expect([unknown.status, unknown.body.error.field]).toEqual([404, 'query.caseId']);
    for (const [query, field] of [
      ['caseId=123', 'query.caseId'],
      ['caseId=x&caseId=y', 'query.caseId'],
      ['from=2026-01-01', 'query'],
    ]) {
      const res = await supervisor.get<ApiErr>(`/audit/verify?${query}`);
      expect([query, res.status, res.body.error.field]).toEqual([query, 400, field]);
    }
    expect((await ApiSession.anonymous(sys.baseUrl).get('/audit/verify')).status).toBe(401);
  });
});
