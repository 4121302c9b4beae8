import { utcOffsetMinutesAt } from '@partyflow/domain';
import { demoOrgId, HumanTaskEntity, InspectionRoundEntity, CellInspectionEntity, MemberEntity, UserEntity } from '@partyflow/persistence';
import { ApiSession, startSystem, type RunningSystem } from '@partyflow/testing';

/**
 * Inspection programmes on Temporal Schedules, end to end over HTTP on the dev server (the
 * time-skipping server has no Schedules): create, pause and resume, trigger a round now, change
 * the interval; only administrators may, and intervals must divide the year [seed:000][seed:004].
 */
let sys: RunningSystem;
const hoangLiet = demoOrgId('HN-HM-HL');
type ApiErr = { error: { code: string; message: string; field?: string } };
type ProgrammeView = {
  id: string; intervalMonths: number; active: boolean; scope: string;
  schedule: { scheduleId: string; paused: boolean; startMonths: number[]; nextRunTimes: string[]; recentRounds: { workflowId: string }[] };
};

beforeAll(async () => { sys = await startSystem(); });
afterAll(async () => { await sys?.stop(); });

const as = (username: string) => ApiSession.login(sys.baseUrl, username);
/** The month (1–12), day and hour of an instant on the wall clock of the configured zone (Vietnam, UTC+7). */
const vnMonthDay = (iso: string) => {
  const d = new Date(Date.parse(iso) + utcOffsetMinutesAt(Date.parse(iso)) * 60_000);
  return { month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours() };
};

