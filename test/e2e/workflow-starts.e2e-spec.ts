import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '@partyflow/config';
import { admissionWorkflowId } from '@partyflow/contracts';
import { toLocalDate } from '@partyflow/domain';
import {
  AdmissionCaseEntity,
  AuditLogEntity,
  DelegationGrantEntity,
  demoOrgId,
  HumanTaskEntity,
  InspectionProgrammeEntity,
} from '@partyflow/persistence';
import {
  AdmissionDriver,
  ApiSession,
  copyDemoCandidate,
  startSystem,
  type RunningSystem,
  eventually,
} from '@partyflow/testing';
import { createApiApp } from '../../apps/api/src/api.factory';

/**
 * Issue 7 §3 "Starting workflows safely" and §4 "Authority that cannot drift", over HTTP with the
 * real dev server, worker and PostgreSQL. Each test opens its own candidate (a copy of a demo
 * candidate of Tổ dân phố số 5), so no test depends on another's case.
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
const TDP5 = demoOrgId('HN-HM-HL-TDP5');
const HM = demoOrgId('HN-HM');
const HL = demoOrgId('HN-HM-HL');
const DAY = 86_400_000;

type ApiErr = { error: { code: string; message: string; field?: string } };

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

/** A new candidate in Tổ dân phố số 5 with the records of Nguyễn Thu Trang (passes [seed:001]). */
const newCandidate = (fullName: string) => copyDemoCandidate(sys.dataSource, { fullName });

/**
 * A second API over the same database whose Temporal client points at a port nobody listens on: its
 * Temporal calls really fail.
 */
async function withDeadTemporalApi(fn: (baseUrl: string) => Promise<void>): Promise<void> {
  const dead = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }), namespace: 'default' });
  const config = sys.config;
  let app: INestApplication | undefined;
  try {
    app = await createApiApp(
      {
        // Three short tries (TEMPORAL_CALL_TIMEOUT_MS): the answer is the same 503, without waiting 3 × 5 s.
        config: { ...config, temporal: { ...config.temporal, call: { attempts: 3, timeoutMs: 400 } }, databaseUrl: '' },
        dataSource: sys.dataSource,
        client: dead,
      },
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    await fn((await app.getUrl()).replace('[::1]', '127.0.0.1'));
  } finally {
    await app?.close();
    await dead.connection.close().catch(() => undefined);
  }
}

async function driveUntil(caseId: string, stopAt: string): Promise<void> {
  const done = new Set<string>();
  await eventually(
    async () => {
      const view = await driver.caseView(caseId, 'giamsat.hoangmai');
      const open = view.steps.filter((s) => s.status === 'open' || s.status === 'overdue');
      if (open.some((s) => s.taskKey === stopAt)) return true;
      const next = open.find((s) => !done.has(s.taskId));
      if (!next) return undefined;
      const { task, username } = await driver.waitForOpenTask(caseId, next.taskKey, 'giamsat.hoangmai');
      const { outcome, data } = await driver.approvingData(task, username, TDP5);
      const res = await (await driver.as(username)).post(`/tasks/${task.id}/complete`, { outcome, data });
      expect({ key: next.taskKey, status: res.status }).toEqual({ key: next.taskKey, status: 200 });
      done.add(next.taskId);
      return undefined;
    },
    `case ${caseId} reaching ${stopAt}`,
    120_000,
  );
}

