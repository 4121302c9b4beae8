import { randomUUID } from 'node:crypto';
import { addDays, addWorkingDays, localDateOf, todayLocal } from '@partyflow/domain';
import {
  AuditLogEntity,
  DeadlinePolicyEntity,
  demoOrgId,
  hashPassword,
  HumanTaskEntity,
  loadHolidayCalendar,
  MemberEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@partyflow/persistence';
import { AdmissionDriver, ApiSession, eventually, startSystem, type RunningSystem } from '@partyflow/testing';

/**
 * Issue 11 §2 "Deadline policies become national defaults with per-organisation overrides": an override belongs to an
 * organisation and applies to its subtree, resolved when a task opens by the nearest ancestor that has one; it may
 * only shorten the due duration in force above; only a root administrator changes the national default; a change
 * re-times only the running cases of its scope.
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
const HM = demoOrgId('HN-HM');
const LB = demoOrgId('HN-LB');
const HL = demoOrgId('HN-HM-HL');
const TDP5 = demoOrgId('HN-HM-HL-TDP5');
const LB_CELL = demoOrgId('HN-LB-BD-TDP1');

type ApiErr = { error: { code: string; message: string; field?: string } };
type Policy = {
  process: string;
  step: string;
  due: { amount: number; unit: string };
  version: number;
  organisationId: string | null;
  organisationName: string | null;
};
type Change = Policy & { operationId: string };
type Operation = { id: string; status: string; organisationId: string | null; counts: Record<string, number> };
type Impact = { organisationId: string | null; cases: number; tasks: number; overdue: number; allCases: number };

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

/** A user of this spec's own holding `administrator` only in `orgId`, created on first use. */
async function adminOf(username: string, orgId: string): Promise<ApiSession> {
  const users = sys.dataSource.getRepository(UserEntity);
  if (!(await users.existsBy({ username }))) {
    const id = randomUUID();
    await users.insert({
      id,
      username,
      passwordHash: await hashPassword('matkhau123'),
      fullName: `Quản trị ${username}`,
      memberId: null,
    });
    await sys.dataSource
      .getRepository(RoleAssignmentEntity)
      .insert({ id: randomUUID(), userId: id, organisationId: orgId, role: 'administrator' });
  }
  return ApiSession.login(sys.baseUrl, username);
}

const body = (amount: number, unit = 'working_days') => ({
  due: { amount, unit },
  remindBefore: { amount: 1, unit: 'working_days' },
  escalateEvery: { amount: 3, unit: 'working_days' },
  maxEscalationLevel: 2,
  reason: 'Nghị quyết của Ban Thường vụ Quận ủy về rút ngắn thời hạn',
});

async function operationDone(id: string): Promise<Operation> {
  const admin = await driver.as('quantri');
  return eventually(
    async () => {
      const res = await admin.get<Operation>(`/deadline-policies/operations/${id}`);
      expect(res.status).toBe(200);
      return res.body.status === 'completed' && res.body;
    },
    `operation ${id} completing`,
    60_000,
  );
}

const taskRow = (id: string) => sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id });
const nationalVersion = async () =>
  (
    await sys.dataSource
      .getRepository(DeadlinePolicyEntity)
      .findOneByOrFail({ process: 'admission', step: 'introducers' })
  ).version;

