import { admissionWorkflowId, deadlinePolicyOperationId } from '@partyflow/contracts';
import { addDays, addWorkingDays, endOfLocalDay, localDateOf } from '@partyflow/domain';
import {
  AuditLogEntity,
  DeadlinePolicyEntity,
  DeadlinePolicyPinEntity,
  DeadlinePolicyPreviewEntity,
  demoOrgId,
  HumanTaskEntity,
  loadHolidayCalendar,
  resolveDeadlinePolicy,
} from '@partyflow/persistence';
import {
  AdmissionDriver,
  ApiSession,
  copyDemoCandidate,
  eventually,
  startSystem,
  type RunningSystem,
} from '@partyflow/testing';

/**
 * Issue 7 §4 "Deadline policy change": the fan-out to the waiting cases runs in a durable workflow,
 * not inside the HTTP request. The PUT answers 202 with an operation id; the operation reports the
 * re-timings the cases confirmed, and a closed case is reported, never fatal.
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
const HM = demoOrgId('HN-HM');
const TDP5 = demoOrgId('HN-HM-HL-TDP5');

type ApiErr = { error: { code: string; message: string; field?: string } };
type Counts = {
  cases: number;
  retimedCases: number;
  retimedTasks: number;
  alreadyCurrent: number;
  closedCases: number;
  failedCases: number;
};
type Operation = {
  id: string;
  status: string;
  policyVersion: number;
  counts: Counts;
  failures: { workflowId: string; kind: string; status: string | null; reason: string }[];
};

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

const policyBody = {
  due: { amount: 20, unit: 'working_days' },
  remindBefore: { amount: 2, unit: 'working_days' },
  escalateEvery: { amount: 5, unit: 'working_days' },
  maxEscalationLevel: 2,
  reason: 'Ban Thường vụ kéo dài thời hạn giới thiệu người vào Đảng',
};

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

describe('deadline-policy fan-out in a durable workflow [issue 7 §4]', () => {
  it('should answer 202 with an operation id, re-time the two running cases, report the terminated one, and finish with exact counts', async () => {
    const secretary = await driver.as('bithu.tdp5');
    const caseIds: string[] = [];
    for (const fullName of ['Kiều Văn Một', 'Kiều Văn Hai', 'Kiều Văn Ba']) {
      const started = await secretary.post<{ caseId: string }>('/admission-cases', {
        candidateMemberId: await copyDemoCandidate(sys.dataSource, { fullName }),
      });
      expect(started.status).toBe(201);
      caseIds.push(started.body.caseId);
    }
    const tasks = [];
    for (const caseId of caseIds)
      tasks.push((await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai')).task);
    const rows = sys.dataSource.getRepository(HumanTaskEntity);
    const before = await Promise.all(tasks.map((t) => rows.findOneByOrFail({ id: t.id })));
    // The third case's workflow is terminated: its task row stays open, its workflow cannot answer.
    const terminated = admissionWorkflowId(caseIds[2]);
    await sys.env.client.workflow.getHandle(terminated).terminate('Thử: quy trình bị dừng');

    const admin = await driver.as('quantri');
    const res = await admin.put<{ version: number; operationId: string; operation: Operation }>(
      '/deadline-policies/admission/introducers',
      policyBody,
    );
    expect(res.status).toBe(202);
    const version = (
      await sys.dataSource
        .getRepository(DeadlinePolicyEntity)
        .findOneByOrFail({ process: 'admission', step: 'introducers' })
    ).version;
    expect(res.body.version).toBe(version);
    expect(res.body.operationId).toBe(
      deadlinePolicyOperationId({ process: 'admission', step: 'introducers', version }),
    );

    const op = await operationDone(res.body.operationId);
    expect(op.counts).toEqual({
      cases: 3,
      retimedCases: 2,
      retimedTasks: 2,
      alreadyCurrent: 0,
      closedCases: 1,
      failedCases: 0,
    });
    expect(op.failures).toEqual([
      { workflowId: terminated, kind: 'closed', status: 'TERMINATED', reason: expect.stringContaining('TERMINATED') },
    ]);
    const after = await Promise.all(tasks.map((t) => rows.findOneByOrFail({ id: t.id })));
    expect(after.map((t) => t.policyVersion)).toEqual([version, version, before[2].policyVersion]);
    expect(after[0].dueAt.getTime()).not.toBe(before[0].dueAt.getTime());
    expect(after[2].dueAt.getTime()).toBe(before[2].dueAt.getTime());
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ action: 'policy.retiming_completed' });
    expect(audit.details).toMatchObject({ operationId: op.id, version, counts: op.counts });

    // A second change to the same step: the two running cases again, the closed one again reported.
    const second = await admin.put<{ operationId: string }>('/deadline-policies/admission/introducers', {
      ...policyBody,
      due: { amount: 25, unit: 'working_days' },
    });
    expect(second.status).toBe(202);
    expect((await operationDone(second.body.operationId)).counts).toEqual({
      cases: 3,
      retimedCases: 2,
      retimedTasks: 2,
      alreadyCurrent: 0,
      closedCases: 1,
      failedCases: 0,
    });
  });

  it('should answer 403 to a non-administrator and 404 to an unknown operation', async () => {
    expect(
      (
        await (
          await driver.as('bithu.tdp5')
        ).get<ApiErr>('/deadline-policies/operations/deadline-policy-admission-introducers-v1')
      ).status,
    ).toBe(403);
    const unknown = await (
      await driver.as('quantri')
    ).get<ApiErr>('/deadline-policies/operations/deadline-policy-admission-ceremony-v999');
    expect({ status: unknown.status, code: unknown.body.error.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });
});

type Impact = {
  process: string;
  step: string;
  policyVersion: number;
  organisationId: string | null;
  cases: number;
  tasks: number;
  overdue: number;
  allCases: number;
};

describe('GET /deadline-policies/:process/:step/impact: the cases a change would re-time, before saving [issue 10]', () => {
  it('should count one more running case once a case waits on the step, and the fan-out should re-time exactly that many', async () => {
    const admin = await driver.as('quantri');
    const before = await admin.get<Impact>('/deadline-policies/admission/introducers/impact');
    expect(before.status).toBe(200);
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Kiều Văn Bốn' });
    await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    const after = await admin.get<Impact>('/deadline-policies/admission/introducers/impact');
    const version = (
      await sys.dataSource
        .getRepository(DeadlinePolicyEntity)
        .findOneByOrFail({ process: 'admission', step: 'introducers' })
    ).version;
    // quantri administers the root (HN): its subtree is the whole system.
    expect(after.body).toEqual({
      process: 'admission',
      step: 'introducers',
      policyVersion: version,
      organisationId: null,
      cases: before.body.cases + 1,
      tasks: before.body.tasks + 1,
      overdue: before.body.overdue,
      allCases: before.body.allCases + 1,
    });
    const open = await sys.dataSource
      .getRepository(HumanTaskEntity)
      .createQueryBuilder('t')
      .select('count(DISTINCT t.workflow_id)::int', 'n')
      .where("t.process = 'admission' AND t.step = 'introducers' AND t.status IN ('open','overdue')")
      .getRawOne<{ n: number }>();
    expect(after.body.cases).toBe(open?.n);
    const res = await admin.put<{ operationId: string }>('/deadline-policies/admission/introducers', policyBody);
    expect(res.status).toBe(202);
    expect((await operationDone(res.body.operationId)).counts.cases).toBe(after.body.cases);
  });

  it('should answer 400 naming process, 404 for an unknown step, 403 to a non-administrator and 401 without a token', async () => {
    const admin = await driver.as('quantri');
    const bad = await admin.get<ApiErr>('/deadline-policies/khong_co/introducers/impact');
    expect({ status: bad.status, field: bad.body.error.field }).toEqual({ status: 400, field: 'process' });
    const unknown = await admin.get<ApiErr>('/deadline-policies/admission/khong_co_buoc/impact');
    expect({ status: unknown.status, code: unknown.body.error.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    const forbidden = await (
      await driver.as('bantochuc.hoangmai')
    ).get<ApiErr>('/deadline-policies/admission/introducers/impact');
    expect(forbidden.status).toBe(403);
    expect(
      (await ApiSession.anonymous(sys.baseUrl).get('/deadline-policies/admission/introducers/impact')).status,
    ).toBe(401);
  });
});

type PreviewTask = {
  taskId: string;
  caseId: string;
  title: string;
  orgId: string;
  orgName: string;
  status: string;
  escalationLevel: number;
  dueAtBefore: string;
  dueAtAfter: string | null;
  changed: boolean;
  becomesOverdue: boolean;
  escalatesTo: number | null;
};
type PreviewCounts = { cases: number; tasks: number; changed: number; becomeOverdue: number; escalate: number };
type Preview = {
  previewId: string;
  policyVersion: number;
  counts: PreviewCounts & Record<string, number>;
  byOrganisation: (PreviewCounts & { orgId: string; orgName: string })[];
  tasks: PreviewTask[];
  tasksTotal: number;
};

describe('POST /deadline-policies/:process/:step/preview and a change applied with a scope (issue 14 §1)', () => {
  const DAY = 86_400_000;
  const terms = (days: number) => ({
    due: { amount: days, unit: 'calendar_days' },
    remindBefore: { amount: 1, unit: 'calendar_days' },
    escalateEvery: { amount: 30, unit: 'calendar_days' },
    maxEscalationLevel: 2,
  });
  const tasks = () => sys.dataSource.getRepository(HumanTaskEntity);
  const openTasksOfStep = () =>
    tasks().find({
      where: [
        { process: 'admission', step: 'introducers', status: 'open' },
        { process: 'admission', step: 'introducers', status: 'overdue' },
      ],
      order: { id: 'ASC' },
    });
  const introducersVersion = async () =>
    (
      await sys.dataSource
        .getRepository(DeadlinePolicyEntity)
        .findOneByOrFail({ process: 'admission', step: 'introducers' })
    ).version;

  it('should preview each open task’s new due date from the read model, change nothing, then re-time the chosen case only, audited with the preview', async () => {
    const admin = await driver.as('quantri');
    const a = await driver.startFreshCase(sys.dataSource, { fullName: 'Đinh Thị Xem Trước' });
    const b = await driver.startFreshCase(sys.dataSource, { fullName: 'Lò Văn Giữ Hạn' });
    const { task: taskA } = await driver.waitForOpenTask(a.caseId, 'introducers', 'giamsat.hoangmai');
    const { task: taskB } = await driver.waitForOpenTask(b.caseId, 'introducers', 'giamsat.hoangmai');
    // Task A was opened eight days ago (the read model and the workflow's re-timing both count from the row).
    const openedA = new Date(Date.now() - 8 * DAY);
    await tasks().update({ id: taskA.id }, { openedAt: openedA });
    const rowsBefore = await openTasksOfStep();
    const version = await introducersVersion();

    const res = await admin.post<Preview>('/deadline-policies/admission/introducers/preview', {
      ...terms(5),
      pageSize: 1000,
    });
    expect(res.status).toBe(200);
    const rowA = rowsBefore.find((t) => t.id === taskA.id)!;
    const rowB = rowsBefore.find((t) => t.id === taskB.id)!;
    // 5 calendar days count to the end of the Vietnamese local day: A's is long past, B's ahead.
    const dueA = endOfLocalDay(addDays(localDateOf(openedA.toISOString()), 5));
    const dueB = endOfLocalDay(addDays(localDateOf(rowB.openedAt.toISOString()), 5));
    expect(res.body.tasks.find((t) => t.taskId === taskA.id)).toEqual({
      taskId: taskA.id,
      caseId: a.caseId,
      title: rowA.title,
      orgId: rowA.assigneeOrgId,
      orgName: 'Chi bộ Tổ dân phố số 5',
      status: 'open',
      escalationLevel: 0,
      dueAtBefore: rowA.dueAt.toISOString(),
      dueAtAfter: dueA,
      changed: true,
      becomesOverdue: true,
      escalatesTo: 1,
    });
    expect(res.body.tasks.find((t) => t.taskId === taskB.id)).toMatchObject({
      dueAtBefore: rowB.dueAt.toISOString(),
      dueAtAfter: dueB,
      becomesOverdue: false,
      escalatesTo: null,
    });
    expect(res.body.tasksTotal).toBe(rowsBefore.length);
    expect(res.body.counts.tasks).toBe(rowsBefore.length);
    expect(res.body.counts.cases).toBe(new Set(rowsBefore.map((t) => t.workflowId)).size);
    expect(res.body.counts.becomeOverdue).toBe(res.body.tasks.filter((t) => t.becomesOverdue).length);
    expect(res.body.byOrganisation.reduce((n, o) => n + o.tasks, 0)).toBe(rowsBefore.length);
    expect(res.body.policyVersion).toBe(version);
    // Nothing changed: the policy, every task.
    expect(await introducersVersion()).toBe(version);
    expect((await openTasksOfStep()).map((t) => [t.id, t.dueAt.toISOString(), t.policyVersion])).toEqual(
      rowsBefore.map((t) => [t.id, t.dueAt.toISOString(), t.policyVersion]),
    );

    const runningCases = Number(
      (
        await sys.dataSource.query(
          `SELECT count(*)::int AS n FROM admission_case WHERE status IN ('in_progress', 'probationary')`,
        )
      )[0].n,
    );
    const applied = await admin.put<{ operationId: string; version: number }>(
      '/deadline-policies/admission/introducers',
      {
        ...terms(5),
        scope: 'selected_cases',
        caseIds: [a.caseId],
        previewId: res.body.previewId,
        reason: 'Rút ngắn thời hạn cho hồ sơ đã chậm',
      },
    );
    expect(applied.status).toBe(202);
    const op = await operationDone(applied.body.operationId);
    expect(op.counts).toMatchObject({ cases: 1, retimedCases: 1, retimedTasks: 1 });
    // A: the preview's date, overdue at once (level 1) as the preview said.
    const retimedA = await eventually(
      async () => {
        const row = await tasks().findOneByOrFail({ id: taskA.id });
        return row.status === 'overdue' && row;
      },
      'task A overdue after its re-timing',
      30_000,
    );
    expect([retimedA.dueAt.toISOString(), retimedA.escalationLevel, retimedA.policyVersion]).toEqual([
      dueA,
      1,
      version + 1,
    ]);
    // B: untouched, and pinned to the terms it had.
    expect(await tasks().findOneByOrFail({ id: taskB.id })).toMatchObject({
      dueAt: rowB.dueAt,
      policyVersion: rowB.policyVersion,
      status: 'open',
    });
    const pin = await sys.dataSource
      .getRepository(DeadlinePolicyPinEntity)
      .findOneByOrFail({ caseId: b.caseId, process: 'admission', step: 'introducers' });
    expect([pin.policyVersion, pin.terms.due, pin.operationId]).toEqual([
      version,
      policyBody.due,
      applied.body.operationId,
    ]);
    const m = sys.dataSource.manager;
    expect((await resolveDeadlinePolicy(m, 'admission', 'introducers', rowB.orgPath, b.caseId))?.policy.due).toEqual(
      policyBody.due,
    );
    expect((await resolveDeadlinePolicy(m, 'admission', 'introducers', rowB.orgPath, a.caseId))?.policy.due).toEqual(
      terms(5).due,
    );
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ eventKey: `policy:admission:introducers:v${version + 1}` });
    expect(audit.details).toMatchObject({
      scope: 'selected_cases',
      caseIds: [a.caseId],
      keptCases: runningCases - 1,
      preview: { id: res.body.previewId, counts: res.body.counts, byOrganisation: res.body.byOrganisation },
    });
    expect(audit.comment).toBe('Rút ngắn thời hạn cho hồ sơ đã chậm');
  });

  it('should apply a change to new cases only (no task re-timed, running cases pinned), and a later change to running cases too takes the pins away', async () => {
    const admin = await driver.as('quantri');
    const running = await driver.startFreshCase(sys.dataSource, { fullName: 'Mai Văn Đang Chạy' });
    const { task } = await driver.waitForOpenTask(running.caseId, 'introducers', 'giamsat.hoangmai');
    const before = await tasks().findOneByOrFail({ id: task.id });
    const version = await introducersVersion();
    const res = await admin.put<{ operationId: string }>('/deadline-policies/admission/introducers', {
      ...terms(40),
      scope: 'new_cases_only',
      reason: 'Áp dụng thời hạn mới từ các hồ sơ mới',
    });
    expect(res.status).toBe(202);
    expect((await operationDone(res.body.operationId)).counts).toMatchObject({ cases: 0, retimedCases: 0 });
    expect(await tasks().findOneByOrFail({ id: task.id })).toMatchObject({
      dueAt: before.dueAt,
      policyVersion: version,
    });
    const pins = sys.dataSource.getRepository(DeadlinePolicyPinEntity);
    expect(await pins.findOneByOrFail({ caseId: running.caseId, step: 'introducers' })).toMatchObject({
      policyVersion: version,
    });
    // A case started after the change is timed by the new terms.
    const fresh = await driver.startFreshCase(sys.dataSource, { fullName: 'Vi Thị Hồ Sơ Mới' });
    const { task: freshTask } = await driver.waitForOpenTask(fresh.caseId, 'introducers', 'giamsat.hoangmai');
    const freshRow = await tasks().findOneByOrFail({ id: freshTask.id });
    expect([freshRow.dueAt.toISOString(), freshRow.policyVersion]).toEqual([
      endOfLocalDay(addDays(localDateOf(freshRow.openedAt.toISOString()), 40)),
      version + 1,
    ]);

    // Running cases too: the pin goes, the case is re-timed to the newest terms.
    const again = await admin.put<{ operationId: string }>('/deadline-policies/admission/introducers', {
      ...terms(30),
      reason: 'Áp dụng cho cả hồ sơ đang chạy',
    });
    await operationDone(again.body.operationId);
    expect(await pins.countBy({ process: 'admission', step: 'introducers' })).toBe(0);
    const retimed = await tasks().findOneByOrFail({ id: task.id });
    expect([retimed.dueAt.toISOString(), retimed.policyVersion]).toEqual([
      endOfLocalDay(addDays(localDateOf(before.openedAt.toISOString()), 30)),
      version + 2,
    ]);
  });

  it('should refuse a stale or another change’s preview (409), a case not running in the scope (400), a missing caseIds (400), bad terms (400) and a non-administrator (403)', async () => {
    const admin = await driver.as('quantri');
    const preview = await admin.post<Preview>('/deadline-policies/admission/introducers/preview', terms(12));
    expect(preview.status).toBe(200);
    expect(
      await sys.dataSource.getRepository(DeadlinePolicyPreviewEntity).countBy({ id: preview.body.previewId }),
    ).toBe(1);
    const put = (body: object) =>
      admin.put<ApiErr>('/deadline-policies/admission/introducers', { reason: 'Thử nghiệm', ...body });
    const other = await put({ ...terms(13), previewId: preview.body.previewId });
    expect([other.status, other.body.error.code, other.body.error.field]).toEqual([
      409,
      'POLICY_PREVIEW_MISMATCH',
      'previewId',
    ]);
    const notRunning = await put({ ...terms(12), scope: 'selected_cases', caseIds: [preview.body.previewId] });
    expect([notRunning.status, notRunning.body.error.field]).toEqual([400, 'caseIds.0']);
    const missing = await put({ ...terms(12), scope: 'selected_cases' });
    expect([missing.status, missing.body.error.field]).toEqual([400, 'caseIds']);
    // Applied once, the step's version moves on: the same preview is stale.
    expect((await put({ ...terms(12), previewId: preview.body.previewId })).status).toBe(202);
    const stale = await put({ ...terms(12), previewId: preview.body.previewId });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'POLICY_PREVIEW_STALE']);
    for (const [body, field] of [
      [{ ...terms(12), due: { amount: -1, unit: 'calendar_days' } }, 'due.amount'],
      [{ ...terms(12), pageSize: 0 }, 'pageSize'],
      [{ ...terms(12), orgId: 'x' }, 'orgId'],
      [{ ...terms(12), scope: 'running_too' }, 'body'],
    ] as const) {
      const bad = await admin.post<ApiErr>('/deadline-policies/admission/introducers/preview', body);
      expect([bad.status, bad.body.error.field]).toEqual([400, field]);
    }
    const forbidden = await (
      await driver.as('bantochuc.hoangmai')
    ).post<ApiErr>('/deadline-policies/admission/introducers/preview', terms(12));
    expect(forbidden.status).toBe(403);
  });
});

describe('POST /tasks/:id/repromise: a late step re-promised (issue 14 §3, phiếu hẹn lại)', () => {
  type Table = { key: string; rows: Record<string, unknown>[] };

  it('should let the assignee of an overdue task commit to a new date once, within the working-day limit, and report it as re-promised and kept', async () => {
    // A deadline of 0 hours: a task is overdue as soon as it opens.
    await operationDone(await driver.dueAtOnce('introducers', 'Thử phiếu hẹn lại'));
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Chu Văn Hẹn Lại' });
    const { task } = await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    const tasks = sys.dataSource.getRepository(HumanTaskEntity);
    const overdue = await eventually(
      async () => {
        const row = await tasks.findOneByOrFail({ id: task.id });
        return row.status === 'overdue' && row;
      },
      'the task overdue at once',
      30_000,
    );
    const secretary = await driver.as('bithu.tdp5');
    const today = localDateOf(Date.now());
    const post = (body: object, s = secretary) => s.post<ApiErr>(`/tasks/${task.id}/repromise`, body);
    const reason = 'Chờ người giới thiệu thứ hai về địa phương';
    const past = await post({ dueDate: today, reason });
    expect([past.status, past.body.error.field]).toEqual([400, 'dueDate']);
    // Ten working days at most (TASK_REPROMISE_MAX_WORKING_DAYS): the day after the limit is refused.
    const holidays = await loadHolidayCalendar(sys.dataSource.manager);
    const limit = addWorkingDays({ from: today, days: 10, holidays });
    expect((await post({ dueDate: addDays(limit, 1), reason })).body.error.field).toBe('dueDate');
    expect((await post({ dueDate: limit, reason: 'x' })).body.error.field).toBe('reason');
    expect((await post({ dueDate: limit, reason }, await driver.as('bithu.linhdam'))).status).toBe(403);

    const dueDate = addDays(today, 2);
    const res = await secretary.post<{ dueAt: string; dueAtBefore: string; repromiseCount: number }>(
      `/tasks/${task.id}/repromise`,
      { dueDate, reason },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dueAtBefore: overdue.dueAt.toISOString(),
      dueAt: endOfLocalDay(dueDate),
      repromiseCount: 1,
    });
    const view = await secretary.get<{ status: string; dueAt: string; originalDueAt: string; repromiseCount: number }>(
      `/tasks/${task.id}`,
    );
    expect(view.body).toMatchObject({
      status: 'open',
      dueAt: endOfLocalDay(dueDate),
      originalDueAt: overdue.dueAt.toISOString(),
      repromiseCount: 1,
    });
    // Once (TASK_REPROMISE_MAX_TIMES), and only when overdue.
    const again = await post({ dueDate: addDays(today, 3), reason });
    expect([again.status, again.body.error.code]).toEqual([409, 'TASK_NOT_OVERDUE']);

    const { outcome, data } = await driver.approvingData(task, 'bithu.tdp5', TDP5);
    expect((await secretary.post(`/tasks/${task.id}/complete`, { outcome, data })).status).toBe(200);
    const report = await (
      await driver.as('giamsat.hoangmai')
    ).get<{ tables: Table[] }>(`/reports/tasks?orgId=${HM}&from=${today}&to=${today}`);
    const name = sys.users.find((u) => u.username === 'bithu.tdp5')?.fullName;
    expect(report.body.tables.find((t) => t.key === 'repromise_by_member')?.rows).toContainEqual({
      member: name,
      code: 'HN-HM-HL-TDP5',
      completed: 1,
      onTime: 0,
      repromisedKept: 1,
      late: 0,
    });
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ taskId: task.id, action: 'task.repromised' });
    expect([audit.comment, (audit.details as { dueDate: string }).dueDate]).toEqual([reason, dueDate]);
  });
});
