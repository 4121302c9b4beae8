import { randomUUID } from 'node:crypto';
import { SA_ORG_CODES } from '@partyflow/contracts';
import { todayLocal } from '@partyflow/domain';
import {
  AdmissionCaseEntity,
  AuditLogEntity,
  demoOrgId,
  hashPassword,
  HumanTaskEntity,
  OrganisationEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@partyflow/persistence';
import {
  AdmissionDriver,
  allPages,
  ApiSession,
  eventually,
  startSystem,
  type CursorPage,
  type RunningSystem,
} from '@partyflow/testing';

/**
 * Organisations over HTTP (issue 9 §1): list (flat, paged, and as a tree), read, create, rename, move under
 * another parent and close, with the rights of administrators at or above the organisation, the tree's kinds
 * and allowed parents (libs/domain/src/org-tree.ts), and the audit of each change with its reason. The move
 * is tried on a subtree with an open case: the Hoàng Liệt ward leaves the Hoàng Mai district for Hà Nội, as
 * the 2025 reform that abolished the district level requires [R10].
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
const HN = demoOrgId('HN');
const HM = demoOrgId('HN-HM');
const HL = demoOrgId('HN-HM-HL');
const TDP5 = demoOrgId('HN-HM-HL-TDP5');
const DC = demoOrgId('HN-HM-DC');
const LB = demoOrgId('HN-LB');
const BD = demoOrgId('HN-LB-BD');
const THPT = demoOrgId('HN-HM-THPT');

type ApiErr = { error: { code: string; message: string; field?: string } };
type Org = {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  depth: number;
  path: string;
  status: string;
  closedBy: string | null;
  closeReason: string | null;
};
type Node = Org & { children: Node[] };
type Page<T> = { items: T[]; pageSize: number; next: string | null; total: number; totalExact: boolean };
type Assignee = { kind: string; orgId: string; role?: string };

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

const as = (username: string) => driver.as(username);
const orgRow = (id: string) => sys.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id });

/**
 * A session of a user of this spec's own, holding `role` in `orgId` (the users API is another part of issue 9);
 * created on first use, so every test that needs one sets it up itself.
 */
async function sessionWith(username: string, orgId: string, role: RoleAssignmentEntity['role']): Promise<ApiSession> {
  const users = sys.dataSource.getRepository(UserEntity);
  if (!(await users.existsBy({ username }))) {
    const id = randomUUID();
    await users.insert({
      id,
      username,
      passwordHash: await hashPassword('matkhau123'),
      fullName: `Người dùng ${username}`,
      memberId: null,
    });
    await sys.dataSource
      .getRepository(RoleAssignmentEntity)
      .insert({ id: randomUUID(), userId: id, organisationId: orgId, role });
  }
  return ApiSession.login(sys.baseUrl, username);
}
const wardAdmin = () => sessionWith('quantri.hoangliet', HL, 'administrator');

const reason = 'Quyết định số 12-QĐ/TU của Ban Thường vụ Thành ủy';
let seq = 0;
async function create(over: Record<string, unknown> = {}): Promise<Org> {
  seq += 1;
  const res = await (
    await as('quantri')
  ).post<Org>('/organisations', {
    code: `HN-TEST-${seq}`,
    name: `Đảng bộ thử nghiệm số ${seq}`,
    kind: 'grassroots_committee',
    parentId: HN,
    reason,
    ...over,
  });
  if (res.status !== 201) throw new Error(`POST /organisations: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('reading organisations (issue 9 §1)', () => {
  it('should list a subtree flat by depth then code, one page at a time, with the total', async () => {
    const admin = await as('quantri');
    const first = await admin.get<Page<Org>>(`/organisations?rootId=${THPT}&pageSize=2`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ pageSize: 2, next: expect.any(String), total: 3, totalExact: true });
    expect(first.body.items.map((o) => o.code)).toEqual(['HN-HM-THPT', 'HN-HM-THPT-GV']);
    const second = await admin.get<Page<Org>>(`/organisations?rootId=${THPT}&pageSize=2&cursor=${first.body.next}`);
    expect(second.body).toMatchObject({ pageSize: 2, next: null, total: 3, totalExact: true });
    expect(second.body.items.map((o) => o.code)).toEqual(['HN-HM-THPT-HC']);
    expect(second.body.items[0]).toMatchObject({ kind: 'cell', parentId: THPT, depth: 3, status: 'active' });
  });

  it('should walk a subtree one organisation a page by cursor in the order of the tree (issue 13 §3)', async () => {
    const admin = await as('quantri');
    const walked: string[] = [];
    const pages: Omit<Page<Org>, 'items' | 'next'>[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/organisations?rootId=${HL}&pageSize=1${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await admin.get<Page<Org>>(url);
      expect(res.status).toBe(200);
      const { items, next, ...rest } = res.body;
      walked.push(...items.map((o) => `${o.depth} ${o.code}`));
      pages.push(rest);
      cursor = next;
    } while (cursor && walked.length < 20);
    // The ward first (depth 2), then its cells (depth 3) by code.
    expect(walked).toEqual(['2 HN-HM-HL', '3 HN-HM-HL-LD', '3 HN-HM-HL-TDP12', '3 HN-HM-HL-TDP5']);
    expect(pages).toEqual(walked.map(() => ({ pageSize: 1, total: 4, totalExact: true })));
    // The database's order of the same key agrees.
    const rows = (await sys.dataSource.query(
      `SELECT depth, code FROM organisation WHERE path LIKE (SELECT path FROM organisation WHERE id = $1) || '%'
          AND closed_at IS NULL ORDER BY depth, code, id`,
      [HL],
    )) as { depth: number; code: string }[];
    expect(rows.map((r) => `${r.depth} ${r.code}`)).toEqual(walked);
  });

  it("should list only the user's own subtrees: the Hoàng Liệt supervisor sees the ward and its three cells", async () => {
    const res = await (await as('giamsat.hoangliet')).get<Page<Org>>('/organisations?kind=cell');
    expect(res.body.items.map((o) => o.code)).toEqual(['HN-HM-HL-LD', 'HN-HM-HL-TDP12', 'HN-HM-HL-TDP5']);
    expect(res.body.total).toBe(3);
  });

  it('should return the nested tree under a root', async () => {
    const res = await (await as('giamsat.hoangmai')).get<Node[]>(`/organisations/tree?rootId=${DC}`);
    expect(res.status).toBe(200);
    expect(res.body.map((n) => n.code)).toEqual(['HN-HM-DC']);
    expect(res.body[0].children.map((n) => n.code)).toEqual(['HN-HM-DC-KTT', 'HN-HM-DC-TDP18', 'HN-HM-DC-TDP3']);
    expect(res.body[0].children.map((n) => n.children.length)).toEqual([0, 0, 0]);
  });

  it('should read one organisation, and answer 400, 401, 403 and 404 as the API does', async () => {
    const secretary = await as('bithu.tdp5');
    const ok = await secretary.get<Org>(`/organisations/${TDP5}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: TDP5, code: 'HN-HM-HL-TDP5', kind: 'cell', parentId: HL });
    const forbidden = await secretary.get<ApiErr>(`/organisations/${BD}`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    const missing = await secretary.get<ApiErr>(`/organisations/${randomUUID()}`);
    expect(missing.status).toBe(404);
    const bad = await secretary.get<ApiErr>('/organisations/khong-phai-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('id');
    for (const [query, field] of [
      ['pageSize=500', 'query.pageSize'],
      ['pageSize=0', 'query.pageSize'],
      ['cursor=abc', 'query.cursor'],
      // A cursor of another list (the members': a name where this one has the depth) is not one of this list's.
      [`cursor=${Buffer.from(JSON.stringify(['a', 'b', randomUUID()])).toString('base64url')}`, 'query.cursor'],
      ['page=2', 'query'],
    ]) {
      const bad = await secretary.get<ApiErr>(`/organisations?${query}`);
      expect({ query, status: bad.status, field: bad.body.error.field }).toEqual({ query, status: 400, field });
    }
    expect((await ApiSession.anonymous(sys.baseUrl).get('/organisations')).status).toBe(401);
  });
});

