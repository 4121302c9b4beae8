import {
  addWorkingDays,
  COMPUTED_HOLIDAY_SOURCE,
  isWorkingDay,
  localDateOf,
  lunarNewYear,
  todayLocal,
} from '@partyflow/domain';
import { AuditLogEntity, HumanTaskEntity, loadHolidayCalendar, VIETNAM_HOLIDAYS } from '@partyflow/persistence';
import {
  AdmissionDriver,
  ApiSession,
  copyDemoCandidate,
  eventually,
  startSystem,
  type RunningSystem,
} from '@partyflow/testing';

/**
 * Issue 9 §5 "Holidays and working-day calendar": administrators list, add, change and remove the days of a year's
 * calendar (days off and the working Saturdays of day swaps), every change audited with its reason; a year nobody
 * published is computed (Tết and Giỗ Tổ from the lunar calendar); a running case whose due window contains an added
 * day off is re-timed through the deadline-policy fan-out.
 */
let sys: RunningSystem;
let driver: AdmissionDriver;

type ApiErr = { error: { code: string; message: string; field?: string } };
type Day = {
  date: string;
  kind: string;
  name: string;
  decision: string | null;
  source: string;
  updatedBy: string | null;
};
type Year = { year: number; source: 'published' | 'computed'; days: Day[] };
type Operation = { id: string; process: string; step: string; policyVersion: number; status: string };
type Change = { day: Day; operations: Operation[] };

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

const admin = () => driver.as('quantri');
const adminName = () => sys.users.find((u) => u.username === 'quantri')?.fullName;
const del = async <T>(session: ApiSession, path: string, body?: unknown) => session.request<T>('DELETE', path, body);
const reason = 'Thông báo của Bộ Nội vụ về lịch nghỉ lễ (thử nghiệm)';

describe('reading the calendar of a year [issue 9 §5]', () => {
  it('should list the seeded 2026 decision as published, in date order', async () => {
    const res = await (await driver.as('bithu.tdp5')).get<Year>('/holidays?year=2026');
    expect(res.status).toBe(200);
    const seeded = VIETNAM_HOLIDAYS.filter((h) => h.date.startsWith('2026-'));
    expect(res.body.year).toBe(2026);
    expect(res.body.source).toBe('published');
    expect(res.body.days.map((d) => [d.date, d.kind, d.name, d.source])).toEqual(
      seeded.map((h) => [h.date, 'holiday', h.name, 'published']),
    );
  });

  // Tết Canh Tuất is on Saturday 2/2/2030 in the Vietnamese calendar (UTC+7) and on 3/2 in the Chinese one (UTC+8):
  // the new moon falls late on 2/2 Vietnamese time. So giao thừa is Friday 1/2 and the four weekdays after are 4–7/2.
  it('should compute a year nobody published: 2030, Tết Canh Tuất on Saturday 2/2/2030, Giỗ Tổ on Friday 12/4/2030', async () => {
    expect(lunarNewYear(2030)).toBe('2030-02-02');
    const res = await (await admin()).get<Year>('/holidays?year=2030');
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('computed');
    expect(res.body.days.map((d) => d.date)).toEqual([
      '2030-01-01',
      '2030-02-01',
      '2030-02-04',
      '2030-02-05',
      '2030-02-06',
      '2030-02-07',
      '2030-04-12',
      '2030-04-30',
      '2030-05-01',
      '2030-09-02',
      '2030-09-03',
    ]);
    expect(res.body.days[0]).toEqual({
      date: '2030-01-01',
      kind: 'holiday',
      name: 'Tết Dương lịch (1/1)',
      decision: COMPUTED_HOLIDAY_SOURCE,
      source: 'computed',
      updatedAt: null,
      updatedBy: null,
    });
  });

  it('should answer 400 naming year for a year that is not a number or out of range, and 401 without a token', async () => {
    for (const year of ['abc', '2200', '2026.5']) {
      const res = await (await admin()).get<ApiErr>(`/holidays?year=${year}`);
      expect({ status: res.status, code: res.body.error.code, field: res.body.error.field }).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'year',
      });
    }
    expect((await ApiSession.anonymous(sys.baseUrl).get('/holidays?year=2026')).status).toBe(401);
  });
});

