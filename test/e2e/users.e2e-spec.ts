import { randomUUID } from 'node:crypto';
import { addDays, toLocalDate } from '@partyflow/domain';
import { AuditLogEntity, demoOrgId, HumanTaskEntity, RoleAssignmentEntity } from '@partyflow/persistence';
import { ApiSession, startSystem, type RunningSystem } from '@partyflow/testing';

/**
 * Users and roles over HTTP (issue 9 §3): creating a user for staff and for a member, setting the
 * password, granting and revoking roles with validity dates and reasons (audited), who may do it
 * (administrators within their subtree only), role changes on the next request, and disabling a
 * user (tokens refused at once, open named tasks listed for reassignment).
 */
let sys: RunningSystem;
const HL = demoOrgId('HN-HM-HL');
const HM = demoOrgId('HN-HM');
const TDP5 = demoOrgId('HN-HM-HL-TDP5');
const LB = demoOrgId('HN-LB');
const today = toLocalDate(Date.now());

type ApiErr = { error: { code: string; message: string; field?: string } };
type Assignment = {
  id: string;
  orgId: string;
  role: string;
  validFrom: string | null;
  validUntil: string | null;
  inForce: boolean;
  grantReason: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
};
type UserView = {
  id: string;
  username: string;
  fullName: string;
  memberId: string | null;
  orgId: string | null;
  disabled: boolean;
  disabledReason: string | null;
  roles: Assignment[];
};
type Me = { userId: string; roles: { orgId: string; role: string }[] };

let seq = 0;
const uname = (prefix: string) => `${prefix}.${Date.now() % 1e6}.${++seq}`;
const PASSWORD = 'matkhau2026';
let admin: ApiSession;

beforeAll(async () => {
  sys = await startSystem();
  admin = await ApiSession.login(sys.baseUrl, 'quantri');
});
afterAll(async () => {
  await sys?.stop();
});

