import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { DEFAULT_DEADLINE_POLICIES } from '@partyflow/domain';
import {
  checkHealth,
  httpMetricsMiddleware,
  LIVE,
  METRICS_CONTENT_TYPE,
  METRICS_UNAUTHORIZED_BODY,
  metricsScrapeAllowed,
  registerTaskGauges,
  REQUEST_ID_HEADER,
  requestIdOf,
  runWithRequestId,
  type HealthResult,
} from '@partyflow/observability';
import type { ApiDeps } from './core.module';
import { WEB_ROOT } from './http-edge';

/**
 * The infrastructure endpoints (issue 12 §4): outside the OpenAPI document, outside authentication, and outside
 * the operation count; helmet's headers, `Cache-Control: no-store` and CORS apply to them as to every answer.
 */
export const INFRASTRUCTURE_PATHS = { live: '/health/live', ready: '/health/ready', metrics: '/metrics' } as const;

const isInfrastructure = (path: string) => (Object.values(INFRASTRUCTURE_PATHS) as string[]).includes(path);

/**
 * The route template of an answered request, for the metrics' `route` label: the Express route that served it
 * (`/tasks/:id/complete`), `/app` for the web page and its files, `unmatched` for anything else (a 404 or a 405):
 * never the raw path, so no id ever becomes a label.
 */
export function routeTemplateOf(req: IncomingMessage): string {
  const r = req as Request;
  const route = r.route as { path?: unknown } | undefined;
  if (route && typeof route.path === 'string') return `${r.baseUrl ?? ''}${route.path}`;
  const path = r.path ?? '';
  if (path === WEB_ROOT || path.startsWith(`${WEB_ROOT}/`)) return WEB_ROOT;
  return 'unmatched';
}

/**
 * First of all the middleware: the request id (the caller's well-formed X-Request-Id or a new UUID, echoed in the
 * answer's X-Request-Id) in every log line of the request, one `request completed` line per answer (method, path
 * without its query string, route, status, duration: never headers, bodies or query values), and the latency
 * histogram.
 */
export function installRequestObservability(app: NestExpressApplication, log: Logger, registry: Registry): void {
  app.use((req: IncomingMessage & { id?: string }, res: ServerResponse, next: () => void) => {
    const id = requestIdOf(req.headers[REQUEST_ID_HEADER]);
    req.id = id;
    res.setHeader('X-Request-Id', id);
    runWithRequestId(id, next);
  });
  app.use(httpMetricsMiddleware(registry, routeTemplateOf));
  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req) => (req as IncomingMessage & { id?: string }).id ?? requestIdOf(undefined),
      customLogLevel: (req, res, err) => {
        if (err || res.statusCode >= 500) return 'error';
        if (res.statusCode >= 400) return 'warn';
        return isInfrastructure((req as Request).path ?? '') ? 'debug' : 'info';
      },
      // The route is known only once the request was routed: added to the completion line, not to the request.
      customSuccessObject: (req, _res, value: object) => ({ ...value, route: routeTemplateOf(req) }),
      customErrorObject: (req, _res, _err, value: object) => ({ ...value, route: routeTemplateOf(req) }),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
}

/**
 * GET /health/live (200 while the process serves), GET /health/ready (200 when PostgreSQL answers and Temporal's
 * frontend answers GetSystemInfo, each bounded; else 503 naming the part), GET /metrics (Prometheus text; 401
 * without the bearer token when METRICS_TOKEN is set).
 */
export function installInfrastructureRoutes(
  app: NestExpressApplication,
  { config, dataSource, client }: ApiDeps,
  log: Logger,
  registry: Registry,
): void {
  const timeoutMs = config.observability.healthTimeoutMs;
  registerTaskGauges(registry, {
    dataSource,
    timeoutMs: config.observability.metricsQueryTimeoutMs,
    knownSteps: DEFAULT_DEADLINE_POLICIES.map(({ process, step }) => ({ process, step })),
  });
  const answer = (res: Response, result: HealthResult) => {
    for (const [part, error] of Object.entries(result.errors))
      log.warn({ part, err: error }, `health: ${part} is down`);
    res.status(result.httpStatus).json(result.report);
  };
  const express = app.getHttpAdapter().getInstance();
  express.get(INFRASTRUCTURE_PATHS.live, (_req: Request, res: Response) => answer(res, LIVE));
  express.get(INFRASTRUCTURE_PATHS.ready, async (_req: Request, res: Response) => {
    answer(
      res,
      await checkHealth(
        {
          database: () => dataSource.query('SELECT 1'),
          temporal: () =>
            client.connection.withDeadline(Date.now() + timeoutMs, () => client.workflowService.getSystemInfo({})),
        },
        timeoutMs,
      ),
    );
  });
  express.get(INFRASTRUCTURE_PATHS.metrics, async (req: Request, res: Response) => {
    if (!metricsScrapeAllowed(req.headers.authorization, config.observability.metricsToken)) {
      res.status(401).setHeader('www-authenticate', 'Bearer').type('application/json').send(METRICS_UNAUTHORIZED_BODY);
      return;
    }
    res.setHeader('content-type', METRICS_CONTENT_TYPE);
    res.send(await registry.metrics());
  });
}
