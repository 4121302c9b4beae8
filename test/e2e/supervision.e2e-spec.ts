import { demoOrgId, HumanTaskEntity, OrganisationEntity } from '@partyflow/persistence';
import {
  AdmissionDriver,
  allPages,
  ApiSession,
  eventually,
  startSystem,
  taskRow,
  type CursorPage,
  type RunningSystem,
} from '@partyflow/testing';

/**
 * Issue 10, the supervisor's dashboard: the overdue tasks of the subtree with the organisations from the supervised
 * one down to the assignee's (the tree), and the on-time rate ('đúng hạn / trễ hạn') per organisation and per step.
 */
let sys: RunningSystem;
let driver: AdmissionDriver;

type ApiErr = { error: { code: string; message: string; field?: string } };
type OrgStep = { id: string; code: string; name: string; kind: string };
type SupervisedTask = {
  id: string;
  step: string;
  stepLabel: string;
  subjectName: string | null;
  overdue: boolean;
  escalationLevel: number;
  orgs: OrgStep[];
};
type Figures = {
  total: number;
  onTime: number;
  late: number;
  completedLate: number;
  openOverdue: number;
  openPending: number;
  onTimeRate: number | null;
};
type OnTime = {
  period: { from: string; to: string };
  total: Figures;
  byOrg: (Figures & { org: OrgStep })[];
  byStep: (Figures & { process: string; processLabel: string; step: string; stepLabel: string })[];
};

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

const org = async (code: string) =>
  sys.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: demoOrgId(code) });

/** A task row as the human-task activities write it, for a period long past (no workflow holds these). */
async function insertTask(over: {
  orgCode: string;
  step: string;
  status: 'open' | 'overdue' | 'completed' | 'cancelled';
  dueAt: string;
  completedAt?: string;
}): Promise<string> {
  const o = await org(over.orgCode);
  const row = taskRow({
    process: 'admission',
    step: over.step,
    assigneeOrgId: o.id,
    orgPath: o.path,
    status: over.status,
    allowedOutcomes: ['done'],
    dueAt: new Date(over.dueAt),
    outcome: over.completedAt ? 'done' : null,
    completedAt: over.completedAt ? new Date(over.completedAt) : null,
  });
  await sys.dataSource.getRepository(HumanTaskEntity).insert(row);
  return row.id;
}

const orgOf = async (code: string): Promise<OrgStep> => {
  const o = await org(code);
  return { id: o.id, code: o.code, name: o.name, kind: o.kind };
};
const figures = (f: Partial<Figures>): Figures => ({
  total: 0,
  onTime: 0,
  late: 0,
  completedLate: 0,
  openOverdue: 0,
  openPending: 0,
  onTimeRate: null,
  ...f,
});

