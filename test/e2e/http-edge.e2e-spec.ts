import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLogEntity, demoOrgId, HumanTaskEntity, MemberEntity } from '@partyflow/persistence';
import { AdmissionDriver, ApiSession, eventually, startSystem, type RunningSystem } from '@partyflow/testing';

/**
 * The HTTP edge (issue 11 §5–§10) on the whole system: API, worker, dev server and a PostgreSQL server of
 * this file's own, which the last test stops under the running API and starts again. The API is
 * configured with one allowed CORS origin and a small web page of its own at /app.
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
let webDir: string;
/** An official member of the TDP5 cell the tests write records for. */
let tdp5Member: string;
const ALLOWED_ORIGIN = 'https://partyflow.example.vn';
const cellTdp5 = demoOrgId('HN-HM-HL-TDP5');

type ApiErr = { error: { code: string; message: string; field?: string } };

beforeAll(async () => {
  webDir = mkdtempSync(path.join(os.tmpdir(), 'partyflow-web-'));
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  sys = await startSystem({
    ownPostgres: true,
    env: { API_CORS_ORIGINS: ALLOWED_ORIGIN, PARTYFLOW_WEB_DIST: webDir },
  });
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
  const members = await sys.dataSource
    .getRepository(MemberEntity)
    .find({ where: { organisationId: cellTdp5, status: 'official' }, order: { fullName: 'ASC' } });
  tdp5Member = members[members.length - 1].id;
});
afterAll(async () => {
  await sys?.stop();
  rmSync(webDir, { recursive: true, force: true });
});

const raw = (pathname: string, init: RequestInit = {}) => fetch(`${sys.baseUrl}${pathname}`, init);
const bearer = async (username: string) => ({ authorization: `Bearer ${(await driver.as(username)).token}` });

const CSP =
  "default-src 'self';base-uri 'self';connect-src 'self';font-src 'self' data:;form-action 'self';" +
  "frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';" +
  "style-src 'self' 'unsafe-inline'";

