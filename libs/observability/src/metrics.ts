import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { within } from './health';

/** The content type of /metrics (Prometheus text format 0.0.4). */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Whether a scrape may read /metrics: always when no token is configured (METRICS_TOKEN unset), else only with the
 * header `Authorization: Bearer <token>`, compared in constant time (of the two values' hashes, so that neither the
 * token nor its length shows in the time taken).
 */
export function metricsScrapeAllowed(authorization: string | string[] | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  if (typeof authorization !== 'string') return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}

/** The body of a refused scrape (401, with `WWW-Authenticate: Bearer`), in the API's error format. */
export const METRICS_UNAUTHORIZED_BODY = JSON.stringify({
  error: { code: 'UNAUTHENTICATED', message: 'Cần mã truy cập số liệu (Authorization: Bearer <METRICS_TOKEN>)' },
});

/** A registry of one process (never prom-client's global one: tests run several APIs in one process). */
export function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * `partyflow_http_request_duration_seconds{method, route, status}`: every answer, by route template (`/tasks/:id/
 * complete`, never the raw path: no ids in labels). `routeOf` names the template once the answer is finished.
 */
export function httpMetricsMiddleware(
  registry: Registry,
  routeOf: (req: IncomingMessage) => string,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const histogram = new Histogram({
    name: 'partyflow_http_request_duration_seconds',
    help: 'Time from the request to the end of its answer, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_DURATION_BUCKETS,
    registers: [registry],
  });
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      histogram.observe({ method: req.method ?? 'GET', route: routeOf(req), status: String(res.statusCode) }, seconds);
    });
    next();
  };
}

/** A (process, step) pair the task gauges always report, 0 when no task is open there. */
export type KnownStep = { process: string; step: string };

type Snapshot = {
  tasks: Array<{ process: string; step: string; open: number; overdue: number }>;
  events: Array<{ action: string; process: string | null; n: number }>;
  incidents: Array<{ process: string; n: number }>;
};

const EVENT_ACTIONS = { reminders: 'task.reminded', escalations: 'task.escalated' } as const;

/**
 * Gauges computed from PostgreSQL at scrape time (issue 12 §4), bounded by `timeoutMs` (statement_timeout and a
 * timer) and by their labels (process and step; no ids):
 * - `partyflow_tasks_open{process, step}`: tasks not yet completed or cancelled (status open or overdue);
 * - `partyflow_tasks_overdue{process, step}`: those of them past their due instant;
 * - `partyflow_task_reminders{process}`, `partyflow_task_escalations{process}`: reminders and escalations recorded in
 *   the audit log since the start, `partyflow_incidents{process}`: incidents opened since the start.
 * These come from the tables, not from counters in the process that did the work: the activities write them once
 * per event (idempotency keys), so the figures are exact whatever the number of worker replicas, their restarts and
 * activity retries; every replica reports the same values (aggregate with max(), not sum()).
 * `partyflow_metrics_database_up` is 0 when the queries failed or timed out (the other gauges are then absent).
 */
export function registerTaskGauges(
  registry: Registry,
  { dataSource, timeoutMs, knownSteps }: { dataSource: DataSource; timeoutMs: number; knownSteps: KnownStep[] },
): void {
  let inFlight: Promise<Snapshot | null> | undefined;
  // prom-client collects every metric of a scrape at once: they share one snapshot (one transaction).
  const snapshot = () => {
    inFlight ??= within(timeoutMs, query(dataSource, timeoutMs))
      .catch(() => null)
      .finally(() => setImmediate(() => (inFlight = undefined)));
    return inFlight;
  };
  const up = new Gauge({
    name: 'partyflow_metrics_database_up',
    help: '1 when the database queries of this scrape answered, 0 when they failed or timed out.',
    registers: [registry],
    async collect() {
      this.set((await snapshot()) ? 1 : 0);
    },
  });
  void up;
  const stepGauge = (name: string, help: string, pick: (row: Snapshot['tasks'][number]) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['process', 'step'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        const snap = await snapshot();
        if (!snap) return;
        for (const { process, step } of knownSteps) this.set({ process, step }, 0);
        for (const row of snap.tasks) this.set({ process: row.process, step: row.step }, pick(row));
      },
    });
  stepGauge('partyflow_tasks_open', 'Tasks open now (status open or overdue), by process and step.', (r) => r.open);
  stepGauge('partyflow_tasks_overdue', 'Open tasks past their due instant, by process and step.', (r) => r.overdue);
  const processes = [...new Set(knownSteps.map((s) => s.process))];
  const processGauge = (name: string, help: string, rows: (snap: Snapshot) => Array<{ process: string; n: number }>) =>
    new Gauge({
      name,
      help,
      labelNames: ['process'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        const snap = await snapshot();
        if (!snap) return;
        for (const process of processes) this.set({ process }, 0);
        for (const row of rows(snap)) this.set({ process: row.process }, row.n);
      },
    });
  const eventsOf = (action: string) => (snap: Snapshot) =>
    snap.events.filter((e) => e.action === action).map((e) => ({ process: e.process ?? 'none', n: e.n }));
  processGauge(
    'partyflow_task_reminders',
    'Task reminders recorded in the audit log since the start, by process.',
    eventsOf(EVENT_ACTIONS.reminders),
  );
  processGauge(
    'partyflow_task_escalations',
    'Task escalations recorded in the audit log since the start, by process.',
    eventsOf(EVENT_ACTIONS.escalations),
  );
  processGauge('partyflow_incidents', 'Incidents opened since the start, by process.', (snap) => snap.incidents);
}

async function query(dataSource: DataSource, timeoutMs: number): Promise<Snapshot> {
  return dataSource.transaction('READ COMMITTED', async (em) => {
    await em.query(`SET LOCAL statement_timeout = ${Math.floor(timeoutMs)}`);
    const tasks = await em.query<Snapshot['tasks']>(
      `SELECT process, step, count(*)::int AS open, (count(*) FILTER (WHERE due_at < now()))::int AS overdue
         FROM human_task WHERE status IN ('open', 'overdue') GROUP BY process, step`,
    );
    const events = await em.query<Snapshot['events']>(
      `SELECT action, process, count(*)::int AS n FROM audit_log WHERE action = ANY($1) GROUP BY action, process`,
      [Object.values(EVENT_ACTIONS)],
    );
    const incidents = await em.query<Snapshot['incidents']>(
      `SELECT process, count(*)::int AS n FROM human_task WHERE step = 'incident' GROUP BY process`,
    );
    return { tasks, events, incidents };
  });
}

/** The worker's `partyflow_activity_retries_total{activity_type}`: activity attempts after the first. */
export function activityRetriesCounter(registry: Registry): Counter<'activity_type'> {
  return new Counter({
    name: 'partyflow_activity_retries_total',
    help:
      'Activity attempts after the first (retries), by activity type, counted by the worker that ran them ' +
      '(sum over the replicas).',
    labelNames: ['activity_type'] as const,
    registers: [registry],
  });
}