describe('starting workflows safely [issue 7 §3]', () => {
  it('should let the case proceed, with no CaseNotFound and no row stuck in progress, when the worker is faster than the commit', async () => {
    // A test-only deferred trigger makes every commit of a new case take 2 s: under the old code the
    // workflow was started inside the transaction and its first activity ran before the row existed.
    await sys.dataSource.query(`
      CREATE FUNCTION test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(2); RETURN NULL; END $$;
      CREATE CONSTRAINT TRIGGER test_slow_commit AFTER INSERT ON admission_case DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_slow_commit();`);
    try {
      const candidateId = await newCandidate('Đỗ Thị Nhanh');
      const started = await (
        await driver.as('bithu.tdp5')
      ).post<{ caseId: string; workflowId: string }>('/admission-cases', { candidateMemberId: candidateId });
      expect(started.status).toBe(201);
      const { caseId, workflowId } = started.body;
      expect(workflowId).toBe(admissionWorkflowId(caseId));
      const { task } = await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
      expect(task.step).toBe('introducers');
      const description = await sys.env.client.workflow.getHandle(workflowId).describe();
      expect(description.status.name).toBe('RUNNING');
      expect(await sys.dataSource.getRepository(AdmissionCaseEntity).findOneByOrFail({ id: caseId })).toMatchObject({
        status: 'in_progress',
        currentStep: 'introducers',
      });
      expect(
        await sys.dataSource
          .getRepository(AuditLogEntity)
          .countBy({ caseId, action: 'case.eligibility_checked', outcome: 'eligible' }),
      ).toBe(1);
    } finally {
      await sys.dataSource.query('DROP TRIGGER test_slow_commit ON admission_case; DROP FUNCTION test_slow_commit();');
    }
  });

  it('should answer 503 WORKFLOW_START_FAILED, mark the committed row start_failed with an audit entry, and let the candidate open a new case when Temporal fails after the commit', async () => {
    await withDeadTemporalApi(async (deadUrl) => {
      const candidateId = await newCandidate('Lương Văn Chờ');
      const secretary = await ApiSession.login(deadUrl, 'bithu.tdp5');
      const refused = await secretary.post<ApiErr>('/admission-cases', { candidateMemberId: candidateId });
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('WORKFLOW_START_FAILED');
      expect(refused.body.error.message).toContain('Lương Văn Chờ');

      const rows = await sys.dataSource.getRepository(AdmissionCaseEntity).findBy({ candidateMemberId: candidateId });
      expect(rows.map((r) => r.status)).toEqual(['start_failed']);
      expect(rows[0].endReason).toContain(admissionWorkflowId(rows[0].id));
      expect(
        await sys.dataSource.getRepository(AuditLogEntity).countBy({ caseId: rows[0].id, action: 'case.start_failed' }),
      ).toBe(1);

      // The marked row blocks nobody: the candidate's new case starts through the healthy API.
      const again = await (
        await driver.as('bithu.tdp5')
      ).post<{ caseId: string }>('/admission-cases', { candidateMemberId: candidateId });
      expect(again.status).toBe(201);
      await driver.waitForOpenTask(again.body.caseId, 'introducers', 'giamsat.hoangmai');
      const after = await sys.dataSource
        .getRepository(AdmissionCaseEntity)
        .find({ where: { candidateMemberId: candidateId }, order: { startedAt: 'ASC' } });
      expect(after.map((r) => [r.id, r.status])).toEqual([
        [rows[0].id, 'start_failed'],
        [again.body.caseId, 'in_progress'],
      ]);
    });
  });

  it('should leave one run when a start is retried with the same workflow id (id-conflict policy USE_EXISTING)', async () => {
    const candidateId = await newCandidate('Hồ Văn Lặp');
    const started = await (
      await driver.as('bithu.tdp5')
    ).post<{ caseId: string; workflowId: string }>('/admission-cases', { candidateMemberId: candidateId });
    expect(started.status).toBe(201);
    const handle = sys.env.client.workflow.getHandle(started.body.workflowId);
    const first = await handle.describe();
    // What a retry after a lost answer does: the same start again, with the options of
    // startCommitted (apps/api/src/common/workflow-start.ts).
    await sys.env.client.workflow.start('admissionWorkflow', {
      workflowId: started.body.workflowId,
      taskQueue: loadConfig({}).temporal.taskQueue,
      args: [],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    const second = await handle.describe();
    expect({ runId: second.runId, status: second.status.name }).toEqual({ runId: first.runId, status: 'RUNNING' });
    await driver.waitForOpenTask(started.body.caseId, 'introducers', 'giamsat.hoangmai');
  });

  it('should answer 503 and leave no programme row when the inspection Schedule cannot be created after the commit', async () => {
    const orgId = demoOrgId('HN-HM');
    await withDeadTemporalApi(async (deadUrl) => {
      const admin = await ApiSession.login(deadUrl, 'quantri');
      const res = await admin.post<ApiErr>('/inspection-programmes', { orgId, scope: 'superior_of_grassroots' });
      expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 503, code: 'WORKFLOW_START_FAILED' });
    });
    expect(await sys.dataSource.getRepository(InspectionProgrammeEntity).countBy({ inspectingOrgId: orgId })).toBe(0);
    expect(
      await sys.dataSource.getRepository(AuditLogEntity).countBy({ action: 'inspection.programme_create_failed' }),
    ).toBe(1);
    // Nothing blocks the programme once Temporal answers.
    const created = await (
      await driver.as('quantri')
    ).post<{ id: string; schedule: { paused: boolean } }>('/inspection-programmes', {
      orgId,
      scope: 'superior_of_grassroots',
    });
    expect({ status: created.status, paused: created.body.schedule.paused }).toEqual({ status: 201, paused: false });
  });

  it('should release a case left in progress without a workflow by an interrupted start, and open the new case', async () => {
    // What a kill -9 of the API between the commit and the start leaves behind: a row, no workflow.
    const candidateId = await newCandidate('Trịnh Văn Gián');
    const orphanId = randomUUID();
    await sys.dataSource.getRepository(AdmissionCaseEntity).insert({
      id: orphanId,
      workflowId: admissionWorkflowId(orphanId),
      candidateMemberId: candidateId,
      cellOrgId: TDP5,
      grassrootsOrgId: HL,
      orgPath: `/${demoOrgId('HN')}/${HM}/${HL}/${TDP5}/`,
      status: 'in_progress',
      currentStep: 'eligibility',
      startedAt: new Date(Date.now() - 5 * 60_000),
      startedBy: 'Bí thư chi bộ',
    });
    const started = await (
      await driver.as('bithu.tdp5')
    ).post<{ caseId: string }>('/admission-cases', { candidateMemberId: candidateId });
    expect(started.status).toBe(201);
    expect(await sys.dataSource.getRepository(AdmissionCaseEntity).findOneByOrFail({ id: orphanId })).toMatchObject({
      status: 'start_failed',
    });
    expect(
      await sys.dataSource
        .getRepository(AuditLogEntity)
        .findOneByOrFail({ caseId: orphanId, action: 'case.start_failed' }),
    ).toMatchObject({ actorName: 'Hệ thống' });
    await driver.waitForOpenTask(started.body.caseId, 'introducers', 'giamsat.hoangmai');
  });

  it('should still refuse a second open case with 409 CASE_ALREADY_OPEN while the first case has its workflow', async () => {
    const candidateId = await newCandidate('Phan Thị Đôi');
    const s = await driver.as('bithu.tdp5');
    expect((await s.post('/admission-cases', { candidateMemberId: candidateId })).status).toBe(201);
    const second = await s.post<ApiErr>('/admission-cases', { candidateMemberId: candidateId });
    expect({ status: second.status, code: second.body.error.code }).toEqual({ status: 409, code: 'CASE_ALREADY_OPEN' });
    expect(await sys.dataSource.getRepository(AdmissionCaseEntity).countBy({ candidateMemberId: candidateId })).toBe(1);
  });
});

