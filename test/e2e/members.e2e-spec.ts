import { addDays, toLocalDate } from '@partyflow/domain';
import { AdmissionCaseEntity, AuditLogEntity, demoOrgId, MemberEntity } from '@partyflow/persistence';
import {
  AdmissionDriver,
  ApiSession,
  eventually,
  startSystem,
  STEPS_TO_CEREMONY,
  type RunningSystem,
} from '@partyflow/testing';

/**
 * Members and candidates over HTTP (issue 9 §2, §8): registering a candidate, searching without
 * diacritics with paging, reading with personal data shown or masked by role, editing and changing
 * status with every change audited, and an admission case for a candidate registered through the
 * API, from registration to the decision and the ceremony.
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
const cellTdp5 = demoOrgId('HN-HM-HL-TDP5');
const cellLinhDam = demoOrgId('HN-HM-HL-LD');
const today = toLocalDate(Date.now());
const year = Number(today.slice(0, 4));

type ApiErr = { error: { code: string; message: string; field?: string } };
type MemberView = {
  id: string;
  fullName: string;
  status: string;
  orgId: string;
  personalData: 'full' | 'restricted';
  nationalId: string | null;
  birthDate: string | null;
  gender: string | null;
  residenceOrgId: string | null;
  educationLevel: string | null;
  massOrganisations: { key: string; name: string }[] | null;
  courseCertificate: { courseStartedOn: string; courseEndedOn: string | null; issuedOn: string } | null;
  joinedOn: string | null;
  officialSince: string | null;
  exemptSince: string | null;
  exemptReason: string | null;
};

let idSeq = 0;
/** A national ID no other registration of this file uses (12 digits). */
const nextNationalId = () => `0791${String(Date.now() % 1e4).padStart(4, '0')}${String(++idSeq).padStart(4, '0')}`;

const candidateBody = (over: Record<string, unknown> = {}) => ({
  fullName: 'Phạm Thị Ngọc Ánh',
  birthDate: '2000-05-20',
  gender: 'female',
  nationalId: nextNationalId(),
  workplaceCellId: cellTdp5,
  residenceCellId: cellLinhDam,
  educationLevel: 'university',
  massOrganisations: [{ key: 'doan_thanh_nien' }],
  courseCertificate: {
    courseStartedOn: addDays(today, -60),
    courseEndedOn: addDays(today, -55),
    issuedOn: addDays(today, -50),
    number: 'GCN-125/TTCT',
    issuedBy: 'Trung tâm Chính trị quận Hoàng Mai',
  },
  reason: 'Chi bộ họp ngày 05/11 lập danh sách quần chúng ưu tú',
  ...over,
});

const as = (username: string) => driver.as(username);

