import ExcelJS from 'exceljs';
import { In } from 'typeorm';
import { AuditLogEntity, demoOrgId, MemberEntity } from '@partyflow/persistence';
import { ApiSession, eventually, startSystem, type RunningSystem } from '@partyflow/testing';

/**
 * Imports from spreadsheets over HTTP (issue 9 §4): POST /imports/members with CSV or xlsx,
 * Vietnamese or English headers; 202 with an import id, polled at GET /imports/:id for progress and
 * the outcome; all or nothing, the first bad row named by row and column; idempotent on the
 * national ID; rights by subtree.
 */
let sys: RunningSystem;
const sessions = new Map<string, ApiSession>();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type ImportView = {
  id: string;
  kind: string;
  format: string;
  status: 'queued' | 'counting' | 'running' | 'succeeded' | 'failed';
  rowsTotal: number | null;
  rowsDone: number;
  outcome: { created: number; updated: number; unchanged: number } | null;
  errorStatus: number | null;
  error: {
    code: string;
    message: string;
    field?: string;
    details?: { row: number; column: string | null; header: string | null; cell: string | null; reason: string };
  } | null;
};
type ApiErr = { error: { code: string; message: string; field?: string } };

async function as(username: string): Promise<ApiSession> {
  const cached = sessions.get(username);
  if (cached) return cached;
  const s = await ApiSession.login(sys.baseUrl, username);
  sessions.set(username, s);
  return s;
}