describe('GET /supervision/overdue-tasks: the tree of the subtree (issue 10, supervisor)', () => {
  it('should list an overdue task with its subject and the organisations from the supervised one down to its cell', async () => {
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Đỗ Văn Cây Quá Hạn' });
    const task = await eventually(
      () => sys.dataSource.getRepository(HumanTaskEntity).findOneBy({ caseId, taskKey: 'introducers', status: 'open' }),
      'the introducers task opening',
    );
    // As the existing e2e tests do: the limit passed (the page's test lets the engine escalate for real).
    await sys.dataSource
      .getRepository(HumanTaskEntity)
      .update({ id: task.id }, { dueAt: new Date(Date.now() - 86_400_000) });
    const chain = ['HN', 'HN-HM', 'HN-HM-HL', 'HN-HM-HL-TDP5'];
    for (const [username, from] of [
      ['giamsat.hanoi', 0],
      ['giamsat.hoangmai', 1],
      ['giamsat.hoangliet', 2],
    ] as const) {
      const res = await allPages<SupervisedTask>(await driver.as(username), '/supervision/overdue-tasks');
      const row = res.find((t) => t.id === task.id);
      expect(row).toMatchObject({
        step: 'introducers',
        stepLabel: 'Giới thiệu người vào Đảng',
        subjectName: 'Đỗ Văn Cây Quá Hạn',
        overdue: true,
        orgs: await Promise.all(chain.slice(from).map(orgOf)),
      });
    }
    // Another district's overdue task: the city's supervisor sees it under Long Biên, the district's does not.
    const other = await insertTask({
      orgCode: 'HN-LB-BD-TDP1',
      step: 'introducers',
      status: 'overdue',
      dueAt: '2021-05-04T02:00:00Z',
    });
    const city = await allPages<SupervisedTask>(await driver.as('giamsat.hanoi'), '/supervision/overdue-tasks');
    expect(city.find((t) => t.id === other)?.orgs.map((o) => o.code)).toEqual([
      'HN',
      'HN-LB',
      'HN-LB-BD',
      'HN-LB-BD-TDP1',
    ]);
    const district = await allPages<SupervisedTask>(await driver.as('giamsat.hoangmai'), '/supervision/overdue-tasks');
    expect(district.map((t) => t.id)).not.toContain(other);
  });

  it('should walk the overdue tasks by cursor one a page, the longest overdue first, then by id (issue 13 §3)', async () => {
    // Three overdue tasks in Hoàng Liệt, two of them due at the same instant, and one not yet due.
    const first = await insertTask({
      orgCode: 'HN-HM-HL-TDP5',
      step: 'cell_vote',
      status: 'overdue',
      dueAt: '2020-01-02T01:00:00Z',
    });
    const tied = [
      await insertTask({
        orgCode: 'HN-HM-HL-TDP5',
        step: 'introducers',
        status: 'overdue',
        dueAt: '2020-01-03T01:00:00Z',
      }),
      await insertTask({ orgCode: 'HN-HM-HL', step: 'introducers', status: 'open', dueAt: '2020-01-03T01:00:00Z' }),
    ].sort();
    const notDue = await insertTask({
      orgCode: 'HN-HM-HL-TDP5',
      step: 'introducers',
      status: 'open',
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const hl = await org('HN-HM-HL');
    const rows = (await sys.dataSource.query(
      `SELECT id FROM human_task WHERE status IN ('open','overdue') AND due_at < now() AND org_path LIKE $1
        ORDER BY due_at, id`,
      [`${hl.path}%`],
    )) as { id: string }[];
    const expected = rows.map((r) => r.id);
    expect(expected.slice(0, 3)).toEqual([first, ...tied]); // nothing in the subtree is due earlier
    expect(expected).not.toContain(notDue);
    const supervisor = await driver.as('giamsat.hoangliet');
    const walked: string[] = [];
    for (let cursor: string | null = ''; cursor !== null;) {
      const res: { status: number; body: CursorPage<SupervisedTask> } = await supervisor.get<
        CursorPage<SupervisedTask>
      >(`/supervision/overdue-tasks?pageSize=1&cursor=${cursor}`);
      expect([res.status, res.body.items.length, res.body.total, res.body.totalExact]).toEqual([
        200,
        1,
        expected.length,
        true,
      ]);
      walked.push(...res.body.items.map((t) => t.id));
      cursor = res.body.next;
    }
    expect(walked).toEqual(expected);
    const whole = await supervisor.get<CursorPage<SupervisedTask>>('/supervision/overdue-tasks');
    expect(whole.body).toMatchObject({ pageSize: 50, next: null, total: expected.length, totalExact: true });
    expect(whole.body.items.map((t) => t.id)).toEqual(expected);

    for (const [bad, field] of [
      ['cursor=garbage', 'query.cursor'],
      [`cursor=${Buffer.from(JSON.stringify(['2020-01-03 01:00:00+00'])).toString('base64url')}`, 'query.cursor'],
      [`cursor=${Buffer.from(JSON.stringify(['yesterday', first])).toString('base64url')}`, 'query.cursor'],
      // Shaped like a timestamp, not a day of the calendar.
      [
        `cursor=${Buffer.from(JSON.stringify(['2020-02-31 01:00:00+00', first])).toString('base64url')}`,
        'query.cursor',
      ],
      [
        `cursor=${Buffer.from(JSON.stringify(['2020-13-01 25:00:00+00', first])).toString('base64url')}`,
        'query.cursor',
      ],
      ['pageSize=0', 'query.pageSize'],
      ['pageSize=abc', 'query.pageSize'],
      ['status=open', 'query'],
    ]) {
      const res = await supervisor.get<ApiErr>(`/supervision/overdue-tasks?${bad}`);
      expect([bad, res.status, res.body.error.code, res.body.error.field]).toEqual([
        bad,
        400,
        'VALIDATION_FAILED',
        field,
      ]);
    }
  });

  it('should refuse a user who supervises nothing (403) and an anonymous caller (401)', async () => {
    const res = await (await driver.as('bithu.tdp5')).get<ApiErr>('/supervision/overdue-tasks');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await ApiSession.anonymous(sys.baseUrl).get('/supervision/overdue-tasks')).status).toBe(401);
  });
});

