import { existsSync } from 'node:fs';
import compression from 'compression';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Logger, type INestApplication } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { requireJwtKey } from '@partyflow/config';
import { createLogger, createRegistry, PinoNestLogger } from '@partyflow/observability';
import { httpServerSpans } from '@partyflow/tracing';
import { configurePasswordHashing } from '@partyflow/persistence';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { AppModule, type ApiDeps } from './app.module';
import { installHttpEdge, WEB_ROOT } from './common/http-edge';
import { methodNotAllowed } from './common/method-not-allowed';
import { installInfrastructureRoutes, installRequestObservability } from './common/observability';
import { addResponseComponents, completeContract } from './common/openapi';

export { WEB_ROOT };

/** The OpenAPI document of the API: served at /docs-json, and dumped for the web page's typed client. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Partyflow API')
    .setDescription(
      'Quy trình công tác đảng: kết nạp đảng viên, nhiệm vụ, thời hạn, giám sát. Lỗi: { "error": { "code", "message", "field" } }.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, doc);
  completeContract(document);
  addResponseComponents(document);
  return document;
}

/**
 * `logger: false`: no log lines (the harness), unless `logDestination` is given: the JSON lines go there instead
 * of stdout (a test reads them).
 */
export type ApiAppOptions = { logger?: boolean; logDestination?: DestinationStream };

/**
 * The HTTP API with its OpenAPI document at /docs (JSON at /docs-json) and, when it has been built, the web
 * page at /app (its client-side routes fall back to index.html; `/` redirects there); health and metrics
 * (issue 12 §4) at /health/live, /health/ready and /metrics, outside the document.
 */
export async function createApiApp(
  deps: ApiDeps,
  { logger = true, logDestination }: ApiAppOptions = {},
): Promise<INestApplication> {
  // Before anything else: no API without a signing secret (issue 11 §1); new hashes at the configured cost (§4).
  requireJwtKey(deps.config);
  configurePasswordHashing(deps.config.auth.passwordHashing);
  // JSON lines through pino (issue 12 §4): Nest's own messages and one line per request.
  const log = createLogger({
    service: 'partyflow-api',
    level: logger || logDestination ? deps.config.logLevel : 'silent',
    destination: logDestination,
  });
  const registry = createRegistry();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(deps), {
    logger: new PinoNestLogger(log),
    abortOnError: false,
    // The JSON parser is installed by installHttpEdge with the configured limit (issue 11 §6).
    bodyParser: false,
  });
  app.enableShutdownHooks();
  // First of all: an HTTP server span per request, in whose context the rest runs (issue 12 §4).
  if (deps.tracing) app.use(httpServerSpans(deps.tracing.tracer));
  if (deps.config.api.trustProxy !== undefined) app.set('trust proxy', deps.config.api.trustProxy);
  installRequestObservability(app, log, registry);
  installHttpEdge(app, deps.config);
  installInfrastructureRoutes(app, deps, log, registry);
  // gzip for the page's files and the JSON answers (a phone on a slow network is the common case).
  app.use(compression());
  serveWeb(app, resolve(deps.config.api.webDist), logger);
  const document = openApiDocument(app);
  // Before the routes (Nest adds them when the app starts): 405, not 404, for a method a path does not support.
  app.use(methodNotAllowed(document));
  SwaggerModule.setup('docs', app, document);
  return app;
}

function serveWeb(app: NestExpressApplication, dir: string, log: boolean): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    if (log) new Logger('Web').warn(`No web page at ${dir} (run \`npx nx build web\`); ${WEB_ROOT} answers 404`);
    return;
  }
  // Hashed assets may be cached for ever; index.html never, so a new release is picked up on the next load.
  app.useStaticAssets(dir, {
    prefix: WEB_ROOT,
    index: false,
    setHeaders: (res, path) =>
      res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const express = app.getHttpAdapter().getInstance();
  express.get('/', (_req: Request, res: Response) => res.redirect(302, `${WEB_ROOT}/`));
  express.get(/^\/app(\/.*)?$/, (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith(`${WEB_ROOT}/assets/`)) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}
