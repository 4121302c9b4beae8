import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { In } from 'typeorm';
import {
  AuditLogEntity,
  demoOrgId,
  hashPassword,
  ImportEntity,
  OrganisationEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@partyflow/persistence';
import { ApiSession, eventually, startSystem, type RunningSystem } from '@partyflow/testing';
import { createApiApp } from '../../apps/api/src/api.factory';

/**
 * The organisations and users imports and the durable import progress over HTTP (issue 9 §4):
 * POST /imports/organisations and /imports/users with CSV or xlsx, Vietnamese or English headers;
 * 202 with an import id, polled at GET /imports/:id (a row of the imports table); all or nothing,
 * the first bad row named by row and column; idempotent on the natural keys (organisation code;
 * username and (username, role, organisation)); rights of the single endpoints; GET /imports; an
 * import a dead process left running is marked failed when the API starts.
 */
let sys: RunningSystem;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HN = demoOrgId('HN');
const HL = demoOrgId('HN-HM-HL');
const PASSWORD = 'matkhau123';

type ImportView = {
  id: string;
  kind: string;
  format: string;
  status: 'queued' | 'counting' | 'running' | 'succeeded' | 'failed';
  rowsTotal: number | null;
  rowsDone: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: Record<string, number> | null;
  errorStatus: number | null;
  error: {
    code: string;
    message: string;
    field?: string;
    details?: { row: number; column: string | null; header: string | null; cell: string | null; reason: string };
  } | null;
};
type ApiErr = { error: { code: string; message: string; field?: string } };
type Me = { userId: string; fullName: string; roles: { orgId: string; orgName: string; role: string }[] };

const sessions = new Map<string, ApiSession>();
async function as(username: string, password = PASSWORD): Promise<ApiSession> {
  const cached = sessions.get(username);
  if (cached) return cached;
  const s = await ApiSession.login(sys.baseUrl, username, password);
  sessions.set(username, s);
  return s;
}

async function post<T>(kind: string, s: ApiSession | null, body: string | Buffer, contentType = 'text/csv') {
  const res = await fetch(`${sys.baseUrl}/imports/${kind}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(s?.token ? { authorization: `Bearer ${s.token}` } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Posts the file, expects 202, and polls GET /imports/:id until the import has finished. */
async function importFile(kind: string, s: ApiSession, body: string | Buffer, contentType?: string) {
  const started = await post<ImportView>(kind, s, body, contentType);
  if (started.status !== 202)
    throw new Error(`POST /imports/${kind}: ${started.status} ${JSON.stringify(started.body)}`);
  expect([started.body.kind, started.body.status]).toEqual([kind, 'queued']);
  return eventually(
    async () => {
      const res = await s.get<ImportView>(`/imports/${started.body.id}`);
      expect(res.status).toBe(200);
      return (res.body.status === 'succeeded' || res.body.status === 'failed') && res.body;
    },
    'the import to finish',
    120_000,
    200,
  );
}

/** A user of this spec's own holding `role` at `orgId` (set up directly: the users API is tested elsewhere). */
async function sessionWith(username: string, orgId: string, role: RoleAssignmentEntity['role']): Promise<ApiSession> {
  const users = sys.dataSource.getRepository(UserEntity);
  if (!(await users.existsBy({ username }))) {
    const id = randomUUID();
    await users.insert({
      id,
      username,
      passwordHash: await hashPassword(PASSWORD),
      fullName: `Người dùng ${username}`,
      memberId: null,
      organisationId: orgId,
    });
    await sys.dataSource
      .getRepository(RoleAssignmentEntity)
      .insert({ id: randomUUID(), userId: id, organisationId: orgId, role });
  }
  return as(username);
}
const wardAdmin = () => sessionWith('quantri.imp.hoangliet', HL, 'administrator');

const run = String(Date.now() % 1e5).padStart(5, '0');
/** Organisation codes unique to this run. */
const code = (s: string) => `IMP${run}-${s}`;
const orgsByCode = async (codes: string[]) =>
  new Map((await sys.dataSource.getRepository(OrganisationEntity).findBy({ code: In(codes) })).map((o) => [o.code, o]));
const auditOf = async (importId: string) =>
  (
    await sys.dataSource
      .getRepository(AuditLogEntity)
      .createQueryBuilder('a')
      .where(`a.details->>'importId' = :id`, { id: importId })
      .getMany()
  )
    .map((a) => `${a.action}:${(a.details as { code?: string; username?: string }).code ?? ''}`)
    .sort();

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  await sys?.stop();
});

const ORG_HEADER = 'Mã tổ chức,Tên tổ chức,Loại,Mã tổ chức cấp trên,Căn cứ';
const REASON = 'Quyết định 15-QĐ/TU thành lập';
const [W1, W2, C1, C2] = [code('W1'), code('W2'), code('W1-C1'), code('W1-C2')];

describe('POST /imports/organisations (issue 9 §4)', () => {
  it('creates a grassroots committee and its cells from a CSV with Vietnamese headers and kind labels, audited', async () => {
    const csv =
      `${ORG_HEADER}\n` +
      `${W1},Đảng ủy phường Nhập Một,Đảng ủy cơ sở,HN,${REASON}\n` +
      `${C1},Chi bộ Tổ dân phố 1,Chi bộ,${W1},\n` +
      `${C2.toLowerCase()},Chi bộ Tổ dân phố 2,cell,${W1},\n`;
    const done = await importFile('organisations', await as('quantri'), csv);
    expect(done).toMatchObject({
      status: 'succeeded',
      format: 'csv',
      rowsTotal: 3,
      rowsDone: 3,
      outcome: { created: 3, updated: 0, unchanged: 0, moved: 0, tasksMoved: 0, casesRelocated: 0, notFollowed: 0 },
      error: null,
    });
    expect(done.finishedAt).not.toBeNull();
    const orgs = await orgsByCode([W1, C1, C2]);
    const w1 = orgs.get(W1) as OrganisationEntity;
    expect([w1.kind, w1.parentId, w1.depth, w1.path]).toEqual(['grassroots_committee', HN, 1, `/${HN}/${w1.id}/`]);
    expect([C1, C2].map((c) => [orgs.get(c)?.kind, orgs.get(c)?.parentId, orgs.get(c)?.path])).toEqual([
      ['cell', w1.id, `${w1.path}${orgs.get(C1)?.id}/`],
      ['cell', w1.id, `${w1.path}${orgs.get(C2)?.id}/`],
    ]);
    expect(await auditOf(done.id)).toEqual([
      `organisation.created:${W1}`,
      `organisation.created:${C1}`,
      `organisation.created:${C2}`,
      'organisations.imported:',
    ]);
    // Issue 9 §7: the import's own row is read under the lowest organisation holding its rows (Hà Nội, the parent of
    // the new committee), not by every reader of the log.
    const summary = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ eventKey: `import:${done.id}` });
    expect(summary.orgId).toBe(HN);
    const created = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ eventKey: `organisation:${w1.id}:created` });
    expect(created.comment).toBe(REASON);
  });

  it('re-importing updates rather than duplicates: a new name is a rename, a new parent is a move of the subtree', async () => {
    const csv =
      `${ORG_HEADER}\n` +
      `${W1},Đảng ủy phường Nhập Một,Đảng ủy cơ sở,HN,\n` +
      `${W2},Đảng ủy phường Nhập Hai,Đảng ủy cơ sở,HN,${REASON}\n` +
      `${C1},Chi bộ Tổ dân phố 1 (mới),Chi bộ,${W1},\n` +
      `${C2},Chi bộ Tổ dân phố 2,Chi bộ,${W2},Quyết định 16-QĐ/TU sáp nhập\n`;
    const done = await importFile('organisations', await as('quantri'), csv);
    expect(done).toMatchObject({
      status: 'succeeded',
      outcome: { created: 1, updated: 2, unchanged: 1, moved: 1, tasksMoved: 0, casesRelocated: 0, notFollowed: 0 },
    });
    const orgs = await orgsByCode([W1, W2, C1, C2]);
    expect(orgs.size).toBe(4);
    expect(orgs.get(C1)?.name).toBe('Chi bộ Tổ dân phố 1 (mới)');
    const w2 = orgs.get(W2) as OrganisationEntity;
    expect([orgs.get(C2)?.parentId, orgs.get(C2)?.path]).toEqual([w2.id, `${w2.path}${orgs.get(C2)?.id}/`]);
    expect(await auditOf(done.id)).toEqual([
      `organisation.created:${W2}`,
      `organisation.moved:${C2}`,
      `organisation.renamed:${C1}`,
      'organisations.imported:',
    ]);
  });

  it('imports an xlsx file with English headers', async () => {
    const c3 = code('W2-C3');
    const file = await xlsx([
      ['code', 'name', 'kind', 'parent_code'],
      [c3, 'Chi bộ Trường Tiểu học', 'cell', W2],
    ]);
    const done = await importFile('organisations', await as('quantri'), file, XLSX);
    expect(done).toMatchObject({ status: 'succeeded', format: 'xlsx', rowsTotal: 1, outcome: { created: 1 } });
    expect((await orgsByCode([c3])).get(c3)?.parentId).toBe((await orgsByCode([W2])).get(W2)?.id);
  });

  it('refuses the whole file at a bad kind (400 naming row and column), writing nothing', async () => {
    const ok = code('BAD-OK');
    const csv = `${ORG_HEADER}\n${ok},Chi bộ hợp lệ,Chi bộ,${W1},\n${code('BAD')},Chi đoàn,Chi đoàn,${W1},\n`;
    const done = await importFile('organisations', await as('quantri'), csv);
    expect(done).toMatchObject({
      status: 'failed',
      errorStatus: 400,
      error: {
        code: 'IMPORT_ROW_INVALID',
        field: 'row 3, column kind',
        details: { row: 3, column: 'kind', header: 'Loại', cell: 'C3' },
      },
    });
    expect((await orgsByCode([ok])).size).toBe(0);
  });

  it('refuses a cycle (a committee moved under its own cell) with 400 naming parent_code, as the move endpoint', async () => {
    const csv = `${ORG_HEADER}\n${W1},Đảng ủy phường Nhập Một,Đảng ủy cơ sở,${C1},\n`;
    const done = await importFile('organisations', await as('quantri'), csv);
    expect(done).toMatchObject({
      status: 'failed',
      errorStatus: 400,
      error: {
        field: 'row 2, column parent_code',
        details: { reason: 'không thể chuyển một tổ chức vào chính nó hoặc vào tổ chức cấp dưới của nó' },
      },
    });
    expect((await orgsByCode([W1])).get(W1)?.parentId).toBe(HN);
  });

  it('refuses with 403 naming row and column a row under a parent outside the importer’s subtree', async () => {
    const inside = code('HL-IN');
    const csv =
      `${ORG_HEADER}\n${inside},Chi bộ trong phường,Chi bộ,HN-HM-HL,\n` +
      `${code('LB-OUT')},Chi bộ ngoài phường,Chi bộ,HN-LB-BD,\n`;
    const done = await importFile('organisations', await wardAdmin(), csv);
    expect(done).toMatchObject({
      status: 'failed',
      errorStatus: 403,
      error: { code: 'IMPORT_ROW_FORBIDDEN', field: 'row 3, column parent_code', details: { cell: 'D3' } },
    });
    expect((await orgsByCode([inside])).size).toBe(0);
  });

  it('refuses a code repeated in the file (409 naming the row and code) and a changed kind (409 naming kind)', async () => {
    const dup = code('DUP');
    const twice = `${ORG_HEADER}\n${dup},Chi bộ A,Chi bộ,${W1},\n${dup},Chi bộ B,Chi bộ,${W1},\n`;
    expect(await importFile('organisations', await as('quantri'), twice)).toMatchObject({
      status: 'failed',
      errorStatus: 409,
      error: {
        code: 'IMPORT_ROW_CONFLICT',
        field: 'row 3, column code',
        details: { reason: `'${dup}': trùng mã tổ chức với dòng 2` },
      },
    });
    const kind = `${ORG_HEADER}\n${C1},Chi bộ Tổ dân phố 1 (mới),Đảng ủy cơ sở,HN,\n`;
    expect(await importFile('organisations', await as('quantri'), kind)).toMatchObject({
      status: 'failed',
      errorStatus: 409,
      error: { field: 'row 2, column kind' },
    });
  });

  it('answers 401 without a token and 403 to a role that imports no tree, before reading the file', async () => {
    const csv = `${ORG_HEADER}\n${code('X')},Chi bộ X,Chi bộ,${W1},\n`;
    expect((await post<ApiErr>('organisations', null, csv)).status).toBe(401);
    const res = await post<ApiErr>('organisations', await as('bantochuc.hoangmai'), csv);
    expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });
});

const USER_HEADER = 'Tên đăng nhập,Họ và tên,Số CCCD,Mật khẩu,Vai trò,Mã tổ chức,Hiệu lực từ ngày,Hiệu lực đến ngày';
const [ADMIN, SECRETARY, CLERK] = [`qt${run}.w1`, `bt${run}.c1`, `vt${run}.w1`];
const NID = `08${run}00001`;
const usersByName = (names: string[]) =>
  sys.dataSource.getRepository(UserEntity).find({ where: { username: In(names) }, order: { username: 'ASC' } });
const grantsOf = (userId: string) =>
  sys.dataSource.getRepository(RoleAssignmentEntity).find({ where: { userId }, order: { role: 'ASC' } });

describe('POST /imports/users (issue 9 §4)', () => {
  it('sets a committee up: imported organisation, imported member, imported users who log in and see their org', async () => {
    const quantri = await as('quantri');
    const member = await importFile(
      'members',
      quantri,
      `Họ và tên,Ngày sinh,Giới tính,Số CCCD,Chi bộ,Trình độ học vấn\nĐào Thị Nhập,1985-03-04,Nữ,${NID},${C1},Đại học\n`,
    );
    expect(member.outcome).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const csv =
      `${USER_HEADER}\n` +
      `${ADMIN},Phạm Minh Châu,,Moi2027abc,Quản trị hệ thống,${W1},01/01/2026,\n` +
      `${ADMIN},,,,Cán bộ giám sát,${C1},2026-01-01,2031-12-31\n` +
      `${SECRETARY},,${NID},Bithu2027x,Bí thư chi bộ,${C1},,\n` +
      `${CLERK},Lê Văn Văn Thư,,,supervisor,${W1},,\n`;
    const done = await importFile('users', quantri, csv);
    expect(done).toMatchObject({
      status: 'succeeded',
      rowsTotal: 4,
      outcome: {
        created: 3,
        updated: 0,
        unchanged: 0,
        rolesGranted: 4,
        rolesChanged: 0,
        passwordsToSet: 1,
      },
    });
    const orgs = await orgsByCode([W1, C1]);
    const [admin, secretary, clerk] = await usersByName([ADMIN, SECRETARY, CLERK]).then((u) =>
      [ADMIN, SECRETARY, CLERK].map((n) => u.find((x) => x.username === n) as UserEntity),
    );
    expect([admin.fullName, admin.memberId, admin.organisationId]).toEqual(['Phạm Minh Châu', null, orgs.get(W1)?.id]);
    expect([secretary.fullName, secretary.organisationId]).toEqual(['Đào Thị Nhập', orgs.get(C1)?.id]);
    expect(secretary.memberId).not.toBeNull();
    expect(admin.passwordHash.startsWith('scrypt$')).toBe(true);
    // No initial password: no usable one until an administrator sets it (POST /users/:id/password).
    expect([clerk.fullName, clerk.passwordHash.startsWith('scrypt$')]).toEqual(['Lê Văn Văn Thư', false]);
    expect((await grantsOf(admin.id)).map((g) => [g.role, g.organisationId, g.validFrom, g.validUntil])).toEqual([
      ['administrator', orgs.get(W1)?.id, '2026-01-01', null],
      ['supervisor', orgs.get(C1)?.id, '2026-01-01', '2031-12-31'],
    ]);

    // They log in with the file's initial passwords and see their organisation; the clerk has none yet.
    const adminSession = await ApiSession.login(sys.baseUrl, ADMIN, 'Moi2027abc');
    const me = (await adminSession.get<Me>('/auth/me')).body;
    expect(me.roles.map((r) => [r.role, r.orgId]).sort()).toEqual(
      [
        ['administrator', orgs.get(W1)?.id],
        ['supervisor', orgs.get(C1)?.id],
      ].sort(),
    );
    const own = await adminSession.get<{ code: string }>(`/organisations/${orgs.get(W1)?.id}`);
    expect([own.status, own.body.code]).toEqual([200, W1]);
    const secretarySession = await ApiSession.login(sys.baseUrl, SECRETARY, 'Bithu2027x');
    const cell = await secretarySession.get<{ code: string }>(`/organisations/${orgs.get(C1)?.id}`);
    expect([cell.status, cell.body.code]).toEqual([200, C1]);
    await expect(ApiSession.login(sys.baseUrl, CLERK, 'bat-ky-mat-khau-1')).rejects.toThrow(/401/);

    // The passwords are nowhere in the audit.
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .createQueryBuilder('a')
      .where(`a.details->>'importId' = :id`, { id: done.id })
      .getMany();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'role.granted',
      'role.granted',
      'role.granted',
      'role.granted',
      'user.created',
      'user.created',
      'user.created',
      'users.imported',
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Moi2027abc|Bithu2027x/);
  });

  it('re-importing updates the name and the validity, never duplicates a grant nor resets a password', async () => {
    const csv =
      `${USER_HEADER}\n` +
      `${ADMIN},Phạm Minh Châu,,Khac2027abc,Quản trị hệ thống,${W1},01/01/2026,31/12/2030\n` +
      `${ADMIN},,,,Cán bộ giám sát,${C1},2026-01-01,2031-12-31\n` +
      `${CLERK},Lê Thị Văn Thư,,,supervisor,${W1},,\n`;
    const done = await importFile('users', await as('quantri'), csv);
    expect(done).toMatchObject({
      status: 'succeeded',
      outcome: { created: 0, updated: 2, unchanged: 0, rolesGranted: 0, rolesChanged: 1, passwordsToSet: 0 },
    });
    const [admin, clerk] = await usersByName([ADMIN, CLERK]);
    expect(clerk.fullName).toBe('Lê Thị Văn Thư');
    expect((await grantsOf(admin.id)).map((g) => [g.role, g.validFrom, g.validUntil])).toEqual([
      ['administrator', '2026-01-01', '2030-12-31'],
      ['supervisor', '2026-01-01', '2031-12-31'],
    ]);
    expect((await grantsOf(clerk.id)).length).toBe(1);
    // The initial password is not applied to an existing user.
    expect((await ApiSession.login(sys.baseUrl, ADMIN, 'Moi2027abc')).token).toBeTruthy();
    const again = await importFile('users', await as('quantri'), csv);
    expect(again.outcome).toMatchObject({ created: 0, updated: 0, unchanged: 2, rolesGranted: 0, rolesChanged: 0 });
  });

  it('imports an xlsx file with English headers and date cells', async () => {
    const name = `gs${run}.xlsx`;
    const file = await xlsx([
      ['username', 'full_name', 'password', 'role', 'organisation_code', 'valid_from'],
      [name, 'Ngô Thị Giám Sát', 'Giamsat2027', 'supervisor', W2, new Date(Date.UTC(2026, 5, 1))],
    ]);
    const done = await importFile('users', await as('quantri'), file, XLSX);
    expect(done).toMatchObject({ status: 'succeeded', format: 'xlsx', outcome: { created: 1, rolesGranted: 1 } });
    const [u] = await usersByName([name]);
    expect((await grantsOf(u.id)).map((g) => [g.role, g.validFrom])).toEqual([['supervisor', '2026-06-01']]);
  });

  it('refuses the whole file at a bad role (400 naming row and column), writing nothing; a bad password is never quoted', async () => {
    const first = `ok${run}.bad`;
    const csv = `${USER_HEADER}\n${first},Người Hợp Lệ,,Hople2027a,supervisor,${W1},,\n${`x${run}`},Người Sai,,,Chủ tịch,${W1},,\n`;
    const done = await importFile('users', await as('quantri'), csv);
    expect(done).toMatchObject({
      status: 'failed',
      errorStatus: 400,
      error: { code: 'IMPORT_ROW_INVALID', field: 'row 3, column role', details: { header: 'Vai trò', cell: 'E3' } },
    });
    expect(await usersByName([first])).toEqual([]);
    const weak = `${USER_HEADER}\n${`w${run}.weak`},Người Yếu,,abcdefgh,supervisor,${W1},,\n`;
    const refused = await importFile('users', await as('quantri'), weak);
    expect(refused).toMatchObject({
      errorStatus: 400,
      error: { field: 'row 2, column password', details: { reason: 'phải có cả chữ cái và chữ số' } },
    });
    expect(JSON.stringify(refused)).not.toContain('abcdefgh');
  });

  it('refuses with 403 naming row and column a grant outside the importer’s subtree', async () => {
    const inside = `in${run}.hl`;
    const csv =
      `${USER_HEADER}\n${inside},Người Trong Phường,,Trong2027a,supervisor,HN-HM-HL,,\n` +
      `${inside},,,,supervisor,HN-LB-BD,,\n`;
    const done = await importFile('users', await wardAdmin(), csv);
    expect(done).toMatchObject({
      status: 'failed',
      errorStatus: 403,
      error: { code: 'IMPORT_ROW_FORBIDDEN', field: 'row 3, column organisation_code', details: { cell: 'F3' } },
    });
    expect(await usersByName([inside])).toEqual([]);
  });

  it('refuses a grant repeated in the file and a member who already has another account (409 naming the column)', async () => {
    const csv = `${USER_HEADER}\n${CLERK},,,,supervisor,${W1},,\n${CLERK},,,,Cán bộ giám sát,${W1},,\n`;
    expect(await importFile('users', await as('quantri'), csv)).toMatchObject({
      errorStatus: 409,
      error: { code: 'IMPORT_ROW_CONFLICT', field: 'row 3, column role' },
    });
    const other = `${USER_HEADER}\n${`nid${run}.two`},,${NID},Khac2027abc,supervisor,${C1},,\n`;
    expect(await importFile('users', await as('quantri'), other)).toMatchObject({
      errorStatus: 409,
      error: { field: 'row 2, column national_id', details: { reason: `Đào Thị Nhập đã có tài khoản '${SECRETARY}'` } },
    });
  });

  it('answers 401 without a token and 403 to a role that grants nothing, before reading the file', async () => {
    const csv = `${USER_HEADER}\nabc${run},Người A,,,supervisor,${W1},,\n`;
    expect((await post<ApiErr>('users', null, csv)).status).toBe(401);
    expect((await post<ApiErr>('users', await as('bithu.tdp5'), csv)).status).toBe(403);
  });
});

describe('durable import progress (issue 9 §4)', () => {
  it('shows the progress while the import’s transaction is open, from the imports table', async () => {
    const s = await sessionWith(`qt${run}.progress`, HN, 'administrator');
    const names = Array.from({ length: 120 }, (_, i) => `p${run}.${String(i).padStart(3, '0')}`);
    // Each row hashes a password (scrypt), so the import lasts a few times the 1 s progress interval.
    const csv = `username,full_name,password,role,organisation_code\n${names.map((n) => `${n},Người Thử Tiến Độ,Tiendo2027a,supervisor,${W2}`).join('\n')}\n`;
    const started = await post<ImportView>('users', s, csv);
    expect(started.status).toBe(202);
    const midway = await eventually(
      async () => {
        const view = (await s.get<ImportView>(`/imports/${started.body.id}`)).body;
        if (view.status === 'succeeded' || view.status === 'failed') throw new Error('finished before a midway poll');
        return view.status === 'running' && view.rowsDone > 0 && view;
      },
      'a midway progress',
      60_000,
      50,
    );
    expect(midway.rowsTotal).toBe(120);
    expect(midway.rowsDone).toBeLessThan(120);
    // The rows done so far are in the open transaction: not yet visible.
    expect(await usersByName(names)).toEqual([]);
    const done = await eventually(
      async () => {
        const view = (await s.get<ImportView>(`/imports/${started.body.id}`)).body;
        return view.status === 'succeeded' && view;
      },
      'the import to finish',
      120_000,
      200,
    );
    expect([done.rowsDone, done.outcome?.created]).toEqual([120, 120]);
  });

  it('lists my imports newest first, a page at a time by cursor; 400 naming a bad page size or cursor', async () => {
    type Page = { items: ImportView[]; pageSize: number; next: string | null; total: number; totalExact: boolean };
    const s = await sessionWith(`qt${run}.list`, HN, 'administrator');
    const a = await importFile('organisations', s, `${ORG_HEADER}\n${W1},Đảng ủy phường Nhập Một,Đảng ủy cơ sở,HN,\n`);
    const b = await importFile('organisations', s, `${ORG_HEADER}\n${W2},Đảng ủy phường Nhập Hai,Đảng ủy cơ sở,HN,\n`);
    const all = (await s.get<Page>('/imports')).body;
    expect([all.total, all.totalExact, all.next, all.items.map((i) => i.id)]).toEqual([2, true, null, [b.id, a.id]]);
    // Issue 13 §3: the second page is read with the first one's cursor.
    const page1 = (await s.get<Page>('/imports?pageSize=1')).body;
    expect([page1.total, page1.items.map((i) => i.id)]).toEqual([2, [b.id]]);
    const page2 = (await s.get<Page>(`/imports?pageSize=1&cursor=${page1.next}`)).body;
    expect([page2.total, page2.next, page2.items.map((i) => i.id)]).toEqual([2, null, [a.id]]);
    for (const [query, field] of [
      ['pageSize=0', 'query.pageSize'],
      ['cursor=abc', 'query.cursor'],
      ['page=2', 'query'],
    ]) {
      const bad = await s.get<ApiErr>(`/imports?${query}`);
      expect([query, bad.status, bad.body.error.field]).toEqual([query, 400, field]);
    }
    expect((await ApiSession.anonymous(sys.baseUrl).get('/imports')).status).toBe(401);
  });

  it('marks an import a stopped process left running as failed (IMPORT_INTERRUPTED) when the API starts again', async () => {
    const me = (await (await as('quantri')).get<Me>('/auth/me')).body;
    const id = randomUUID();
    await sys.dataSource.getRepository(ImportEntity).insert({
      id,
      kind: 'members',
      format: 'csv',
      status: 'running',
      rowsTotal: 5000,
      rowsDone: 2000,
      userId: me.userId,
      startedAt: new Date(Date.now() - 60_000),
      finishedAt: null,
      outcome: null,
      errorStatus: null,
      error: null,
    });
    // The API starts again (a second instance on the same database: its start-up hook runs on init).
    const restarted = await createApiApp(
      { config: { ...sys.config, databaseUrl: '' }, dataSource: sys.dataSource, client: sys.env.client },
      { logger: false },
    );
    try {
      await restarted.init();
    } finally {
      await restarted.close();
    }
    const view = (await (await as('quantri')).get<ImportView>(`/imports/${id}`)).body;
    expect(view).toMatchObject({
      status: 'failed',
      rowsDone: 2000,
      errorStatus: 503,
      error: {
        code: 'IMPORT_INTERRUPTED',
        message: 'Máy chủ khởi động lại khi đang nhập; không dòng nào được ghi, hãy gửi lại tệp',
      },
    });
    expect(view.finishedAt).not.toBeNull();
  });

  it('documents POST /imports/organisations, /imports/users and GET /imports in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${sys.baseUrl}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { description?: string; requestBody?: { content?: object } }>>;
    };
    for (const kind of ['organisations', 'users']) {
      const op = doc.paths[`/imports/${kind}`].post;
      expect(Object.keys(op.requestBody?.content ?? {}).sort()).toEqual([XLSX, 'text/csv']);
    }
    expect(doc.paths['/imports/organisations'].post.description).toContain('parent_code ("Mã tổ chức cấp trên"');
    expect(doc.paths['/imports/users'].post.description).toContain('username ("Tên đăng nhập"');
    expect(Object.keys(doc.paths['/imports'])).toEqual(['get']);
  });
});