describe("GET /supervision/on-time: 'đúng hạn / trễ hạn' per organisation and per step (issue 10, supervisor)", () => {
  // Tasks due from 02/03/2020 to 06/03/2020 (Vietnam), long before any case of this run.
  const period = 'from=2020-03-02&to=2020-03-06';
  beforeAll(async () => {
    // On time: completed before its due instant.
    await insertTask({
      orgCode: 'HN-HM-HL-TDP5',
      step: 'introducers',
      status: 'completed',
      dueAt: '2020-03-03T02:00:00Z',
      completedAt: '2020-03-02T02:00:00Z',
    });
    // Late, completed: due at 00:00 on 02/03/2020 Vietnam time (the first instant of the period).
    await insertTask({
      orgCode: 'HN-HM-HL-TDP5',
      step: 'introducers',
      status: 'completed',
      dueAt: '2020-03-01T17:00:00Z',
      completedAt: '2020-03-04T02:00:00Z',
    });
    // Late, still open: due at 23:59:59 on 06/03/2020 Vietnam time (the last instant of the period).
    await insertTask({ orgCode: 'HN-HM-HL-TDP5', step: 'cell_vote', status: 'overdue', dueAt: '2020-03-06T16:59:59Z' });
    await insertTask({
      orgCode: 'HN-HM-HL',
      step: 'grassroots_vote',
      status: 'completed',
      dueAt: '2020-03-05T02:00:00Z',
      completedAt: '2020-03-05T01:00:00Z',
    });
    // Not counted: cancelled, or due just outside the period in Vietnam time.
    await insertTask({
      orgCode: 'HN-HM-HL-TDP5',
      step: 'introducers',
      status: 'cancelled',
      dueAt: '2020-03-03T02:00:00Z',
    });
    await insertTask({
      orgCode: 'HN-HM-HL-TDP5',
      step: 'introducers',
      status: 'overdue',
      dueAt: '2020-03-06T17:00:00Z',
    });
    await insertTask({
      orgCode: 'HN-HM-HL-TDP5',
      step: 'introducers',
      status: 'overdue',
      dueAt: '2020-03-01T16:59:59Z',
    });
    // Another district: only the city's supervisor counts it.
    await insertTask({
      orgCode: 'HN-LB-BD-TDP1',
      step: 'introducers',
      status: 'completed',
      dueAt: '2020-03-03T02:00:00Z',
      completedAt: '2020-03-03T01:00:00Z',
    });
  });

  it("should count the district's tasks due in the period on time and late, per organisation and per step", async () => {
    const res = await (await driver.as('giamsat.hoangmai')).get<OnTime>(`/supervision/on-time?${period}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      period: { from: '2020-03-02', to: '2020-03-06' },
      total: figures({ total: 4, onTime: 2, late: 2, completedLate: 1, openOverdue: 1, onTimeRate: 50 }),
      byOrg: [
        { org: await orgOf('HN-HM-HL'), ...figures({ total: 1, onTime: 1, onTimeRate: 100 }) },
        {
          org: await orgOf('HN-HM-HL-TDP5'),
          ...figures({ total: 3, onTime: 1, late: 2, completedLate: 1, openOverdue: 1, onTimeRate: 33.3 }),
        },
      ],
      byStep: [
        {
          process: 'admission',
          processLabel: 'Kết nạp đảng viên',
          step: 'cell_vote',
          stepLabel: expect.any(String),
          ...figures({ total: 1, late: 1, openOverdue: 1, onTimeRate: 0 }),
        },
        {
          process: 'admission',
          processLabel: 'Kết nạp đảng viên',
          step: 'grassroots_vote',
          stepLabel: expect.any(String),
          ...figures({ total: 1, onTime: 1, onTimeRate: 100 }),
        },
        {
          process: 'admission',
          processLabel: 'Kết nạp đảng viên',
          step: 'introducers',
          stepLabel: 'Giới thiệu người vào Đảng',
          ...figures({ total: 2, onTime: 1, late: 1, completedLate: 1, onTimeRate: 50 }),
        },
      ],
    });
    const city = await (await driver.as('giamsat.hanoi')).get<OnTime>(`/supervision/on-time?${period}`);
    expect(city.body.total).toEqual(
      figures({ total: 5, onTime: 3, late: 2, completedLate: 1, openOverdue: 1, onTimeRate: 60 }),
    );
    expect(city.body.byOrg.map((r) => [r.org.code, r.onTime, r.late])).toEqual([
      ['HN-HM-HL', 1, 0],
      ['HN-HM-HL-TDP5', 1, 2],
      ['HN-LB-BD-TDP1', 1, 0],
    ]);
    const empty = await (
      await driver.as('giamsat.hoangmai')
    ).get<OnTime>('/supervision/on-time?from=2019-01-01&to=2019-01-31');
    expect(empty.body).toEqual({
      period: { from: '2019-01-01', to: '2019-01-31' },
      total: figures({}),
      byOrg: [],
      byStep: [],
    });
  });

  it('should answer 400 naming the field of a bad period, 403 to a non-supervisor and 401 to an anonymous caller', async () => {
    const s = await driver.as('giamsat.hoangmai');
    for (const [query, field] of [
      ['to=2020-03-06', 'query.from'],
      ['from=2020-03-06&to=2020-03-02', 'query.to'],
      ['from=2020-02-30&to=2020-03-02', 'query.from'],
      [`${period}&orgId=x`, 'query'],
    ] as const) {
      const res = await s.get<ApiErr>(`/supervision/on-time?${query}`);
      expect({ query, status: res.status, code: res.body.error.code, field: res.body.error.field }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
      });
    }
    expect((await (await driver.as('bithu.tdp5')).get(`/supervision/on-time?${period}`)).status).toBe(403);
    expect((await ApiSession.anonymous(sys.baseUrl).get(`/supervision/on-time?${period}`)).status).toBe(401);
  });
});