async function register(over: Record<string, unknown> = {}, username = 'bithu.tdp5'): Promise<MemberView> {
  const res = await (await as(username)).post<MemberView>('/members', candidateBody(over));
  if (res.status !== 201) throw new Error(`POST /members: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

type Page = { items: MemberView[]; pageSize: number; next: string | null; total: number; totalExact: boolean };

/** GET /members: one page (issue 13 §3: a cursor page, no X-Total-Count header any more). */
async function list(username: string, query: string): Promise<{ status: number; header: string | null; body: Page }> {
  const s = await as(username);
  const res = await fetch(`${sys.baseUrl}/members?${query}`, { headers: { authorization: `Bearer ${s.token}` } });
  return { status: res.status, header: res.headers.get('x-total-count'), body: (await res.json()) as Page };
}

/** The cell's official member at this place of the list (each test changes another one). */
const nthOfficial = async (index: number) =>
  (await list('bithu.tdp5', `status=official&orgId=${cellTdp5}&pageSize=${index + 1}`)).body.items[index];

const auditOf = (memberId: string, action: string) =>
  sys.dataSource
    .getRepository(AuditLogEntity)
    .createQueryBuilder('a')
    .where('a.action = :action', { action })
    .andWhere("a.details->>'memberId' = :memberId", { memberId })
    .orderBy('a.id', 'ASC')
    .getMany();

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

describe('registering a candidate (issue 9 §2)', () => {
  it('should register a candidate with local dates in and out and audit who, when and why', async () => {
    const nationalId = nextNationalId();
    const before = new Date();
    const created = await register({ fullName: 'Vũ Thị Đoan Trang', nationalId });
    expect(created).toMatchObject({
      fullName: 'Vũ Thị Đoan Trang',
      status: 'candidate',
      orgId: cellTdp5,
      personalData: 'full',
      nationalId,
      birthDate: '2000-05-20',
      gender: 'female',
      residenceOrgId: cellLinhDam,
      educationLevel: 'university',
      massOrganisations: [{ key: 'doan_thanh_nien', name: 'Đoàn TNCS Hồ Chí Minh' }],
      courseCertificate: {
        courseStartedOn: addDays(today, -60),
        courseEndedOn: addDays(today, -55),
        issuedOn: addDays(today, -50),
        number: 'GCN-125/TTCT',
        issuedBy: 'Trung tâm Chính trị quận Hoàng Mai',
      },
      joinedOn: null,
    });
    const read = await (await as('bithu.tdp5')).get<MemberView>(`/members/${created.id}`);
    expect(read).toMatchObject({ status: 200, body: { id: created.id, birthDate: '2000-05-20', nationalId } });
    const [audit] = await auditOf(created.id, 'member.registered');
    expect(audit).toMatchObject({
      actorName: expect.any(String),
      comment: 'Chi bộ họp ngày 05/11 lập danh sách quần chúng ưu tú',
      details: expect.objectContaining({ fullName: 'Vũ Thị Đoan Trang', cellId: cellTdp5 }),
    });
    expect(audit.actorUserId).not.toBeNull();
    expect(audit.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    // The audit log is read more widely than the record: it keeps the national ID masked.
    expect((audit.details as { record: { nationalId: string } }).record.nationalId).toBe(
      `********${nationalId.slice(-4)}`,
    );
  });

  it('should answer 400 naming the field for bad input, and write nothing', async () => {
    const s = await as('bithu.tdp5');
    const countBefore = await sys.dataSource.getRepository(MemberEntity).count();
    const cases: [Record<string, unknown>, string][] = [
      [{ nationalId: '07912345678' }, 'nationalId'],
      [{ nationalId: '07912345678x' }, 'nationalId'],
      [{ birthDate: '2001-02-29' }, 'birthDate'],
      [{ birthDate: '12/04/2001' }, 'birthDate'],
      [{ birthDate: addDays(today, 1) }, 'birthDate'],
      [{ gender: 'other' }, 'gender'],
      [{ fullName: '  ' }, 'fullName'],
      [{ educationLevel: 'phd' }, 'educationLevel'],
      [{ workplaceCellId: 'abc' }, 'workplaceCellId'],
      [{ workplaceCellId: '11111111-1111-4111-8111-111111111111' }, 'workplaceCellId'],
      [{ workplaceCellId: demoOrgId('HN-HM-HL') }, 'workplaceCellId'],
      [{ residenceCellId: demoOrgId('HN-HM') }, 'residenceCellId'],
      [{ massOrganisations: [{ key: 'doan_thanh_nien' }, { key: 'doan_thanh_nien' }] }, 'massOrganisations.1.key'],
      [{ massOrganisations: [{ key: 'hoi_sinh_vien' }] }, 'massOrganisations.0.key'],
      [
        {
          courseCertificate: { courseStartedOn: addDays(today, -30), issuedOn: addDays(today, -31) },
        },
        'courseCertificate.issuedOn',
      ],
      [
        { courseCertificate: { courseStartedOn: '2025-13-01', issuedOn: '2025-12-01' } },
        'courseCertificate.courseStartedOn',
      ],
      [{ specialCases: ['astronaut'] }, 'specialCases.0'],
    ];
    for (const [over, field] of cases) {
      const res = await s.post<ApiErr>('/members', candidateBody(over));
      expect({ over, status: res.status, code: res.body.error.code, field: res.body.error.field }).toEqual({
        over,
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
      });
    }
    const certificate = await s.post<ApiErr>(
      '/members',
      candidateBody({ courseCertificate: { courseStartedOn: '2025-09-10', issuedOn: '2025-09-01' } }),
    );
    expect(certificate.body.error.message).toBe(
      'courseCertificate.issuedOn: giấy chứng nhận không được ghi ngày trước ngày bắt đầu lớp bồi dưỡng (10/09/2025)',
    );
    expect(await sys.dataSource.getRepository(MemberEntity).count()).toBe(countBefore);
  });

  it('should refuse a national ID already recorded with 409 naming nationalId', async () => {
    const nationalId = nextNationalId();
    await register({ fullName: 'Hoàng Văn Một', nationalId });
    const again = await (
      await as('danguy.hoangliet')
    ).post<ApiErr>('/members', candidateBody({ fullName: 'Hoàng Văn Hai', nationalId, workplaceCellId: cellLinhDam }));
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'NATIONAL_ID_TAKEN', field: 'nationalId' } } });
    expect(await sys.dataSource.getRepository(MemberEntity).countBy({ nationalId })).toBe(1);
  });

  it('should answer 401 without a token and 403 outside the cell or role', async () => {
    const anonymous = ApiSession.anonymous(sys.baseUrl);
    expect((await anonymous.post('/members', candidateBody())).status).toBe(401);
    expect((await anonymous.get('/members')).status).toBe(401);
    // The secretary of another cell, and a supervisor above: neither keeps this cell's member file.
    for (const username of ['bithu.linhdam', 'giamsat.hoangliet', 'thuongvu.hoangmai']) {
      const res = await (await as(username)).post<ApiErr>('/members', candidateBody());
      expect({ username, status: res.status, code: res.body.error.code }).toEqual({
        username,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    // The grassroots committee above the cell and the organisation department of the district may.
    expect((await register({ fullName: 'Đinh Thị Cấp Trên' }, 'danguy.hoangliet')).orgId).toBe(cellTdp5);
    expect((await register({ fullName: 'Đinh Văn Ban Tổ Chức' }, 'bantochuc.hoangmai')).orgId).toBe(cellTdp5);
  });
});

describe('searching and reading (issue 9 §2)', () => {
  it('should find names without diacritics, in any case, a page at a time with the total', async () => {
    const q = encodeURIComponent('dang thuy');
    const before = await list('bithu.tdp5', `q=${q}`);
    expect(before.status).toBe(200);
    expect(before.header).toBeNull();
    const existing = before.body.total;
    const names = ['Đặng Thụy Ánh', 'Đặng Thụy Bình', 'Đặng Thụy Chi'];
    for (const fullName of names) await register({ fullName });
    const all = await list('bithu.tdp5', `q=${q}`);
    expect(all.body).toMatchObject({ pageSize: 50, next: null, total: existing + 3, totalExact: true });
    expect(all.body.items.filter((m) => names.includes(m.fullName)).map((m) => m.fullName)).toEqual(names);
    // `nguyen thu trang` finds `Nguyễn Thu Trang`; so does the upper-case form with marks.
    for (const query of ['nguyen thu trang', 'NGUYỄN THU TRANG', '  nguyen   thu  trang ']) {
      const hit = await list('bithu.tdp5', `status=candidate&q=${encodeURIComponent(query)}`);
      expect({ query, names: hit.body.items.map((m) => m.fullName), total: hit.body.total }).toEqual({
        query,
        names: ['Nguyễn Thu Trang'],
        total: 1,
      });
    }
    const exact = encodeURIComponent('đặng thụy');
    const page1 = await list('bithu.tdp5', `q=${exact}&pageSize=2`);
    const page2 = await list('bithu.tdp5', `q=${exact}&pageSize=2&cursor=${page1.body.next}`);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.total).toBe(existing + 3);
    expect(page2.body.items).toHaveLength(Math.min(2, existing + 1));
    expect(page2.body.total).toBe(existing + 3);
    const ids = [...page1.body.items, ...page2.body.items].map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    // LIKE wildcards in the query match literally.
    expect((await list('bithu.tdp5', `q=${encodeURIComponent('%')}`)).body).toEqual({
      items: [],
      pageSize: 50,
      next: null,
      total: 0,
      totalExact: true,
    });
  });

  it('should walk the list one row a page in the order of the name without diacritics (issue 13 §3)', async () => {
    // Sorted as member_search_key sorts them: Đông (dong) before Dũng (dung), though Đ sorts after D as written;
    // An and Ân share the key 'khuc thi an' and go by the name as written; namesakes go by id.
    const names = [
      'Khúc Văn Dũng',
      'Khúc Thị Ánh',
      'Khúc Văn Bình',
      'Khúc Thị Ân',
      'Khúc Văn Đông',
      'Khúc Thị An',
      'Khúc Văn Bình',
    ];
    const registered = [];
    for (const fullName of names) registered.push(await register({ fullName }));
    const binh = registered
      .filter((m) => m.fullName === 'Khúc Văn Bình')
      .map((m) => m.id)
      .sort();
    const expected = [
      'Khúc Thị An',
      'Khúc Thị Ân',
      'Khúc Thị Ánh',
      `Khúc Văn Bình ${binh[0]}`,
      `Khúc Văn Bình ${binh[1]}`,
      'Khúc Văn Đông',
      'Khúc Văn Dũng',
    ];
    const walked: string[] = [];
    const pages: Omit<Page, 'items' | 'next'>[] = [];
    let cursor: string | null = null;
    do {
      const res = await list('bithu.tdp5', `q=khuc&pageSize=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const { items, next, ...rest } = res.body;
      expect(items).toHaveLength(1);
      walked.push(items[0].fullName === 'Khúc Văn Bình' ? `${items[0].fullName} ${items[0].id}` : items[0].fullName);
      pages.push(rest);
      cursor = next;
    } while (cursor && walked.length < 20);
    expect(walked).toEqual(expected);
    expect(pages).toEqual(expected.map(() => ({ pageSize: 1, total: 7, totalExact: true })));
    // The database's own order of the same key agrees (libs/persistence member_search_key, then the name, the id).
    const rows = (await sys.dataSource.query(
      `SELECT full_name, id FROM member WHERE member_search_key(full_name) LIKE '%khuc%'
        ORDER BY member_search_key(full_name), full_name, id`,
    )) as { full_name: string; id: string }[];
    expect(rows.map((r) => (r.full_name === 'Khúc Văn Bình' ? `${r.full_name} ${r.id}` : r.full_name))).toEqual(
      expected,
    );
  });

  it('should give birth dates as local dates YYYY-MM-DD (issue 9 §2: never 2001-04-12T00:00:00.000Z)', async () => {
    const hit = await list('bithu.tdp5', `status=candidate&q=${encodeURIComponent('Nguyễn Thu Trang')}`);
    expect(hit.body.items.map((m) => m.birthDate)).toEqual(['2001-04-12']);
  });

  it('should answer 400 naming the query field for a bad page size, cursor or status', async () => {
    const tampered = Buffer.from(JSON.stringify(['khuc thi an', 'Khúc Thị An', 'not-a-uuid'])).toString('base64url');
    const shortCursor = Buffer.from(JSON.stringify(['khuc thi an'])).toString('base64url');
    for (const [query, field] of [
      ['pageSize=0', 'query.pageSize'],
      ['pageSize=201', 'query.pageSize'],
      ['pageSize=abc', 'query.pageSize'],
      ['cursor=abc', 'query.cursor'],
      [`cursor=${tampered}`, 'query.cursor'],
      [`cursor=${shortCursor}`, 'query.cursor'],
      // The paging of before issue 13 §3 is gone: an unknown parameter.
      ['limit=20', 'query'],
      ['offset=0', 'query'],
      ['status=member', 'query.status'],
      ['orgId=abc', 'query.orgId'],
      ['sort=name', 'query'],
    ]) {
      const res = await (await as('bithu.tdp5')).get<ApiErr>(`/members?${query}`);
      expect({ query, status: res.status, code: res.body.error.code, field: res.body.error.field }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
      });
    }
    const bad = await (await as('bithu.tdp5')).get<ApiErr>('/members?cursor=abc');
    expect(bad.body.error.message).toBe('query.cursor: con trỏ trang không hợp lệ; hãy đọc lại danh sách từ trang đầu');
  });

  it('should show personal data to the cell committee and the committees above, and mask it for supervisors', async () => {
    const nationalId = nextNationalId();
    const { id } = await register({ fullName: 'Lâm Thị Riêng Tư', nationalId });
    for (const username of ['bithu.tdp5', 'chiuy.tdp5', 'danguy.hoangliet', 'bantochuc.hoangmai', 'quantri']) {
      const res = await (await as(username)).get<MemberView>(`/members/${id}`);
      expect({
        username,
        status: res.status,
        personalData: res.body.personalData,
        nationalId: res.body.nationalId,
      }).toEqual({ username, status: 200, personalData: 'full', nationalId });
    }
    for (const username of ['giamsat.hoangliet', 'thuongvu.hoangmai']) {
      const res = await (await as(username)).get<MemberView>(`/members/${id}`);
      expect({ username, status: res.status, body: res.body }).toMatchObject({
        username,
        status: 200,
        body: {
          fullName: 'Lâm Thị Riêng Tư',
          status: 'candidate',
          personalData: 'restricted',
          nationalId: `********${nationalId.slice(-4)}`,
          birthDate: null,
          gender: null,
          residenceOrgId: null,
          educationLevel: null,
          massOrganisations: null,
          courseCertificate: null,
        },
      });
    }
    const listed = await list('giamsat.hoangmai', `q=${encodeURIComponent('lam thi rieng tu')}`);
    expect(listed.body.items.map((m) => [m.nationalId, m.birthDate])).toEqual([
      [`********${nationalId.slice(-4)}`, null],
    ]);
  });

  it('should answer 404 for an unknown member, 400 for a malformed id, 403 outside the subtree', async () => {
    const { id } = await register({ fullName: 'Tạ Văn Ngoài Cây' });
    const s = await as('bithu.tdp5');
    const unknown = '11111111-1111-4111-8111-111111111111';
    expect((await s.get<ApiErr>(`/members/${unknown}`)).status).toBe(404);
    expect((await s.request<ApiErr>('PATCH', `/members/${unknown}`, { fullName: 'A', reason: 'x' })).status).toBe(404);
    expect((await s.post<ApiErr>(`/members/${unknown}/status`, {})).status).toBe(404);
    expect((await s.get<ApiErr>('/members/abc')).body.error.field).toBe('id');
    const outside = await (await as('bithu.linhdam')).get<ApiErr>(`/members/${id}`);
    expect(outside).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect((await ApiSession.anonymous(sys.baseUrl).get(`/members/${id}`)).status).toBe(401);
  });
});

