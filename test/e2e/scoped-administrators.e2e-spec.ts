import { randomUUID } from 'node:crypto';
import { todayLocal } from '@partyflow/domain';
import {
  demoOrgId,
  hashPassword,
  MemberEntity,
  OrganisationEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@partyflow/persistence';
import { ApiSession, eventually, startSystem, type RunningSystem } from '@partyflow/testing';

/**
 * Issue 11 §2 "An administrator of one district reaches beyond it": the authorisation matrix of scoped
 * administrators. A user holding `administrator` only at the province (HN), the district (HN-HM), the grassroots
 * committee (HN-HM-HL) or the cell (HN-HM-HL-TDP5) × each endpoint family touching an organisation's data × an
 * organisation inside the subtree (the cell Tổ dân phố số 5 and one of its members) and one outside it (for the
 * province: a second root this spec creates; the district: Long Biên's cell; the grassroots committee: Định Công's
 * cell; the cell: Linh Đàm, its sibling). Exact status codes; what stays national is refused to all but the root.
 */
let sys: RunningSystem;

type Target = { cell: string; member: string; cellName: string };
type Level = { level: string; orgCode: string; username: string; outside: () => Target };
type Family = {
  name: string;
  inside: number;
  outside: number;
  /** A list filtered to the subtree answers 200 outside it, with nothing of the outside organisation. */
  outsideBody?: unknown;
  call: (s: ApiSession, t: Target, i: number) => Promise<{ status: number; body?: unknown }>;
};

const targets = new Map<string, Target>();
let otherRoot: Target;

async function targetOf(cellCode: string): Promise<Target> {
  const cached = targets.get(cellCode);
  if (cached) return cached;
  const cell = await sys.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: demoOrgId(cellCode) });
  const member = await sys.dataSource
    .getRepository(MemberEntity)
    .findOneOrFail({ where: { organisationId: cell.id, status: 'official' }, order: { fullName: 'ASC' } });
  const t = { cell: cell.id, member: member.id, cellName: cell.name };
  targets.set(cellCode, t);
  return t;
}

/** A second root (another province) with one cell and one official member: outside even the Hà Nội administrator. */
async function createOtherRoot(): Promise<Target> {
  const orgs = sys.dataSource.getRepository(OrganisationEntity);
  const rootId = randomUUID();
  const cellId = randomUUID();
  await orgs.insert({
    id: rootId,
    code: 'HCM',
    name: 'Đảng bộ Thành phố Hồ Chí Minh',
    kind: 'provincial_committee',
    parentId: null,
    path: `/${rootId}/`,
    depth: 0,
  });
  await orgs.insert({
    id: cellId,
    code: 'HCM-Q1-BN',
    name: 'Chi bộ Khu phố 1 phường Bến Nghé',
    kind: 'cell',
    parentId: rootId,
    path: `/${rootId}/${cellId}/`,
    depth: 1,
  });
  const model = await sys.dataSource
    .getRepository(MemberEntity)
    .findOneOrFail({ where: { organisationId: demoOrgId('HN-HM-HL-TDP5'), status: 'official' }, order: { id: 'ASC' } });
  const memberId = randomUUID();
  await sys.dataSource.getRepository(MemberEntity).insert({
    ...model,
    id: memberId,
    organisationId: cellId,
    residenceOrgId: null,
    fullName: 'Trần Văn Bến Nghé',
  });
  return { cell: cellId, member: memberId, cellName: 'Chi bộ Khu phố 1 phường Bến Nghé' };
}

/** A user of this spec's own holding `administrator` only at `orgCode`, created on first use. */
async function adminAt(username: string, orgCode: string): Promise<ApiSession> {
  const users = sys.dataSource.getRepository(UserEntity);
  if (!(await users.existsBy({ username }))) {
    const id = randomUUID();
    await users.insert({
      id,
      username,
      passwordHash: await hashPassword('matkhau123'),
      fullName: `Quản trị ${orgCode}`,
      memberId: null,
    });
    await sys.dataSource
      .getRepository(RoleAssignmentEntity)
      .insert({ id: randomUUID(), userId: id, organisationId: demoOrgId(orgCode), role: 'administrator' });
  }
  return ApiSession.login(sys.baseUrl, username);
}

