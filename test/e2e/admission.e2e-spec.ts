import {
  addMonths,
  formatLocalDateVi,
  requiredVotes,
  todayLocal,
  voteStepOutcome,
  type VoteStepRule,
} from '@partyflow/domain';
import { demoOrgId, HumanTaskEntity, MemberEntity } from '@partyflow/persistence';
import {
  AdmissionDriver,
  allPages,
  ApiSession,
  eventually,
  startSystem,
  STEPS_TO_CEREMONY,
  type CursorPage,
  type RunningSystem,
} from '@partyflow/testing';

/**
 * End to end over HTTP: the NestJS API, a worker, the Temporal dev server (the real CLI) and
 * PostgreSQL with the demo data, driven as committee members would drive them.
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
const cellTdp5 = demoOrgId('HN-HM-HL-TDP5');

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

type ApiErr = { error: { code: string; message: string; field?: string } };
type TaskWithForm = {
  roster?: { official: number; exempt: number };
  form: { vote?: VoteStepRule & { required: number } };
};

/**
 * Each test owns its case: a new candidate copied from Nguyễn Thu Trang, its case started, then
 * driven through `keys`.
 */
async function freshCase(fullName: string, keys: readonly string[] = []) {
  const started = await driver.startFreshCase(sys.dataSource, { fullName });
  const completed = await driver.completeInOrder(started.caseId, keys, cellTdp5);
  return { ...started, completed };
}

async function candidateNamed(name: string): Promise<string> {
  const s = await driver.as('bithu.tdp5');
  const res = await s.get<{ items: { id: string; fullName: string }[] }>(
    `/members?status=candidate&q=${encodeURIComponent(name)}`,
  );
  expect(res.status).toBe(200);
  return res.body.items[0].id;
}

