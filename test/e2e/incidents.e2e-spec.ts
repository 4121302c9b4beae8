import { toLocalDate } from '@partyflow/domain';
import {
  AdmissionDriver,
  allPages,
  startSystem,
  type CursorPage,
  type RunningSystem,
  eventually,
} from '@partyflow/testing';

/**
 * Issue 7 §2 end to end (API + worker + Temporal dev server + PostgreSQL with the demo data): a
 * step refused by the database becomes an incident (sự cố) in the administrator's inbox and in
 * supervision; the administrator resolves it over HTTP and the case goes on. The refusal is a
 * trigger installed in this test's own database (SQLSTATE 23514, as a CHECK constraint raises).
 */
let sys: RunningSystem;
let driver: AdmissionDriver;

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

type ApiErr = { error: { code: string; message: string; field?: string } };
type TaskView = {
  id: string;
  caseId: string;
  process: string;
  step: string;
  stepLabel: string;
  taskKey: string;
  title: string;
  status: string;
  outcome: string | null;
  assignee: { orgId: string; role: string | null };
  allowedOutcomes: string[];
  completedBy: string | null;
  payload?: Record<string, unknown>;
};
type Table = { key: string; rows: Record<string, unknown>[] };

describe('incidents over HTTP (issue 7 §2)', () => {
  it('should show a refused step as an incident in the administrator inbox and in supervision, and continue the case when the administrator retries it through POST /tasks/:id/complete', async () => {
    await sys.dataSource.query(`
      CREATE FUNCTION e2e_refuse_introducers() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.current_step = 'introducers' THEN
          RAISE EXCEPTION 'Bước giới thiệu bị từ chối (kiểm thử)' USING ERRCODE = 'check_violation', CONSTRAINT = 'e2e_refuse_introducers', TABLE = 'admission_case';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER e2e_refuse_introducers BEFORE UPDATE ON admission_case FOR EACH ROW EXECUTE FUNCTION e2e_refuse_introducers();`);
    const secretary = await driver.as('bithu.tdp5');
    const candidates = await secretary.get<{ items: { id: string }[] }>(
      `/members?status=candidate&q=${encodeURIComponent('Nguyễn Thu Trang')}`,
    );
    const started = await secretary.post<{ caseId: string }>('/admission-cases', {
      candidateMemberId: candidates.body.items[0].id,
      note: 'Hồ sơ kiểm thử sự cố',
    });
    expect(started.status).toBe(201);
    const { caseId } = started.body;

    // The demo administrator sits at the root (Thành ủy Hà Nội): the nearest one above the cell.
    const admin = await driver.as('quantri');
    const listed = await eventually(
      async () => (await allPages<TaskView>(admin, '/tasks/mine?step=incident')).find((t) => t.caseId === caseId),
      'the incident in the inbox',
    );
    expect(listed).toMatchObject({
      process: 'admission',
      step: 'incident',
      stepLabel: 'Sự cố',
      taskKey: 'incident#1',
      status: 'open',
      allowedOutcomes: ['retry', 'skip', 'cancel'],
      title: 'Sự cố: Giới thiệu người vào Đảng (recordCaseStep): Bước giới thiệu bị từ chối (kiểm thử)',
      assignee: { role: 'administrator' },
    });
    const detail = await admin.get<TaskView>(`/tasks/${listed.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.payload).toMatchObject({
      step: 'introducers',
      activity: 'recordCaseStep',
      skippable: true,
      error: {
        type: 'ConstraintViolation',
        message: 'Bước giới thiệu bị từ chối (kiểm thử)',
        details: [{ sqlState: '23514', constraint: 'e2e_refuse_introducers', table: 'admission_case' }],
      },
    });

    // Supervision of the subtree lists it (the case's cell is under Hoàng Liệt); a cell secretary may not look.
    const supervisor = await driver.as('giamsat.hoangliet');
    const open = await supervisor.get<CursorPage<TaskView>>('/supervision/incidents');
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ pageSize: 50, next: null, total: open.body.items.length, totalExact: true });
    expect(open.body.items.filter((t) => t.caseId === caseId).map((t) => [t.taskKey, t.status])).toEqual([
      ['incident#1', 'open'],
    ]);
    expect((await secretary.get<ApiErr>('/supervision/incidents')).status).toBe(403);
    const badQuery = await supervisor.get<ApiErr>('/supervision/incidents?status=later');
    expect([badQuery.status, badQuery.body.error.field]).toEqual([400, 'query.status']);
    // Paged by cursor (issue 13 §3): a bad cursor, a page size out of range, an unknown key.
    for (const [bad, field] of [
      ['cursor=garbage', 'query.cursor'],
      [`cursor=${Buffer.from(JSON.stringify(['2026-01-01 00:00:00+00', 'x'])).toString('base64url')}`, 'query.cursor'],
      ['pageSize=0', 'query.pageSize'],
      ['page=1', 'query'],
    ]) {
      const res = await supervisor.get<ApiErr>(`/supervision/incidents?${bad}`);
      expect([bad, res.status, res.body.error.field]).toEqual([bad, 400, field]);
    }

    // Bad choices are a 400 naming the field; the incident stays open.
    const noReason = await admin.post<ApiErr>(`/tasks/${listed.id}/complete`, { outcome: 'skip', data: {} });
    expect([noReason.status, noReason.body.error.field]).toEqual([400, 'data.reason']);
    const unknown = await admin.post<ApiErr>(`/tasks/${listed.id}/complete`, { outcome: 'ignore' });
    expect([unknown.status, unknown.body.error.field]).toEqual([400, 'outcome']);

    // The data is fixed; the administrator retries and the case reaches its next step.
    await sys.dataSource.query(
      'DROP TRIGGER e2e_refuse_introducers ON admission_case; DROP FUNCTION e2e_refuse_introducers();',
    );
    const retried = await admin.post<{ outcome: string; taskKey: string }>(`/tasks/${listed.id}/complete`, {
      outcome: 'retry',
      comment: 'Đã sửa dữ liệu',
    });
    expect([retried.status, retried.body]).toMatchObject([200, { outcome: 'retry', taskKey: 'incident#1' }]);
    const { task } = await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    expect(task).toMatchObject({ step: 'introducers', status: 'open' });
    expect((await driver.caseView(caseId, 'bithu.tdp5')).currentStep).toBe('introducers');

    const resolved = await supervisor.get<CursorPage<TaskView>>('/supervision/incidents?status=resolved');
    expect(resolved.body.next).toBeNull();
    expect(resolved.body.items.filter((t) => t.caseId === caseId).map((t) => [t.taskKey, t.status, t.outcome])).toEqual(
      [['incident#1', 'completed', 'retry']],
    );
    expect((await allPages<TaskView>(supervisor, '/supervision/incidents')).filter((t) => t.caseId === caseId)).toEqual(
      [],
    );

    // Audited (who, what, why), and counted in the tasks report of the period.
    const timeline = await secretary.get<
      { action: string; step: string | null; actor: string; outcome: string | null; comment: string | null }[]
    >(`/admission-cases/${caseId}/timeline`);
    const admins = sys.users.find((u) => u.username === 'quantri');
    expect(
      timeline.body.filter((e) => e.step === 'incident').map((e) => [e.action, e.outcome, e.actor, e.comment]),
    ).toEqual([
      ['task.opened', null, 'Hệ thống', null],
      ['task.completed', 'retry', admins?.fullName, 'Đã sửa dữ liệu'],
    ]);
    const today = toLocalDate(Date.now());
    const report = await (
      await driver.as('giamsat.hoangmai')
    ).get<{ tables: Table[] }>(`/reports/tasks?orgId=${task.assignee.orgId}&from=${today}&to=${today}`);
    expect(report.status).toBe(200);
    expect(report.body.tables.find((t) => t.key === 'incidents')?.rows).toEqual([
      { process: 'admission', opened: 1, stillOpen: 0, resolved: 1, retried: 1, skipped: 0, cancelled: 0 },
    ]);
  });
});