async function createStaff(as: ApiSession, orgId: string, over: Record<string, unknown> = {}): Promise<UserView> {
  const res = await as.post<UserView>('/users', {
    username: uname('canbo'),
    fullName: 'Đặng Thị Thu Hương',
    password: PASSWORD,
    organisationId: orgId,
    reason: 'Cán bộ văn phòng mới nhận công tác',
    ...over,
  });
  if (res.status !== 201) throw new Error(`POST /users: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function grant(as: ApiSession, userId: string, body: Record<string, unknown>) {
  return as.post<Assignment & ApiErr>(`/users/${userId}/roles`, { reason: 'Quyết định phân công số 12-QĐ', ...body });
}

/** A staff administrator of the Hoàng Liệt ward committee, made through the API by the city administrator. */
async function wardAdmin(): Promise<{ user: UserView; session: ApiSession }> {
  const user = await createStaff(admin, HL);
  expect((await grant(admin, user.id, { organisationId: HL, role: 'administrator' })).status).toBe(201);
  return { user, session: await ApiSession.login(sys.baseUrl, user.username, PASSWORD) };
}

/** An official member of the TDP5 cell that has no user yet, and was not handed out before in this file. */
const handedOut: string[] = [];
async function memberWithoutUser(): Promise<{ id: string; full_name: string }> {
  const rows: { id: string; full_name: string }[] = await sys.dataSource.query(
    `SELECT m.id, m.full_name FROM member m WHERE m.organisation_id = $1 AND m.status = 'official'
       AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.member_id = m.id) AND NOT (m.id = ANY($2::uuid[]))
     ORDER BY m.id LIMIT 1`,
    [TDP5, handedOut],
  );
  if (!rows[0]) throw new Error('no official member of TDP5 without a user is left for this spec');
  handedOut.push(rows[0].id);
  return rows[0];
}

const audit = (action: string, key: string, value: string) =>
  sys.dataSource
    .getRepository(AuditLogEntity)
    .createQueryBuilder('a')
    .where('a.action = :action', { action })
    .andWhere(`a.details ->> '${key}' = :value`, { value })
    .getMany();

describe('creating users and setting passwords [issue 9 §3]', () => {
  it('an administrator creates a staff user and a member user; the answer never holds a hash; both can sign in', async () => {
    const staff = await createStaff(admin, HL);
    expect(staff).toEqual({
      id: staff.id,
      username: staff.username,
      fullName: 'Đặng Thị Thu Hương',
      memberId: null,
      orgId: HL,
      orgName: 'Đảng bộ phường Hoàng Liệt',
      disabled: false,
      disabledAt: null,
      disabledReason: null,
      email: null,
      mailPreference: 'immediate',
      roles: [],
    });
    const member = await memberWithoutUser();
    const username = uname('dangvien');
    const res = await admin.post<UserView>('/users', {
      username,
      password: PASSWORD,
      memberId: member.id,
      reason: 'Đảng viên cần tài khoản để nhận nhiệm vụ',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username, fullName: member.full_name, memberId: member.id, orgId: TDP5 });
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|passwordHash|password/);
    expect((await ApiSession.login(sys.baseUrl, username, PASSWORD)).token).toBeTruthy();
    const [row] = await audit('user.created', 'userId', res.body.id);
    expect(row).toMatchObject({ actorName: expect.any(String), comment: 'Đảng viên cần tài khoản để nhận nhiệm vụ' });
    expect(JSON.stringify(row.details)).not.toMatch(/scrypt/);
  });

  it('a password reset takes the new password and refuses the old one, audited with its reason', async () => {
    const staff = await createStaff(admin, HL);
    const res = await admin.request<UserView>('PUT', `/users/${staff.id}/password`, {
      password: 'moi2026abc',
      reason: 'Người dùng quên mật khẩu, đề nghị ngày 01/12',
    });
    expect(res.status).toBe(200);
    expect((await ApiSession.login(sys.baseUrl, staff.username, 'moi2026abc')).token).toBeTruthy();
    await expect(ApiSession.login(sys.baseUrl, staff.username, PASSWORD)).rejects.toThrow(/401/);
    const rows = await audit('user.password_set', 'userId', staff.id);
    expect(rows.map((r) => r.comment)).toEqual(['Người dùng quên mật khẩu, đề nghị ngày 01/12']);
  });

  it("a password reset ends the user's sessions: their earlier token gets 401 SESSION_ENDED, a new sign-in works", async () => {
    const staff = await createStaff(admin, HL);
    const before = await ApiSession.login(sys.baseUrl, staff.username, PASSWORD);
    expect((await before.get('/auth/me')).status).toBe(200);
    // Tokens carry whole seconds: the reset comes in a later second than the earlier sign-in.
    await new Promise((r) => setTimeout(r, 1100));
    const reset = await admin.request('PUT', `/users/${staff.id}/password`, {
      password: 'moi2026xyz',
      reason: 'Nghi lộ mật khẩu, người dùng đề nghị đặt lại',
    });
    expect(reset.status).toBe(200);
    expect(await before.get('/auth/me')).toMatchObject({
      status: 401,
      body: {
        error: { code: 'SESSION_ENDED', message: 'Mật khẩu của bạn đã được đặt lại: vui lòng đăng nhập lại' },
      },
    });
    const after = await ApiSession.login(sys.baseUrl, staff.username, 'moi2026xyz');
    expect([(await after.get<UserView>('/auth/me')).status]).toEqual([200]);
    // The administrator's own session is untouched.
    expect((await admin.get('/auth/me')).status).toBe(200);
  });

  it('400 naming the field: bad username, weak password, missing organisation, both member and organisation', async () => {
    const base = { username: uname('x'), fullName: 'Lê Văn Tám', password: PASSWORD, organisationId: HL, reason: 'r' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ username: 'nguyễn.văn' }, 'username', 'VALIDATION_FAILED'],
      [{ username: 'ab' }, 'username', 'VALIDATION_FAILED'],
      [{ password: 'abc123' }, 'password', 'VALIDATION_FAILED'],
      [{ password: 'chichuoi' }, 'password', 'VALIDATION_FAILED'],
      [{ organisationId: undefined }, 'organisationId', 'VALIDATION_FAILED'],
      [{ memberId: randomUUID() }, 'organisationId', 'VALIDATION_FAILED'],
      [{ reason: '' }, 'reason', 'VALIDATION_FAILED'],
      [{ organisationId: 'hl' }, 'organisationId', 'VALIDATION_FAILED'],
    ];
    for (const [over, field, code] of cases) {
      const res = await admin.post<ApiErr>('/users', { ...base, ...over });
      expect([res.status, res.body.error.field, res.body.error.code]).toEqual([400, field, code]);
    }
    const weak = await admin.post<ApiErr>('/users', { ...base, password: 'abc123' });
    expect(weak.body.error.message).toBe('password: tối thiểu 8 ký tự');
  });

  it('409 when the username is taken or the member already has a user', async () => {
    const staff = await createStaff(admin, HL);
    const taken = await admin.post<ApiErr>('/users', {
      username: staff.username.toUpperCase(),
      fullName: 'Lê Văn Tám',
      password: PASSWORD,
      organisationId: HL,
      reason: 'r',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toEqual({
      code: 'USERNAME_TAKEN',
      message: `username: tên đăng nhập '${staff.username}' đã có người dùng`,
      field: 'username',
    });
    const member = await memberWithoutUser();
    const first = await admin.post('/users', {
      username: uname('dv'),
      password: PASSWORD,
      memberId: member.id,
      reason: 'r',
    });
    expect(first.status).toBe(201);
    const second = await admin.post<ApiErr>('/users', {
      username: uname('dv'),
      password: PASSWORD,
      memberId: member.id,
      reason: 'r',
    });
    expect([second.status, second.body.error.code, second.body.error.field]).toEqual([
      409,
      'MEMBER_HAS_USER',
      'memberId',
    ]);
  });

  it('404 for an unknown user, member or organisation; 401 without a token', async () => {
    const missing = randomUUID();
    const get = await admin.get<ApiErr>(`/users/${missing}`);
    expect([get.status, get.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const noMember = await admin.post<ApiErr>('/users', {
      username: uname('a'),
      password: PASSWORD,
      memberId: missing,
      reason: 'r',
    });
    expect(noMember.status).toBe(404);
    const staff = await createStaff(admin, HL);
    const noOrg = await grant(admin, staff.id, { organisationId: missing, role: 'supervisor' });
    expect([noOrg.status, noOrg.body.error.field]).toEqual([404, 'organisationId']);
    const noAssignment = await admin.post<ApiErr>(`/users/${staff.id}/roles/${missing}/revoke`, { reason: 'r' });
    expect(noAssignment.status).toBe(404);
    const anon = ApiSession.anonymous(sys.baseUrl);
    expect((await anon.post('/users', {})).status).toBe(401);
    expect((await anon.get(`/users/${staff.id}`)).status).toBe(401);
  });
});

describe('listing users [issue 9 §3: administrators at or above]', () => {
  type Page = { items: UserView[]; pageSize: number; next: string | null; total: number; totalExact: boolean };
  async function list(as: ApiSession, query: string) {
    const res = await fetch(`${sys.baseUrl}/users?${query}`, { headers: { authorization: `Bearer ${as.token}` } });
    return { status: res.status, header: res.headers.get('x-total-count'), body: (await res.json()) as unknown };
  }

  it('lists the users of the administered subtree, searched without diacritics, with paging and the total', async () => {
    const ward = await wardAdmin();
    const tag = `k${Date.now() % 1e6}`;
    const a = await createStaff(ward.session, HL, { username: `${tag}.a`, fullName: 'Nguyễn Thị Ngọc Lan' });
    const b = await createStaff(ward.session, TDP5, { username: `${tag}.b`, fullName: 'Trần Văn Lân' });
    const c = await createStaff(admin, LB, { username: `${tag}.c`, fullName: 'Lê Thị Lan' });
    const wardView = await list(ward.session, `q=${tag}`);
    // Issue 13 §3: a cursor page; the count is in the answer, no X-Total-Count header any more.
    expect([wardView.status, wardView.header]).toEqual([200, null]);
    expect(wardView.body).toMatchObject({ pageSize: 50, next: null, total: 2, totalExact: true });
    expect((wardView.body as Page).items.map((u) => u.id)).toEqual([a.id, b.id]);
    const cityView = (await list(admin, `q=${tag}`)).body as Page;
    expect([cityView.total, cityView.items.map((u) => u.id)]).toEqual([3, [a.id, b.id, c.id]]);
    const byName = await list(ward.session, `q=ngoc%20lan&orgId=${HL}`);
    expect((byName.body as Page).items.map((u) => u.id)).toContain(a.id);
    expect((byName.body as Page).items.map((u) => u.id)).not.toContain(b.id);
    for (const [query, field] of [
      ['pageSize=0', 'query.pageSize'],
      ['pageSize=201', 'query.pageSize'],
      ['cursor=abc', 'query.cursor'],
      ['limit=1', 'query'],
    ]) {
      const bad = await list(admin, query);
      expect({ query, status: bad.status, field: (bad.body as ApiErr).error.field }).toEqual({
        query,
        status: 400,
        field,
      });
    }
    const secretary = await ApiSession.login(sys.baseUrl, 'bithu.tdp5');
    expect((await list(secretary, '')).status).toBe(403);
    expect((await fetch(`${sys.baseUrl}/users`)).status).toBe(401);
  });

  it('walks the users one a page by username with the cursor (issue 13 §3), each page with the total', async () => {
    const tag = `w${Date.now() % 1e6}`;
    // Created out of order: the list goes by username, not by creation.
    for (const [suffix, org] of [
      ['c', LB],
      ['a', HL],
      ['b.2', TDP5],
      ['b', HL],
    ] as const)
      await createStaff(admin, org, { username: `${tag}.${suffix}`, fullName: 'Phùng Thị Ánh' });
    const walked: string[] = [];
    const pages: Omit<Page, 'items' | 'next'>[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(admin, `q=${tag}&pageSize=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const { items, next, ...rest } = res.body as Page;
      walked.push(...items.map((u) => u.username));
      pages.push(rest);
      cursor = next;
    } while (cursor && walked.length < 10);
    expect(walked).toEqual([`${tag}.a`, `${tag}.b`, `${tag}.b.2`, `${tag}.c`]);
    expect(pages).toEqual([1, 2, 3, 4].map(() => ({ pageSize: 1, total: 4, totalExact: true })));
    // A cursor read from this list, given again, reads the same next page.
    const first = (await list(admin, `q=${tag}&pageSize=2`)).body as Page;
    const again = (await list(admin, `q=${tag}&pageSize=2&cursor=${first.next}`)).body as Page;
    expect(again.items.map((u) => u.username)).toEqual([`${tag}.b.2`, `${tag}.c`]);
    expect(again.next).toBeNull();
  });
});

