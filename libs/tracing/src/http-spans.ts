import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** A route's span name: the method and the route's template (`POST /tasks/:id/complete`), never its values. */
export const httpSpanName = (method: string, route: string | undefined): string =>
  route ? `${method} ${route}` : method;

/** The template of the route that answered (Express's `req.route`, under its router's mount point), if any. */
function routeOf(req: Request): string | undefined {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : undefined;
}

/**
 * An HTTP server span per request (issue 12 §4), named after the route that answered (`GET /tasks/mine`; just the
 * method when no route did, e.g. a 404), with the OpenTelemetry HTTP attributes: method, route, status. A
 * `traceparent` header (W3C) from the caller (a proxy, the web page) makes it that trace's child. The rest of the
 * request runs in the span's context, so the Temporal client interceptor's update span is its child. No path values,
 * query strings or bodies are recorded: they may carry personal data.
 * Installed first, before the body parsers (whose callbacks are bound to the span's context).
 */
export function httpServerSpans(tracer: Tracer): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(
      req.method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } },
      parent,
    );
    const active = trace.setSpan(parent, span);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const route = routeOf(req);
      span.updateName(httpSpanName(req.method, route));
      if (route) span.setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', res.statusCode);
      // Server errors only: a 4xx is the client's mistake, answered as designed (OpenTelemetry's HTTP conventions).
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      if (!res.writableFinished) span.setAttribute('http.aborted', true);
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    // The request's stream events (the JSON and file parsers) otherwise run in the socket's context, not the span's.
    context.bind(active, req);
    context.bind(active, res);
    context.with(active, next);
  };
}
