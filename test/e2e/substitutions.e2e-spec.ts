import { randomUUID } from 'node:crypto';
import { In, IsNull } from 'typeorm';
import { addDays, todayLocal } from '@partyflow/domain';
import {
  AuditLogEntity,
  demoOrgId,
  HumanTaskEntity,
  RoleAssignmentEntity,
  SubstitutionEntity,
  UserEntity,
} from '@partyflow/persistence';
import {
  AdmissionDriver,
  allPages,
  eventually,
  insertTestUser,
  startSystem,
  type RunningSystem,
} from '@partyflow/testing';

/**
 * Out-of-office substitutes (issue 14 §2): the TDP5 cell secretary (bithu.tdp5) names the cell committee member
 * (chiuy.tdp5, who holds the same cell_committee_member role in the cell) for a range of local dates; the substitute's
 * inbox shows the secretary's own tasks (the cell_secretary role he alone holds), completes them for him, and the
 * task records whom it was done for. Disabling a user offers the bulk reassignment of their own tasks.
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
const HM = demoOrgId('HN-HM');
const HN = demoOrgId('HN');
const TDP5 = demoOrgId('HN-HM-HL-TDP5');
const LD = demoOrgId('HN-HM-HL-LD');

type ApiErr = { error: { code: string; message: string; field?: string } };
type Substitution = {
  id: string;
  status: string;
  absent: { userId: string };
  substitute: { userId: string };
  validFrom: string;
  validUntil: string;
};
type InboxTask = { id: string; heldFor: { userId: string; name: string; substitutionId: string } | null };
type Counts = { byProcess: { process: string; steps: { step: string; total: number }[] }[] };

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

const userIdOf = async (username: string) =>
  (await sys.dataSource.getRepository(UserEntity).findOneByOrFail({ username })).id;
const nameOf = (username: string) => sys.users.find((u) => u.username === username)?.fullName;
const today = () => todayLocal(Date.now());

/** Each test owns its substitutions: those standing from another test are set aside first (revoked in the database). */
async function clearSubstitutions(): Promise<void> {
  await sys.dataSource
    .getRepository(SubstitutionEntity)
    .update({ revokedAt: IsNull() }, { revokedAt: new Date(), revokedBy: 'test setup', revokeReason: 'Dọn dữ liệu' });
}

async function nameSubstitute(over: Record<string, unknown> = {}) {
  return (await driver.as('bithu.tdp5')).post<Substitution & ApiErr>('/substitutions', {
    orgId: TDP5,
    substituteUserId: await userIdOf('chiuy.tdp5'),
    validFrom: today(),
    validUntil: addDays(today(), 3),
    reason: 'Nghỉ phép năm, đi điều trị tại bệnh viện',
    ...over,
  });
}

/** A fresh case at its introducers task (cell_secretary of TDP5), as the secretary sees it. */
async function introducersTask(fullName: string) {
  const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName });
  return (await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai')).task;
}

const inboxOf = async (username: string) =>
  allPages<InboxTask>(await driver.as(username), '/tasks/mine?process=admission');
const introducersCount = async (username: string) => {
  const counts = await (await driver.as(username)).get<Counts>('/tasks/mine/counts?process=admission');
  const admission = counts.body.byProcess.find((p) => p.process === 'admission');
  return admission?.steps.find((s) => s.step === 'introducers')?.total ?? 0;
};
const openIntroducers = () =>
  sys.dataSource.getRepository(HumanTaskEntity).countBy({
    process: 'admission',
    step: 'introducers',
    assigneeOrgId: TDP5,
    assigneeRole: 'cell_secretary',
    status: In(['open', 'overdue']),
  });

