import { utcOffsetMinutesAt } from '@partyflow/domain';
import {
  demoOrgId,
  HumanTaskEntity,
  InspectionRoundEntity,
  CellInspectionEntity,
  MemberEntity,
  UserEntity,
} from '@partyflow/persistence';
import { ApiSession, startSystem, type RunningSystem, eventually } from '@partyflow/testing';

/**
 * Inspection programmes on Temporal Schedules, end to end over HTTP on the dev server (the
 * time-skipping server has no Schedules): create, pause and resume, trigger a round now, change
 * the interval; only administrators may, and intervals must divide the year [seed:000][seed:004].
 */
let sys: RunningSystem;
type ApiErr = { error: { code: string; message: string; field?: string } };
type ProgrammeView = {
  id: string;
  intervalMonths: number;
  active: boolean;
  scope: string;
  schedule: {
    scheduleId: string;
    paused: boolean;
    startMonths: number[];
    nextRunTimes: string[];
    recentRounds: { workflowId: string }[];
    policies: { overlap: string; catchupWindowMs: number };
  };
};

beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  await sys?.stop();
});

const as = (username: string) => ApiSession.login(sys.baseUrl, username);
/** The month (1–12), day and hour of an instant on the wall clock of the configured zone (Vietnam, UTC+7). */
const vnMonthDay = (iso: string) => {
  const d = new Date(Date.parse(iso) + utcOffsetMinutesAt(Date.parse(iso)) * 60_000);
  return { month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours() };
};

/**
 * Each test owns its programme, on an inspecting organisation no other test uses (one programme per
 * organisation and scope).
 */