describe('security headers and CORS (issue 11 §5)', () => {
  it('should send HSTS, nosniff, X-Frame-Options DENY, the CSP and no-store, and no X-Powered-By, on an authenticated answer (issue 11 §5)', async () => {
    const res = await raw('/members?pageSize=1', { headers: await bearer('bithu.tdp5') });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('should mark the login answer (a token) and error answers no-store too (issue 11 §5)', async () => {
    const login = await raw('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bithu.tdp5', password: 'matkhau123' }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
    const unauthenticated = await raw('/members');
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('cache-control')).toBe('no-store');
  });

  it('should keep the web page cacheable as before: hashed assets for a year, index.html revalidated, both under the CSP (issue 11 §5)', async () => {
    const asset = await raw('/app/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    const page = await raw('/app/masterdata/members');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it('should answer a preflight from a configured origin, and give no CORS header to any other origin (issue 11 §5)', async () => {
    const preflight = await raw('/members', {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-request-id');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const allowed = await raw('/members?pageSize=1', {
      headers: { origin: ALLOWED_ORIGIN, ...(await bearer('quantri')) },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    // No list answers an X-Total-Count header any more (issue 13 §3: the count is in the page).
    expect(allowed.headers.get('access-control-expose-headers')).toBe('retry-after,content-disposition,x-request-id');
    const other = await raw('/members?pageSize=1', {
      headers: { origin: 'https://evil.example', ...(await bearer('quantri')) },
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const otherPreflight = await raw('/members', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'DELETE' },
    });
    expect(otherPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('request body limits (issue 11 §6)', () => {
  it('should answer 413 in the API error format for a JSON body over 100 KB, not 500 (issue 11 §6)', async () => {
    const res = await raw('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x'.repeat(110 * 1024), password: 'matkhau123' }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'body: vượt quá giới hạn 100 KB', field: 'body' },
    });
  });

  it('should still parse a JSON body under the limit and answer from the route (issue 11 §6)', async () => {
    const res = await (
      await driver.as('bithu.tdp5')
    ).post<ApiErr>(`/members/${tdp5Member}/attendance`, {
      month: '2026-01',
      status: 'absent_with_reason',
      reason: 'x'.repeat(90 * 1024),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.field).toBe('reason');
  });
});

describe('LIKE wildcards in searches (issue 11 §8)', () => {
  it('should match an audit action prefix literally: "______.*" finds no action, while "member.*" finds the registration (issue 11 §8)', async () => {
    const admin = await driver.as('quantri');
    const registered = await admin.post<{ id: string }>('/members', {
      fullName: 'Lê Văn Ký Tự',
      birthDate: '1995-03-04',
      gender: 'male',
      nationalId: '001095012345',
      workplaceCellId: cellTdp5,
      educationLevel: 'university',
    });
    expect(registered.status).toBe(201);
    const expected = await sys.dataSource
      .getRepository(AuditLogEntity)
      .createQueryBuilder('a')
      .where("a.action LIKE 'member.%'")
      .getCount();
    const prefix = await admin.get<{ total: number }>('/audit?action=member.*&pageSize=1');
    expect(prefix.status).toBe(200);
    expect(prefix.body.total).toBe(expected);
    const wildcards = await admin.get<{ total: number; items: unknown[] }>('/audit?action=______.*');
    expect(wildcards.status).toBe(200);
    expect(wildcards.body).toMatchObject({ total: 0, items: [] });
  });

  it('should find no member, user or task for q=% or q=_ (no name holds them) (issue 11 §8)', async () => {
    const admin = await driver.as('quantri');
    for (const q of ['%', '_']) {
      const none = { items: [], pageSize: 50, next: null, total: 0, totalExact: true };
      const members = await admin.get<unknown>(`/members?q=${encodeURIComponent(q)}`);
      expect([members.status, members.body]).toEqual([200, none]);
      const users = await admin.get<unknown>(`/users?q=${encodeURIComponent(q)}`);
      expect([users.status, users.body]).toEqual([200, none]);
      const tasks = await (await driver.as('bithu.tdp5')).get<unknown>(`/tasks/mine?q=${encodeURIComponent(q)}`);
      expect([tasks.status, tasks.body]).toEqual([200, none]);
    }
  });
});

describe('text that is not acceptable (issue 11 §9)', () => {
  it('should answer 400 naming username for a NUL in the login username, not 500 (issue 11 §9)', async () => {
    const res = await ApiSession.anonymous(sys.baseUrl).post<ApiErr>('/auth/login', {
      username: 'quantri\u0000',
      password: 'matkhau123',
    });
    expect(res).toEqual({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'username: chứa ký tự NUL (U+0000), không được phép',
          field: 'username',
        },
      },
    });
  });

  it('should answer 400 naming comment for a NUL in a residence comment, and store nothing (issue 11 §9)', async () => {
    const res = await (
      await driver.as('bithu.tdp5')
    ).post<ApiErr>(`/members/${tdp5Member}/residence-comments`, {
      year: 2024,
      assessment: 'fulfilled',
      comment: 'Gương mẫu\u0000',
      residenceOrgId: demoOrgId('HN-HM-HL-LD'),
    });
    expect(res).toEqual({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'comment: chứa ký tự NUL (U+0000), không được phép',
          field: 'comment',
        },
      },
    });
    const [{ n }] = (await sys.dataSource.query(
      'SELECT count(*)::int AS n FROM residence_comment WHERE member_id = $1 AND year = 2024',
      [tdp5Member],
    )) as { n: number }[];
    expect(n).toBe(0);
  });

  it('should answer 400 naming query.q for a NUL in a search, and body for a lone surrogate or bytes that are not UTF-8 (issue 11 §9)', async () => {
    const headers = await bearer('bithu.tdp5');
    const query = await raw(`/members?q=${encodeURIComponent('Nguy\u0000')}`, { headers });
    expect(query.status).toBe(400);
    expect(await query.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'query.q: chứa ký tự NUL (U+0000), không được phép',
        field: 'query.q',
      },
    });
    const surrogate = await raw('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":"quantri\\ud800","password":"x"}',
    });
    expect(surrogate.status).toBe(400);
    expect(((await surrogate.json()) as ApiErr).error.field).toBe('username');
    const latin1 = await raw('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat([Buffer.from('{"username":"Nguy'), Buffer.from([0xea]), Buffer.from('n","password":"x"}')]),
    });
    expect(latin1.status).toBe(400);
    expect(await latin1.json()).toEqual({
      error: { code: 'VALIDATION_FAILED', message: 'body: không phải văn bản UTF-8 hợp lệ', field: 'body' },
    });
  });

  it('should refuse a records CSV with Latin-1 bytes with 400 naming row and column, writing nothing (issue 11 §9)', async () => {
    const csv = Buffer.concat([
      Buffer.from(`member_id,month,status,reason\n${tdp5Member},2026-03,absent_with_reason,Nguy`),
      Buffer.from([0xea]),
      Buffer.from('n cớ\n'),
    ]);
    const res = await raw('/imports/attendance', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(await bearer('bithu.tdp5')) },
      body: csv,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: {
        code: 'CSV_ROW_INVALID',
        field: 'row 2, column reason',
        details: {
          row: 2,
          column: 'reason',
          reason: 'không phải văn bản UTF-8 hợp lệ (tệp cần lưu với bảng mã UTF-8)',
        },
      },
    });
    const [{ n }] = (await sys.dataSource.query(
      "SELECT count(*)::int AS n FROM meeting_attendance WHERE member_id = $1 AND to_char(month, 'YYYY-MM') = '2026-03'",
      [tdp5Member],
    )) as { n: number }[];
    expect(n).toBe(0);
  });

  it('should refuse a members import CSV with Latin-1 bytes at once with 400 naming row and column, storing no U+FFFD (issue 11 §9)', async () => {
    const header = 'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Chi bộ,Trình độ học vấn\n';
    const good = 'Trần Văn Đúng,12/04/2001,Nam,001201000991,HN-HM-HL-TDP5,university\n';
    const csv = Buffer.concat([
      Buffer.from(header + good + 'Nguy'),
      Buffer.from([0xea, 0x6e]),
      Buffer.from(' Văn Sai,12/04/2001,Nam,001201000992,HN-HM-HL-TDP5,university\n'),
    ]);
    const res = await raw('/imports/members', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(await bearer('quantri')) },
      body: csv,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'row 3, column Họ và tên: ô A3 không phải văn bản UTF-8 hợp lệ (tệp cần lưu với bảng mã UTF-8)',
        field: 'row 3, column Họ và tên',
      },
    });
    const stored = await sys.dataSource
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .where("m.national_id IN ('001201000991', '001201000992') OR m.full_name LIKE '%\uFFFD%'")
      .getCount();
    expect(stored).toBe(0);
  });
});