describe('admission over HTTP (API + worker + dev server + PostgreSQL)', () => {
  it('should start a case and let each assignee complete its task from the inbox until the decision, with the timeline showing every step', async () => {
    const secretary = await driver.as('bithu.tdp5');
    const candidateId = await candidateNamed('Nguyễn Thu Trang');
    const started = await secretary.post<{ caseId: string; workflowId: string }>('/admission-cases', {
      candidateMemberId: candidateId,
      note: 'Hồ sơ đợt 1',
    });
    expect(started.status).toBe(201);
    const { caseId } = started.body;

    // Introducers, background check, the opinions, the votes, appraisal, decision — each by its assignee.
    const completed: { step: string; username: string }[] = [];
    const order = [
      'introducers',
      'background_check',
      'opinion_residence',
      'opinion_mass_org:doan_thanh_nien',
      'cell_vote',
      'grassroots_vote',
      'appraisal',
      'decision',
    ];
    for (const key of order) {
      const { task, username } = await driver.waitForOpenTask(caseId, key, 'giamsat.hoangmai');
      const { outcome, data } = await driver.approvingData(task, username, cellTdp5);
      const res = await (
        await driver.as(username)
      ).post<{ outcome: string }>(`/tasks/${task.id}/complete`, { outcome, data, comment: `Ý kiến của ${username}` });
      expect({ key, status: res.status, body: res.body }).toMatchObject({ key, status: 200, body: { outcome } });
      completed.push({ step: task.step, username });
    }
    // The residence opinion comes from the committee of the cell where the candidate lives (Linh Đàm).
    expect(['bithu.linhdam', 'chiuy.linhdam']).toContain(
      completed.find((c) => c.step === 'opinion_residence')?.username,
    );
    expect(completed.find((c) => c.step === 'decision')?.username).toBe('thuongvu.hoangmai');

    await driver.waitForOpenTask(caseId, 'ceremony', 'giamsat.hoangmai');
    const view = await driver.caseView(caseId, 'bithu.tdp5');
    expect(view.currentStep).toBe('ceremony');
    const timeline = await secretary.get<
      { action: string; step: string | null; actor: string; outcome: string | null; comment: string | null }[]
    >(`/admission-cases/${caseId}/timeline`);
    expect(timeline.status).toBe(200);
    const done = timeline.body.filter((e) => e.action === 'task.completed');
    // Completed one after the other above, so the timeline holds exactly that order.
    expect(done.map((e) => e.step)).toEqual([
      'introducers',
      'background_check',
      'opinion_residence',
      'opinion_mass_org',
      'cell_vote',
      'grassroots_vote',
      'appraisal',
      'decision',
    ]);
    for (const e of done) expect(e.actor).toBeTruthy();
    expect(timeline.body.some((e) => e.action === 'case.started' && e.actor)).toBe(true);
    expect(timeline.body.some((e) => e.action === 'case.introducers_verified' && e.outcome === 'passed')).toBe(true);
    const steps = (
      await secretary.get<{ steps: { step: string; deadlineMet: boolean | null; completedBy: string | null }[] }>(
        `/admission-cases/${caseId}`,
      )
    ).body.steps;
    // Every step was completed at once, well inside its limit; the ceremony is still open.
    expect(Object.fromEntries(steps.map((x) => [x.step, x.deadlineMet]))).toEqual({
      introducers: true,
      background_check: true,
      opinion_residence: true,
      opinion_mass_org: true,
      cell_vote: true,
      grassroots_vote: true,
      appraisal: true,
      decision: true,
      ceremony: null,
    });
    // The decision took the admitted candidate's dossier forward; the member is still a candidate until the ceremony.
    expect((await sys.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: candidateId })).status).toBe(
      'candidate',
    );
  });

  it('should answer 403 when a user of another organisation completes a task', async () => {
    const { caseId } = await freshCase('Đỗ Thị Ngoại Tổ');
    const { task } = await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    const outsider = await driver.as('bithu.longbien');
    const res = await outsider.post<ApiErr>(`/tasks/${task.id}/complete`, { outcome: 'submitted', data: {} });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const view = await outsider.get<ApiErr>(`/admission-cases/${caseId}`);
    expect(view.status).toBe(403);
    expect((await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id })).status).toBe('open');
  });

  it('should answer 409 when a task is completed twice, naming who completed it', async () => {
    const {
      caseId,
      completed: [first],
    } = await freshCase('Đỗ Văn Hai Lần', ['introducers']);
    const view = await driver.caseView(caseId, 'bithu.tdp5');
    const introducers = view.steps.find((s) => s.step === 'introducers');
    const completedBy = (
      await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: introducers?.taskId })
    ).completedByName;
    expect(completedBy).toBe(sys.users.find((u) => u.username === first.username)?.fullName);
    const res = await (
      await driver.as(first.username)
    ).post<ApiErr>(`/tasks/${introducers?.taskId}/complete`, { outcome: 'submitted', data: { introducers: [] } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('TASK_NOT_OPEN');
    expect(res.body.error.message).toMatch(new RegExp(`^Nhiệm vụ đã hoàn thành bởi ${completedBy} lúc `));
  });

  it('should answer 400 naming the field the workflow refuses when a vote outcome disagrees with its counts (typed refusal, issue 7 §7) [R4]', async () => {
    const { caseId } = await freshCase('Đỗ Thị Phiếu Bầu', STEPS_TO_CEREMONY.slice(0, 4));
    const { task, username } = await driver.waitForOpenTask(caseId, 'cell_vote', 'giamsat.hoangmai');
    const { official, exempt } = task.roster as { official: number; exempt: number };
    const s = await driver.as(username);
    const noMajority = await s.post<ApiErr>(`/tasks/${task.id}/complete`, {
      outcome: 'approved',
      data: { votes: { yes: 0, no: official - exempt }, minutesRef: 'BB-02' },
    });
    expect(noMajority.status).toBe(400);
    expect(noMajority.body.error).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'outcome',
      message: `outcome: kết quả biểu quyết (0 tán thành / ${official - exempt} đảng viên chính thức được tính) tương ứng với 'rejected', không phải 'approved'.`,
    });
    const tooMany = await s.post<ApiErr>(`/tasks/${task.id}/complete`, {
      outcome: 'approved',
      data: { votes: { yes: official, no: official }, minutesRef: 'BB-02' },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'data.votes' });
    expect(await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id })).toMatchObject({
      status: 'open',
      outcome: null,
    });
  });

  it('should answer 400 naming the field for malformed bodies, and write nothing', async () => {
    const { caseId } = await freshCase('Đỗ Thị Sai Mẫu', STEPS_TO_CEREMONY);
    const { task } = await driver.waitForOpenTask(caseId, 'ceremony', 'giamsat.hoangmai');
    const s = await driver.as('bithu.tdp5');
    const cases: [unknown, string][] = [
      [{ data: { heldOn: '2026-12-01' } }, 'outcome'],
      [{ outcome: 'admitted', data: { heldOn: '2026-12-01' } }, 'outcome'],
      [{ outcome: 'held', data: { heldOn: '01/12/2026' } }, 'data.heldOn'],
      [{ outcome: 'held' }, 'data.heldOn'],
      [{ outcome: 'held', data: { heldOn: '2026-12-01' }, extra: 1 }, 'body'],
      [{ outcome: 42, data: {} }, 'outcome'],
    ];
    for (const [body, field] of cases) {
      const res = await s.post<ApiErr>(`/tasks/${task.id}/complete`, body);
      expect({ body, status: res.status, code: res.body.error.code, field: res.body.error.field }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
      });
      expect(res.body.error.message.startsWith(`${field}: `) && res.body.error.message.length > field.length + 2).toBe(
        true,
      );
    }
    const raw = await s.request<ApiErr>('POST', `/tasks/${task.id}/complete`, undefined, '{"outcome": "held", ');
    expect(raw.status).toBe(400);
    expect(raw.body.error.code).toBe('MALFORMED_REQUEST');
    const start = await s.post<ApiErr>('/admission-cases', { candidateMemberId: 'not-a-uuid' });
    expect(start).toMatchObject({ status: 400, body: { error: { field: 'candidateMemberId' } } });
    const row = await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id });
    expect(row.status).toBe('open');
    expect(row.outcome).toBeNull();
  });

  it('should answer 404 for unknown ids and 401 without a token', async () => {
    const s = await driver.as('bithu.tdp5');
    const unknown = '11111111-1111-4111-8111-111111111111';
    expect((await s.get(`/tasks/${unknown}`)).status).toBe(404);
    expect((await s.post(`/tasks/${unknown}/complete`, { outcome: 'held' })).status).toBe(404);
    expect((await s.get(`/admission-cases/${unknown}`)).status).toBe(404);
    expect((await s.post('/admission-cases', { candidateMemberId: unknown })).status).toBe(404);
    expect((await s.get('/tasks/not-a-uuid')).status).toBe(400);
    expect((await ApiSession.anonymous(sys.baseUrl).get('/tasks/mine')).status).toBe(401);
    expect(
      (await ApiSession.anonymous(sys.baseUrl).post('/auth/login', { username: 'bithu.tdp5', password: 'sai' })).status,
    ).toBe(401);
  });

  it('should refuse a second open case for the same candidate with 409', async () => {
    const s = await driver.as('bithu.tdp5');
    const { candidateId } = await freshCase('Đỗ Văn Trùng Hồ Sơ');
    const res = await s.post<ApiErr>('/admission-cases', { candidateMemberId: candidateId });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CASE_ALREADY_OPEN');
  });

  it('should let an administrator change a deadline policy, re-time the open task of a running case, and audit the change', async () => {
    const admin = await driver.as('quantri');
    const { caseId } = await freshCase('Đỗ Thị Gia Hạn', STEPS_TO_CEREMONY);
    const { task } = await driver.waitForOpenTask(caseId, 'ceremony', 'giamsat.hoangmai');
    const before = await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id });
    const bad = await admin.put<ApiErr>('/deadline-policies/admission/ceremony', {
      due: { amount: 45, unit: 'weeks' },
      remindBefore: { amount: 2, unit: 'working_days' },
      escalateEvery: { amount: 5, unit: 'working_days' },
      maxEscalationLevel: 2,
      reason: 'Thử',
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { field: 'due.unit' } } });
    const forbidden = await (
      await driver.as('bithu.tdp5')
    ).put<ApiErr>('/deadline-policies/admission/ceremony', {
      due: { amount: 45, unit: 'working_days' },
      remindBefore: { amount: 2, unit: 'working_days' },
      escalateEvery: { amount: 5, unit: 'working_days' },
      maxEscalationLevel: 2,
      reason: 'Thử',
    });
    expect(forbidden.status).toBe(403);
    // Other tests of this file may leave cases waiting on the ceremony too: every one of them is re-timed, once.
    const [{ waiting }] = (await sys.dataSource.query(
      `SELECT COUNT(DISTINCT workflow_id)::int AS waiting FROM human_task WHERE process = 'admission' AND step = 'ceremony' AND status IN ('open', 'overdue')`,
    )) as { waiting: number }[];
    const res = await admin.put<{ version: number; operationId: string }>('/deadline-policies/admission/ceremony', {
      due: { amount: 45, unit: 'working_days' },
      remindBefore: { amount: 3, unit: 'working_days' },
      escalateEvery: { amount: 5, unit: 'working_days' },
      maxEscalationLevel: 2,
      reason: 'Ban Thường vụ cho phép kéo dài thời hạn tổ chức lễ kết nạp',
    });
    // Issue 7 §4: the re-timing runs in a durable workflow; its counts are the re-timings the cases confirmed.
    expect(res.status).toBe(202);
    const op = await eventually(
      async () => {
        const o = await admin.get<{
          status: string;
          counts: { retimedCases: number; retimedTasks: number; closedCases: number; failedCases: number };
        }>(`/deadline-policies/operations/${res.body.operationId}`);
        return o.body.status === 'completed' && o;
      },
      'the re-timing operation completing',
      20_000,
    );
    expect(waiting).toBeGreaterThanOrEqual(1); // this test's own case
    expect(op.body).toMatchObject({
      status: 'completed',
      counts: { retimedCases: waiting, retimedTasks: waiting, closedCases: 0, failedCases: 0 },
    });
    const after = await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id });
    expect(after.dueAt.getTime()).toBeGreaterThan(before.dueAt.getTime());
    expect(after.policyVersion).toBe(res.body.version);
    const list = await (
      await driver.as('bithu.tdp5')
    ).get<{ step: string; version: number; due: { amount: number } }[]>('/deadline-policies');
    expect(list.body.find((p) => p.step === 'ceremony')).toMatchObject({
      version: res.body.version,
      due: { amount: 45 },
    });
  });

  it('should show supervisors the overdue tasks of their subtree only, and refuse others', async () => {
    // Push the introducers task's due date into the past as if the limit had passed.
    const { caseId } = await freshCase('Đỗ Văn Quá Hạn');
    const { task } = await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    await sys.dataSource
      .getRepository(HumanTaskEntity)
      .update({ id: task.id }, { dueAt: new Date(Date.now() - 86_400_000) });
    const district = await allPages<{ id: string }>(await driver.as('giamsat.hoangmai'), '/supervision/overdue-tasks');
    expect(district.map((t) => t.id)).toContain(task.id);
    const longBien = sys.users.find((u) =>
      u.roles.some((r) => r.role === 'supervisor' && r.orgCode.startsWith('HN-LB')),
    );
    if (longBien) {
      const other = await allPages<{ id: string }>(await driver.as(longBien.username), '/supervision/overdue-tasks');
      expect(other.map((t) => t.id)).not.toContain(task.id);
    }
    const notSupervisor = await (await driver.as('bithu.tdp5')).get<ApiErr>('/supervision/overdue-tasks');
    expect(notSupervisor.status).toBe(403);
    const mine = await allPages<{ id: string; overdue: boolean }>(
      await driver.as('bithu.tdp5'),
      '/tasks/mine?overdue=true',
    );
    expect(mine.find((t) => t.id === task.id)?.overdue).toBe(true);
  });

  it('should answer a task with the form of its step: labelled outcomes, the labelled JSON Schema of its data, and on a vote the roster and the rule the workflow counts it with (issue 10 §1) [R13][R14][R1]', async () => {
    const { caseId } = await freshCase('Đỗ Thị Biểu Mẫu', STEPS_TO_CEREMONY.slice(0, 4));
    const { task, username } = await driver.waitForOpenTask(caseId, 'cell_vote', 'giamsat.hoangmai');
    const s = await driver.as(username);
    const res = await s.get<TaskWithForm>(`/tasks/${task.id}`);
    expect(res.status).toBe(200);
    const roster = res.body.roster!;
    const eligible = roster.official - roster.exempt;
    const threshold = { numerator: 2, denominator: 3, strict: false };
    expect(res.body).toMatchObject({
      process: 'admission',
      processLabel: 'Kết nạp đảng viên',
      step: 'cell_vote',
      stepLabel: 'Chi bộ biểu quyết đề nghị kết nạp',
      subjectName: 'Đỗ Thị Biểu Mẫu',
      outcome: null,
      outcomeLabel: null,
      form: {
        outcomes: [
          { value: 'approved', label: 'Thông qua' },
          { value: 'rejected', label: 'Không chấp nhận' },
        ],
        dataRequired: true,
        schema: {
          type: 'object',
          title: 'Chi bộ biểu quyết đề nghị kết nạp',
          required: ['votes', 'minutesRef'],
          additionalProperties: false,
          properties: {
            roster: { title: 'Danh sách đảng viên có quyền biểu quyết', readOnly: true, default: roster },
            votes: {
              title: 'Kết quả biểu quyết',
              required: ['yes', 'no'],
              properties: {
                yes: { type: 'integer', minimum: 0, title: 'Số phiếu tán thành' },
                no: { type: 'integer', minimum: 0, title: 'Số phiếu không tán thành' },
              },
            },
            minutesRef: { type: 'string', minLength: 1, title: 'Số biên bản họp' },
          },
        },
        vote: {
          threshold,
          excludeExempt: true,
          outcomeFor: { passed: 'approved', rejected: 'rejected', inconclusive: 'rejected' },
          roster,
          eligible,
          required: requiredVotes({ eligible, threshold }),
          thresholdLabel: '≥ 2/3',
        },
      },
    });
    // The page decides with the same pure function as the workflow: one vote short is refused as 'approved'.
    const rule = res.body.form.vote!;
    const short = { yes: rule.required - 1, no: 0 };
    expect(voteStepOutcome({ rule, roster, votes: short }).outcome).toBe('rejected');
    const refused = await s.post<ApiErr>(`/tasks/${task.id}/complete`, {
      outcome: 'approved',
      data: { votes: short, minutesRef: 'BB-03' },
    });
    expect(refused).toMatchObject({ status: 400, body: { error: { field: 'outcome' } } });
    const enough = { yes: rule.required, no: 0 };
    const outcome = voteStepOutcome({ rule, roster, votes: enough }).outcome;
    expect(outcome).toBe('approved');
    const done = await s.post(`/tasks/${task.id}/complete`, { outcome, data: { votes: enough, minutesRef: 'BB-03' } });
    expect(done.status).toBe(200);
    const after = await s.get<TaskWithForm>(`/tasks/${task.id}`);
    expect(after.body).toMatchObject({ status: 'completed', outcome: 'approved', outcomeLabel: 'Thông qua' });
    // Outside the assignee's organisation the task is not shown.
    expect((await (await driver.as('bithu.longbien')).get<ApiErr>(`/tasks/${task.id}`)).status).toBe(403);
  });

  it("should find inbox tasks by the subject's name ignoring diacritics and case, list overdue first and count them per process (issue 10 §4)", async () => {
    const a = await freshCase('Nguyễn Thị Tìm Kiếm', ['introducers']);
    const b = await freshCase('Nguyễn Thị Tìm Thấy');
    const { task: taskB, username } = await driver.waitForOpenTask(b.caseId, 'introducers', 'giamsat.hoangmai');
    const taskA = (
      await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ caseId: a.caseId, taskKey: 'introducers' })
    ).id;
    const s = await driver.as(username);
    type Row = { id: string; subjectName: string | null; outcomeLabel: string | null; processLabel: string };
    const ids = async (query: string) => {
      const res = await s.get<CursorPage<Row>>(`/tasks/mine?${query}`);
      expect(res.status).toBe(200);
      expect(res.body.next).toBeNull();
      return res.body.items.map((t) => t.id);
    };
    const exact = await s.get<CursorPage<Row>>(`/tasks/mine?q=${encodeURIComponent('NGUYEN thi tim thay')}`);
    expect(exact.body.items.map(({ id, subjectName, processLabel }) => ({ id, subjectName, processLabel }))).toEqual([
      { id: taskB.id, subjectName: 'Nguyễn Thị Tìm Thấy', processLabel: 'Kết nạp đảng viên' },
    ]);
    expect(await ids(`q=${encodeURIComponent('nguyễn thị tìm')}`)).toEqual([taskB.id]); // A's task is completed
    expect(await ids(`status=all&q=${encodeURIComponent('  nguyen  thi TIM kiem ')}`)).toEqual([taskA]);
    expect(await ids(`q=${encodeURIComponent('tim%')}`)).toEqual([]);
    // The title is searched too ("Người giới thiệu: …").
    expect((await ids(`status=all&q=${encodeURIComponent('nguoi gioi thieu: nguyen thi tim')}`)).sort()).toEqual(
      [taskA, taskB.id].sort(),
    );

    // A completed task due three days ago and an open one due yesterday: the overdue one comes first.
    const repo = sys.dataSource.getRepository(HumanTaskEntity);
    await repo.update({ id: taskA }, { dueAt: new Date(Date.now() - 3 * 86_400_000) });
    await repo.update({ id: taskB.id }, { dueAt: new Date(Date.now() - 86_400_000) });
    const all = await s.get<CursorPage<Row>>(`/tasks/mine?status=all&q=${encodeURIComponent('nguyen thi tim')}`);
    expect(all.body).toMatchObject({ pageSize: 50, next: null, total: 2, totalExact: true });
    expect(all.body.items.map((t) => [t.id, t.outcomeLabel])).toEqual([
      [taskB.id, null],
      [taskA, 'Đã nộp'],
    ]);

    const counts = await s.get(`/tasks/mine/counts?status=all&q=${encodeURIComponent('nguyen thi tim')}`);
    expect(counts).toMatchObject({ status: 200 });
    expect(counts.body).toEqual({
      total: 2,
      overdue: 1,
      byProcess: [
        {
          process: 'admission',
          label: 'Kết nạp đảng viên',
          total: 2,
          overdue: 1,
          steps: [{ step: 'introducers', label: 'Giới thiệu người vào Đảng', total: 2, overdue: 1 }],
        },
        {
          process: 'screening',
          label: 'Sàng lọc, đưa đảng viên không còn đủ tư cách ra khỏi Đảng',
          total: 0,
          overdue: 0,
          steps: [],
        },
        { process: 'transfer', label: 'Chuyển sinh hoạt đảng', total: 0, overdue: 0, steps: [] },
        { process: 'inspection', label: 'Kiểm tra chi bộ định kỳ 6 tháng', total: 0, overdue: 0, steps: [] },
      ],
    });
    const open = await s.get<{ total: number; overdue: number }>(
      `/tasks/mine/counts?q=${encodeURIComponent('Nguyễn Thị Tìm')}`,
    );
    expect([open.body.total, open.body.overdue]).toEqual([1, 1]);

    // Another organisation's secretary finds nothing; bad filters name the field; no token, 401.
    const outsider = await driver.as('bithu.longbien');
    expect(
      (await outsider.get<CursorPage<Row>>(`/tasks/mine?status=all&q=${encodeURIComponent('nguyen thi tim')}`)).body,
    ).toEqual({ items: [], pageSize: 50, next: null, total: 0, totalExact: true });
    const outsiderCounts = await outsider.get<{ total: number }>(
      `/tasks/mine/counts?q=${encodeURIComponent('nguyen thi tim')}`,
    );
    expect(outsiderCounts.body.total).toBe(0);
    const tooLong = await s.get<ApiErr>(`/tasks/mine?q=${'a'.repeat(201)}`);
    expect(tooLong).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', field: 'query.q' } } });
    const badStatus = await s.get<ApiErr>('/tasks/mine/counts?status=late');
    expect(badStatus).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', field: 'query.status' } },
    });
    expect((await ApiSession.anonymous(sys.baseUrl).get('/tasks/mine/counts')).status).toBe(401);
  });

  it('should walk the inbox by cursor one task a page in its order: overdue first, then by due date, then by id (issue 13 §3)', async () => {
    const names = ['Trần Thị Phân Trang', 'Lê Văn Phân Trang', 'Phạm Minh Phân Trang', 'Vũ Thu Phân Trang'];
    const cases = [];
    for (const name of names) cases.push(await freshCase(name));
    const opened = await Promise.all(
      cases.map(({ caseId }) => driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai')),
    );
    const [t1, t2, t3, t4] = opened.map((o) => o.task.id);
    const s = await driver.as(opened[0].username);
    // Due in five days, two days ago, one day ago (two tasks at the same instant: the id decides), in two days.
    const now = Date.now();
    const yesterday = new Date(now - 86_400_000);
    const repo = sys.dataSource.getRepository(HumanTaskEntity);
    await repo.update({ id: t1 }, { dueAt: new Date(now + 5 * 86_400_000) });
    await repo.update({ id: t2 }, { dueAt: new Date(now - 2 * 86_400_000) });
    await repo.update({ id: t3 }, { dueAt: yesterday });
    await repo.update({ id: t4 }, { dueAt: yesterday });
    const [sameFirst, sameSecond] = [t3, t4].sort();
    const expected = [t2, sameFirst, sameSecond, t1].map((id) => [id, id !== t1]);

    type Row = { id: string; overdue: boolean };
    const query = `q=${encodeURIComponent('phan trang')}`;
    const walked: [string, boolean][] = [];
    let pages = 0;
    for (let cursor: string | null = ''; cursor !== null; pages++) {
      const res: { status: number; body: CursorPage<Row> } = await s.get<CursorPage<Row>>(
        `/tasks/mine?${query}&pageSize=1&cursor=${cursor}`,
      );
      expect(res.status).toBe(200);
      expect([res.body.items.length, res.body.pageSize, res.body.total, res.body.totalExact]).toEqual([1, 1, 4, true]);
      walked.push(...res.body.items.map((t): [string, boolean] => [t.id, t.overdue]));
      cursor = res.body.next;
    }
    expect(pages).toBe(4);
    expect(walked).toEqual(expected);
    // Two a page: the same order, the second page the last.
    const first = await s.get<CursorPage<Row>>(`/tasks/mine?${query}&pageSize=2`);
    const second = await s.get<CursorPage<Row>>(`/tasks/mine?${query}&pageSize=2&cursor=${first.body.next}`);
    expect([...first.body.items, ...second.body.items].map((t) => t.id)).toEqual(expected.map(([id]) => id));
    expect(second.body.next).toBeNull();
    // The filters still apply to every page: overdue only.
    const overdue = await s.get<CursorPage<Row>>(`/tasks/mine?${query}&overdue=true&pageSize=2`);
    expect(overdue.body).toMatchObject({ total: 3, totalExact: true, next: expect.any(String) });
    expect(overdue.body.items.map((t) => t.id)).toEqual([t2, sameFirst]);

    // A cursor of another list, tampered with or garbage, a page size out of range, an unknown key: 400.
    for (const [bad, field] of [
      ['cursor=garbage', 'query.cursor'],
      [`cursor=${Buffer.from(JSON.stringify(['0', yesterday.toISOString()])).toString('base64url')}`, 'query.cursor'],
      [`cursor=${Buffer.from(JSON.stringify(['0', 'x', t1])).toString('base64url')}`, 'query.cursor'],
      ['pageSize=0', 'query.pageSize'],
      ['pageSize=201', 'query.pageSize'],
      ['page=2', 'query'],
    ]) {
      const res = await s.get<ApiErr>(`/tasks/mine?${bad}`);
      expect([bad, res.status, res.body.error.code, res.body.error.field]).toEqual([
        bad,
        400,
        'VALIDATION_FAILED',
        field,
      ]);
    }
    // The counts take the filters alone, as before.
    const counts = await s.get<ApiErr>('/tasks/mine/counts?pageSize=1');
    expect([counts.status, counts.body.error.field]).toEqual([400, 'query']);
  });

  it('should serve the OpenAPI document', async () => {
    const res = await fetch(`${sys.baseUrl}/docs-json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/auth/login',
        '/tasks/mine',
        '/tasks/mine/counts',
        '/tasks/{id}/complete',
        '/admission-cases',
        '/admission-cases/{id}/timeline',
        '/supervision/overdue-tasks',
        '/deadline-policies/{process}/{step}',
      ]),
    );
  });

  it('should declare the success answer of every operation with its schema, named for the generated client (issue 10)', async () => {
    type Operation = { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
    const doc = (await (await fetch(`${sys.baseUrl}/docs-json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const undeclared: string[] = [];
    let operations = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        operations++;
        // A download (issue 14 §7: a document as DOCX or PDF) declares its files as binary strings instead.
        const binary = (r: { content?: Record<string, { schema?: unknown }> }) =>
          Object.values(r.content ?? {}).length > 0 &&
          Object.values(r.content ?? {}).every(
            (c) => JSON.stringify(c.schema) === '{"type":"string","format":"binary"}',
          );
        const ok = Object.entries(op.responses ?? {}).some(
          ([status, r]) => /^2\d\d$/.test(status) && (!!r.content?.['application/json']?.schema || binary(r)),
        );
        if (!ok) undeclared.push(`${method} ${path}`);
      }
    }
    expect(undeclared).toEqual([]);
    // issue 12 §5: + PUT /users/{id}/mail; issue 14: + the documents (4), the deadline preview, the audit verification,
    // the proxy grants (5, with the candidates), the re-promise, the task reassignments (2) and the substitutions
    // (5, with the candidates)
    expect(operations).toBe(112);
    // A page by cursor (issue 13 §3).
    expect(doc.paths['/tasks/mine'].get.responses['200'].content?.['application/json'].schema).toEqual({
      $ref: '#/components/schemas/TaskPage',
    });
    expect(Object.keys(doc.components.schemas.TaskPage.properties ?? {})).toEqual([
      'items',
      'pageSize',
      'next',
      'total',
      'totalExact',
    ]);
    expect(doc.components.schemas.OrganisationNode.properties?.children).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/OrganisationNode' },
    });
    expect(Object.keys(doc.paths['/reports/{kind}'].get.responses['200'].content ?? {})).toEqual([
      'application/json',
      'text/csv; charset=utf-8',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });
});