async function post<T>(username: string | null, body: string | Buffer, contentType = 'text/csv; charset=utf-8') {
  const token = username ? (await as(username)).token : null;
  const res = await fetch(`${sys.baseUrl}/imports/members`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Posts the file, expects 202, and polls GET /imports/:id until the import has finished. */
async function importFile(username: string, body: string | Buffer, contentType?: string): Promise<ImportView> {
  const started = await post<ImportView>(username, body, contentType);
  if (started.status !== 202)
    throw new Error(`POST /imports/members: ${started.status} ${JSON.stringify(started.body)}`);
  expect(started.body.kind).toBe('members');
  const s = await as(username);
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

let seq = 0;
const run = String(Date.now() % 1e5).padStart(5, '0');
/** A national ID unique to this run (12 digits). */
const nid = () => `09${run}${String(++seq).padStart(5, '0')}`;
const membersByNid = (ids: string[]) =>
  sys.dataSource.getRepository(MemberEntity).find({ where: { nationalId: In(ids) }, order: { nationalId: 'ASC' } });

const VI_HEADER = 'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Chi bộ,Chi bộ nơi cư trú,Trình độ học vấn,Đoàn thể';

beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  await sys?.stop();
});

describe('POST /imports/members with a CSV file (issue 9 §4)', () => {
  const [a, b] = [nid(), nid()];

  it('should register every row as a candidate when the Vietnamese headers are used, and audit each member and the import', async () => {
    const csv =
      `${VI_HEADER}\n` +
      `Nguyễn Văn An,12/04/2001,Nam,${a},HN-HM-HL-TDP5,HN-HM-HL-LD,Đại học,Đoàn TNCS Hồ Chí Minh\n` +
      `"Trần Thị Bình",2000-05-20,nữ,${b},HN-HM-HL-TDP5,,upper_secondary,\n`;
    const done = await importFile('bantochuc.hoangmai', csv);
    expect(done).toMatchObject({
      status: 'succeeded',
      format: 'csv',
      rowsTotal: 2,
      rowsDone: 2,
      outcome: { created: 2, updated: 0, unchanged: 0 },
      error: null,
    });
    const rows = await membersByNid([a, b]);
    expect(
      rows.map((m) => [
        m.fullName,
        m.birthDate,
        m.gender,
        m.status,
        m.organisationId,
        m.residenceOrgId,
        m.educationLevel,
      ]),
    ).toEqual([
      [
        'Nguyễn Văn An',
        '2001-04-12',
        'male',
        'candidate',
        demoOrgId('HN-HM-HL-TDP5'),
        demoOrgId('HN-HM-HL-LD'),
        'university',
      ],
      ['Trần Thị Bình', '2000-05-20', 'female', 'candidate', demoOrgId('HN-HM-HL-TDP5'), null, 'upper_secondary'],
    ]);
    expect(rows[0].massOrganisations).toEqual([{ key: 'doan_thanh_nien', name: 'Đoàn TNCS Hồ Chí Minh' }]);
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .createQueryBuilder('a')
      .where(`a.details->>'importId' = :id`, { id: done.id })
      .getMany();
    audit.sort((x, y) =>
      `${x.action}:${(x.details as { fullName?: string })?.fullName}`.localeCompare(
        `${y.action}:${(y.details as { fullName?: string })?.fullName}`,
      ),
    );
    const me = (await (await as('bantochuc.hoangmai')).get<{ fullName: string }>('/auth/me')).body;
    expect(audit.map((r) => [r.action, r.actorName, (r.details as { fullName?: string })?.fullName ?? null])).toEqual([
      ['member.registered', me.fullName, 'Nguyễn Văn An'],
      ['member.registered', me.fullName, 'Trần Thị Bình'],
      ['members.imported', me.fullName, null],
    ]);
    expect(audit[2].details).toMatchObject({ rows: 2, created: 2, updated: 0, unchanged: 0, format: 'csv' });
    // Issue 9 §7: every row is read under the members' cell (both rows' workplace is TDP5), the import's own too.
    expect(audit.map((r) => r.orgId)).toEqual(Array(3).fill(demoOrgId('HN-HM-HL-TDP5')));
  });

  it('should update rather than duplicate when an updated roll is imported again (natural key: the national ID)', async () => {
    const c = nid();
    const csv =
      `${VI_HEADER}\n` +
      `Nguyễn Văn An,12/04/2001,Nam,${a},HN-HM-HL-TDP5,HN-HM-HL-LD,Đại học,Đoàn TNCS Hồ Chí Minh\n` +
      `Trần Thị Bình Minh,2000-05-20,Nữ,${b},HN-HM-HL-TDP5,HN-HM-HL-LD,university,Công đoàn cơ sở\n` +
      `Lê Văn Cường,1999-01-02,Nam,${c},HN-HM-HL-LD,,college,\n`;
    const done = await importFile('bantochuc.hoangmai', csv);
    expect(done).toMatchObject({
      status: 'succeeded',
      rowsTotal: 3,
      outcome: { created: 1, updated: 1, unchanged: 1 },
    });
    const rows = await membersByNid([a, b, c]);
    expect(rows.map((m) => [m.nationalId, m.fullName, m.residenceOrgId])).toEqual([
      [a, 'Nguyễn Văn An', demoOrgId('HN-HM-HL-LD')],
      [b, 'Trần Thị Bình Minh', demoOrgId('HN-HM-HL-LD')],
      [c, 'Lê Văn Cường', null],
    ]);
    const updated = await sys.dataSource
      .getRepository(AuditLogEntity)
      .createQueryBuilder('a')
      .where(`a.details->>'importId' = :id`, { id: done.id })
      .andWhere(`a.action = 'member.updated'`)
      .getMany();
    expect(updated.map((r) => Object.keys((r.details as { changes: object }).changes).sort())).toEqual([
      ['educationLevel', 'fullName', 'massOrganisations', 'residenceOrgId'],
    ]);
  });

  it('should refuse the whole file when a national ID repeats within it (409 naming both rows), writing nothing', async () => {
    const d = nid();
    const csv = `${VI_HEADER}\nPhạm Văn Dũng,1990-01-01,Nam,${d},HN-HM-HL-TDP5,,college,\nPhạm Văn Dũng,1990-01-01,Nam,${d},HN-HM-HL-TDP5,,college,\n`;
    const done = await importFile('bantochuc.hoangmai', csv);
    expect(done).toMatchObject({
      status: 'failed',
      errorStatus: 409,
      error: {
        code: 'IMPORT_ROW_CONFLICT',
        field: 'row 3, column national_id',
        details: {
          row: 3,
          column: 'national_id',
          header: 'Số CCCD',
          cell: 'D3',
          reason: 'trùng số căn cước công dân với dòng 2',
        },
      },
    });
    expect(await membersByNid([d])).toEqual([]);
  });

  it('should refuse (409 naming workplace_cell) moving an official member to another cell by import', async () => {
    const id = nid();
    const header = 'full_name,birth_date,gender,national_id,workplace_cell,education_level\n';
    const row = (cell: string) => `Hoàng Văn Giang,1980-03-04,male,${id},${cell},university\n`;
    expect((await importFile('quantri', header + row('HN-HM-HL-TDP5'))).outcome).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
    });
    // Test data: the person has since been admitted and recognised (official).
    await sys.dataSource
      .getRepository(MemberEntity)
      .update({ nationalId: id }, { status: 'official', joinedOn: '2020-01-01', officialSince: '2021-01-01' });
    const done = await importFile('quantri', header + row('HN-HM-HL-LD'));
    expect(done).toMatchObject({
      status: 'failed',
      errorStatus: 409,
      error: { code: 'IMPORT_ROW_CONFLICT', field: 'row 2, column workplace_cell' },
    });
    expect((await membersByNid([id])).map((m) => m.organisationId)).toEqual([demoOrgId('HN-HM-HL-TDP5')]);
  });
});

const FAMILY = ['Đỗ', 'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Ngô'];
const GIVEN = ['Hoa', 'Lan', 'Mai', 'Hương', 'Thảo', 'Ngọc', 'Hà', 'Linh', 'Trang', 'Yến'];