describe('the OpenAPI document (issue 9: each new endpoint annotated)', () => {
  it('should document the members endpoints with their request bodies', async () => {
    const doc = (await (await fetch(`${sys.baseUrl}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { summary?: string; requestBody?: { content: Record<string, unknown> } }>>;
    };
    const ops = Object.entries(doc.paths)
      .filter(([path]) => ['/members', '/members/{id}', '/members/{id}/status'].includes(path))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(ops).toEqual([
      'GET /members',
      'GET /members/{id}',
      'PATCH /members/{id}',
      'POST /members',
      'POST /members/{id}/status',
    ]);
    for (const [path, method] of [
      ['/members', 'post'],
      ['/members/{id}', 'patch'],
      ['/members/{id}/status', 'post'],
    ]) {
      expect(Object.keys(doc.paths[path][method].requestBody?.content ?? {})).toEqual(['application/json']);
      expect(doc.paths[path][method].summary).toBeTruthy();
    }
  });
});

describe('editing a record (issue 9 §2)', () => {
  it('should edit with a reason and audit the values before and after', async () => {
    const { id } = await register({ fullName: 'Kiều Văn Sửa' });
    const s = await as('chiuy.tdp5');
    const res = await s.request<MemberView>('PATCH', `/members/${id}`, {
      fullName: 'Kiều Văn Sửa Đổi',
      birthDate: '2000-06-20',
      massOrganisations: [{ key: 'cong_doan', name: 'Công đoàn phường Hoàng Liệt' }],
      reason: 'Đính chính theo giấy khai sinh',
    });
    expect(res).toMatchObject({
      status: 200,
      body: {
        fullName: 'Kiều Văn Sửa Đổi',
        birthDate: '2000-06-20',
        massOrganisations: [{ key: 'cong_doan', name: 'Công đoàn phường Hoàng Liệt' }],
      },
    });
    const [audit] = await auditOf(id, 'member.updated');
    expect(audit.comment).toBe('Đính chính theo giấy khai sinh');
    expect((audit.details as { changes: unknown }).changes).toEqual({
      fullName: { from: 'Kiều Văn Sửa', to: 'Kiều Văn Sửa Đổi' },
      birthDate: { from: '2000-05-20', to: '2000-06-20' },
      massOrganisations: {
        from: [{ key: 'doan_thanh_nien', name: 'Đoàn TNCS Hồ Chí Minh' }],
        to: [{ key: 'cong_doan', name: 'Công đoàn phường Hoàng Liệt' }],
      },
    });
  });

  it('should refuse bad edits with 400 naming the field, a taken national ID with 409, and others with 403', async () => {
    const taken = nextNationalId();
    await register({ fullName: 'Mai Văn Đã Có', nationalId: taken });
    const { id } = await register({ fullName: 'Mai Văn Sửa Sai' });
    const s = await as('bithu.tdp5');
    const patch = (body: unknown, session = s) => session.request<ApiErr>('PATCH', `/members/${id}`, body);
    expect((await patch({ fullName: 'Mai Văn Khác' })).body.error.field).toBe('reason');
    expect((await patch({ reason: 'Không sửa gì' })).body.error.field).toBe('body');
    expect((await patch({ birthDate: addDays(today, 3), reason: 'x' })).body.error.field).toBe('birthDate');
    expect(
      (
        await patch({
          courseCertificate: { courseStartedOn: addDays(today, -10), issuedOn: addDays(today, -20) },
          reason: 'x',
        })
      ).body.error.field,
    ).toBe('courseCertificate.issuedOn');
    expect(await patch({ nationalId: taken, reason: 'Nhập lại' })).toMatchObject({
      status: 409,
      body: { error: { code: 'NATIONAL_ID_TAKEN', field: 'nationalId' } },
    });
    expect((await patch({ fullName: 'Mai Văn Khác', reason: 'x' }, await as('giamsat.hoangliet'))).status).toBe(403);
    expect((await patch({ fullName: 'Mai Văn Khác', reason: 'x' }, await as('bithu.linhdam'))).status).toBe(403);
    expect(await sys.dataSource.getRepository(MemberEntity).findOneByOrFail({ id })).toMatchObject({
      fullName: 'Mai Văn Sửa Sai',
      birthDate: '2000-05-20',
    });
  });

  it('should refuse moving an official member to another cell by edit (a transfer owns that) with 409', async () => {
    const official = await nthOfficial(5);
    const res = await (
      await as('danguy.hoangliet')
    ).request<ApiErr>('PATCH', `/members/${official.id}`, {
      workplaceCellId: cellLinhDam,
      reason: 'Chuyển nơi ở',
    });
    expect(res).toMatchObject({
      status: 409,
      body: { error: { code: 'TRANSFER_REQUIRED', field: 'workplaceCellId' } },
    });
  });
});

describe('changing status (issue 9 §2)', () => {
  it('should exempt an official member with its reason and date, end the exemption, and audit both', async () => {
    const official = await nthOfficial(6);
    const s = await as('bithu.tdp5');
    const exempt = await s.post<MemberView>(`/members/${official.id}/status`, {
      status: 'exempt',
      effectiveOn: addDays(today, -7),
      reason: 'Tuổi cao, sức khỏe yếu; chi bộ họp xét ngày hôm trước',
    });
    expect(exempt).toMatchObject({
      status: 200,
      body: {
        status: 'exempt',
        exemptSince: addDays(today, -7),
        exemptReason: 'Tuổi cao, sức khỏe yếu; chi bộ họp xét ngày hôm trước',
      },
    });
    const back = await s.post<MemberView>(`/members/${official.id}/status`, {
      status: 'official',
      effectiveOn: today,
      reason: 'Sức khỏe đã hồi phục',
    });
    expect(back).toMatchObject({ status: 200, body: { status: 'official', exemptSince: null, exemptReason: null } });
    const audits = await auditOf(official.id, 'member.status_changed');
    expect(
      audits.map((a) => [(a.details as { from: string }).from, (a.details as { to: string }).to, a.comment]),
    ).toEqual([
      ['official', 'exempt', 'Tuổi cao, sức khỏe yếu; chi bộ họp xét ngày hôm trước'],
      ['exempt', 'official', 'Sức khỏe đã hồi phục'],
    ]);
  });

  it('should refuse a transition that does not exist with 409, a committee decision by the cell with 403, and bad dates with 400', async () => {
    const official = await nthOfficial(7);
    const s = await as('bithu.tdp5');
    const post = (body: unknown, session = s) => session.post<ApiErr>(`/members/${official.id}/status`, body);
    expect(await post({ status: 'candidate', effectiveOn: today, reason: 'Nhầm' })).toMatchObject({
      status: 409,
      body: { error: { code: 'STATUS_TRANSITION_NOT_ALLOWED', field: 'status' } },
    });
    expect(await post({ status: 'official', effectiveOn: today, reason: 'x' })).toMatchObject({
      status: 409,
      body: { error: { code: 'STATUS_UNCHANGED' } },
    });
    // Removal is a committee's decision; the cell secretary cannot record it.
    expect((await post({ status: 'removed', effectiveOn: today, reason: 'Xóa tên' })).status).toBe(403);
    expect((await post({ status: 'exempt', effectiveOn: addDays(today, 1), reason: 'x' })).body.error.field).toBe(
      'effectiveOn',
    );
    expect((await post({ status: 'exempt', effectiveOn: '2026-02-30', reason: 'x' })).body.error.field).toBe(
      'effectiveOn',
    );
    expect((await post({ status: 'exempt', effectiveOn: today })).body.error.field).toBe('reason');
    expect((await post({ status: 'expelled', effectiveOn: today, reason: 'x' })).body.error.field).toBe('status');
    expect(
      (await post({ status: 'exempt', effectiveOn: today, reason: 'x' }, await as('giamsat.hoangliet'))).status,
    ).toBe(403);
    expect((await sys.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: official.id })).status).toBe(
      'official',
    );
    const removed = await post(
      { status: 'removed', effectiveOn: today, reason: 'Xóa tên theo quyết định của Quận ủy', decisionRef: '12-QĐ/QU' },
      await as('danguy.hoangliet'),
    );
    expect(removed).toMatchObject({ status: 200, body: { status: 'removed' } });
  });
});

describe('an admission case for a candidate registered through the API (issue 9 §2, Tests)', () => {
  it('should run from registration to the decision and the ceremony, with the case owning the status meanwhile', async () => {
    const candidate = await register({ fullName: 'Trịnh Thị Đăng Ký' });
    const secretary = await as('bithu.tdp5');
    // The Hoàng Mai criteria [seed:001]: three years "hoàn thành tốt" or better, one of them "xuất sắc".
    for (const [offset, grading] of [
      [3, 'good'],
      [2, 'excellent'],
      [1, 'good'],
    ] as const) {
      const res = await secretary.post(`/members/${candidate.id}/gradings`, { year: year - offset, grading });
      expect(res.status).toBe(201);
    }
    const started = await secretary.post<{ caseId: string }>('/admission-cases', { candidateMemberId: candidate.id });
    expect(started.status).toBe(201);
    const { caseId } = started.body;
    const completed = await driver.completeInOrder(caseId, STEPS_TO_CEREMONY, cellTdp5);
    expect(completed.map((c) => c.step)).toEqual([
      'introducers',
      'background_check',
      'opinion_residence',
      'opinion_mass_org',
      'cell_vote',
      'grassroots_vote',
      'appraisal',
      'decision',
    ]);
    await driver.waitForOpenTask(caseId, 'ceremony', 'giamsat.hoangmai');
    // The residence opinion went to the residence cell given at registration.
    const view = await driver.caseView(caseId, 'giamsat.hoangmai');
    expect(view.steps.find((x) => x.step === 'opinion_residence')?.assignee.orgId).toBe(cellLinhDam);
    const decided = await sys.dataSource.getRepository(AdmissionCaseEntity).findOneByOrFail({ id: caseId });
    expect(decided).toMatchObject({ status: 'in_progress', decidedOn: today });

    // While the case runs, it owns the candidate's status: no admission or recognition by hand.
    const committee = await as('danguy.hoangliet');
    const byHand = await committee.post<ApiErr>(`/members/${candidate.id}/status`, {
      status: 'probationary',
      effectiveOn: today,
      reason: 'Ghi tay',
    });
    expect(byHand).toMatchObject({
      status: 409,
      body: { error: { code: 'STATUS_OWNED_BY_ADMISSION', field: 'status' } },
    });
    expect(byHand.body.error.message).toContain('người vào Đảng trở thành đảng viên dự bị tại lễ kết nạp của hồ sơ');

    await driver.completeInOrder(caseId, ['ceremony'], cellTdp5);
    const member = await eventually(async () => {
      const res = await secretary.get<MemberView>(`/members/${candidate.id}`);
      return res.body.status === 'probationary' && res.body;
    }, 'the ceremony making the candidate probationary');
    expect(member).toMatchObject({ status: 'probationary', joinedOn: today });
    expect((await driver.caseView(caseId, 'giamsat.hoangmai')).status).toBe('probationary');
    const official = await committee.post<ApiErr>(`/members/${candidate.id}/status`, {
      status: 'official',
      effectiveOn: today,
      reason: 'Công nhận sớm',
    });
    expect(official).toMatchObject({ status: 409, body: { error: { code: 'STATUS_OWNED_BY_ADMISSION' } } });
    expect(official.body.error.message).toContain('việc công nhận đảng viên chính thức là của bước xét công nhận');
    expect((await sys.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: candidate.id })).status).toBe(
      'probationary',
    );
  });
});