describe('out-of-office substitutes (issue 14 §2)', () => {
  it("should show the absent cell secretary's task in the substitute's inbox and counts, let the substitute complete it for him, and record it", async () => {
    await clearSubstitutions();
    const secretary = await userIdOf('bithu.tdp5');
    const substitute = await userIdOf('chiuy.tdp5');
    const task = await introducersTask('Lê Thị Thay Thế');
    // Before: the committee member holds no cell_secretary role, the task is not his.
    expect((await inboxOf('chiuy.tdp5')).map((t) => t.id)).not.toContain(task.id);
    expect(await introducersCount('chiuy.tdp5')).toBe(0);

    const named = await nameSubstitute();
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({
      status: 'active',
      absent: { userId: secretary },
      substitute: { userId: substitute },
      validFrom: today(),
      validUntil: addDays(today(), 3),
    });
    const created = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ eventKey: `substitution:${named.body.id}:created` });
    expect([created.action, created.orgId, created.actorUserId]).toEqual(['substitution.created', TDP5, secretary]);
    expect(
      (await (await driver.as('chiuy.tdp5')).get<Substitution[]>('/substitutions/mine')).body.map((s) => s.id),
    ).toEqual([named.body.id]);
    const listed = await (await driver.as('giamsat.hoangmai')).get<Substitution[]>(`/substitutions?orgId=${HM}`);
    expect(listed.body.map((s) => s.id)).toContain(named.body.id);

    // The substitute's inbox: the secretary's task, labelled as held for him; the counts agree with the rows.
    const inbox = await inboxOf('chiuy.tdp5');
    expect(inbox.find((t) => t.id === task.id)?.heldFor).toEqual({
      userId: secretary,
      name: nameOf('bithu.tdp5'),
      substitutionId: named.body.id,
      validFrom: today(),
      validUntil: addDays(today(), 3),
    });
    expect(await introducersCount('chiuy.tdp5')).toBe(await openIntroducers());

    // An overlapping substitution for the same person and organisation: 409.
    const overlap = await nameSubstitute({ validFrom: addDays(today(), 2), validUntil: addDays(today(), 9) });
    expect([overlap.status, overlap.body.error.code]).toEqual([409, 'SUBSTITUTION_OVERLAPS']);

    const { outcome, data } = await driver.approvingData(task, 'chiuy.tdp5', TDP5);
    const done = await (await driver.as('chiuy.tdp5')).post(`/tasks/${task.id}/complete`, { outcome, data });
    expect(done.status).toBe(200);
    const row = await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id });
    expect([row.status, row.completedByUserId, row.actedForUserId, row.actedForName]).toEqual([
      'completed',
      substitute,
      secretary,
      nameOf('bithu.tdp5'),
    ]);
    const actedFor = {
      kind: 'substitute',
      userId: secretary,
      name: nameOf('bithu.tdp5'),
      substitutionId: named.body.id,
      validFrom: today(),
      validUntil: addDays(today(), 3),
    };
    const view = await (
      await driver.as('bithu.tdp5')
    ).get<{ completedBy: string; actedFor: unknown }>(`/tasks/${task.id}`);
    expect(view.body).toMatchObject({ completedBy: nameOf('chiuy.tdp5'), actedFor });
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ taskId: task.id, action: 'task.completed' });
    expect([audit.actorUserId, audit.details]).toEqual([substitute, expect.objectContaining({ onBehalfOf: actedFor })]);

    // The tasks report counts it as substituted, not as proxied.
    type Table = { key: string; rows: Record<string, unknown>[] };
    const report = await (
      await driver.as('giamsat.hoangmai')
    ).get<{ tables: Table[] }>(`/reports/tasks?orgId=${HM}&from=${today()}&to=${today()}`);
    expect(report.body.tables.find((t) => t.key === 'proxied')?.rows).toEqual([]);
    expect(report.body.tables.find((t) => t.key === 'substituted')?.rows).toEqual([
      { code: 'HN-HM-HL-TDP5', name: 'Chi bộ Tổ dân phố số 5', substituted: 1, principals: 1, substitutes: 1 },
    ]);
  });

  it('should hand nothing before the substitution starts (403 with its dates) nor after its revocation', async () => {
    await clearSubstitutions();
    const task = await introducersTask('Phạm Văn Ngày Mai');
    const tomorrow = await nameSubstitute({ validFrom: addDays(today(), 1), validUntil: addDays(today(), 5) });
    expect([tomorrow.status, tomorrow.body.status]).toEqual([201, 'future']);
    expect((await inboxOf('chiuy.tdp5')).map((t) => t.id)).not.toContain(task.id);
    expect(await introducersCount('chiuy.tdp5')).toBe(0);
    const substitute = await driver.as('chiuy.tdp5');
    const { outcome, data } = await driver.approvingData(task, 'chiuy.tdp5', TDP5);
    const early = await substitute.post<ApiErr>(`/tasks/${task.id}/complete`, { outcome, data });
    expect([early.status, early.body.error.code]).toEqual([403, 'SUBSTITUTION_NOT_IN_FORCE']);
    expect(early.body.error.message).toBe(
      `Bạn chỉ thay đồng chí ${nameOf('bithu.tdp5')} từ ${addDays(today(), 1)} đến ${addDays(today(), 5)}; ` +
        `hôm nay (${today()}) bạn không có quyền xử lý nhiệm vụ này`,
    );
    expect((await substitute.get<ApiErr>(`/tasks/${task.id}`)).status).toBe(403);

    // Revoked, a substitution in force hands nothing any more.
    const secretary = await driver.as('bithu.tdp5');
    expect(
      (await secretary.post(`/substitutions/${tomorrow.body.id}/revoke`, { reason: 'Hoãn nghỉ phép' })).status,
    ).toBe(200);
    const now = await nameSubstitute();
    expect(now.status).toBe(201);
    expect((await inboxOf('chiuy.tdp5')).map((t) => t.id)).toContain(task.id);
    const revoked = await secretary.post<Substitution>(`/substitutions/${now.body.id}/revoke`, {
      reason: 'Đã đi làm lại sớm',
    });
    expect([revoked.status, revoked.body.status]).toEqual([200, 'revoked']);
    expect(
      await sys.dataSource.getRepository(AuditLogEntity).countBy({ eventKey: `substitution:${now.body.id}:revoked` }),
    ).toBe(1);
    expect((await inboxOf('chiuy.tdp5')).map((t) => t.id)).not.toContain(task.id);
    const late = await substitute.post<ApiErr>(`/tasks/${task.id}/complete`, { outcome, data });
    expect([late.status, late.body.error.code]).toEqual([403, 'SUBSTITUTION_NOT_IN_FORCE']);
    expect((await substitute.get<Substitution[]>('/substitutions/mine')).body).toEqual([]);
    const again = await secretary.post<ApiErr>(`/substitutions/${now.body.id}/revoke`, { reason: 'Lần hai' });
    expect([again.status, again.body.error.code]).toEqual([409, 'SUBSTITUTION_REVOKED']);
  });

  it('should list who may stand in for me: the other users of the organisation holding a same or higher role today, with those roles, and refuse an organisation where I hold none', async () => {
    type Candidate = { userId: string; fullName: string; roles: { role: string; label: string }[] };
    const secretary = await driver.as('bithu.tdp5');
    const mine = await secretary.get<Candidate[]>(`/substitutions/candidates?orgId=${TDP5}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toContainEqual({
      userId: await userIdOf('chiuy.tdp5'),
      fullName: nameOf('chiuy.tdp5'),
      roles: [{ role: 'cell_committee_member', label: 'Chi ủy viên' }],
    });
    expect(mine.body.map((c) => c.userId)).not.toContain(await userIdOf('bithu.tdp5'));
    const secretaryId = await userIdOf('bithu.tdp5');
    const committee = await (await driver.as('chiuy.tdp5')).get<Candidate[]>(`/substitutions/candidates?orgId=${TDP5}`);
    expect(committee.body.find((c) => c.userId === secretaryId)?.roles.map((r) => r.role)).toEqual([
      'cell_committee_member',
      'cell_secretary',
    ]);
    const elsewhere = await secretary.get<ApiErr>(`/substitutions/candidates?orgId=${HM}`);
    expect([elsewhere.status, elsewhere.body.error.field]).toEqual([400, 'query.orgId']);
  });

  it('should refuse a substitute of a lower role (400 substituteUserId) and pass no task of a role someone else also holds', async () => {
    await clearSubstitutions();
    // A second secretary of the cell, of this test's own: the cell_secretary role is then held by two people.
    const second = await insertTestUser(sys.dataSource, {
      username: 'bithu2.tdp5',
      fullName: 'Phó bí thư chi bộ',
      organisationId: TDP5,
    });
    const roleId = randomUUID();
    const roles = sys.dataSource.getRepository(RoleAssignmentEntity);
    await roles.insert({ id: roleId, userId: second, organisationId: TDP5, role: 'cell_secretary' });
    const admin = await driver.as('quantri');
    const lower = await admin.post<ApiErr>('/substitutions', {
      orgId: TDP5,
      absentUserId: second,
      substituteUserId: await userIdOf('chiuy.tdp5'),
      validFrom: today(),
      validUntil: today(),
      reason: 'Đi công tác',
    });
    expect([lower.status, lower.body.error.field]).toEqual([400, 'substituteUserId']);
    const bad = await nameSubstitute({ validUntil: addDays(today(), -1), validFrom: addDays(today(), -3) });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'validUntil']);
    const reversed = await nameSubstitute({ validFrom: addDays(today(), 2), validUntil: addDays(today(), 1) });
    expect([reversed.status, reversed.body.error.field]).toEqual([400, 'validUntil']);
    const self = await nameSubstitute({ substituteUserId: await userIdOf('bithu.tdp5') });
    expect([self.status, self.body.error.field]).toEqual([400, 'substituteUserId']);
    const forOther = await (
      await driver.as('chiuy.tdp5')
    ).post<ApiErr>('/substitutions', {
      orgId: TDP5,
      absentUserId: await userIdOf('bithu.tdp5'),
      substituteUserId: await userIdOf('chiuy.tdp5'),
      validFrom: today(),
      validUntil: today(),
      reason: 'Thay hộ',
    });
    expect(forOther.status).toBe(403);

    const task = await introducersTask('Trần Văn Hai Người');
    expect((await nameSubstitute()).status).toBe(201);
    // Two secretaries: the task is not the absent one's alone, the substitute does not get it.
    expect((await inboxOf('chiuy.tdp5')).map((t) => t.id)).not.toContain(task.id);
    expect(await introducersCount('chiuy.tdp5')).toBe(0);
    await roles.update({ id: roleId }, { revokedAt: new Date(), revokeReason: 'Hết nhiệm vụ' });
    expect((await inboxOf('chiuy.tdp5')).map((t) => t.id)).toContain(task.id);
  });

  it('should offer on disabling a user the exact POST /task-reassignments request for their own tasks, and start it with reassignTo', async () => {
    await clearSubstitutions();
    const admin = await driver.as('quantri');
    const secretary = await userIdOf('bithu.tdp5');
    await introducersTask('Đỗ Thị Bàn Giao');
    // The secretary's own open tasks: named for his member record, or of the cell_secretary role he alone holds.
    const { memberId } = await sys.dataSource.getRepository(UserEntity).findOneByOrFail({ id: secretary });
    const own = () =>
      sys.dataSource.getRepository(HumanTaskEntity).countBy([
        {
          assigneeOrgId: TDP5,
          assigneeRole: 'cell_secretary',
          assigneeMemberId: IsNull(),
          status: In(['open', 'overdue']),
        },
        ...(memberId ? [{ assigneeMemberId: memberId, status: In(['open', 'overdue']) }] : []),
      ]);
    const expected = await own();
    expect(expected).toBeGreaterThanOrEqual(await openIntroducers());
    expect(await openIntroducers()).toBeGreaterThan(0);
    type Disabled = {
      user: { disabled: boolean };
      reassignment: { openTaskCount: number; request: { body: Record<string, unknown> }; operationId: string | null };
    };
    const offered = await admin.post<Disabled>(`/users/${secretary}/disable`, { reason: 'Chuyển công tác' });
    expect(offered.status).toBe(200);
    expect(offered.body.reassignment).toEqual({
      openTaskCount: expected,
      request: {
        method: 'POST',
        path: '/task-reassignments',
        body: { orgId: HN, assigneeUserId: secretary, reason: 'Chuyển công tác' },
        needs: ['to'],
      },
      operationId: null,
    });
    expect((await admin.post(`/users/${secretary}/enable`, { reason: 'Nhầm' })).status).toBe(200);

    // A bad target names its field, and nothing is written: the user stays enabled.
    const bad = await admin.post<ApiErr>(`/users/${secretary}/disable`, {
      reason: 'Chuyển công tác',
      reassignTo: { orgId: LD },
    });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'reassignTo.role']);
    const unknownOrg = await admin.post<ApiErr>(`/users/${secretary}/disable`, {
      reason: 'Chuyển công tác',
      reassignTo: { orgId: randomUUID(), role: 'cell_committee_member' },
    });
    expect([unknownOrg.status, unknownOrg.body.error.field]).toEqual([404, 'reassignTo.orgId']);
    expect((await sys.dataSource.getRepository(UserEntity).findOneByOrFail({ id: secretary })).disabledAt).toBeNull();

    const started = await admin.post<Disabled>(`/users/${secretary}/disable`, {
      reason: 'Chuyển công tác',
      reassignTo: { orgId: LD, role: 'cell_committee_member' },
    });
    expect(started.status).toBe(200);
    expect(started.body.user.disabled).toBe(true);
    const operationId = started.body.reassignment.operationId as string;
    type Op = { status: string; counts: { matched: number; moved: number; failed: number } };
    const op = await eventually(
      async () => {
        const res = await admin.get<Op>(`/task-reassignments/${operationId}`);
        return res.body.status === 'completed' && res.body;
      },
      'the reassignment completing',
      60_000,
    );
    expect(op.counts).toMatchObject({ matched: expected, moved: expected, failed: 0 });
    expect([await own(), await openIntroducers()]).toEqual([0, 0]);
    expect((await admin.post(`/users/${secretary}/enable`, { reason: 'Trở lại' })).status).toBe(200);
  });
});
