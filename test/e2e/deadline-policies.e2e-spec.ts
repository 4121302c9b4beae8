import { admissionWorkflowId, deadlinePolicyOperationId } from '@partyflow/contracts';
import { AuditLogEntity, DeadlinePolicyEntity, HumanTaskEntity } from '@partyflow/persistence';
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
