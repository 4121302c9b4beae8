import { Writable } from 'node:stream';
import { demoOrgId, HumanTaskEntity } from '@partyflow/persistence';
import {
  AdmissionDriver,
  eventually,
  freePort,
  metricValue,
  startSystem,
  startWorkerProcess,
  type RunningSystem,
  type WorkerProcess,
} from '@partyflow/testing';

/**
 * Issue 12 §4 (metrics, health, logs) end to end: the API in process with its JSON log captured, the real worker
 * process (apps/worker/src/main.ts) with its HTTP server and the Temporal SDK's Prometheus exporter, the Temporal dev
 * server, and a PostgreSQL server of the system's own that the last test stops.
 */
let sys: RunningSystem;
let worker: WorkerProcess;
let driver: AdmissionDriver;
const apiLog: Record<string, unknown>[] = [];
const cellTdp5 = demoOrgId('HN-HM-HL-TDP5');
/** Both processes' METRICS_TOKEN: every scrape below carries it, as Prometheus' `authorization` setting would. */
const METRICS_TOKEN = 'scrape-token-of-the-observability-spec';

beforeAll(async () => {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) apiLog.push(JSON.parse(line));
      done();
    },
  });
  sys = await startSystem({
    workerCount: 0,
    ownPostgres: true,
    apiLogDestination: destination,
    env: { METRICS_TOKEN },
  });
  worker = await startWorkerProcess(sys, {
    TEMPORAL_SDK_METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
    METRICS_TOKEN,
  });
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await worker?.stop();
  await sys?.stop();
});

const workerUrl = (path: string) => `http://127.0.0.1:${worker.httpPort}${path}`;
const scrape = async (url: string) => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; (charset=utf-8; )?version=0\.0\.4/);
  return res.text();
};
const json = async (url: string, init?: RequestInit) => {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
};

describe('health endpoints (issue 12 §4)', () => {
  it('should answer live and ready with 200 on the API and the worker, outside auth, with the HTTP edge headers', async () => {
    const live = await json(`${sys.baseUrl}/health/live`);
    expect(live).toMatchObject({ status: 200, body: { status: 'ok', checks: {} } });
    expect(live.headers.get('cache-control')).toBe('no-store');
    expect(live.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await json(`${sys.baseUrl}/health/ready`)).body).toEqual({
      status: 'ok',
      checks: { database: { status: 'up' }, temporal: { status: 'up' } },
    });
    expect((await json(workerUrl('/health/live'))).body).toEqual({ status: 'ok', checks: {} });
    const ready = await json(workerUrl('/health/ready'));
    expect(ready).toMatchObject({
      status: 200,
      body: { status: 'ok', checks: { worker: { status: 'up' }, database: { status: 'up' } } },
    });
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(workerUrl('/health/live'), { method: 'POST' })).status).toBe(405);
    expect((await fetch(workerUrl('/health'))).status).toBe(404);
  });

  it('should keep the infrastructure endpoints out of the OpenAPI document', async () => {
    const doc = (await json(`${sys.baseUrl}/docs-json`)).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/health') || p === '/metrics')).toEqual([]);
  });
});

