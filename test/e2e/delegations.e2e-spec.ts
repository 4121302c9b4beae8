import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { addDays, todayLocal } from '@partyflow/domain';
import {
  AuditLogEntity,
  demoOrgId,
  DelegationGrantEntity,
  hashPassword,
  HumanTaskEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@partyflow/persistence';
import {
  AdmissionDriver,
  allPages,
  ApiSession,
  eventually,
  insertTestUser,
  startSystem,
  type RunningSystem,
} from '@partyflow/testing';

/**
 * Delegation of authority over HTTP [seed:000][R5]: the Hoàng Mai standing committee delegates
 * admission decisions to the Hoàng Liệt ward committee, a case reaches the decision with the
 * ward committee, the grant is revoked and the open decision moves back to Hoàng Mai.
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
const HM = demoOrgId('HN-HM');
const HL = demoOrgId('HN-HM-HL');
const TDP5 = demoOrgId('HN-HM-HL-TDP5');
const DAY = 86_400_000;

type ApiErr = { error: { code: string; message: string; field?: string } };
type Grant = {
  id: string;
  power: string;
  status: string;
  grantee: { id: string; code: string };
  grantor: { id: string };
  grantedBy: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  revokedAt: string | null;
};

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

const grantBody = (over: Record<string, unknown> = {}) => ({
  grantorOrgId: HM,
  granteeOrgId: HL,
  power: 'admission',
  validFrom: new Date(Date.now() - DAY).toISOString(),
  validUntil: new Date(Date.now() + 365 * DAY).toISOString(),
  reason: 'Nghị quyết số 05-NQ/QU ủy quyền cho Đảng ủy phường Hoàng Liệt quyết định kết nạp đảng viên',
  ...over,
});

/**
 * Each test owns its grant: any grant of the same grantee and power still standing from another
 * test is set aside first (revoked in the database), so the new one never overlaps.
 */
async function freshGrant(over: Record<string, unknown> = {}): Promise<Grant> {
  const body = grantBody(over);
  await sys.dataSource.getRepository(DelegationGrantEntity).update(
    {
      granteeOrgId: body.granteeOrgId as string,
      power: body.power as DelegationGrantEntity['power'],
      revokedAt: IsNull(),
    },
    {
      revokedAt: new Date(Date.now() - 2 * DAY),
      revokedBy: 'test setup',
      revokeReason: 'Dọn dữ liệu của phép thử khác',
    },
  );
  const res = await (await driver.as('thuongvu.hoangmai')).post<Grant>('/delegations', body);
  if (res.status !== 201) throw new Error(`POST /delegations: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const driveUntil = (caseId: string, stopAt: string) => driver.driveUntil(caseId, TDP5, stopAt, 120_000);

describe('delegations over HTTP [seed:000][R5]', () => {
  it('should grant admission to the ward committee, list it as active, and audit it when the Hoàng Mai standing committee delegates', async () => {
    const standing = await driver.as('thuongvu.hoangmai');
    const granted = await freshGrant();
    expect(granted).toMatchObject({
      power: 'admission',
      status: 'active',
      grantee: { id: HL, code: 'HN-HM-HL' },
      grantor: { id: HM },
      grantedBy: expect.any(String),
    });
    const list = await standing.get<Grant[]>(`/delegations?orgId=${HM}`);
    expect(list.status).toBe(200);
    // The one grant in force for the ward's admission power is this one.
    expect(
      list.body.filter((g) => g.grantee.id === HL && g.power === 'admission' && g.status === 'active').map((g) => g.id),
    ).toEqual([granted.id]);
    // The ward committee sees the grants it holds; only admission is delegated, never expulsion.
    const ward = await (await driver.as('danguy.hoangliet')).get<Grant[]>(`/delegations?orgId=${HL}`);
    expect([...new Set(ward.body.map((g) => g.power))]).toEqual(['admission']);
    expect(
      await sys.dataSource.getRepository(AuditLogEntity).findBy({ eventKey: `delegation:${granted.id}:granted` }),
    ).toMatchObject([{ action: 'delegation.granted', actorName: expect.any(String) }]);
  });

  it('should refuse an overlapping grant for the same power with 409', async () => {
    const first = await freshGrant();
    const res = await (await driver.as('thuongvu.hoangmai')).post<ApiErr>('/delegations', grantBody());
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DELEGATION_OVERLAPS');
    expect(
      (
        await sys.dataSource
          .getRepository(DelegationGrantEntity)
          .findBy({ granteeOrgId: HL, power: 'admission', revokedAt: IsNull() })
      ).map((g) => g.id),
    ).toEqual([first.id]);
  });

  it('should list an expired grant as expired and a grant not yet in force as future', async () => {
    const standing = await driver.as('thuongvu.hoangmai');
    const expired = await freshGrant({
      granteeOrgId: demoOrgId('HN-HM-THPT'),
      validFrom: new Date(Date.now() - 400 * DAY).toISOString(),
      validUntil: new Date(Date.now() - 35 * DAY).toISOString(),
    });
    const future = await freshGrant({
      granteeOrgId: demoOrgId('HN-HM-DC'),
      power: 'expulsion',
      validFrom: new Date(Date.now() + 30 * DAY).toISOString(),
      validUntil: new Date(Date.now() + 400 * DAY).toISOString(),
    });
    const list = await standing.get<Grant[]>(`/delegations?orgId=${HM}`);
    expect(list.body.find((g) => g.id === expired.id)).toMatchObject({
      status: 'expired',
      power: 'admission',
      grantee: { code: 'HN-HM-THPT' },
    });
    expect(list.body.find((g) => g.id === future.id)).toMatchObject({
      status: 'future',
      power: 'expulsion',
      grantee: { code: 'HN-HM-DC' },
    });
    // Neither is in force: no active grant is held by either grantee.
    expect(
      list.body.filter((g) => g.status === 'active' && ['HN-HM-THPT', 'HN-HM-DC'].includes(g.grantee.code)),
    ).toEqual([]);
  });

  it('should open the decision with the delegated ward committee, then move it to the Hoàng Mai standing committee when the grant is revoked, so that only the new assignee can complete it', async () => {
    const { id: grantId } = await freshGrant();
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Đỗ Thị Ủy Quyền' });
    await driveUntil(caseId, 'decision');
    const before = await driver.waitForOpenTask(caseId, 'decision', 'giamsat.hoangmai');
    expect(before.task.assignee).toMatchObject({ orgId: HL, role: 'grassroots_committee_member' });

    const standing = await driver.as('thuongvu.hoangmai');
    const revoked = await standing.post<Grant & { movedTasks: number; movedTaskIds: string[] }>(
      `/delegations/${grantId}/revoke`,
      { reason: 'Đảng ủy phường chưa bảo đảm quy trình kết nạp' },
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      status: 'revoked',
      movedTasks: 1,
      movedTaskIds: [before.task.id],
      revokeReason: 'Đảng ủy phường chưa bảo đảm quy trình kết nạp',
      revokedBy: expect.any(String),
    });

    const after = await driver.waitForOpenTask(caseId, 'decision', 'giamsat.hoangmai');
    const view = await eventually(
      async () => {
        const v = await driver.caseView(caseId, 'giamsat.hoangmai');
        return v.steps.find((s) => s.taskKey === 'decision')?.assignee.orgId === HM && v;
      },
      'the decision moving to the Hoàng Mai standing committee',
      30_000,
      50,
    );
    expect(view.steps.find((s) => s.taskKey === 'decision')?.assignee).toMatchObject({
      orgId: HM,
      role: 'standing_committee_member',
    });
    expect(after.task.id).toBe(before.task.id);

    const today = todayLocal(Date.now());
    const decision = { outcome: 'admitted', data: { decisionNumber: '140-QĐ/QU', decidedOn: today } };
    const old = await (await driver.as('danguy.hoangliet')).post<ApiErr>(`/tasks/${before.task.id}/complete`, decision);
    expect(old.status).toBe(403);
    const done = await standing.post<{ outcome: string }>(`/tasks/${before.task.id}/complete`, decision);
    expect(done).toMatchObject({ status: 200, body: { outcome: 'admitted' } });

    const timeline = await standing.get<{ action: string; step: string | null; comment: string | null }[]>(
      `/admission-cases/${caseId}/timeline`,
    );
    expect(timeline.body.find((e) => e.action === 'task.reassigned')).toMatchObject({
      step: 'decision',
      comment: expect.stringContaining('Đảng ủy phường chưa bảo đảm quy trình kết nạp'),
    });
    const list = await standing.get<Grant[]>(`/delegations?orgId=${HM}`);
    expect(list.body.find((g) => g.id === grantId)).toMatchObject({
      status: 'revoked',
      revokeReason: 'Đảng ủy phường chưa bảo đảm quy trình kết nạp',
    });
    expect(
      await sys.dataSource.getRepository(AuditLogEntity).countBy({ eventKey: `delegation:${grantId}:revoked` }),
    ).toBe(1);
    expect(
      (await sys.dataSource.getRepository(DelegationGrantEntity).findOneByOrFail({ id: grantId })).revokedAt,
    ).not.toBeNull();
  });

  it('should answer 409 when a grant is revoked twice', async () => {
    const { id: grantId } = await freshGrant();
    const standing = await driver.as('thuongvu.hoangmai');
    expect((await standing.post(`/delegations/${grantId}/revoke`, { reason: 'Thu hồi lần đầu' })).status).toBe(200);
    const res = await standing.post<ApiErr>(`/delegations/${grantId}/revoke`, { reason: 'Thu hồi lần nữa' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DELEGATION_REVOKED');
  });

  it('should answer 403 when the user does not hold the standing committee role of the grantor', async () => {
    const { id: grantId } = await freshGrant();
    for (const username of [
      'bithu.tdp5',
      'danguy.hoangliet',
      'giamsat.hoangmai',
      'bantochuc.hoangmai',
      'bithu.longbien',
    ]) {
      const s = await driver.as(username);
      const granted = await s.post<ApiErr>('/delegations', grantBody({ power: 'expulsion' }));
      expect({ username, status: granted.status, code: granted.body.error.code }).toEqual({
        username,
        status: 403,
        code: 'FORBIDDEN',
      });
      expect((await s.post<ApiErr>(`/delegations/${grantId}/revoke`, { reason: 'Không có thẩm quyền' })).status).toBe(
        403,
      );
    }
    expect((await (await driver.as('bithu.longbien')).get(`/delegations?orgId=${HM}`)).status).toBe(403);
    expect(
      await sys.dataSource.getRepository(DelegationGrantEntity).countBy({ power: 'expulsion', granteeOrgId: HL }),
    ).toBe(0);
    expect(
      (await sys.dataSource.getRepository(DelegationGrantEntity).findOneByOrFail({ id: grantId })).revokedAt,
    ).toBeNull();
  });

  it('should answer 400 naming the field when the request is malformed, and write nothing', async () => {
    const { id: grantId } = await freshGrant();
    const grantsBefore = await sys.dataSource.getRepository(DelegationGrantEntity).count();
    const s = await driver.as('thuongvu.hoangmai');
    const from = new Date(Date.now() + 400 * DAY).toISOString();
    const cases: [Record<string, unknown>, string][] = [
      [grantBody({ validFrom: from, validUntil: new Date(Date.now() + 10 * DAY).toISOString() }), 'validUntil'],
      [grantBody({ validUntil: 'ngày mai' }), 'validUntil'],
      [grantBody({ power: 'discipline' }), 'power'],
      [grantBody({ reason: '' }), 'reason'],
      [grantBody({ granteeOrgId: 'x' }), 'granteeOrgId'],
      [grantBody({ granteeOrgId: TDP5, grantorOrgId: HM }), 'granteeOrgId'],
      [grantBody({ extra: true }), 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await s.post<ApiErr>('/delegations', body);
      expect({ field, status: res.status, got: res.body.error.field }).toEqual({ field, status: 400, got: field });
    }
    expect((await s.post<ApiErr>(`/delegations/${grantId}/revoke`, {})).body.error.field).toBe('reason');
    expect((await s.get<ApiErr>('/delegations')).body.error.field).toBe('orgId');
    expect(await sys.dataSource.getRepository(DelegationGrantEntity).count()).toBe(grantsBefore);
    expect(
      (await sys.dataSource.getRepository(DelegationGrantEntity).findOneByOrFail({ id: grantId })).revokedAt,
    ).toBeNull();
  });

  it('should answer 404 for an unknown grant or organisation', async () => {
    const s = await driver.as('thuongvu.hoangmai');
    const unknown = '11111111-1111-4111-8111-111111111111';
    const res = await s.post<ApiErr>(`/delegations/${unknown}/revoke`, { reason: 'Không tồn tại' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await s.post<ApiErr>('/delegations', grantBody({ granteeOrgId: unknown }))).status).toBe(404);
    expect((await s.get<ApiErr>(`/delegations?orgId=${unknown}`)).status).toBe(404);
    expect((await s.post<ApiErr>('/delegations/not-a-uuid/revoke', { reason: 'Không tồn tại' })).status).toBe(400);
  });
});

describe('proxy work with attestation (issue 14 §6)', () => {
  type ProxyGrant = { id: string; status: string; principal: { userId: string }; proxy: { userId: string } };
  type Table = { key: string; rows: Record<string, unknown>[] };
  const userIdOf = async (username: string) =>
    (await sys.dataSource.getRepository(UserEntity).findOneByOrFail({ username })).id;
  /** A ward officer of this spec's own: an account without any role of its own. */
  async function officer(username: string): Promise<{ id: string; session: ApiSession }> {
    const id = await insertTestUser(sys.dataSource, { username, fullName: `Cán bộ phường ${username}` });
    return { id, session: await ApiSession.login(sys.baseUrl, username) };
  }

  it('should let an officer complete the elderly cell secretary’s task under the ward committee’s grant, recording both people and the minutes, and count it in the tasks report', async () => {
    const ward = await driver.as('danguy.hoangliet');
    const secretary = await userIdOf('bithu.tdp5');
    const { id: officerId, session } = await officer('canbo.hoangliet');
    const granted = await ward.post<ProxyGrant>('/proxy-grants', {
      grassrootsOrgId: HL,
      principalUserId: secretary,
      proxyUserId: officerId,
      validFrom: new Date(Date.now() - DAY).toISOString(),
      reason: 'Nghị quyết 07-NQ/ĐU: đồng chí bí thư chi bộ cao tuổi, không sử dụng được máy tính',
    });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      status: 'active',
      principal: { userId: secretary },
      proxy: { userId: officerId },
    });
    expect((await session.get<ProxyGrant[]>('/proxy-grants/mine')).body.map((g) => g.id)).toEqual([granted.body.id]);

    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Hà Thị Làm Thay' });
    const { task } = await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    // The officer finds the secretary's task in the inbox, marked as the secretary's, and opens it.
    const secretaryName = sys.users.find((u) => u.username === 'bithu.tdp5')?.fullName;
    const proxyFor = { userId: secretary, name: secretaryName, grantId: granted.body.id };
    const inbox = await allPages<{ id: string; proxyFor: unknown }>(session, '/tasks/mine?process=admission');
    expect(inbox.find((t) => t.id === task.id)?.proxyFor).toEqual(proxyFor);
    const opened = await session.get<{ proxyFor: unknown; form: unknown }>(`/tasks/${task.id}`);
    expect([opened.status, opened.body.proxyFor]).toEqual([200, proxyFor]);
    expect((await (await driver.as('bithu.tdp5')).get<{ proxyFor: unknown }>(`/tasks/${task.id}`)).body.proxyFor).toBe(
      null,
    );
    // To fill the form (the introducers are members picked by name) the officer reads the cell's roll, without the
    // personal data.
    const roll = await session.get<{ items: { orgId: string; personalData: string }[] }>(`/members?orgId=${TDP5}`);
    expect(roll.body.items.length).toBeGreaterThan(0);
    expect(new Set(roll.body.items.map((m) => `${m.orgId} ${m.personalData}`))).toEqual(
      new Set([`${TDP5} restricted`]),
    );
    const { outcome, data } = await driver.approvingData(task, 'bithu.tdp5', TDP5);
    const today = todayLocal(Date.now());
    const attestation = { userId: secretary, minutesRef: '12/BB-CB', minutesDate: today };
    // Not after today; not by an officer without a grant; without onBehalfOf, an officer is no assignee.
    const future = await session.post<ApiErr>(`/tasks/${task.id}/complete`, {
      outcome,
      data,
      onBehalfOf: { ...attestation, minutesDate: addDays(today, 1) },
    });
    expect([future.status, future.body.error.field]).toEqual([400, 'onBehalfOf.minutesDate']);
    const stranger = await officer('canbo.khac');
    expect((await stranger.session.get(`/tasks/${task.id}`)).status).toBe(403);
    expect(await allPages(stranger.session, '/tasks/mine')).toEqual([]);
    const noGrant = await stranger.session.post<ApiErr>(`/tasks/${task.id}/complete`, {
      outcome,
      data,
      onBehalfOf: attestation,
    });
    expect([noGrant.status, noGrant.body.error.code, noGrant.body.error.field]).toEqual([
      403,
      'PROXY_GRANT_MISSING',
      'onBehalfOf.userId',
    ]);
    expect((await session.post<ApiErr>(`/tasks/${task.id}/complete`, { outcome, data })).status).toBe(403);

    const done = await session.post(`/tasks/${task.id}/complete`, { outcome, data, onBehalfOf: attestation });
    expect(done.status).toBe(200);
    const row = await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id });
    expect([row.completedByUserId, row.completedByName, row.actedForUserId, row.actedForName]).toEqual([
      officerId,
      'Cán bộ phường canbo.hoangliet',
      secretary,
      sys.users.find((u) => u.username === 'bithu.tdp5')?.fullName,
    ]);
    expect(row.proxyAttestation).toEqual({ grantId: granted.body.id, minutesRef: '12/BB-CB', minutesDate: today });
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ taskId: task.id, action: 'task.completed' });
    expect([audit.actorUserId, audit.actorName]).toEqual([officerId, 'Cán bộ phường canbo.hoangliet']);
    expect(audit.details).toMatchObject({
      onBehalfOf: { userId: secretary, grantId: granted.body.id, minutesRef: '12/BB-CB', minutesDate: today },
    });
    const view = await (
      await driver.as('bithu.tdp5')
    ).get<{ completedBy: string; actedFor: unknown }>(`/tasks/${task.id}`);
    expect(view.body).toMatchObject({
      completedBy: 'Cán bộ phường canbo.hoangliet',
      actedFor: { userId: secretary, minutesRef: '12/BB-CB', minutesDate: today },
    });

    const report = await (
      await driver.as('giamsat.hoangmai')
    ).get<{ tables: Table[] }>(`/reports/tasks?orgId=${HM}&from=${today}&to=${today}`);
    expect(report.body.tables.find((t) => t.key === 'proxied')?.rows).toEqual([
      { code: 'HN-HM-HL-TDP5', name: 'Chi bộ Tổ dân phố số 5', proxied: 1, principals: 1, proxies: 1 },
    ]);

    // Revoked, the grant no longer serves (the next task of the case is the cell's too).
    const revoked = await ward.post<ProxyGrant>(`/proxy-grants/${granted.body.id}/revoke`, {
      reason: 'Đồng chí đã tự sử dụng được',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    expect((await session.get<ProxyGrant[]>('/proxy-grants/mine')).body).toEqual([]);
    expect(await allPages(session, '/tasks/mine')).toEqual([]);
    expect((await session.get<{ items: unknown[] }>(`/members?orgId=${TDP5}`)).body.items).toEqual([]);
    const again = await ward.post<ApiErr>(`/proxy-grants/${granted.body.id}/revoke`, { reason: 'Lần hai' });
    expect([again.status, again.body.error.code]).toEqual([409, 'PROXY_GRANT_REVOKED']);
  });

  it('should refuse a grant by someone outside the committee (403), for a person without a role there (400), to oneself (400), overlapping (409), and list the grants to the ward and its supervisors', async () => {
    const ward = await driver.as('danguy.hoangliet');
    const secretary = await userIdOf('bithu.tdp5');
    const { id: officerId } = await officer('canbo.hoangliet2');
    const body = (over: Record<string, unknown> = {}) => ({
      grassrootsOrgId: HL,
      principalUserId: secretary,
      proxyUserId: officerId,
      validFrom: new Date().toISOString(),
      reason: 'Nghị quyết 08-NQ/ĐU',
      ...over,
    });
    expect((await (await driver.as('bithu.tdp5')).post<ApiErr>('/proxy-grants', body())).status).toBe(403);
    const noRole = await ward.post<ApiErr>('/proxy-grants', body({ principalUserId: await userIdOf('giamsat.hanoi') }));
    expect([noRole.status, noRole.body.error.field]).toEqual([400, 'principalUserId']);
    const self = await ward.post<ApiErr>('/proxy-grants', body({ proxyUserId: secretary }));
    expect([self.status, self.body.error.field]).toEqual([400, 'proxyUserId']);
    const cell = await ward.post<ApiErr>('/proxy-grants', body({ grassrootsOrgId: TDP5 }));
    expect([cell.status, cell.body.error.field]).toEqual([400, 'grassrootsOrgId']);
    const first = await ward.post<ProxyGrant>('/proxy-grants', body());
    expect(first.status).toBe(201);
    const overlap = await ward.post<ApiErr>('/proxy-grants', body());
    expect([overlap.status, overlap.body.error.code]).toEqual([409, 'PROXY_GRANT_OVERLAPS']);
    // The choices the page offers: the people holding a role in the ward's subtree, and the ward's accounts.
    type Candidates = { principals: { userId: string; roles: { role: string }[] }[]; proxies: { userId: string }[] };
    const choices = await ward.get<Candidates>(`/proxy-grants/candidates?orgId=${HL}`);
    expect(choices.status).toBe(200);
    expect(choices.body.principals.find((p) => p.userId === secretary)?.roles.map((r) => r.role)).toEqual([
      'cell_committee_member',
      'cell_secretary',
    ]);
    expect(choices.body.principals.map((p) => p.userId)).not.toContain(await userIdOf('giamsat.hanoi'));
    expect(choices.body.proxies.map((p) => p.userId)).toContain(await userIdOf('danguy.hoangliet'));
    expect((await (await driver.as('bithu.tdp5')).get(`/proxy-grants/candidates?orgId=${HL}`)).status).toBe(403);
    const notWard = await ward.get<ApiErr>(`/proxy-grants/candidates?orgId=${TDP5}`);
    expect([notWard.status, notWard.body.error.field]).toEqual([400, 'query.orgId']);
    const listed = await (await driver.as('giamsat.hoangmai')).get<ProxyGrant[]>(`/proxy-grants?orgId=${HM}`);
    expect(listed.body.map((g) => g.id)).toContain(first.body.id);
    expect((await (await driver.as('bithu.tdp5')).get<ApiErr>(`/proxy-grants?orgId=${HL}`)).status).toBe(403);
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ eventKey: `proxy:${first.body.id}:granted` });
    expect([audit.action, audit.orgId, audit.comment]).toEqual(['proxy.granted', HL, 'Nghị quyết 08-NQ/ĐU']);
  });
});

describe('bulk reassignment (issue 14 §2)', () => {
  type Reassignment = {
    id: string;
    status: string;
    counts: { matched: number; moved: number; unchanged: number; failed: number };
    moves: { taskId: string; to: { orgId: string; role?: string } }[];
    filter: { assignees?: { kind: string; orgId: string; role?: string }[] };
  };
  const LD = demoOrgId('HN-HM-HL-LD');
  const done = async (id: string) => {
    const admin = await driver.as('quantri');
    return eventually(
      async () => {
        const res = await admin.get<Reassignment>(`/task-reassignments/${id}`);
        return res.body.status === 'completed' && res.body;
      },
      `reassignment ${id} completing`,
      60_000,
    );
  };

  it("should move every open task of a step in a cell to another cell's role through each case, with the reason, and report what moved", async () => {
    const first = await driver.startFreshCase(sys.dataSource, { fullName: 'Đoàn Thị Chuyển Một' });
    const second = await driver.startFreshCase(sys.dataSource, { fullName: 'Đoàn Văn Chuyển Hai' });
    for (const c of [first, second]) await driver.waitForOpenTask(c.caseId, 'introducers', 'giamsat.hoangmai');
    const tasks = sys.dataSource.getRepository(HumanTaskEntity);
    const before = await tasks.find({
      where: [
        { process: 'admission', step: 'introducers', status: 'open', assigneeOrgId: TDP5 },
        { process: 'admission', step: 'introducers', status: 'overdue', assigneeOrgId: TDP5 },
      ],
      order: { id: 'ASC' },
    });
    const supervisor = await driver.as('giamsat.hoangmai');
    const reason = 'Chi bộ Tổ dân phố số 5 sáp nhập vào Chi bộ Linh Đàm';
    const res = await supervisor.post<Reassignment>('/task-reassignments', {
      orgId: TDP5,
      process: 'admission',
      step: 'introducers',
      to: { orgId: LD, role: 'cell_committee_member' },
      reason,
    });
    expect(res.status).toBe(202);
    const op = await done(res.body.id);
    expect(op.counts).toEqual({ matched: before.length, moved: before.length, unchanged: 0, failed: 0 });
    expect(op.moves.map((m) => m.taskId).sort()).toEqual(before.map((t) => t.id));
    for (const t of before)
      expect(await tasks.findOneByOrFail({ id: t.id })).toMatchObject({
        assigneeOrgId: LD,
        assigneeRole: 'cell_committee_member',
      });
    const audits = sys.dataSource.getRepository(AuditLogEntity);
    expect(await audits.countBy({ action: 'task.reassigned', comment: reason })).toBe(before.length);
    expect((await audits.findOneByOrFail({ eventKey: `task-reassignment:${op.id}:completed` })).details).toMatchObject({
      counts: op.counts,
    });
    // The cases know: the next completion is refused to the old cell and accepted from the new one.
    const { task } = await driver.waitForOpenTask(first.caseId, 'introducers', 'giamsat.hoangmai');
    expect(task.assignee).toMatchObject({ orgId: LD, role: 'cell_committee_member' });
  });

  it("should find a departed user's own tasks (the roles they alone held), refuse one with none (400), other people (403) and bad filters (400)", async () => {
    const admin = await driver.as('quantri');
    const users = sys.dataSource.getRepository(UserEntity);
    const alone = randomUUID();
    await users.insert({
      id: alone,
      username: 'bantochuc.thu',
      passwordHash: await hashPassword('matkhau123'),
      fullName: 'Cán bộ Ban Tổ chức đã nghỉ',
      memberId: null,
    });
    await sys.dataSource
      .getRepository(RoleAssignmentEntity)
      .insert({ id: randomUUID(), userId: alone, organisationId: TDP5, role: 'organisation_department' });
    const res = await admin.post<Reassignment>('/task-reassignments', {
      orgId: HM,
      assigneeUserId: alone,
      to: { orgId: HL, role: 'grassroots_committee_member' },
      reason: 'Đồng chí đã nghỉ hưu',
    });
    expect(res.status).toBe(202);
    expect(res.body.filter.assignees).toEqual([{ kind: 'role', orgId: TDP5, role: 'organisation_department' }]);
    expect((await done(res.body.id)).counts).toEqual({ matched: 0, moved: 0, unchanged: 0, failed: 0 });

    const none = randomUUID();
    await users.insert({
      id: none,
      username: 'khong.vai.tro',
      passwordHash: 'x',
      fullName: 'Không vai trò',
      memberId: null,
    });
    const empty = await admin.post<ApiErr>('/task-reassignments', {
      orgId: HM,
      assigneeUserId: none,
      to: { orgId: HL, role: 'grassroots_committee_member' },
      reason: 'Thử',
    });
    expect([empty.status, empty.body.error.field]).toEqual([400, 'assigneeUserId']);
    const body = { orgId: TDP5, to: { orgId: LD, role: 'cell_committee_member' }, reason: 'Thử' };
    expect((await (await driver.as('bithu.tdp5')).post<ApiErr>('/task-reassignments', body)).status).toBe(403);
    for (const [over, field] of [
      [{ to: { orgId: LD, role: 'cell_committee_member', memberId: randomUUID() } }, 'to.role'],
      [{ step: 'introducers' }, 'process'],
      [{ process: 'khong_co' }, 'process'],
      [{ orgId: randomUUID() }, 'orgId'],
    ] as const) {
      const bad = await admin.post<ApiErr>('/task-reassignments', { ...body, ...over });
      expect([bad.status, bad.body.error.field]).toEqual([over.orgId ? 404 : 400, field]);
    }
  });
});