describe('who may grant [issue 9 §3: administrators at or above; nobody grants above their own reach]', () => {
  it('a ward administrator grants in the ward, not above it nor in another district; others may not grant at all', async () => {
    const ward = await wardAdmin();
    const staff = await createStaff(ward.session, HL);
    const inWard = await grant(ward.session, staff.id, { organisationId: TDP5, role: 'cell_committee_member' });
    expect(inWard.status).toBe(201);
    const above = await grant(ward.session, staff.id, { organisationId: HM, role: 'administrator' });
    expect([above.status, above.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect(above.body.error.message).toBe(
      'Chỉ quản trị hệ thống tại Đảng bộ Quận Hoàng Mai hoặc cấp trên được tạo người dùng, phân quyền, thu hồi quyền ở đó',
    );
    expect((await grant(ward.session, staff.id, { organisationId: LB, role: 'supervisor' })).status).toBe(403);
    const elsewhere = await ward.session.post<ApiErr>('/users', {
      username: uname('lb'),
      fullName: 'Lê Văn Tám',
      password: PASSWORD,
      organisationId: LB,
      reason: 'r',
    });
    expect(elsewhere.status).toBe(403);
    const secretary = await ApiSession.login(sys.baseUrl, 'bithu.tdp5');
    expect((await grant(secretary, staff.id, { organisationId: TDP5, role: 'cell_secretary' })).status).toBe(403);
    const read = await secretary.get<ApiErr>(`/users/${staff.id}`);
    expect([read.status, read.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const department = await ApiSession.login(sys.baseUrl, 'bantochuc.hoangmai');
    expect((await grant(department, staff.id, { organisationId: TDP5, role: 'cell_secretary' })).status).toBe(403);
  });

  it('a ward administrator may not reset the password of, or disable, a user who reaches beyond the ward', async () => {
    const ward = await wardAdmin();
    const staff = await createStaff(admin, HL);
    expect((await grant(admin, staff.id, { organisationId: LB, role: 'supervisor' })).status).toBe(201);
    const reset = await ward.session.request<ApiErr>('PUT', `/users/${staff.id}/password`, {
      password: 'chiemquyen1',
      reason: 'r',
    });
    expect([reset.status, reset.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await ward.session.post(`/users/${staff.id}/disable`, { reason: 'r' })).status).toBe(403);
    const city = (await sys.dataSource.query(`SELECT id FROM app_user WHERE username = 'quantri'`))[0].id as string;
    expect(
      (await ward.session.request('PUT', `/users/${city}/password`, { password: 'x1234567', reason: 'r' })).status,
    ).toBe(403);
  });
});

describe('role assignments with validity dates, on the next request [issue 9 §3]', () => {
  it('a grant from today is in force at once, a later one is not; a revocation applies on the next request', async () => {
    const staff = await createStaff(admin, HL);
    const session = await ApiSession.login(sys.baseUrl, staff.username, PASSWORD);
    const later = await grant(admin, staff.id, {
      organisationId: HL,
      role: 'supervisor',
      validFrom: addDays(today, 1),
      validUntil: addDays(today, 30),
    });
    expect(later.status).toBe(201);
    expect(later.body).toMatchObject({ validFrom: addDays(today, 1), validUntil: addDays(today, 30), inForce: false });
    expect((await session.get<Me>('/auth/me')).body.roles).toEqual([]);
    const now = await grant(admin, staff.id, { organisationId: TDP5, role: 'cell_committee_member' });
    expect(now.body).toMatchObject({ validFrom: today, validUntil: null, inForce: true });
    expect((await session.get<Me>('/auth/me')).body.roles.map((r) => [r.orgId, r.role])).toEqual([
      [TDP5, 'cell_committee_member'],
    ]);
    const revoked = await admin.post<Assignment>(`/users/${staff.id}/roles/${now.body.id}/revoke`, {
      reason: 'Chuyển công tác sang đơn vị khác',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ inForce: false, revokeReason: 'Chuyển công tác sang đơn vị khác' });
    expect((await session.get<Me>('/auth/me')).body.roles).toEqual([]);
    const again = await admin.post<ApiErr>(`/users/${staff.id}/roles/${now.body.id}/revoke`, { reason: 'r' });
    expect([again.status, again.body.error.code]).toEqual([409, 'ROLE_ALREADY_REVOKED']);
    const [granted] = await audit('role.granted', 'assignmentId', now.body.id);
    const [revokedRow] = await audit('role.revoked', 'assignmentId', now.body.id);
    expect([granted.comment, revokedRow.comment]).toEqual([
      'Quyết định phân công số 12-QĐ',
      'Chuyển công tác sang đơn vị khác',
    ]);
    expect(revokedRow.actorName).toBe(granted.actorName);
  });

  it('a role whose validity has ended is not in force for the guard (the day after valid_until)', async () => {
    const staff = await createStaff(admin, HL);
    const session = await ApiSession.login(sys.baseUrl, staff.username, PASSWORD);
    const g = await grant(admin, staff.id, { organisationId: HL, role: 'supervisor', validUntil: today });
    expect((await session.get<Me>('/auth/me')).body.roles.map((r) => r.role)).toEqual(['supervisor']);
    // The term ends: as on the day after its last day.
    await sys.dataSource
      .getRepository(RoleAssignmentEntity)
      .update({ id: g.body.id }, { validFrom: addDays(today, -10), validUntil: addDays(today, -1) });
    expect((await session.get<Me>('/auth/me')).body.roles).toEqual([]);
  });

  it('400 on bad validity or role; 409 on an overlapping grant of the same role, a later period is allowed', async () => {
    const staff = await createStaff(admin, HL);
    const backwards = await grant(admin, staff.id, {
      organisationId: HL,
      role: 'supervisor',
      validFrom: addDays(today, 5),
      validUntil: addDays(today, 4),
    });
    expect([backwards.status, backwards.body.error.field]).toEqual([400, 'validUntil']);
    const past = await grant(admin, staff.id, {
      organisationId: HL,
      role: 'supervisor',
      validFrom: '2025-01-01',
      validUntil: '2025-06-30',
    });
    expect([past.status, past.body.error.field]).toEqual([400, 'validUntil']);
    const notADay = await grant(admin, staff.id, { organisationId: HL, role: 'supervisor', validFrom: '2026-02-30' });
    expect([notADay.status, notADay.body.error.field]).toEqual([400, 'validFrom']);
    const noRole = await grant(admin, staff.id, { organisationId: HL, role: 'king' });
    expect([noRole.status, noRole.body.error.field]).toEqual([400, 'role']);
    const first = await grant(admin, staff.id, {
      organisationId: HL,
      role: 'supervisor',
      validUntil: addDays(today, 30),
    });
    expect(first.status).toBe(201);
    const overlap = await grant(admin, staff.id, {
      organisationId: HL,
      role: 'supervisor',
      validFrom: addDays(today, 30),
    });
    expect([overlap.status, overlap.body.error.code, overlap.body.error.field]).toEqual([
      409,
      'ROLE_ALREADY_GRANTED',
      'role',
    ]);
    const next = await grant(admin, staff.id, {
      organisationId: HL,
      role: 'supervisor',
      validFrom: addDays(today, 31),
    });
    expect(next.status).toBe(201);
    const view = await admin.get<UserView>(`/users/${staff.id}`);
    expect(view.body.roles.map((r) => [r.role, r.validFrom, r.validUntil, r.inForce])).toEqual([
      ['supervisor', today, addDays(today, 30), true],
      ['supervisor', addDays(today, 31), null, false],
    ]);
  });
});

describe('disabling a user [issue 9 §3: tokens stop at once; open named tasks listed for reassignment]', () => {
  it('refuses the user’s token at once with a Vietnamese 401, lists their open named tasks, and can be undone', async () => {
    const member = await memberWithoutUser();
    const created = await admin.post<UserView>('/users', {
      username: uname('dv'),
      password: PASSWORD,
      memberId: member.id,
      reason: 'r',
    });
    const user = created.body;
    expect((await grant(admin, user.id, { organisationId: TDP5, role: 'cell_committee_member' })).status).toBe(201);
    const session = await ApiSession.login(sys.baseUrl, user.username, PASSWORD);
    expect((await session.get('/auth/me')).status).toBe(200);
    const caseId = randomUUID();
    const orgPath = `/${demoOrgId('HN')}/${HM}/${HL}/${TDP5}/`;
    const task = (status: string, title: string, dueAt: Date) => ({
      id: randomUUID(),
      workflowId: `admission-${caseId}`,
      process: 'admission',
      step: 'background_check',
      taskKey: `background_check:${title}`,
      caseId,
      title,
      assigneeOrgId: TDP5,
      assigneeRole: null,
      assigneeMemberId: member.id,
      orgPath,
      status,
      allowedOutcomes: ['done'],
      openedAt: new Date(),
      dueAt,
      policyVersion: 1,
    });
    const open = task('open', 'Thẩm tra lý lịch', new Date('2026-12-10T03:00:00Z'));
    const overdue = task('overdue', 'Lấy ý kiến nơi cư trú', new Date('2026-11-30T18:30:00Z'));
    const done = task('completed', 'Đã xong', new Date('2026-11-20T03:00:00Z'));
    await sys.dataSource.getRepository(HumanTaskEntity).insert([open, overdue, done] as Partial<HumanTaskEntity>[]);

    const res = await admin.post<{ user: UserView; openTasks: { id: string; status: string; dueOn: string }[] }>(
      `/users/${user.id}/disable`,
      { reason: 'Nghỉ hưu từ ngày 01/12' },
    );
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ disabled: true, disabledReason: 'Nghỉ hưu từ ngày 01/12' });
    // Due dates as local dates: 2026-11-30T18:30Z is 1 December in Hà Nội.
    expect(res.body.openTasks.map((t) => [t.id, t.status, t.dueOn])).toEqual([
      [overdue.id, 'overdue', '2026-12-01'],
      [open.id, 'open', '2026-12-10'],
    ]);
    const refused = await session.get<ApiErr>('/auth/me');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toEqual({
      code: 'USER_DISABLED',
      message:
        'Tài khoản này đã bị khóa; mọi phiên đăng nhập của tài khoản không còn hiệu lực. Liên hệ quản trị để được mở lại',
    });
    await expect(ApiSession.login(sys.baseUrl, user.username, PASSWORD)).rejects.toThrow(/401.*USER_DISABLED/);
    const twice = await admin.post<ApiErr>(`/users/${user.id}/disable`, { reason: 'r' });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'USER_ALREADY_DISABLED']);
    expect((await audit('user.disabled', 'userId', user.id)).map((r) => r.comment)).toEqual(['Nghỉ hưu từ ngày 01/12']);

    const enabled = await admin.post<UserView>(`/users/${user.id}/enable`, { reason: 'Quay lại công tác' });
    expect([enabled.status, enabled.body.disabled]).toEqual([200, false]);
    expect((await session.get('/auth/me')).status).toBe(200);
  });

  it('400 without a reason; 409 when disabling oneself; 404 for an unknown user', async () => {
    const ward = await wardAdmin();
    const staff = await createStaff(admin, HL);
    const noReason = await admin.post<ApiErr>(`/users/${staff.id}/disable`, {});
    expect([noReason.status, noReason.body.error.field]).toEqual([400, 'reason']);
    const self = await ward.session.post<ApiErr>(`/users/${ward.user.id}/disable`, { reason: 'r' });
    expect([self.status, self.body.error.code]).toEqual([409, 'CANNOT_DISABLE_SELF']);
    expect((await admin.post(`/users/${randomUUID()}/disable`, { reason: 'r' })).status).toBe(404);
    expect((await admin.post(`/users/not-a-uuid/disable`, { reason: 'r' })).status).toBe(400);
  });
});