describe('logs (issue 12 §4)', () => {
  it('should write a login request as one JSON line with its request id, and neither the password nor the token', async () => {
    const res = await fetch(`${sys.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'obs-login-1' },
      body: JSON.stringify({ username: 'bithu.tdp5', password: 'matkhau123' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('obs-login-1');
    const { accessToken } = (await res.json()) as { accessToken: string };
    const lines = await eventually(async () => {
      const found = apiLog.filter((l) => (l.req as { id?: string } | undefined)?.id === 'obs-login-1');
      return found.length > 0 && found;
    }, 'the login line');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'partyflow-api',
      msg: 'request completed',
      reqId: 'obs-login-1',
      req: { id: 'obs-login-1', method: 'POST', path: '/auth/login' },
      route: '/auth/login',
      res: { statusCode: 200 },
    });
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('matkhau123');
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain(accessToken.split('.')[1]);
    expect(JSON.stringify(apiLog)).not.toContain('matkhau123');
  });

  it('should replace a malformed X-Request-Id by a new UUID, echoed in the answer', async () => {
    const res = await fetch(`${sys.baseUrl}/health/live`, { headers: { 'x-request-id': 'not well formed!' } });
    expect(res.headers.get('x-request-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('should write the worker process’s log as JSON lines, the Temporal SDK’s included', () => {
    const entries = worker.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.service === 'partyflow-worker' && typeof e.level === 'string')).toBe(true);
    expect(entries.some((e) => e.component === 'temporal')).toBe(true);
  });
});

describe('metrics (issue 12 §4)', () => {
  it('should refuse a scrape of /metrics without the METRICS_TOKEN bearer token, on the API and the worker', async () => {
    for (const url of [`${sys.baseUrl}/metrics`, workerUrl('/metrics')]) {
      for (const authorization of [undefined, 'Bearer wrong-token-of-the-same-size-00000', `Basic ${METRICS_TOKEN}`]) {
        const res = await fetch(url, { headers: authorization ? { authorization } : {} });
        expect({ url, authorization, status: res.status, challenge: res.headers.get('www-authenticate') }).toEqual({
          url,
          authorization,
          status: 401,
          challenge: 'Bearer',
        });
        expect(await res.json()).toEqual({
          error: {
            code: 'UNAUTHENTICATED',
            message: 'Cần mã truy cập số liệu (Authorization: Bearer <METRICS_TOKEN>)',
          },
        });
      }
    }
  });

  it('should count the open introducers task of a new case, 1 more while open and back after completion, and time the completion by route', async () => {
    const gauge = async () =>
      metricValue(await scrape(`${sys.baseUrl}/metrics`), 'partyflow_tasks_open', {
        process: 'admission',
        step: 'introducers',
      });
    const openInTable = () =>
      sys.dataSource
        .getRepository(HumanTaskEntity)
        .createQueryBuilder('t')
        .where("t.process = 'admission' AND t.step = 'introducers' AND t.status IN ('open', 'overdue')")
        .getCount();
    const before = await gauge();
    expect(before).toBe(await openInTable());
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Trần Quan Sát' });
    await driver.waitForOpenTask(caseId, 'introducers', 'giamsat.hoangmai');
    expect(await gauge()).toBe(before! + 1);
    await driver.completeInOrder(caseId, ['introducers'], cellTdp5);
    expect(await gauge()).toBe(before);

    const api = await scrape(`${sys.baseUrl}/metrics`);
    expect(
      metricValue(api, 'partyflow_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/tasks/:id/complete',
        status: '200',
      }),
    ).toBe(1);
    // Route templates, never raw paths: no label holds an id.
    expect(api).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(metricValue(api, 'partyflow_metrics_database_up')).toBe(1);
    expect(metricValue(api, 'partyflow_tasks_overdue', { process: 'admission', step: 'introducers' })).toBe(0);
    expect(metricValue(api, 'partyflow_task_escalations', { process: 'admission' })).toBe(0);
    expect(metricValue(api, 'partyflow_incidents', { process: 'admission' })).toBe(0);

    const own = await scrape(workerUrl('/metrics'));
    expect(own).toContain('# TYPE partyflow_activity_retries_total counter');
    // The Temporal SDK's own metrics, from its Prometheus exporter: the worker polled and ran activities (a new
    // admission case runs its bookkeeping as local activities, issue 13 §5).
    expect(own).toMatch(/^temporal_/m);
    expect(own).toMatch(/^temporal_local_activity_execution_latency\w*\{/m);
  });
});

describe('readiness without PostgreSQL (issue 12 §4)', () => {
  it('should answer 503 naming the database on the API and the worker while PostgreSQL is stopped, and report the gauges down', async () => {
    await sys.postgres!.stop();
    try {
      const api = await json(`${sys.baseUrl}/health/ready`);
      expect(api).toMatchObject({
        status: 503,
        body: { status: 'error', checks: { database: { status: 'down' }, temporal: { status: 'up' } } },
      });
      const w = await json(workerUrl('/health/ready'));
      expect(w).toMatchObject({
        status: 503,
        body: { status: 'error', checks: { worker: { status: 'up' }, database: { status: 'down' } } },
      });
      expect((await json(`${sys.baseUrl}/health/live`)).status).toBe(200);
      const metrics = await scrape(`${sys.baseUrl}/metrics`);
      expect(metricValue(metrics, 'partyflow_metrics_database_up')).toBe(0);
      expect(metricValue(metrics, 'partyflow_tasks_open', { process: 'admission', step: 'introducers' })).toBe(
        undefined,
      );
    } finally {
      await sys.postgres!.start();
    }
    await eventually(async () => (await fetch(`${sys.baseUrl}/health/ready`)).status === 200, 'API ready again');
  });
});
