import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '@partyflow/config';
import { ApiError } from './api-error';

/** Where the web page lives on the API's origin (issue 10: same origin, one URL to give users). */
export const WEB_ROOT = '/app';

/**
 * The Content-Security-Policy of every answer (issue 11 §5), for the web page served from the same origin
 * at /app: its scripts and styles are the built files under /app/assets ('self'); antd writes its
 * CSS-in-JS into <style> elements at run time, hence 'unsafe-inline' for styles only (never for scripts);
 * the page calls only its own origin; nothing may frame it. Swagger UI at /docs works under it too (its
 * scripts are files; its styles inline).
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  // No upgrade-insecure-requests: plain HTTP stays usable (the demo on 127.0.0.1); HSTS keeps production on HTTPS.
};

/** HSTS: one year, subdomains included (ignored by browsers over plain HTTP). */
export const HSTS = { maxAge: 31_536_000, includeSubDomains: true, preload: false };

/** CORS (issue 11 §5): only the configured origins, none by default (the web page is same-origin). */
export function corsOptions(origins: readonly string[]): CorsOptions {
  const allowed = new Set(origins);
  return {
    origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin) ? origin : false),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
    exposedHeaders: ['retry-after', 'content-disposition', 'x-request-id'],
    credentials: false,
    maxAge: 600,
  };
}

/** Whether a path is the web page or its files (cached as they are), not an API answer. */
const isWebPath = (path: string) => path === WEB_ROOT || path.startsWith(`${WEB_ROOT}/`);

type BodyRequest = IncomingMessage & { body?: unknown };

/**
 * A JSON body must be UTF-8 text (issue 11 §9): body-parser would otherwise decode invalid bytes as
 * U+FFFD and store them. Refused with 400 naming the body (no field can be placed before parsing).
 */
function verifyUtf8(_req: BodyRequest, _res: unknown, buf: Buffer, encoding: string): void {
  if (encoding.toLowerCase().replace('-', '') === 'utf8' && !isUtf8(buf))
    throw ApiError.badRequest('body', 'không phải văn bản UTF-8 hợp lệ');
}

/**
 * The HTTP edge every answer goes through (issue 11 §5, §6): no X-Powered-By; helmet's headers (HSTS,
 * nosniff, X-Frame-Options DENY, the CSP above, no referrer); CORS for the configured origins only;
 * `Cache-Control: no-store` on every API answer (they carry personal data and tokens; the page's files
 * under /app keep their own caching); the JSON body parser with the configured limit (413 above it, in
 * the API's error format: see ApiErrorFilter). The CSV and spreadsheet imports read their own bodies
 * with their own limits (config.api.limits), since the JSON parser leaves other content types unread.
 */
export function installHttpEdge(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
      hsts: HSTS,
      frameguard: { action: 'deny' },
    }),
  );
  app.enableCors(corsOptions(config.api.corsOrigins));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isWebPath(req.path)) res.setHeader('cache-control', 'no-store');
    next();
  });
  app.use(express.json({ limit: config.api.limits.jsonBytes, verify: verifyUtf8 }));
  app.use(express.urlencoded({ limit: config.api.limits.jsonBytes, extended: true, verify: verifyUtf8 }));
}