describe('authority that cannot drift [issue 7 §4][seed:000][R5]', () => {
  it('should refuse the grantee completing the decision in the gap after a revocation, then move the task by update and report what moved', async () => {
    const standing = await driver.as('thuongvu.hoangmai');
    const granted = await standing.post<{ id: string }>('/delegations', {
      grantorOrgId: HM,
      granteeOrgId: HL,
      power: 'admission',
      validFrom: new Date(Date.now() - DAY).toISOString(),
      validUntil: new Date(Date.now() + 365 * DAY).toISOString(),
      reason: 'Nghị quyết số 07-NQ/QU ủy quyền cho Đảng ủy phường Hoàng Liệt quyết định kết nạp đảng viên',
    });
    expect(granted.status).toBe(201);
    const candidateId = await newCandidate('Ngô Thị Khoảng');
    const started = await (
      await driver.as('bithu.tdp5')
    ).post<{ caseId: string }>('/admission-cases', { candidateMemberId: candidateId });
    expect(started.status).toBe(201);
    const { caseId } = started.body;
    await driveUntil(caseId, 'decision');
    const { task, username } = await driver.waitForOpenTask(caseId, 'decision', 'giamsat.hoangmai');
    expect(task.assignee).toMatchObject({ orgId: HL, role: 'grassroots_committee_member' });

    // The gap: the revocation is committed, the task has not moved yet (the row still names the ward committee).
    await sys.dataSource
      .getRepository(DelegationGrantEntity)
      .update(
        { id: granted.body.id },
        { revokedAt: new Date(), revokedBy: 'Ban Thường vụ', revokeReason: 'Thử khoảng trống' },
      );
    const decision = { outcome: 'admitted', data: { decisionNumber: '150-QĐ/QU', decidedOn: toLocalDate(Date.now()) } };
    const refused = await (await driver.as(username)).post<ApiErr>(`/tasks/${task.id}/complete`, decision);
    expect({ status: refused.status, code: refused.body.error.code }).toEqual({
      status: 403,
      code: 'DELEGATION_NOT_IN_FORCE',
    });
    expect(await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id })).toMatchObject({
      status: 'open',
      assigneeOrgId: HL,
      outcome: null,
    });

    // The revocation through the API (grant put back in force first) moves the task by update and
    // reports the confirmed move.
    await sys.dataSource
      .getRepository(DelegationGrantEntity)
      .update({ id: granted.body.id }, { revokedAt: null, revokedBy: null, revokeReason: null });
    const revoked = await standing.post<{
      movedTasks: number;
      movedTaskIds: string[];
      moves: unknown[];
      failedMoves: unknown[];
    }>(`/delegations/${granted.body.id}/revoke`, { reason: 'Đảng ủy phường chưa bảo đảm quy trình' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      movedTasks: 1,
      movedTaskIds: [task.id],
      failedMoves: [],
      moves: [
        {
          taskId: task.id,
          workflowId: admissionWorkflowId(caseId),
          from: { kind: 'role', orgId: HL, role: 'grassroots_committee_member' },
          to: { kind: 'role', orgId: HM, role: 'standing_committee_member' },
        },
      ],
    });
    // The update answered after the row was written: no polling needed.
    expect(await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id })).toMatchObject({
      assigneeOrgId: HM,
      assigneeRole: 'standing_committee_member',
      status: 'open',
    });
    expect(await sys.dataSource.getRepository(AuditLogEntity).countBy({ action: 'delegation.tasks_moved' })).toBe(1);
    const old = await (await driver.as(username)).post<ApiErr>(`/tasks/${task.id}/complete`, decision);
    expect(old.status).toBe(403);
    const done = await standing.post<{ outcome: string }>(`/tasks/${task.id}/complete`, decision);
    expect(done).toMatchObject({ status: 200, body: { outcome: 'admitted' } });
  });
});