describe('changing the calendar [issue 9 §5]', () => {
  it("should add a day to a year nobody published, copying the year's computed days first, and audit the reason", async () => {
    const session = await admin();
    const added = await session.post<Change>('/holidays', {
      date: '2029-06-15',
      name: 'Ngày nghỉ thử nghiệm',
      decision: 'Quyết định thử nghiệm số 1',
      reason,
    });
    expect(added.status).toBe(201);
    expect(added.body.day).toMatchObject({
      date: '2029-06-15',
      kind: 'holiday',
      name: 'Ngày nghỉ thử nghiệm',
      decision: 'Quyết định thử nghiệm số 1',
      source: 'published',
      updatedBy: adminName(),
    });
    // No open task is due in 2029: nothing to re-time.
    expect(added.body.operations).toEqual([]);
    const year = await session.get<Year>('/holidays?year=2029');
    expect(year.body.source).toBe('published');
    expect(year.body.days.map((d) => d.date)).toEqual([
      '2029-01-01',
      '2029-02-12',
      '2029-02-13',
      '2029-02-14',
      '2029-02-15',
      '2029-02-16',
      '2029-04-23',
      '2029-04-30',
      '2029-05-01',
      '2029-06-15',
      '2029-09-03',
      '2029-09-04',
    ]);
    expect(year.body.days.filter((d) => d.decision === COMPUTED_HOLIDAY_SOURCE).length).toBe(11);
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ action: 'holiday.added', actorName: adminName() });
    expect(audit.comment).toBe(reason);
    expect(audit.details).toMatchObject({
      date: '2029-06-15',
      before: null,
      after: { date: '2029-06-15', name: 'Ngày nghỉ thử nghiệm' },
      workingDayBefore: true,
      workingDayAfter: false,
      operationIds: [],
    });
  });

  it('should store a swap Saturday as a working day and refuse one on a weekday (400 naming kind)', async () => {
    const session = await admin();
    const swap = await session.post<Change>('/holidays', {
      date: '2026-08-29',
      kind: 'working_day',
      name: 'Làm bù cho ngày nghỉ 31/8/2026',
      reason,
    });
    expect(swap.status).toBe(201);
    expect(swap.body.day).toMatchObject({ date: '2026-08-29', kind: 'working_day' });
    expect(isWorkingDay('2026-08-29', await loadHolidayCalendar(sys.dataSource.manager))).toBe(true);
    // A change that leaves out the kind keeps it.
    const renamed = await session.put<Change>('/holidays/2026-08-29', { name: 'Làm bù ngày 31/8/2026', reason });
    expect(renamed.status).toBe(200);
    expect(renamed.body.day).toMatchObject({ date: '2026-08-29', kind: 'working_day', name: 'Làm bù ngày 31/8/2026' });
    const weekdayPut = await session.put<ApiErr>('/holidays/2026-09-01', { kind: 'working_day', name: 'x', reason });
    expect({ status: weekdayPut.status, field: weekdayPut.body.error.field }).toEqual({ status: 400, field: 'kind' });
    const weekday = await session.post<ApiErr>('/holidays', {
      date: '2026-08-27',
      kind: 'working_day',
      name: 'Làm bù',
      reason,
    });
    expect({ status: weekday.status, field: weekday.body.error.field }).toEqual({ status: 400, field: 'kind' });
  });

  it('should answer 400 naming the field, 403 to non-administrators, 404 to an unknown day, 409 to a second add', async () => {
    const session = await admin();
    const valid = { date: '2026-03-03', name: 'Ngày nghỉ thử', reason };
    const bad: [Record<string, unknown>, string][] = [
      [{ ...valid, date: '2026-02-30' }, 'date'],
      [{ ...valid, date: '03/03/2026' }, 'date'],
      [{ ...valid, name: '  ' }, 'name'],
      [{ ...valid, reason: undefined }, 'reason'],
      [{ ...valid, kind: 'bridge' }, 'kind'],
      [{ ...valid, extra: 1 }, 'body'],
    ];
    for (const [body, field] of bad) {
      const res = await session.post<ApiErr>('/holidays', body);
      expect({ status: res.status, code: res.body.error.code, field: res.body.error.field }).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
      });
    }
    const badDate = await session.put<ApiErr>('/holidays/2026-13-01', { name: 'x', reason });
    expect({ status: badDate.status, field: badDate.body.error.field }).toEqual({ status: 400, field: 'date' });

    for (const username of ['bithu.tdp5', 'giamsat.hanoi']) {
      const other = await driver.as(username);
      expect((await other.post<ApiErr>('/holidays', valid)).status).toBe(403);
      expect((await other.put<ApiErr>('/holidays/2026-09-01', { name: 'x', reason })).status).toBe(403);
      expect((await del<ApiErr>(other, '/holidays/2026-09-01', { reason })).status).toBe(403);
    }
    const anonymous = ApiSession.anonymous(sys.baseUrl);
    expect((await anonymous.post('/holidays', valid)).status).toBe(401);
    expect((await del(anonymous, '/holidays/2026-09-01', { reason })).status).toBe(401);

    const unknownPut = await session.put<ApiErr>('/holidays/2026-03-03', { name: 'x', reason });
    expect({ status: unknownPut.status, code: unknownPut.body.error.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    const unknownDelete = await del<ApiErr>(session, '/holidays/2026-03-03', { reason });
    expect({ status: unknownDelete.status, code: unknownDelete.body.error.code }).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });

    const twice = await session.post<ApiErr>('/holidays', { ...valid, date: '2026-09-02' });
    expect({ status: twice.status, code: twice.body.error.code }).toEqual({ status: 409, code: 'HOLIDAY_EXISTS' });
  });

  it('should change and remove a published day, each with its reason in the audit', async () => {
    const session = await admin();
    const changed = await session.put<Change>('/holidays/2027-09-03', {
      name: 'Nghỉ Quốc khánh (ngày liền kề 2/9)',
      decision: 'Thông báo thử nghiệm 2027',
      reason: 'Văn bản chính thức cho năm 2027',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.day).toMatchObject({
      date: '2027-09-03',
      kind: 'holiday',
      decision: 'Thông báo thử nghiệm 2027',
    });
    expect(changed.body.operations).toEqual([]);

    const removed = await del<{ removed: Day; operations: Operation[] }>(session, '/holidays/2027-09-03', {
      reason: 'Chính phủ chọn ngày 1/9/2027',
    });
    expect(removed.status).toBe(200);
    expect(removed.body.removed).toMatchObject({ date: '2027-09-03', name: 'Nghỉ Quốc khánh (ngày liền kề 2/9)' });
    const year = await session.get<Year>('/holidays?year=2027');
    expect(year.body.days.map((d) => d.date)).not.toContain('2027-09-03');
    const audits = await sys.dataSource
      .getRepository(AuditLogEntity)
      .find({ where: [{ action: 'holiday.changed' }, { action: 'holiday.removed' }], order: { at: 'ASC' } });
    const ofDay = audits.filter((a) => (a.details as { date: string }).date === '2027-09-03');
    expect(ofDay.map((a) => [a.action, a.comment, (a.details as { date: string }).date])).toEqual([
      ['holiday.changed', 'Văn bản chính thức cho năm 2027', '2027-09-03'],
      ['holiday.removed', 'Chính phủ chọn ngày 1/9/2027', '2027-09-03'],
    ]);
  });
});