describe('deadline policies per organisation [issue 11 §2]', () => {
  it('issue 11 §2: should refuse a district administrator the national default (403) and its preview (403), and keep the national version', async () => {
    const lb = await adminOf('quantri.longbien', LB);
    const version = await nationalVersion();
    const put = await lb.put<ApiErr>('/deadline-policies/admission/introducers', body(5));
    expect({ status: put.status, code: put.body.error.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect((await lb.get<ApiErr>('/deadline-policies/admission/introducers/impact')).status).toBe(403);
    // Nor another district's override: Long Biên's administrator over Hoàng Mai.
    const other = await lb.put<ApiErr>(`/deadline-policies/admission/introducers/overrides/${HM}`, body(5));
    expect(other.status).toBe(403);
    expect((await lb.get<ApiErr>(`/deadline-policies/admission/introducers/impact?orgId=${HM}`)).status).toBe(403);
    expect(await nationalVersion()).toBe(version);
  });

  it('issue 11 §2: should refuse an override longer than the national 10 working days (400 due.amount) or in another unit (400 due.unit)', async () => {
    const hm = await adminOf('quantri.hoangmai', HM);
    const longer = await hm.put<ApiErr>(`/deadline-policies/admission/introducers/overrides/${HM}`, body(11));
    expect({ status: longer.status, field: longer.body.error.field }).toEqual({ status: 400, field: 'due.amount' });
    const months = await hm.put<ApiErr>(`/deadline-policies/admission/introducers/overrides/${HM}`, body(1, 'months'));
    expect({ status: months.status, field: months.body.error.field }).toEqual({ status: 400, field: 'due.unit' });
    const bad = await hm.put<ApiErr>('/deadline-policies/admission/introducers/overrides/khong-phai-uuid', body(5));
    expect({ status: bad.status, field: bad.body.error.field }).toEqual({ status: 400, field: 'orgId' });
  });

  it("issue 11 §2: should re-time only the Hoàng Mai case on Hoàng Mai's override, open new Hoàng Mai tasks under it, and go back to the national default when cleared", async () => {
    const hm = await adminOf('quantri.hoangmai', HM);
    const inside = await driver.startFreshCase(sys.dataSource, { fullName: 'Lạc Văn Trong' });
    const outside = await driver.startFreshCase(sys.dataSource, {
      like: 'Bùi Thanh Tâm',
      fullName: 'Lạc Văn Ngoài',
      username: 'bithu.longbien',
    });
    const inTask = (await driver.waitForOpenTask(inside.caseId, 'introducers', 'giamsat.hanoi')).task;
    const outTask = (await driver.waitForOpenTask(outside.caseId, 'introducers', 'giamsat.hanoi')).task;
    const outBefore = await taskRow(outTask.id);
    const inBefore = await taskRow(inTask.id);
    expect([inBefore.policyOrgId, outBefore.policyOrgId]).toEqual([null, null]);

    const preview = await hm.get<Impact>(`/deadline-policies/admission/introducers/impact?orgId=${HM}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ organisationId: HM, cases: 1, tasks: 1, overdue: 0, allCases: 2 });

    const set = await hm.put<Change>(`/deadline-policies/admission/introducers/overrides/${HM}`, body(5));
    expect(set.status).toBe(202);
    expect(set.body).toMatchObject({
      organisationId: HM,
      organisationName: 'Đảng bộ Quận Hoàng Mai',
      due: { amount: 5, unit: 'working_days' },
    });
    const op = await operationDone(set.body.operationId);
    expect(op.organisationId).toBe(HM);
    expect(op.counts).toEqual({
      cases: 1,
      retimedCases: 1,
      retimedTasks: 1,
      alreadyCurrent: 0,
      closedCases: 0,
      failedCases: 0,
    });
    const inAfter = await taskRow(inTask.id);
    expect({ org: inAfter.policyOrgId, version: inAfter.policyVersion }).toEqual({
      org: HM,
      version: set.body.version,
    });
    expect(inAfter.dueAt.getTime()).toBeLessThan(inBefore.dueAt.getTime());
    const outAfter = await taskRow(outTask.id);
    expect({ org: outAfter.policyOrgId, version: outAfter.policyVersion, due: outAfter.dueAt.getTime() }).toEqual({
      org: null,
      version: outBefore.policyVersion,
      due: outBefore.dueAt.getTime(),
    });
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ action: 'policy.override_set', step: 'introducers' });
    expect(audit.details).toMatchObject({ organisationId: HM, operationId: set.body.operationId });

    // What applies where: a Hoàng Mai cell inherits the district's override, a Long Biên cell the national default.
    const atCell = await (await driver.as('bithu.tdp5')).get<Policy[]>(`/deadline-policies?orgId=${TDP5}`);
    expect(atCell.body.find((p) => p.step === 'introducers')).toMatchObject({
      organisationId: HM,
      due: { amount: 5, unit: 'working_days' },
      version: set.body.version,
    });
    const atLb = await (await driver.as('bithu.longbien')).get<Policy[]>(`/deadline-policies?orgId=${LB_CELL}`);
    expect(atLb.body.find((p) => p.step === 'introducers')).toMatchObject({
      organisationId: null,
      due: { amount: 10, unit: 'working_days' },
    });
    // A Long Biên cell secretary reads nothing of Hoàng Mai's.
    expect((await (await driver.as('bithu.longbien')).get<ApiErr>(`/deadline-policies?orgId=${TDP5}`)).status).toBe(
      403,
    );

    // A task opened now in Hoàng Mai is timed by the override.
    const later = await driver.startFreshCase(sys.dataSource, { fullName: 'Lạc Văn Sau' });
    const laterTask = await taskRow(
      (await driver.waitForOpenTask(later.caseId, 'introducers', 'giamsat.hanoi')).task.id,
    );
    expect({ org: laterTask.policyOrgId, version: laterTask.policyVersion }).toEqual({
      org: HM,
      version: set.body.version,
    });

    // The national default changed by the root administrator leaves the Hoàng Mai subtree as it is.
    const national = await (
      await driver.as('quantri')
    ).put<Change>('/deadline-policies/admission/introducers', { ...body(12), reason: 'Thay đổi thời hạn chung' });
    expect(national.status).toBe(202);
    expect(national.body.version).toBe(set.body.version + 1);
    expect((await operationDone(national.body.operationId)).counts).toMatchObject({ cases: 1, retimedTasks: 1 });
    expect((await taskRow(inTask.id)).policyVersion).toBe(set.body.version);
    expect((await taskRow(outTask.id)).policyVersion).toBe(national.body.version);

    // Cleared: the Hoàng Mai tasks go back to the national default (now 12 working days), the Long Biên one untouched.
    const cleared = await hm.post<Change>(`/deadline-policies/admission/introducers/overrides/${HM}/clear`, {
      reason: 'Bãi bỏ nghị quyết rút ngắn thời hạn',
    });
    expect(cleared.status).toBe(202);
    expect(cleared.body).toMatchObject({
      organisationId: null,
      due: { amount: 12, unit: 'working_days' },
      version: national.body.version + 1,
    });
    expect((await operationDone(cleared.body.operationId)).counts).toMatchObject({
      cases: 2,
      retimedCases: 2,
      retimedTasks: 2,
    });
    const inCleared = await taskRow(inTask.id);
    expect({ org: inCleared.policyOrgId, version: inCleared.policyVersion }).toEqual({
      org: null,
      version: cleared.body.version,
    });
    expect((await taskRow(outTask.id)).policyVersion).toBe(national.body.version);
    const again = await hm.post<ApiErr>(`/deadline-policies/admission/introducers/overrides/${HM}/clear`, {
      reason: 'Bãi bỏ lần nữa',
    });
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('issue 11 §2: should re-time a task timed by an override when a day off is added inside its window (every layer takes the new version)', async () => {
    const hl = await adminOf('quantri.hoangliet', HL);
    const set = await hl.put<Change>(`/deadline-policies/admission/introducers/overrides/${HL}`, body(8));
    expect(set.status).toBe(202);
    await operationDone(set.body.operationId);
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Lạc Văn Lịch' });
    const before = await taskRow((await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hanoi')).task.id);
    expect({ org: before.policyOrgId, version: before.policyVersion }).toEqual({ org: HL, version: set.body.version });

    const calendarBefore = await loadHolidayCalendar(sys.dataSource.manager);
    const day = addWorkingDays({ from: todayLocal(Date.now()), days: 1, holidays: calendarBefore });
    const dueBefore = localDateOf(before.dueAt.toISOString());
    expect(day < dueBefore).toBe(true);
    const root = await driver.as('quantri');
    const reason = 'Ngày nghỉ đột xuất theo thông báo (thử)';
    const added = await root.post<{
      operations: { id: string; process: string; step: string; policyVersion: number }[];
    }>('/holidays', { date: day, name: 'Ngày nghỉ đột xuất (thử)', reason });
    expect(added.status).toBe(201);
    const op = added.body.operations.find((o) => o.process === 'admission' && o.step === 'introducers');
    expect(op?.policyVersion).toBe(set.body.version + 1);
    await operationDone(op?.id as string);
    const after = await taskRow(before.id);
    const expectedDue = addWorkingDays({
      from: dueBefore,
      days: 1,
      holidays: await loadHolidayCalendar(sys.dataSource.manager),
    });
    expect({
      org: after.policyOrgId,
      version: after.policyVersion,
      due: localDateOf(after.dueAt.toISOString()),
    }).toEqual({ org: HL, version: op?.policyVersion, due: expectedDue });
    expect((await root.request('DELETE', `/holidays/${day}`, { reason })).status).toBe(200);
  });

  it("issue 11 §2: should date a transfer's presentation by the destination's own arrival deadline (Hoàng Mai's 20 days), as its arrival task is timed, and a Long Biên destination by the national 30 days [R30]", async () => {
    const hm = await adminOf('quantri.hoangmai', HM);
    const twenty = { ...body(20, 'calendar_days'), remindBefore: { amount: 5, unit: 'calendar_days' } };
    const set = await hm.put<Change>(`/deadline-policies/transfer/confirm_arrival/overrides/${HM}`, twenty);
    expect(set.status).toBe(202);
    await operationDone(set.body.operationId);
    try {
      const officials = await sys.dataSource
        .getRepository(MemberEntity)
        .find({ where: { organisationId: TDP5, status: 'official' }, order: { fullName: 'DESC' }, take: 2 });
      expect(officials).toHaveLength(2);
      const [toHoangMai, toLongBien] = officials;
      const today = todayLocal(Date.now());
      const secretary = await driver.as('bithu.tdp5');
      const transfer = (memberId: string, toOrgId: string) =>
        secretary.post<{ transferId: string; presentBy: string }>('/transfers', {
          memberId,
          kind: 'official',
          toOrgId,
          issuedOn: today,
          note: 'Chuyển nơi cư trú',
        });
      const inside = await transfer(toHoangMai.id, demoOrgId('HN-HM-HL-LD'));
      expect({ status: inside.status, presentBy: inside.body.presentBy }).toEqual({
        status: 201,
        presentBy: addDays(today, 20),
      });
      const outside = await transfer(toLongBien.id, LB_CELL);
      expect({ status: outside.status, presentBy: outside.body.presentBy }).toEqual({
        status: 201,
        presentBy: addDays(today, 30),
      });
      // The arrival task at the Linh Đàm cell is timed by the same override, to the same day.
      const task = await eventually(
        () =>
          sys.dataSource
            .getRepository(HumanTaskEntity)
            .findOneBy({ caseId: inside.body.transferId, taskKey: 'confirm_arrival' }),
        'the arrival task opening at the destination',
      );
      expect({ org: task.policyOrgId, due: localDateOf(task.dueAt.toISOString()) }).toEqual({
        org: HM,
        due: inside.body.presentBy,
      });
    } finally {
      const cleared = await hm.post(`/deadline-policies/transfer/confirm_arrival/overrides/${HM}/clear`, {
        reason: 'Bãi bỏ thời hạn thử',
      });
      expect(cleared.status).toBe(202);
    }
  });
});

describe("an override's impact preview (issue 14 §1)", () => {
  type PreviewBody = {
    counts: { tasks: number; cases: number };
    byOrganisation: { orgId: string }[];
    tasks: { caseId: string; orgId: string }[];
  };
  const terms = (amount: number) => {
    const { due, remindBefore, escalateEvery, maxEscalationLevel } = body(amount);
    return { due, remindBefore, escalateEvery, maxEscalationLevel };
  };

  it("should preview only the override's subtree, as its impact counts it, refuse a longer one (400 due.amount) and another district (403)", async () => {
    const hm = await adminOf('quantri.hoangmai', HM);
    const inside = await driver.startFreshCase(sys.dataSource, { fullName: 'Ông Văn Trong Phạm Vi' });
    await driver.waitForOpenTask(inside.caseId, 'introducers', 'giamsat.hoangmai');
    // The cell of the case: no override below it, so every open task of its subtree is re-timed.
    const res = await hm.post<PreviewBody>('/deadline-policies/admission/introducers/preview', {
      ...terms(1),
      orgId: TDP5,
    });
    expect(res.status).toBe(200);
    const inCell = await sys.dataSource.getRepository(HumanTaskEntity).find({
      where: [
        { process: 'admission', step: 'introducers', status: 'open', assigneeOrgId: TDP5 },
        { process: 'admission', step: 'introducers', status: 'overdue', assigneeOrgId: TDP5 },
      ],
    });
    expect(res.body.counts.tasks).toBe(inCell.length);
    expect(res.body.tasks.map((t) => t.caseId)).toContain(inside.caseId);
    expect(new Set(res.body.byOrganisation.map((o) => o.orgId))).toEqual(new Set([TDP5]));
    const impact = await hm.get<Impact>(`/deadline-policies/admission/introducers/impact?orgId=${TDP5}`);
    expect([res.body.counts.cases, res.body.counts.tasks]).toEqual([impact.body.cases, impact.body.tasks]);
    // Hoàng Mai as a whole: the same rule as its impact (a ward's own override keeps its tasks).
    const district = await hm.post<PreviewBody>('/deadline-policies/admission/introducers/preview', {
      ...terms(1),
      orgId: HM,
    });
    const districtImpact = await hm.get<Impact>(`/deadline-policies/admission/introducers/impact?orgId=${HM}`);
    expect(district.body.counts.tasks).toBe(districtImpact.body.tasks);

    // Longer than the national default in force above Hoàng Mai.
    const national = await sys.dataSource
      .getRepository(DeadlinePolicyEntity)
      .findOneByOrFail({ process: 'admission', step: 'introducers' });
    const longer = await hm.post<ApiErr>('/deadline-policies/admission/introducers/preview', {
      ...terms(1),
      due: { amount: national.dueAmount + 1, unit: national.dueUnit },
      orgId: HM,
    });
    expect([longer.status, longer.body.error.field]).toEqual([400, 'due.amount']);
    const lb = await adminOf('quantri.longbien', LB);
    const other = await lb.post<ApiErr>('/deadline-policies/admission/introducers/preview', { ...terms(1), orgId: HM });
    expect(other.status).toBe(403);
  });
});
