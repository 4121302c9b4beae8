import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import {
  checkHealth,
  LIVE,
  METRICS_CONTENT_TYPE,
  METRICS_UNAUTHORIZED_BODY,
  metricsScrapeAllowed,
  within,
  type HealthResult,
} from '@partyflow/observability';

export type WorkerHttpOptions = {
  host: string;
  /** 0: a free port (see `port` of the answer). */
  port: number;
  /** The workers of this process: ready while every one is RUNNING (polling its task queue). */
  workers: () => Worker[];
  dataSource: DataSource;
  registry: Registry;
  timeoutMs: number;
  /** host:port of the Temporal SDK's Prometheus exporter, whose text /metrics appends; undefined: none. */
  temporalMetricsAddress?: string;
  /** The bearer token a scrape of /metrics must carry (METRICS_TOKEN); undefined: none. */
  metricsToken?: string;
  log: Logger;
};

export type WorkerHttpServer = { server: Server; port: number; close: () => Promise<void> };

/**
 * The worker's small HTTP server (issue 12 §4), outside any authentication like the API's infrastructure
 * endpoints: GET /health/live (200 while the process runs), GET /health/ready (200 when the worker polls and
 * PostgreSQL answers, else 503 naming the part), GET /metrics (this process's prom-client registry followed by the
 * Temporal SDK's own metrics, read from its exporter at scrape time; 401 without the bearer token when METRICS_TOKEN
 * is set). Anything else: 404; other methods: 405.
 */
export async function startWorkerHttpServer(options: WorkerHttpOptions): Promise<WorkerHttpServer> {
  const { host, port, workers, dataSource, registry, timeoutMs, temporalMetricsAddress, metricsToken, log } = options;
  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  };
  const health = (res: ServerResponse, result: HealthResult) => {
    for (const [part, error] of Object.entries(result.errors))
      log.warn({ part, err: error }, `health: ${part} is down`);
    send(res, result.httpStatus, 'application/json; charset=utf-8', JSON.stringify(result.report));
  };
  const ready = () =>
    checkHealth(
      {
        worker: async () => {
          const states = workers().map((w) => w.getState());
          if (states.length === 0 || states.some((s) => s !== 'RUNNING'))
            throw new Error(`worker state ${states.join(', ') || 'none'}`);
        },
        database: () => dataSource.query('SELECT 1'),
      },
      timeoutMs,
    );
  const metrics = async () => {
    const own = await registry.metrics();
    if (!temporalMetricsAddress) return own;
    try {
      const res = await within(timeoutMs, fetch(`http://${temporalMetricsAddress}/metrics`));
      if (!res.ok) throw new Error(`status ${res.status}`);
      return `${own}\n${await res.text()}`;
    } catch (e) {
      log.warn({ err: e }, 'metrics: the Temporal SDK exporter did not answer');
      return own;
    }
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const known = ['/health/live', '/health/ready', '/metrics'].includes(path);
    if (!known) return send(res, 404, 'application/json; charset=utf-8', '{"status":"not found"}');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(res, 405, 'application/json; charset=utf-8', '{"status":"method not allowed"}');
    }
    if (path === '/health/live') return health(res, LIVE);
    if (path === '/health/ready') return health(res, await ready());
    if (!metricsScrapeAllowed(req.headers.authorization, metricsToken)) {
      res.setHeader('www-authenticate', 'Bearer');
      return send(res, 401, 'application/json; charset=utf-8', METRICS_UNAUTHORIZED_BODY);
    }
    return send(res, 200, METRICS_CONTENT_TYPE, await metrics());
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log.error({ err: e }, 'worker http: request failed');
      if (!res.headersSent) send(res, 500, 'application/json; charset=utf-8', '{"status":"error"}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    server,
    port: bound,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