describe('re-timing running cases when the calendar changes [issue 9 §5, as for a policy change, issue 7 §4]', () => {
  it('should move the due date of an open task one working day later when a day off is added inside its window, and back when it is removed', async () => {
    const secretary = await driver.as('bithu.tdp5');
    const started = await secretary.post<{ caseId: string }>('/admission-cases', {
      candidateMemberId: await copyDemoCandidate(sys.dataSource, { fullName: 'Kiều Văn Lịch' }),
    });
    expect(started.status).toBe(201);
    const { task } = await driver.waitForOpenTask(started.body.caseId, 'introducers', 'giamsat.hoangmai');
    const rows = sys.dataSource.getRepository(HumanTaskEntity);
    const before = await rows.findOneByOrFail({ id: task.id });
    const calendarBefore = await loadHolidayCalendar(sys.dataSource.manager);
    // The first working day after today: inside the window of the 10-working-day introducers task.
    const day = addWorkingDays({ from: todayLocal(Date.now()), days: 1, holidays: calendarBefore });
    const dueBefore = localDateOf(before.dueAt.toISOString());
    expect(day < dueBefore).toBe(true);

    const session = await admin();
    const added = await session.post<Change>('/holidays', { date: day, name: 'Ngày nghỉ đột xuất (thử)', reason });
    expect(added.status).toBe(201);
    const ops = added.body.operations.filter((o) => o.process === 'admission' && o.step === 'introducers');
    expect(ops.map((o) => o.status)).toEqual(['running']);
    const calendarAfter = await loadHolidayCalendar(sys.dataSource.manager);
    const expectedDue = addWorkingDays({ from: dueBefore, days: 1, holidays: calendarAfter });
    const after = await eventually(
      async () => {
        const row = await rows.findOneByOrFail({ id: task.id });
        return row.policyVersion === ops[0].policyVersion && row;
      },
      'the task re-timed to the new policy version',
      60_000,
    );
    expect(localDateOf(after.dueAt.toISOString())).toBe(expectedDue);
    expect(after.dueAt.getTime() - before.dueAt.getTime()).toBe(
      (Date.parse(`${expectedDue}T00:00:00Z`) - Date.parse(`${dueBefore}T00:00:00Z`)) as number,
    );
    const retimed = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ action: 'task.retimed', taskId: task.id });
    expect(retimed.details).toMatchObject({
      dueAtBefore: before.dueAt.toISOString(),
      dueAt: after.dueAt.toISOString(),
      policyVersion: ops[0].policyVersion,
    });

    const removed = await del<{ operations: Operation[] }>(session, `/holidays/${day}`, { reason });
    expect(removed.status).toBe(200);
    const back = removed.body.operations.find((o) => o.process === 'admission' && o.step === 'introducers');
    expect(back?.policyVersion).toBe(ops[0].policyVersion + 1);
    const restored = await eventually(
      async () => {
        const row = await rows.findOneByOrFail({ id: task.id });
        return row.policyVersion === back?.policyVersion && row;
      },
      'the task re-timed back',
      60_000,
    );
    expect(restored.dueAt.toISOString()).toBe(before.dueAt.toISOString());
  });
});