describe('creating, renaming and closing organisations (issue 9 §1)', () => {
  it('should create a grassroots committee directly under Hà Nội, with its path, and audit it with the reason', async () => {
    const created = await create({ code: 'hn-moi-1', name: 'Đảng bộ phường Mới Một' });
    const hn = await orgRow(HN);
    expect(created).toMatchObject({
      code: 'HN-MOI-1',
      name: 'Đảng bộ phường Mới Một',
      kind: 'grassroots_committee',
      parentId: HN,
      depth: 1,
      path: `${hn.path}${created.id}/`,
      status: 'active',
    });
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findBy({ action: 'organisation.created', orgId: created.id });
    expect(audit).toMatchObject([{ comment: reason, actorName: expect.any(String), details: { code: 'HN-MOI-1' } }]);
  });

  it('should refuse a second organisation with the same code with 409 ORGANISATION_CODE_TAKEN', async () => {
    const res = await (
      await as('quantri')
    ).post<ApiErr>('/organisations', {
      code: 'HN-HM-HL',
      name: 'Trùng mã',
      kind: 'grassroots_committee',
      parentId: HN,
      reason,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ORGANISATION_CODE_TAKEN');
  });

  it.each([
    ['a cell directly under a province', { kind: 'cell', parentId: HN }, 'parentId'],
    ['a grassroots committee under a district (none since 2025 [R10])', { parentId: LB }, 'parentId'],
    ['a new district committee [R10]', { kind: 'district_committee' }, 'kind'],
    ['a grassroots committee without a parent', { parentId: null }, 'parentId'],
    ['no reason', { reason: '' }, 'reason'],
    ['a code with diacritics', { code: 'HÀ-NỘI' }, 'code'],
  ])('should refuse %s with 400 naming the field', async (_label, over, field) => {
    const res = await (
      await as('quantri')
    ).post<ApiErr>('/organisations', {
      code: `HN-BAD-${randomUUID().slice(0, 8)}`,
      name: 'Tổ chức không hợp lệ',
      kind: 'grassroots_committee',
      parentId: HN,
      reason,
      ...over,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('should refuse a supervisor (403) and an unknown parent (404)', async () => {
    const body = { code: 'HN-X-403', name: 'Không được lập', kind: 'grassroots_committee', parentId: HN, reason };
    expect((await (await as('giamsat.hanoi')).post<ApiErr>('/organisations', body)).status).toBe(403);
    expect(
      (await (await as('quantri')).post<ApiErr>('/organisations', { ...body, parentId: randomUUID() })).status,
    ).toBe(404);
  });

  it('should let an administrator of the ward rename its cell but nothing outside the ward (403)', async () => {
    const ward = await wardAdmin();
    const cell = await create({ code: 'HN-TEST-CELL-99', parentId: HL, kind: 'cell', name: 'Chi bộ tổ dân phố 99' });
    const renamed = await ward.request<Org>('PATCH', `/organisations/${cell.id}`, {
      name: 'Chi bộ tổ dân phố 99 (mới)',
      reason: 'Nghị quyết đổi tên tổ dân phố',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Chi bộ tổ dân phố 99 (mới)');
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findBy({ action: 'organisation.renamed', orgId: cell.id });
    expect(audit).toMatchObject([
      {
        comment: 'Nghị quyết đổi tên tổ dân phố',
        actorName: 'Người dùng quantri.hoangliet',
        details: { before: 'Chi bộ tổ dân phố 99', after: 'Chi bộ tổ dân phố 99 (mới)' },
      },
    ]);
    const outside = await ward.request<ApiErr>('PATCH', `/organisations/${BD}`, { name: 'Đổi tên', reason });
    expect(outside.status).toBe(403);
    const short = await ward.request<ApiErr>('PATCH', `/organisations/${cell.id}`, { name: 'A', reason });
    expect(short.body.error.field).toBe('name');
    // Close it again so the ward's subtree is the seeded one when it moves below.
    const closed = await ward.post<Org>(`/organisations/${cell.id}/close`, { reason: 'Sáp nhập vào tổ dân phố 5' });
    expect(closed.status).toBe(200);
  });

  it('should close only an empty organisation, never delete it, and keep it readable as closed', async () => {
    const admin = await as('quantri');
    const committee = await create();
    const cell = await create({ parentId: committee.id, kind: 'cell', name: 'Chi bộ sẽ sáp nhập' });
    const notEmpty = await admin.post<ApiErr>(`/organisations/${committee.id}/close`, { reason: 'Sáp nhập' });
    expect(notEmpty.status).toBe(409);
    expect(notEmpty.body.error.code).toBe('ORGANISATION_NOT_EMPTY');
    const withMembers = await admin.post<ApiErr>(`/organisations/${TDP5}/close`, { reason: 'Sáp nhập' });
    expect(withMembers.status).toBe(409);
    expect(withMembers.body.error.code).toBe('ORGANISATION_NOT_EMPTY');

    const closedCell = await admin.post<Org>(`/organisations/${cell.id}/close`, { reason: 'Sáp nhập chi bộ' });
    expect(closedCell.status).toBe(200);
    expect(closedCell.body).toMatchObject({
      status: 'closed',
      closeReason: 'Sáp nhập chi bộ',
      closedBy: expect.any(String),
    });
    expect((await admin.post<Org>(`/organisations/${committee.id}/close`, { reason: 'Giải thể' })).status).toBe(200);

    const again = await admin.request<ApiErr>('PATCH', `/organisations/${cell.id}`, { name: 'Tên mới', reason });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ORGANISATION_CLOSED');
    const under = await admin.post<ApiErr>('/organisations', {
      code: 'HN-UNDER-CLOSED',
      name: 'Dưới tổ chức đã đóng',
      kind: 'cell',
      parentId: committee.id,
      reason,
    });
    expect(under.status).toBe(400);
    expect(under.body.error.field).toBe('parentId');
    const open = await admin.get<Page<Org>>(`/organisations?rootId=${committee.id}`);
    expect(open.body.total).toBe(0);
    const all = await admin.get<Page<Org>>(`/organisations?rootId=${committee.id}&includeClosed=true`);
    expect(all.body.items.map((o) => [o.code, o.status])).toEqual([
      [committee.code, 'closed'],
      [cell.code, 'closed'],
    ]);
    expect(
      await sys.dataSource.getRepository(AuditLogEntity).countBy({ action: 'organisation.closed', orgId: cell.id }),
    ).toBe(1);
  });
});

describe('moving organisations (issue 9 §1)', () => {
  it.each([
    ['the ward under its own cell (a cycle)', HL, TDP5, 'không thể chuyển một tổ chức vào chính nó'],
    ['a cell directly under the province (wrong parent kind)', TDP5, HN, 'chi bộ chỉ trực thuộc đảng ủy cơ sở'],
    ['a ward under another district (no district level since 2025 [R10])', HL, LB, 'cấp huyện không còn'],
  ])('should refuse moving %s with 400 naming parentId', async (_label, id, parentId, message) => {
    const res = await (await as('quantri')).post<ApiErr>(`/organisations/${id}/move`, { parentId, reason });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('parentId');
    expect(res.body.error.message).toContain(message);
  });

  it('should refuse a ward administrator moving a cell to a ward outside their subtree (403), and 401, 404', async () => {
    const res = await (await wardAdmin()).post<ApiErr>(`/organisations/${TDP5}/move`, { parentId: DC, reason });
    expect(res.status).toBe(403);
    expect(
      (await ApiSession.anonymous(sys.baseUrl).post(`/organisations/${TDP5}/move`, { parentId: DC, reason })).status,
    ).toBe(401);
    const missing = await (
      await as('quantri')
    ).post<ApiErr>(`/organisations/${TDP5}/move`, { parentId: randomUUID(), reason });
    expect(missing.status).toBe(404);
  });

  it('should refuse moving a ward that holds a delegation of its current superior (409) until it is revoked [R5]', async () => {
    const standing = await as('thuongvu.hoangmai');
    const DAY = 86_400_000;
    const grant = await standing.post<{ id: string }>('/delegations', {
      grantorOrgId: HM,
      granteeOrgId: DC,
      power: 'expulsion',
      validFrom: new Date(Date.now() - DAY).toISOString(),
      validUntil: new Date(Date.now() + 365 * DAY).toISOString(),
      reason: 'Nghị quyết ủy quyền quyết định khai trừ cho Đảng ủy phường Định Công',
    });
    expect(grant.status).toBe(201);
    const admin = await as('quantri');
    const refused = await admin.post<ApiErr>(`/organisations/${DC}/move`, { parentId: HN, reason });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ORGANISATION_MOVE_BREAKS_DELEGATION');
    expect(refused.body.error.message).toContain(grant.body.id);
    expect(await orgRow(DC)).toMatchObject({ parentId: HM });
    const revoked = await standing.post(`/delegations/${grant.body.id}/revoke`, { reason: 'Sắp xếp lại tổ chức' });
    expect(revoked.status).toBe(200);
  });

  it('should move the Hoàng Liệt ward with an open case under Hà Nội: paths, the case, its open appraisal, its next steps, supervision and reports follow', async () => {
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Trần Văn Chuyển Cấp' });
    await driver.driveUntil(caseId, TDP5, 'appraisal');
    const appraisal = await sys.dataSource
      .getRepository(HumanTaskEntity)
      .findOneByOrFail({ caseId, taskKey: 'appraisal', status: 'open' });
    expect(appraisal).toMatchObject({ assigneeOrgId: HM, assigneeRole: 'organisation_department' });
    const year = todayLocal(Date.now()).slice(0, 4);
    const period = `from=${year}-01-01&to=${year}-12-31`;
    const atAppraisal = async (viewer: string, orgId: string) => {
      const r = await (
        await as(viewer)
      ).get<{ tables: { key: string; rows: { step: string; cases: number }[] }[] }>(
        `/reports/admissions?orgId=${orgId}&${period}`,
      );
      expect(r.status).toBe(200);
      const rows = r.body.tables.find((t) => t.key === 'by_stage_outcome')?.rows ?? [];
      return rows.filter((x) => x.step === 'appraisal').reduce((n, x) => n + Number(x.cases), 0);
    };
    const beforeHm = await atAppraisal('giamsat.hoangmai', HM);
    const beforeHn = await atAppraisal('giamsat.hanoi', HN);
    expect(beforeHm).toBe(1);
    const oldHl = (await orgRow(HL)).path;
    const [{ n: tasksInWard }] = (await sys.dataSource.query(
      `SELECT count(*)::int AS n FROM human_task WHERE org_path LIKE $1::text || '%'`,
      [oldHl],
    )) as { n: number }[];
    expect(tasksInWard).toBeGreaterThan(0);

    const hn = await orgRow(HN);
    const res = await (
      await as('quantri')
    ).post<{
      organisation: Org;
      from: { parentId: string; path: string };
      to: { parentId: string; path: string };
      updated: Record<string, number>;
      movedTasks: { taskId: string; from: Assignee; to: Assignee }[];
      failedMoves: unknown[];
      relocatedCases: {
        caseId: string;
        workflowId: string;
        grassrootsOrgId: string;
        competentOrgId: string;
        orgCodes: string[];
      }[];
      failedRelocations: unknown[];
    }>(`/organisations/${HL}/move`, { parentId: HN, reason: 'Nghị quyết sắp xếp đơn vị hành chính 2025' });
    expect(res.status).toBe(200);
    const newHl = `${hn.path}${HL}/`;
    expect(res.body.organisation).toMatchObject({ id: HL, parentId: HN, depth: 1, path: newHl });
    expect(res.body.to).toEqual({ parentId: HN, path: newHl });
    // The ward, its three cells and the cell another test may have created and closed in it; the case and every
    // task held in the ward.
    expect(res.body.updated.organisations).toBe(
      4 + (await sys.dataSource.getRepository(OrganisationEntity).countBy({ code: 'HN-TEST-CELL-99' })),
    );
    expect(res.body.from).toEqual({ parentId: HM, path: oldHl });
    expect(res.body.updated.admissionCases).toBe(1);
    expect(res.body.updated.humanTasks).toBe(tasksInWard);
    expect(res.body.movedTasks).toEqual([
      {
        taskId: appraisal.id,
        workflowId: appraisal.workflowId,
        from: { kind: 'role', orgId: HM, role: 'organisation_department' },
        to: { kind: 'role', orgId: HN, role: 'organisation_department' },
      },
    ]);
    expect(res.body.failedMoves).toEqual([]);
    const caseRow = await sys.dataSource.getRepository(AdmissionCaseEntity).findOneByOrFail({ id: caseId });
    // The case is told its new deciding organisations: the ward stays, the city replaces the district.
    const codes = ['HN', 'HN-HM-HL', 'HN-HM-HL-TDP5'];
    expect(res.body.relocatedCases).toEqual([
      { caseId, workflowId: caseRow.workflowId, grassrootsOrgId: HL, competentOrgId: HN, orgCodes: codes },
    ]);
    // Operators find it under its new ancestors in Temporal (PartyOrgCodes, issue 7 §5).
    await eventually(
      async () => {
        const described = await sys.env.client.workflow.getHandle(caseRow.workflowId).describe();
        return JSON.stringify(described.typedSearchAttributes.get(SA_ORG_CODES)) === JSON.stringify(codes);
      },
      `PartyOrgCodes of the moved case becoming ${codes.join(', ')}`,
      15_000,
    );
    expect(res.body.failedRelocations).toEqual([]);

    expect(await orgRow(TDP5)).toMatchObject({ parentId: HL, depth: 2, path: `${newHl}${TDP5}/` });
    expect(await sys.dataSource.getRepository(AdmissionCaseEntity).findOneByOrFail({ id: caseId })).toMatchObject({
      orgPath: `${newHl}${TDP5}/`,
      grassrootsOrgId: HL,
    });
    const moved = await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: appraisal.id });
    expect(moved).toMatchObject({ assigneeOrgId: HN, orgPath: hn.path, status: 'open' });

    // Supervision follows the new place: the district no longer sees the case, the city does.
    expect((await (await as('giamsat.hoangmai')).get(`/admission-cases/${caseId}`)).status).toBe(403);
    expect((await (await as('giamsat.hanoi')).get(`/admission-cases/${caseId}`)).status).toBe(200);
    // Reports follow: the case left the district's figures and stays in the city's.
    expect(await atAppraisal('giamsat.hoangmai', HM)).toBe(beforeHm - 1);
    expect(await atAppraisal('giamsat.hanoi', HN)).toBe(beforeHn);

    // The open appraisal is now the city's organisation department's, and only theirs to complete.
    const cityDept = await sessionWith('bantochuc.hanoi', HN, 'organisation_department');
    const inbox = await cityDept.get<CursorPage<{ id: string }>>('/tasks/mine?process=admission');
    expect(inbox.body.items.map((t) => t.id)).toEqual([appraisal.id]);
    expect(inbox.body.next).toBeNull();
    const districtDept = await as('bantochuc.hoangmai');
    expect(
      (await allPages<{ id: string }>(districtDept, '/tasks/mine?process=admission')).map((t) => t.id),
    ).not.toContain(appraisal.id);
    const done = await cityDept.post(`/tasks/${appraisal.id}/complete`, {
      outcome: 'endorsed',
      data: { summary: 'Hồ sơ đầy đủ, đúng quy trình' },
    });
    expect(done.status).toBe(200);
    // The next step the case opens goes to the new place: the decision is the city's standing committee's.
    const decision = await eventually(
      () => sys.dataSource.getRepository(HumanTaskEntity).findOneBy({ caseId, taskKey: 'decision' }),
      'the decision opening after the appraisal',
      20_000,
    );
    expect(decision).toMatchObject({
      assigneeOrgId: HN,
      assigneeRole: 'standing_committee_member',
      orgPath: hn.path,
      status: 'open',
    });
    // The city department was told: the reassignment's notification is in its own list.
    const told = await cityDept.get<{ items: { taskId: string | null; message: string }[] }>('/notifications');
    expect(told.body.items.filter((n) => n.taskId === appraisal.id).map((n) => n.message)).toEqual([
      expect.stringContaining('Nhiệm vụ được chuyển đến'),
    ]);

    const audit = await eventually(
      async () => {
        const rows = await sys.dataSource.getRepository(AuditLogEntity).findBy({ orgId: HL });
        return rows.some((r) => r.action === 'organisation.tasks_moved') ? rows : undefined;
      },
      'the move and its task moves audited',
      10_000,
    );
    expect(audit.find((r) => r.action === 'organisation.moved')).toMatchObject({
      comment: 'Nghị quyết sắp xếp đơn vị hành chính 2025',
      details: { fromParentId: HM, toParentId: HN, tasksToMove: [appraisal.id] },
    });
    expect(
      await sys.dataSource.getRepository(AuditLogEntity).countBy({ taskId: appraisal.id, action: 'task.reassigned' }),
    ).toBe(1);
    // GET /audit follows the new place too: the city reads the move with its reason; the district no longer may.
    const read = await (
      await as('giamsat.hanoi')
    ).get<{ items: { action: string; comment: string | null }[] }>(`/audit?orgId=${HL}&action=organisation.moved`);
    expect(read.body.items).toEqual([
      expect.objectContaining({ action: 'organisation.moved', comment: 'Nghị quyết sắp xếp đơn vị hành chính 2025' }),
    ]);
    expect((await (await as('giamsat.hoangmai')).get(`/audit?orgId=${HL}`)).status).toBe(403);
  });
});