describe('the 409 of a completion race (issue 11 §10)', () => {
  it("should tell the loser of two simultaneous completions who completed the task and when, from the update path's refusal (issue 11 §10)", async () => {
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Phạm Thị Chạy Đua' });
    const { task, username } = await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    const { outcome, data } = await driver.approvingData(task, username, cellTdp5);
    const s = await driver.as(username);
    // Both pass the API's check (the row is open) before either update reaches the workflow.
    const answers = await Promise.all([
      s.post<{ completedAt: string } & ApiErr>(`/tasks/${task.id}/complete`, { outcome, data }),
      s.post<{ completedAt: string } & ApiErr>(`/tasks/${task.id}/complete`, { outcome, data }),
    ]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)?.body as { completedAt: string };
    const loser = answers.find((a) => a.status === 409)?.body as ApiErr;
    const row = await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id });
    const fullName = sys.users.find((u) => u.username === username)?.fullName;
    expect(row.completedByName).toBe(fullName);
    expect(row.completedAt?.toISOString()).toBe(winner.completedAt);
    expect(loser).toEqual({
      error: { code: 'TASK_NOT_OPEN', message: `Nhiệm vụ đã hoàn thành bởi ${fullName} lúc ${winner.completedAt}` },
    });
  });
});

describe('PostgreSQL down (issue 11 §7)', () => {
  it('should answer 503 with Retry-After in the API error format while the database is stopped, then recover when it is back (issue 11 §7)', async () => {
    const headers = await bearer('bithu.tdp5');
    expect((await raw('/members?pageSize=1', { headers })).status).toBe(200);
    const postgres = sys.postgres;
    if (!postgres) throw new Error('the system has no PostgreSQL server of its own');
    await postgres.stop();
    try {
      for (const answer of [
        await raw('/members?pageSize=1', { headers }),
        await raw('/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'quantri', password: 'matkhau123' }),
        }),
      ]) {
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toBe('5');
        expect(await answer.json()).toEqual({
          error: {
            code: 'DATABASE_UNAVAILABLE',
            message: 'Cơ sở dữ liệu tạm thời không truy cập được; vui lòng thử lại sau ít phút',
          },
        });
      }
    } finally {
      await postgres.start();
    }
    const back = await eventually(
      async () => {
        const res = await raw('/members?pageSize=1', { headers });
        return res.status === 200 && res;
      },
      'the API answering 200 again once PostgreSQL is back',
      30_000,
      250,
    );
    expect(back.status).toBe(200);
  });
});