async function postCsv(s: ApiSession, kind: string, csv: string): Promise<{ status: number }> {
  const res = await fetch(`${sys.baseUrl}/imports/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv; charset=utf-8', authorization: `Bearer ${s.token}` },
    body: csv,
  });
  return { status: res.status };
}

let nidSeq = 0;
const run = String(Date.now() % 1e5).padStart(5, '0');

/** Imports one candidate into `cellId` and waits for the import: 200 when it succeeded, else its error status. */
async function importMembers(s: ApiSession, cellId: string): Promise<{ status: number }> {
  const nid = `07${run}${String(++nidSeq).padStart(5, '0')}`;
  const csv = `full_name,birth_date,gender,national_id,workplace_cell,education_level\nLê Văn Nhập,1995-03-04,Nam,${nid},${cellId},college\n`;
  const res = await fetch(`${sys.baseUrl}/imports/members`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv; charset=utf-8', authorization: `Bearer ${s.token}` },
    body: csv,
  });
  if (res.status !== 202) return { status: res.status };
  const { id } = (await res.json()) as { id: string };
  const done = await eventually(
    async () => {
      const view = await s.get<{ status: string; errorStatus: number | null }>(`/imports/${id}`);
      return (view.body.status === 'succeeded' || view.body.status === 'failed') && view.body;
    },
    'the members import to finish',
    60_000,
    200,
  );
  return { status: done.status === 'succeeded' ? 200 : (done.errorStatus ?? 500) };
}

beforeAll(async () => {
  sys = await startSystem();
  otherRoot = await createOtherRoot();
  for (const code of ['HN-HM-HL-TDP5', 'HN-LB-BD-TDP1', 'HN-HM-DC-TDP3', 'HN-HM-HL-LD']) await targetOf(code);
});
afterAll(async () => {
  await sys?.stop();
});

const LEVELS: Level[] = [
  { level: 'province', orgCode: 'HN', username: 'qt.tinh', outside: () => otherRoot },
  { level: 'district', orgCode: 'HN-HM', username: 'qt.quan', outside: () => targets.get('HN-LB-BD-TDP1') as Target },
  {
    level: 'grassroots',
    orgCode: 'HN-HM-HL',
    username: 'qt.phuong',
    outside: () => targets.get('HN-HM-DC-TDP3') as Target,
  },
  {
    level: 'cell',
    orgCode: 'HN-HM-HL-TDP5',
    username: 'qt.chibo',
    outside: () => targets.get('HN-HM-HL-LD') as Target,
  },
];

const today = () => todayLocal(Date.now());
const reason = 'Quyết định số 12-QĐ/ĐU của cấp ủy';
const policy = {
  due: { amount: 10, unit: 'working_days' },
  remindBefore: { amount: 2, unit: 'working_days' },
  escalateEvery: { amount: 5, unit: 'working_days' },
  maxEscalationLevel: 2,
  reason: 'Nghị quyết của cấp ủy về thời hạn giới thiệu người vào Đảng',
};

/** Each family of endpoints that touches an organisation's data, with its status inside and outside the subtree. */
const FAMILIES: Family[] = [
  { name: 'GET /members/:id', inside: 200, outside: 403, call: (s, t) => s.get(`/members/${t.member}`) },
  {
    name: 'GET /members/:id/records',
    inside: 200,
    outside: 403,
    call: (s, t) => s.get(`/members/${t.member}/records`),
  },
  {
    name: 'POST /members/:id/attendance',
    inside: 201,
    outside: 403,
    call: (s, t, i) => s.post(`/members/${t.member}/attendance`, { month: `2026-0${i + 1}`, status: 'present' }),
  },
  {
    name: 'POST /members/:id/gradings',
    inside: 201,
    outside: 403,
    call: (s, t, i) => s.post(`/members/${t.member}/gradings`, { year: 2015 + i, grading: 'good' }),
  },
  {
    // A records import refuses a row it may not write with the row and column (400), as for any bad row.
    name: 'POST /imports/attendance (CSV)',
    inside: 201,
    outside: 400,
    call: (s, t, i) =>
      postCsv(s, 'attendance', `member_id,month,status,reason\r\n${t.member},2025-0${i + 1},present,\r\n`),
  },
  {
    name: "POST /imports/members (CSV): the import's outcome, 200 succeeded or its error status",
    inside: 200,
    outside: 403,
    call: (s, t) => importMembers(s, t.cell),
  },
  {
    name: 'GET /users?orgId (filtered to the administered subtrees)',
    inside: 200,
    outside: 200,
    outsideBody: { items: [], pageSize: 50, next: null, total: 0, totalExact: true },
    call: (s, t) => s.get(`/users?orgId=${t.cell}`),
  },
  {
    name: 'POST /users (a staff user of the organisation)',
    inside: 201,
    outside: 403,
    call: (s, t, i) =>
      s.post('/users', {
        username: `canbo${i}.${t.cell.slice(0, 8)}`,
        password: 'Matkhau-tam-thoi-2026',
        fullName: 'Cán bộ văn phòng',
        organisationId: t.cell,
        reason,
      }),
  },
  {
    name: 'GET /inspection-programmes?orgId',
    inside: 200,
    outside: 403,
    call: (s, t) => s.get(`/inspection-programmes?orgId=${t.cell}`),
  },
  {
    // Allowed inside, where the cell has no schedule of its own: 404 after the scope check, 403 outside.
    name: 'GET /screening/detection-schedules/:orgId',
    inside: 404,
    outside: 403,
    call: (s, t) => s.get(`/screening/detection-schedules/${t.cell}`),
  },
  { name: 'GET /organisations/:id', inside: 200, outside: 403, call: (s, t) => s.get(`/organisations/${t.cell}`) },
  {
    name: 'PATCH /organisations/:id',
    inside: 200,
    outside: 403,
    call: (s, t) => s.request('PATCH', `/organisations/${t.cell}`, { name: t.cellName, reason }),
  },
  {
    name: 'PUT /quotas/:orgId/:year',
    inside: 200,
    outside: 403,
    call: (s, t, i) => s.put(`/quotas/${t.cell}/2031`, { quota: i + 1, reason }),
  },
  { name: 'GET /criteria?orgId', inside: 200, outside: 403, call: (s, t) => s.get(`/criteria?orgId=${t.cell}`) },
  { name: 'GET /delegations?orgId', inside: 200, outside: 403, call: (s, t) => s.get(`/delegations?orgId=${t.cell}`) },
  { name: 'GET /audit?orgId', inside: 200, outside: 403, call: (s, t) => s.get(`/audit?orgId=${t.cell}`) },
  {
    name: 'GET /reports/tasks?orgId',
    inside: 200,
    outside: 403,
    call: (s, t) => s.get(`/reports/tasks?orgId=${t.cell}&from=${today()}&to=${today()}`),
  },
  {
    name: 'GET /deadline-policies?orgId',
    inside: 200,
    outside: 403,
    call: (s, t) => s.get(`/deadline-policies?orgId=${t.cell}`),
  },
  {
    name: 'GET /deadline-policies/:process/:step/impact?orgId',
    inside: 200,
    outside: 403,
    call: (s, t) => s.get(`/deadline-policies/admission/introducers/impact?orgId=${t.cell}`),
  },
  {
    name: 'PUT /deadline-policies/:process/:step/overrides/:orgId',
    inside: 202,
    outside: 403,
    call: (s, t) => s.put(`/deadline-policies/admission/introducers/overrides/${t.cell}`, policy),
  },
];

describe.each(LEVELS)('an administrator at the $level level ($orgCode) [issue 11 §2]', (lvl) => {
  const i = LEVELS.indexOf(lvl);
  it.each(FAMILIES)(
    'issue 11 §2: $name answers $inside inside the subtree and $outside outside it',
    async ({ inside, outside, outsideBody, call }) => {
      const s = await adminAt(lvl.username, lvl.orgCode);
      const inRes = await call(s, targets.get('HN-HM-HL-TDP5') as Target, i);
      const outRes = await call(s, lvl.outside(), i);
      expect({ inside: inRes.status, outside: outRes.status }).toEqual({ inside, outside });
      if (outsideBody !== undefined) expect(outRes.body).toEqual(outsideBody);
    },
  );
});

describe('what stays national: the root administrator only [issue 11 §2]', () => {
  it.each(LEVELS.filter((l) => l.level !== 'province'))(
    'issue 11 §2: should refuse the $level administrator the national default, the holiday calendar and a new top-level organisation (403)',
    async (lvl) => {
      const s = await adminAt(lvl.username, lvl.orgCode);
      const statuses = {
        nationalPolicy: (await s.put('/deadline-policies/admission/introducers', policy)).status,
        nationalImpact: (await s.get('/deadline-policies/admission/introducers/impact')).status,
        holiday: (await s.post('/holidays', { date: '2031-05-02', name: 'Nghỉ bù', decision: 'Thông báo thử' })).status,
        topLevel: (
          await s.post('/organisations', {
            code: `TOP-${lvl.level.toUpperCase()}`,
            name: 'Đảng bộ thử nghiệm cấp cao nhất',
            kind: 'provincial_committee',
            parentId: null,
            reason,
          })
        ).status,
      };
      expect(statuses).toEqual({ nationalPolicy: 403, nationalImpact: 403, holiday: 403, topLevel: 403 });
    },
  );

  it('issue 11 §2: should let the root administrator preview the national default (200)', async () => {
    const s = await adminAt('qt.tinh', 'HN');
    expect((await s.get('/deadline-policies/admission/introducers/impact')).status).toBe(200);
  });
});
