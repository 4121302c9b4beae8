import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { generateJwtSecret, loadConfig } from '@partyflow/config';
import { createApiApp, openApiDocument } from '../api.factory';
import { methodNotAllowed } from './method-not-allowed';

type Parameter = { name: string; in: string; schema?: Record<string, unknown> };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, unknown> };
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

const ERROR_SCHEMA = { $ref: '#/components/schemas/ApiError' };

// Issue 11 §The OpenAPI contract: Schemathesis found 117 undocumented status codes and ids not declared as uuids.
// The document is built as infra/scripts/dump-openapi.ts builds it: the app only, no database or Temporal server.
describe('the OpenAPI document declares every error and parameter format (issue 11 §The OpenAPI contract)', () => {
  let app: INestApplication;
  let client: Client;
  let doc: Doc;
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );

  beforeAll(async () => {
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: 'postgres://openapi@127.0.0.1:1/none',
      JWT_SECRET: generateJwtSecret(),
    });
    client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    const dataSource = new DataSource({ type: 'postgres', url: config.databaseUrl });
    app = await createApiApp({ config, dataSource, client }, { logger: false });
    doc = openApiDocument(app) as unknown as Doc;
  });
  afterAll(async () => {
    await client.connection.close().catch(() => undefined);
  });

  it('should declare the error answers each operation can give, in the API error format, on every operation', () => {
    const missing: string[] = [];
    for (const { name, op } of operations()) {
      const expected = ['413', '503'];
      const parameters = op.parameters ?? [];
      const authenticated = (op.security ?? []).length > 0;
      if (parameters.length > 0 || op.requestBody) expected.push('400');
      if (authenticated) expected.push('401', '403');
      if (authenticated && parameters.some((p) => p.in === 'path')) expected.push('404');
      if (authenticated && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(name.split(' ')[0])) expected.push('409');
      for (const status of expected) {
        const schema = op.responses[status]?.content?.['application/json']?.schema;
        if (JSON.stringify(schema) !== JSON.stringify(ERROR_SCHEMA)) missing.push(`${name} ${status}`);
      }
    }
    expect(missing).toEqual([]);
    // issue 11 §2 added an override's set and clear; issue 12 §5 PUT /users/{id}/mail
    // issue 14 §1 preview; §2 task reassignments, substitutions (5 with the candidates); §3 repromise;
    // §5 GET /audit/verify; §6 proxy grants (5 with the candidates); §7 documents
    expect(operations()).toHaveLength(112);
    expect(doc.components.schemas.ApiError).toEqual({
      type: 'object',
      properties: {
        error: {
          type: 'object',
          properties: {
            code: { type: 'string' },
            message: { type: 'string' },
            field: { type: 'string' },
            details: { type: 'object', additionalProperties: {} },
          },
          required: ['code', 'message'],
          additionalProperties: false,
        },
      },
      required: ['error'],
      additionalProperties: false,
    });
  });

  it('should declare 401 and 429 on the login (issue 11 §4: login throttling) and 415 on the file uploads', () => {
    expect(Object.keys(doc.paths['/auth/login'].post.responses)).toEqual(['200', '400', '401', '413', '429', '503']);
    const uploads = operations()
      .filter(({ op }) => op.responses['415'])
      .map(({ name }) => name);
    expect(uploads).toEqual([
      'POST /imports/members',
      'POST /imports/organisations',
      'POST /imports/users',
      'POST /imports/{kind}',
    ]);
  });

  it('should declare every id `format: uuid`, every date `format: date` and every paging integer with its bounds', () => {
    const parameters = operations().flatMap(({ name, op }) => (op.parameters ?? []).map((p) => ({ name, p })));
    // No operation takes a header parameter (Schemathesis sent made-up ones to a declared X-Total-Count).
    expect(parameters.filter(({ p }) => p.in === 'header').map(({ name, p }) => `${name} ${p.name}`)).toEqual([]);
    const wrong: string[] = [];
    for (const { name, p } of parameters) {
      const where = `${name} ${p.in} ${p.name}`;
      // The one id that is no uuid: a deadline-policy change's operationId (deadline-policy-<process>-<step>-v<n>).
      const operationId =
        name === 'GET /deadline-policies/operations/{id}' && p.schema?.pattern === '^deadline-policy-';
      if ((p.name === 'id' || p.name.endsWith('Id')) && p.schema?.format !== 'uuid' && !operationId) wrong.push(where);
      if (['date', 'from', 'to', 'onDate'].includes(p.name) && p.schema?.format !== 'date') wrong.push(where);
      if (['page', 'pageSize', 'limit', 'offset', 'year'].includes(p.name)) {
        const { type, minimum, maximum } = p.schema ?? {};
        if (type !== 'integer' || typeof minimum !== 'number' || typeof maximum !== 'number') wrong.push(where);
      }
      if (!p.schema?.type) wrong.push(`${where} (no type)`);
    }
    expect(wrong).toEqual([]);
    const uuids = parameters.filter(({ p }) => p.schema?.format === 'uuid');
    // with the two override routes' orgId (§2), PUT /users/{id}/mail's id, issue 14's documents, repromise, revocation,
    // a substitution's revocation
    expect(uuids.filter(({ p }) => p.in === 'path')).toHaveLength(58);
    // Issue 13 §3: the lists are paged by cursor; no page, offset or limit parameter is left on them.
    for (const path of ['/members', '/users', '/organisations', '/imports']) {
      const names = (doc.paths[path].get.parameters ?? []).map((p) => p.name);
      expect(names.filter((n) => ['page', 'offset', 'limit'].includes(n))).toEqual([]);
      expect(doc.paths[path].get.parameters?.find((p) => p.name === 'cursor')?.schema).toEqual({
        type: 'string',
        maxLength: 2000,
      });
    }
    expect(doc.paths['/members'].get.parameters?.find((p) => p.name === 'pageSize')?.schema).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 200,
      default: 50,
    });
    expect(doc.paths['/members'].get.responses['200']).not.toHaveProperty('headers');
    expect(doc.paths['/audit'].get.parameters?.find((p) => p.name === 'pageSize')?.schema).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 200,
      default: 50,
    });
  });

  it('should answer 405 with an Allow header to a method a path does not support (issue 11: TRACE answered 404)', () => {
    const answer = (method: string, path: string) => {
      const res = { headers: {} as Record<string, string>, status: 0, body: undefined as unknown };
      let passed = false;
      methodNotAllowed(doc)(
        { method, path } as Request,
        {
          setHeader: (name: string, value: string) => (res.headers[name] = value),
          status: (status: number) => ((res.status = status), { json: (body: unknown) => (res.body = body) }),
        } as unknown as Response,
        () => (passed = true),
      );
      return passed ? 'next' : { status: res.status, allow: res.headers.Allow };
    };
    expect(answer('TRACE', '/members')).toEqual({ status: 405, allow: 'GET, POST, HEAD' });
    expect(answer('DELETE', '/members/0b3c0a52-7d5e-4f4e-9d7a-4d4a1e0f8c11')).toEqual({
      status: 405,
      allow: 'GET, PATCH, HEAD',
    });
    // The most specific template decides: /criteria/in-force is not /criteria/{id}, nor /imports/members /imports/{id};
    // then the values: /imports/attendance is /imports/{kind} (an enum), /imports/<uuid> is /imports/{id}.
    expect(answer('PATCH', '/criteria/in-force')).toEqual({ status: 405, allow: 'GET, HEAD' });
    expect(answer('GET', '/imports/members')).toEqual({ status: 405, allow: 'POST' });
    expect(answer('GET', '/imports/attendance')).toEqual({ status: 405, allow: 'POST' });
    expect(answer('POST', '/imports/0b3c0a52-7d5e-4f4e-9d7a-4d4a1e0f8c11')).toEqual({
      status: 405,
      allow: 'GET, HEAD',
    });
    // A path of the shape of /deadline-policies/operations/{id} is that route's (not PUT /deadline-policies/{p}/{s}).
    expect(answer('GET', '/deadline-policies/operations/null,null')).toBe('next');
    expect(answer('DELETE', '/deadline-policies/operations/deadline-policy-admission-decision-v2')).toEqual({
      status: 405,
      allow: 'GET, HEAD',
    });
    // A malformed id matches no template's values: the route answers its 400.
    expect(answer('DELETE', '/members/not-a-uuid')).toBe('next');
    expect(answer('GET', '/members')).toBe('next');
    expect(answer('HEAD', '/members')).toBe('next');
    expect(answer('OPTIONS', '/members')).toBe('next');
    expect(answer('POST', '/imports/gradings')).toBe('next');
    // Not a path of the API: the router's 404.
    expect(answer('TRACE', '/nowhere')).toBe('next');
  });
});