async function createProgramme(orgCode: string, scope = 'grassroots_own_cells'): Promise<ProgrammeView> {
  const res = await (
    await as('quantri')
  ).post<ProgrammeView>('/inspection-programmes', { orgId: demoOrgId(orgCode), scope });
  if (res.status !== 201)
    throw new Error(`POST /inspection-programmes for ${orgCode}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('inspection programmes on Temporal Schedules (API + worker + dev server + PostgreSQL)', () => {
  it('should create a six-monthly Schedule starting rounds on 1 January and 1 July when an administrator creates a programme [seed:004]', async () => {
    const admin = await as('quantri');
    const thpt = demoOrgId('HN-HM-THPT');
    const res = await admin.post<ProgrammeView>('/inspection-programmes', {
      orgId: thpt,
      scope: 'grassroots_own_cells',
    });
    expect(res.status).toBe(201);
    const programme = res.body;
    expect(programme).toMatchObject({
      intervalMonths: 6,
      active: true,
      schedule: { paused: false, startMonths: [1, 7] },
    });
    // Rounds cannot pile up: the next waits for the last to close (carry-over), at most one waits;
    // a missed round is caught up within 7 days (issue 7 §5).
    expect(programme.schedule.policies).toEqual({ overlap: 'BUFFER_ONE', catchupWindowMs: 7 * 86_400_000 });
    // The Schedule's description lists its next actions (the SDK gives 10), every one on 1 January
    // or 1 July at 00:00 in Vietnam.
    expect(programme.schedule.nextRunTimes).toHaveLength(10);
    for (const t of programme.schedule.nextRunTimes) {
      const { month, day, hour } = vnMonthDay(t);
      expect([1, 7]).toContain(month);
      expect([day, hour]).toEqual([1, 0]);
    }
    const again = await admin.post<ApiErr>('/inspection-programmes', { orgId: thpt, scope: 'grassroots_own_cells' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'PROGRAMME_EXISTS' } } });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'an interval of 5 months',
      { orgId: demoOrgId('HN-HM-DC'), scope: 'grassroots_own_cells', intervalMonths: 5 },
      'intervalMonths',
    ],
    [
      'an interval of 0 months',
      { orgId: demoOrgId('HN-HM-DC'), scope: 'grassroots_own_cells', intervalMonths: 0 },
      'intervalMonths',
    ],
    ['an unknown scope', { orgId: demoOrgId('HN-HM-DC'), scope: 'everyone' }, 'scope'],
    [
      'a cell as the inspecting organisation',
      { orgId: demoOrgId('HN-HM-HL-TDP5'), scope: 'grassroots_own_cells' },
      'orgId',
    ],
    [
      'a grassroots committee inspecting as a superior',
      { orgId: demoOrgId('HN-HM-DC'), scope: 'superior_of_grassroots' },
      'orgId',
    ],
  ])('should answer 400 naming the field when the request has %s', async (_, body, field) => {
    const res = await (await as('quantri')).post<ApiErr>('/inspection-programmes', body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('should answer 403 when a user who is not an administrator manages a programme', async () => {
    const programme = await createProgramme('HN-HM', 'superior_of_grassroots');
    const secretary = await as('bithu.tdp5');
    expect(
      (await secretary.post('/inspection-programmes', { orgId: demoOrgId('HN-HM-DC'), scope: 'grassroots_own_cells' }))
        .status,
    ).toBe(403);
    for (const path of ['pause', 'resume', 'trigger'])
      expect((await secretary.post(`/inspection-programmes/${programme.id}/${path}`, {})).status).toBe(403);
    expect((await secretary.put(`/inspection-programmes/${programme.id}/interval`, { intervalMonths: 3 })).status).toBe(
      403,
    );
    expect((await (await as('bithu.longbien')).get(`/inspection-programmes/${programme.id}`)).status).toBe(403);
    expect((await ApiSession.anonymous(sys.baseUrl).get(`/inspection-programmes/${programme.id}`)).status).toBe(401);
  });

  it('should pause and resume the Schedule when an administrator asks', async () => {
    const programme = await createProgramme('HN-HM-DC');
    const admin = await as('quantri');
    const paused = await admin.post<ProgrammeView>(`/inspection-programmes/${programme.id}/pause`, {
      note: 'Tạm dừng trong thời gian đại hội',
    });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ active: false, schedule: { paused: true } });
    const resumed = await admin.post<ProgrammeView>(`/inspection-programmes/${programme.id}/resume`, {});
    expect(resumed.body).toMatchObject({ active: true, schedule: { paused: false } });
  });

  it('should start a round whose cell inspections open an assign-team task for the grassroots committee when triggered now [seed:004]', async () => {
    const programme = await createProgramme('HN-HM-HL');
    const admin = await as('quantri');
    const res = await admin.post<ProgrammeView>(`/inspection-programmes/${programme.id}/trigger`);
    expect(res.status).toBe(200);
    const round = await eventually(
      () => sys.dataSource.getRepository(InspectionRoundEntity).findOneBy({ programmeId: programme.id }),
      'round row',
    );
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
    // The programme's rounds and the round's cells, as the API lists them (issue 10: checked against their schemas).
    const rounds = await admin.get<{ id: string; programmeId: string }[]>(
      `/inspection-programmes/${programme.id}/rounds`,
    );
    expect(rounds.status).toBe(200);
    expect(rounds.body.map((r) => [r.id, r.programmeId])).toEqual([[round.id, programme.id]]);
    const detail = await admin.get<{ id: string; cells: { id: string; cellOrgId: string; shortcomings: number }[] }>(
      `/inspection-rounds/${round.id}`,
    );
    expect(detail.status).toBe(200);
    expect(detail.body.id).toBe(round.id);
    expect(detail.body.cells.map((c) => [c.id, c.shortcomings]).sort()).toEqual(
      inspections.map((i) => [i.id, 0]).sort(),
    );
    const tdp5 = inspections.find((i) => i.cellOrgId === demoOrgId('HN-HM-HL-TDP5')) as CellInspectionEntity;
    const task = await eventually(
      () => sys.dataSource.getRepository(HumanTaskEntity).findOneBy({ caseId: tdp5.id, taskKey: 'assign_team' }),
      'assign_team task',
    );
    expect(task.assigneeRole).toBe('grassroots_committee_member');

    // A member of the inspected cell is never on its inspection team: refused with the field named.
    const committee = await as('danguy.hoangliet');
    const inCell = await sys.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'bithu.tdp5' });
    const member = await sys.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: inCell.memberId as string });
    expect(member.organisationId).toBe(demoOrgId('HN-HM-HL-TDP5'));
    const refused = await committee.post<ApiErr>(`/tasks/${task.id}/complete`, {
      outcome: 'assigned',
      data: { teamUserIds: [inCell.id] },
    });
    expect(refused.status).toBe(400);
    // The workflow's typed refusal carries the field; the API names it without reading the message (issue 7 §7).
    expect(refused.body.error).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'data.teamUserIds',
      message: `data.teamUserIds: thành viên đoàn kiểm tra không được là đảng viên của chi bộ được kiểm tra (${inCell.id})`,
    });
    const outsider = await sys.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'danguy2.hoangliet' });
    const ok = await committee.post(`/tasks/${task.id}/complete`, {
      outcome: 'assigned',
      data: { teamUserIds: [outsider.id] },
    });
    expect(ok.status).toBe(200);
    const view = await eventually(async () => {
      const r = await committee.get<{ findings: { item: string; prefilledValue: string | null }[] }>(
        `/cell-inspections/${tdp5.id}`,
      );
      return r.body.findings?.length === 6 ? r.body : undefined;
    }, 'the pre-filled checklist');
    expect(view.findings.find((f) => f.item === 'monthly_meetings')?.prefilledValue).toMatch(
      /tháng có sinh hoạt chi bộ/,
    );
  });

  it('should change the Schedule to quarterly rounds when an administrator changes the interval, and refuse 7 months', async () => {
    const programme = await createProgramme('HN-LB-BD');
    const admin = await as('quantri');
    const res = await admin.put<ProgrammeView>(`/inspection-programmes/${programme.id}/interval`, {
      intervalMonths: 3,
      reason: 'Tăng cường kiểm tra',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      intervalMonths: 3,
      schedule: { startMonths: [1, 4, 7, 10], policies: { overlap: 'BUFFER_ONE', catchupWindowMs: 7 * 86_400_000 } },
    });
    for (const t of res.body.schedule.nextRunTimes) expect([1, 4, 7, 10]).toContain(vnMonthDay(t).month);
    const bad = await admin.put<ApiErr>(`/inspection-programmes/${programme.id}/interval`, { intervalMonths: 7 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('intervalMonths');
  });

  it('should list the programmes of an organisation subtree with GET /inspection-programmes (issue 10): the subtree asked, or every subtree of the user', async () => {
    const lb = await createProgramme('HN-LB', 'superior_of_grassroots');
    const admin = await as('quantri');
    type Listed = { id: string; inspectingOrg: { code: string }; scope: string; intervalMonths: number };
    const res = await admin.get<Listed[]>(`/inspection-programmes?orgId=${demoOrgId('HN-LB')}`);
    expect(res.status).toBe(200);
    // By the inspecting organisation's place in the tree: Long Biên, then Bồ Đề (the interval test's, quarterly).
    expect(res.body.map((p) => [p.inspectingOrg.code, p.scope, p.intervalMonths])).toEqual([
      ['HN-LB', 'superior_of_grassroots', 6],
      ['HN-LB-BD', 'grassroots_own_cells', 3],
    ]);
    expect(res.body[0].id).toBe(lb.id);
    const all = await admin.get<Listed[]>('/inspection-programmes');
    expect(all.body.map((p) => p.inspectingOrg.code).sort()).toEqual(
      ['HN-HM', 'HN-HM-DC', 'HN-HM-HL', 'HN-HM-THPT', 'HN-LB', 'HN-LB-BD'].sort(),
    );
    // A cell secretary of Bồ Đề: no programme inspects from the cell or below it.
    const secretary = await as('bithu.longbien');
    expect((await secretary.get<Listed[]>('/inspection-programmes')).body).toEqual([]);
    const forbidden = await secretary.get<ApiErr>(`/inspection-programmes?orgId=${demoOrgId('HN-HM')}`);
    expect(forbidden.status).toBe(403);
    const bad = await admin.get<ApiErr>('/inspection-programmes?orgId=khong-phai-uuid');
    expect({ status: bad.status, field: bad.body.error.field }).toEqual({ status: 400, field: 'orgId' });
    const unknown = await admin.get<ApiErr>('/inspection-programmes?orgId=00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect((await ApiSession.anonymous(sys.baseUrl).get('/inspection-programmes')).status).toBe(401);
  });
});