async function eventually<T>(read: () => Promise<T | null | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('inspection programmes on Temporal Schedules (API + worker + dev server + PostgreSQL)', () => {
  let programme: ProgrammeView;

  it('should create a six-monthly Schedule starting rounds on 1 January and 1 July when an administrator creates a programme [seed:004]', async () => {
    const admin = await as('quantri');
    const res = await admin.post<ProgrammeView>('/inspection-programmes', { orgId: hoangLiet, scope: 'grassroots_own_cells' });
    expect(res.status).toBe(201);
    programme = res.body;
    expect(programme).toMatchObject({ intervalMonths: 6, active: true, schedule: { paused: false, startMonths: [1, 7] } });
    expect(programme.schedule.nextRunTimes.length).toBeGreaterThan(0);
    for (const t of programme.schedule.nextRunTimes) {
      const { month, day, hour } = vnMonthDay(t);
      expect([1, 7]).toContain(month);
      expect([day, hour]).toEqual([1, 0]);
    }
    const again = await admin.post<ApiErr>('/inspection-programmes', { orgId: hoangLiet, scope: 'grassroots_own_cells' });
    expect(again.status).toBe(409);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an interval of 5 months', { orgId: demoOrgId('HN-HM-DC'), scope: 'grassroots_own_cells', intervalMonths: 5 }, 'intervalMonths'],
    ['an interval of 0 months', { orgId: demoOrgId('HN-HM-DC'), scope: 'grassroots_own_cells', intervalMonths: 0 }, 'intervalMonths'],
    ['an unknown scope', { orgId: demoOrgId('HN-HM-DC'), scope: 'everyone' }, 'scope'],
    ['a cell as the inspecting organisation', { orgId: demoOrgId('HN-HM-HL-TDP5'), scope: 'grassroots_own_cells' }, 'orgId'],
    ['a grassroots committee inspecting as a superior', { orgId: demoOrgId('HN-HM-DC'), scope: 'superior_of_grassroots' }, 'orgId'],
  ])('should answer 400 naming the field when the request has %s', async (_, body, field) => {
    const res = await (await as('quantri')).post<ApiErr>('/inspection-programmes', body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('should answer 403 when a user who is not an administrator manages a programme', async () => {
    const secretary = await as('bithu.tdp5');
    expect((await secretary.post('/inspection-programmes', { orgId: demoOrgId('HN-HM-DC'), scope: 'grassroots_own_cells' })).status).toBe(403);
    for (const path of ['pause', 'resume', 'trigger']) expect((await secretary.post(`/inspection-programmes/${programme.id}/${path}`, {})).status).toBe(403);
    expect((await secretary.put(`/inspection-programmes/${programme.id}/interval`, { intervalMonths: 3 })).status).toBe(403);
    expect((await (await as('bithu.longbien')).get(`/inspection-programmes/${programme.id}`)).status).toBe(403);
    expect((await ApiSession.anonymous(sys.baseUrl).get(`/inspection-programmes/${programme.id}`)).status).toBe(401);
  });

  it('should pause and resume the Schedule when an administrator asks', async () => {
    const admin = await as('quantri');
    const paused = await admin.post<ProgrammeView>(`/inspection-programmes/${programme.id}/pause`, { note: 'Tạm dừng trong thời gian đại hội' });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ active: false, schedule: { paused: true } });
    const resumed = await admin.post<ProgrammeView>(`/inspection-programmes/${programme.id}/resume`, {});
    expect(resumed.body).toMatchObject({ active: true, schedule: { paused: false } });
  });

  it('should start a round whose cell inspections open an assign-team task for the grassroots committee when triggered now [seed:004]', async () => {
    const admin = await as('quantri');
    const res = await admin.post<ProgrammeView>(`/inspection-programmes/${programme.id}/trigger`);
    expect(res.status).toBe(200);
    const round = await eventually(() => sys.dataSource.getRepository(InspectionRoundEntity).findOneBy({ programmeId: programme.id }), 'round row');
    expect(round.workflowId.startsWith(`inspection-round-${programme.id}`)).toBe(true);
    const described = await eventually(async () => {
      const r = await admin.get<ProgrammeView>(`/inspection-programmes/${programme.id}`);
      return r.body.schedule.recentRounds.length ? r.body : undefined;
    }, 'the schedule listing the triggered round');
    expect(described.schedule.recentRounds[0].workflowId).toBe(round.workflowId);

    const inspections = await eventually(async () => {
      const rows = await sys.dataSource.getRepository(CellInspectionEntity).findBy({ roundId: round.id });
      return rows.length === 3 ? rows : undefined;
    }, 'three cell inspections');
    const tdp5 = inspections.find((i) => i.cellOrgId === demoOrgId('HN-HM-HL-TDP5')) as CellInspectionEntity;
    const task = await eventually(() => sys.dataSource.getRepository(HumanTaskEntity).findOneBy({ caseId: tdp5.id, taskKey: 'assign_team' }), 'assign_team task');
    expect(task.assigneeRole).toBe('grassroots_committee_member');

    // A member of the inspected cell is never on its inspection team: refused with the field named.
    const committee = await as('danguy.hoangliet');
    const inCell = await sys.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'bithu.tdp5' });
    const member = await sys.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: inCell.memberId as string });
    expect(member.organisationId).toBe(demoOrgId('HN-HM-HL-TDP5'));
    const refused = await committee.post<ApiErr>(`/tasks/${task.id}/complete`, { outcome: 'assigned', data: { teamUserIds: [inCell.id] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('data.teamUserIds');
    const outsider = await sys.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'danguy2.hoangliet' });
    const ok = await committee.post(`/tasks/${task.id}/complete`, { outcome: 'assigned', data: { teamUserIds: [outsider.id] } });
    expect(ok.status).toBe(200);
    const view = await eventually(async () => {
      const r = await committee.get<{ findings: { item: string; prefilledValue: string | null }[] }>(`/cell-inspections/${tdp5.id}`);
      return r.body.findings?.length === 6 ? r.body : undefined;
    }, 'the pre-filled checklist');
    expect(view.findings.find((f) => f.item === 'monthly_meetings')?.prefilledValue).toMatch(/tháng có sinh hoạt chi bộ/);
  });

  it('should change the Schedule to quarterly rounds when an administrator changes the interval, and refuse 7 months', async () => {
    const admin = await as('quantri');
    const res = await admin.put<ProgrammeView>(`/inspection-programmes/${programme.id}/interval`, { intervalMonths: 3, reason: 'Tăng cường kiểm tra' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ intervalMonths: 3, schedule: { startMonths: [1, 4, 7, 10] } });
    for (const t of res.body.schedule.nextRunTimes) expect([1, 4, 7, 10]).toContain(vnMonthDay(t).month);
    const bad = await admin.put<ApiErr>(`/inspection-programmes/${programme.id}/interval`, { intervalMonths: 7 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('intervalMonths');
  });
});