/** An xlsx roll of `n` people with English headers and date cells; `bad` rows get a fixed birth date text. */
async function xlsxRoll(ids: string[], bad: Record<number, string> = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['full_name', 'birth_date', 'gender', 'national_id', 'workplace_cell', 'education_level']);
  ids.forEach((id, i) => {
    const rowNumber = i + 2;
    ws.addRow([
      `${FAMILY[i % FAMILY.length]} Thị ${GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length]}`,
      bad[rowNumber] ?? new Date(Date.UTC(1995, i % 12, 1 + (i % 28))),
      i % 2 ? 'male' : 'female',
      id,
      'HN-HM-HL-TDP12',
      'university',
    ]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('POST /imports/members with an xlsx file (issue 9 §4)', () => {
  it('should import an xlsx file with date cells', async () => {
    const ids = [nid(), nid(), nid()];
    const done = await importFile('quantri', await xlsxRoll(ids), XLSX);
    expect(done).toMatchObject({ status: 'succeeded', format: 'xlsx', rowsTotal: 3, rowsDone: 3 });
    expect(done.outcome).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect((await membersByNid(ids)).map((m) => [m.fullName, m.birthDate])).toEqual([
      ['Đỗ Thị Hoa', '1995-01-01'],
      ['Nguyễn Thị Hoa', '1995-02-02'],
      ['Trần Thị Hoa', '1995-03-03'],
    ]);
  });

  it('should reject a 1,000-row xlsx file whose row 639 has an impossible birth date, naming row 639 and birth_date, writing none', async () => {
    const ids = Array.from({ length: 1000 }, () => nid());
    const done = await importFile('quantri', await xlsxRoll(ids, { 639: '30/02/1995' }), XLSX);
    expect(done).toMatchObject({
      status: 'failed',
      rowsTotal: 1000,
      rowsDone: 637,
      errorStatus: 400,
      error: {
        code: 'IMPORT_ROW_INVALID',
        field: 'row 639, column birth_date',
        details: {
          row: 639,
          column: 'birth_date',
          header: 'birth_date',
          cell: 'B639',
          reason: "'30/02/1995': phải là ngày có thật dạng YYYY-MM-DD",
        },
      },
    });
    expect(await membersByNid(ids)).toEqual([]);
  });
});

describe('rights and bad requests on /imports (issue 9 §4)', () => {
  const csv = (cell: string, id = nid()) =>
    `full_name,birth_date,gender,national_id,workplace_cell,education_level\nNgô Văn Em,1990-01-01,male,${id},${cell},college\n`;

  it('should answer 401 without a token, on the POST and on the GET', async () => {
    expect((await post<ApiErr>(null, csv('HN-HM-HL-TDP5'))).status).toBe(401);
    const res = await ApiSession.anonymous(sys.baseUrl).get<ApiErr>(
      `/imports/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
    );
    expect(res.status).toBe(401);
  });

  it('should answer 403 to a cell secretary, who imports no roll', async () => {
    const res = await post<ApiErr>('bithu.tdp5', csv('HN-HM-HL-TDP5'));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it("should fail the import with 403 naming row and column when a row names a cell outside the importer's subtree", async () => {
    const inside = nid();
    const file =
      `full_name,birth_date,gender,national_id,workplace_cell,education_level\n` +
      `Ngô Văn Em,1990-01-01,male,${inside},HN-HM-HL-TDP5,college\n` +
      `Ngô Văn Phúc,1990-01-01,male,${nid()},HN-LB-BD-TDP1,college\n`;
    const done = await importFile('bantochuc.hoangmai', file);
    expect(done).toMatchObject({
      status: 'failed',
      errorStatus: 403,
      error: { code: 'IMPORT_ROW_FORBIDDEN', field: 'row 3, column workplace_cell', details: { cell: 'E3' } },
    });
    expect(await membersByNid([inside])).toEqual([]);
  });

  it("should answer 404 for an unknown import id, 400 naming id for a malformed one, 403 for another user's import", async () => {
    const s = await as('quantri');
    const unknown = await s.get<ApiErr>('/imports/6f1c2f4e-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    const malformed = await s.get<ApiErr>('/imports/abc');
    expect([malformed.status, malformed.body.error.field]).toEqual([400, 'id']);
    const started = await post<ImportView>('bantochuc.hoangmai', csv('HN-HM-HL-TDP5'));
    expect(started.status).toBe(202);
    const other = await s.get<ApiErr>(`/imports/${started.body.id}`);
    expect(other.status).toBe(403);
  });

  it('should answer 400 naming the header for an unknown or missing column, and 415 for another content type', async () => {
    const unknown = await post<ApiErr>('quantri', 'Họ và tên,Ngày sinh,Quê quán\nA,1990-01-01,Hà Nội\n');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('row 1, column Quê quán');
    const missing = await post<ApiErr>(
      'quantri',
      'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Chi bộ\nA,1990-01-01,Nam,1,X\n',
    );
    expect([missing.status, missing.body.error.field]).toEqual([400, 'row 1, column education_level']);
    const json = await post<ApiErr>('quantri', '{}', 'application/json');
    expect([json.status, json.body.error.field]).toEqual([415, 'content-type']);
  });

  it('should document POST /imports/members (CSV and xlsx, its columns) and GET /imports/{id} in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${sys.baseUrl}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { description?: string; requestBody?: { content?: object } }>>;
    };
    const post = doc.paths['/imports/members'].post;
    expect(Object.keys(post.requestBody?.content ?? {}).sort()).toEqual([XLSX, 'text/csv']);
    expect(post.description).toContain('national_id ("Số CCCD"');
    expect(Object.keys(doc.paths['/imports/{id}'])).toEqual(['get']);
  });
});