describe('evidence freshness over HTTP (issue 14 §4)', () => {
  it('should hold the cell vote when the course certificate has expired, show why on the case and on the refresh task, refuse an expired renewal naming data.certifiedOn, and open the vote once a valid one is recorded [R15][R20][A: 60 months]', async () => {
    // The certificate on the record is replaced, between the opinions and the vote, by one issued 61 months ago.
    const {
      caseId,
      candidateId,
      expiredOn: expired,
      task,
      username,
    } = await driver.caseHeldForCertificate(sys.dataSource, 'Phạm Thu Hiền', cellTdp5);
    const today = todayLocal(Date.now());
    expect(username).toBe('bithu.tdp5');
    const reason = `Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng ngày ${formatLocalDateVi(expired)} chỉ có giá trị 60 tháng, đến hết ngày ${formatLocalDateVi(addMonths(expired, 60))}; ngày xét ${formatLocalDateVi(today)} đã quá hạn.`;
    const secretary = await driver.as(username);
    const detail = await secretary.get<{
      stepLabel: string;
      payload: { evidenceRefresh: Record<string, string> };
      form: { outcomes: { value: string; label: string }[] };
    }>(`/tasks/${task.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.stepLabel).toBe('Bổ sung giấy chứng nhận bồi dưỡng nhận thức về Đảng còn hiệu lực');
    expect(detail.body.payload.evidenceRefresh).toEqual({
      heldStep: 'cell_vote',
      heldStepLabel: 'Chi bộ biểu quyết đề nghị kết nạp',
      evidence: 'course_certificate',
      reason,
    });
    expect(detail.body.form.outcomes).toEqual([{ value: 'renewed', label: 'Đã bổ sung giấy còn hiệu lực' }]);
    const held = await driver.caseView(caseId, 'giamsat.hoangmai');
    expect((held as unknown as { workflowState: { evidenceHold: unknown } }).workflowState.evidenceHold).toEqual({
      step: 'cell_vote',
      since: expect.any(String),
      stale: [
        {
          key: 'course_certificate',
          kind: 'course_certificate',
          label: 'Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng',
          datedOn: expired,
          validUntil: addMonths(expired, 60),
          reason,
        },
      ],
    });
    expect(held.steps.map((s) => s.taskKey)).not.toContain('cell_vote');

    const renew = (certifiedOn: string) =>
      secretary.post<ApiErr>(`/tasks/${task.id}/complete`, {
        outcome: 'renewed',
        data: { certifiedOn, certificateRef: 'GCN-88/TTCT quận Hoàng Mai' },
      });
    const refused = await renew(expired);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'data.certifiedOn' });
    expect((await renew(today)).status).toBe(200);

    await driver.waitForOpenTask(caseId, 'cell_vote', 'giamsat.hoangmai');
    const candidate = await sys.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: candidateId });
    expect([candidate.courseCertificateIssuedOn, candidate.courseCertificateNumber]).toEqual([
      today,
      'GCN-88/TTCT quận Hoàng Mai',
    ]);
    const after = await driver.caseView(caseId, 'giamsat.hoangmai');
    expect(
      (after as unknown as { workflowState: { evidenceHold?: unknown } }).workflowState.evidenceHold,
    ).toBeUndefined();
  });
});
