import { request } from 'node:http';
import { ApiSession, startSystem, type RunningSystem } from '@partyflow/testing';

/**
 * Issue 11 §The OpenAPI contract, on the real system: a method a path does not support answers 405 in the API's
 * error format with an Allow header (Schemathesis found TRACE answering 404), and the holiday calendar of the
 * first year the document allows answers (GET /holidays?year=1200 was a 500: the lunar library starts after Tết
 * 1200). The document's completeness is checked in apps/api/src/common/openapi-contract.spec.ts and by the
 * Schemathesis job (test/contract).
 */
let sys: RunningSystem;
let admin: ApiSession;

beforeAll(async () => {
  sys = await startSystem();
  admin = await ApiSession.login(sys.baseUrl, 'quantri');
});
afterAll(async () => sys?.stop());

type ApiErr = { error: { code: string; message: string; field?: string } };

/** One request by node:http (fetch refuses TRACE). */
function raw(method: string, path: string, token?: string | null) {
  return new Promise<{ status: number; allow: string | null; body: ApiErr | null }>((resolve, reject) => {
    const req = request(
      `${sys.baseUrl}${path}`,
      { method, headers: token ? { authorization: `Bearer ${token}` } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const allow = res.headers.allow ?? null;
          resolve({ status: res.statusCode ?? 0, allow, body: text ? (JSON.parse(text) as ApiErr) : null });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('methods a path does not support (issue 11 §The OpenAPI contract: TRACE answered 404)', () => {
  it('should answer TRACE with 405, an Allow header and the API error format, signed in or not', async () => {
    for (const token of [admin.token, null]) {
      expect(await raw('TRACE', '/members', token)).toEqual({
        status: 405,
        allow: 'GET, POST, HEAD',
        body: {
          error: {
            code: 'METHOD_NOT_ALLOWED',
            message: 'Phương thức TRACE không dùng được với đường dẫn này; dùng: GET, POST, HEAD',
          },
        },
      });
    }
  });

  it('should answer 405 to DELETE on /members/{id} and PATCH on /criteria/in-force (not the 400 of /criteria/{id})', async () => {
    const member = await raw('DELETE', '/members/0b3c0a52-7d5e-4f4e-9d7a-4d4a1e0f8c11', admin.token);
    expect({ status: member.status, allow: member.allow, code: member.body?.error.code }).toEqual({
      status: 405,
      allow: 'GET, PATCH, HEAD',
      code: 'METHOD_NOT_ALLOWED',
    });
    const inForce = await raw('PATCH', '/criteria/in-force', admin.token);
    expect({ status: inForce.status, allow: inForce.allow }).toEqual({ status: 405, allow: 'GET, HEAD' });
  });

  it('should still serve the supported methods, HEAD with GET, and answer 404 to a path outside the API', async () => {
    expect((await raw('GET', '/auth/me', admin.token)).status).toBe(200);
    expect((await raw('HEAD', '/auth/me', admin.token)).status).toBe(200);
    expect(await raw('TRACE', '/nowhere', admin.token)).toEqual({
      status: 404,
      allow: null,
      body: { error: { code: 'NOT_FOUND', message: 'Cannot TRACE /nowhere' } },
    });
  });
});

describe('the first year of the holiday calendar (issue 11 §The OpenAPI contract: a 500 found by Schemathesis)', () => {
  it('should compute 1201 and refuse 1200 with a 400 naming the field, as the document declares (1201–2199)', async () => {
    const first = await admin.get<{ year: number; source: string; days: unknown[] }>('/holidays?year=1201');
    expect({ status: first.status, year: first.body.year, source: first.body.source }).toEqual({
      status: 200,
      year: 1201,
      source: 'computed',
    });
    const before = await admin.get<ApiErr>('/holidays?year=1200');
    expect(before).toEqual({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', message: 'year: từ 1201', field: 'year' } },
    });
  });
});
