import type { AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import express from 'express';
import { NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { loadConfig } from '@partyflow/config';
import { eventually } from '@partyflow/testing';
import {
  httpServerSpans,
  installTraceContext,
  startTracing,
  tracingClientInterceptors,
  withTracing,
} from '@partyflow/tracing';

/** Issue 12 §4: traces only when OTEL_EXPORTER_OTLP_ENDPOINT is set; nothing but the workflow sink otherwise. */
describe('tracing configuration (libs/config, @partyflow/tracing)', () => {
  it('should leave tracing off without OTEL_EXPORTER_OTLP_ENDPOINT: no tracing, no client interceptor', () => {
    const config = loadConfig({});
    expect(config.tracing).toEqual({ otlpEndpoint: undefined, serviceName: undefined });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }).tracing.otlpEndpoint).toBeUndefined();
    expect(startTracing(config, 'partyflow-worker')).toBeUndefined();
    expect(tracingClientInterceptors(undefined)).toEqual({});
  });

  it('should read the endpoint without its trailing slash and the service name, and refuse an endpoint that is no URL', () => {
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/', OTEL_SERVICE_NAME: 'partyflow-hn' }).tracing,
    ).toEqual({ otlpEndpoint: 'http://127.0.0.1:4318', serviceName: 'partyflow-hn' });
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '127.0.0.1:4318' })).toThrow(
      /^Invalid configuration OTEL_EXPORTER_OTLP_ENDPOINT: /,
    );
  });

  it("should name the service after the process unless OTEL_SERVICE_NAME, and send nothing before there's a span", async () => {
    const api = startTracing(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' }), 'partyflow-api');
    const named = startTracing(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_SERVICE_NAME: 'partyflow-hn' }),
      'partyflow-api',
    );
    expect([api?.serviceName, named?.serviceName]).toEqual(['partyflow-api', 'partyflow-hn']);
    expect(api?.resource.attributes['service.name']).toBe('partyflow-api');
    await Promise.all([api?.shutdown(), named?.shutdown()]);
  });
});

describe('worker options through withTracing (every Worker.create and replay worker)', () => {
  const base = { taskQueue: 'q', connection: {} as NativeConnection } satisfies WorkerOptions;

  it('should add only the workflow interceptors’ exporter sink, a no-op, when tracing is off', () => {
    const options = withTracing(base);
    expect(Object.keys(options.sinks ?? {})).toEqual(['exporter']);
    expect(options.sinks?.exporter.export.callDuringReplay).toBe(false);
    expect(options.sinks?.exporter.export.fn({} as never, [])).toBeUndefined();
    expect(options.interceptors).toBeUndefined();
  });

  it('should add the activity interceptors and the client interceptor of the activities’ client when tracing is on', async () => {
    const tracing = startTracing(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' }), 'partyflow-worker');
    const options = withTracing({ ...base, sinks: { other: { f: { fn: () => undefined } } } }, tracing);
    expect(Object.keys(options.sinks ?? {}).sort()).toEqual(['exporter', 'other']);
    expect(options.interceptors?.activity).toHaveLength(1);
    expect(options.interceptors?.client?.workflow).toHaveLength(1);
    await tracing?.shutdown();
  });
});

describe('HTTP server spans (libs/tracing/src/http-spans.ts)', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let url = '';
  let close = () => undefined as void;

  beforeAll(async () => {
    installTraceContext();
    const app = express();
    app.use(httpServerSpans(provider.getTracer('test')));
    app.post('/tasks/:id/complete', (_req, res) => void res.status(200).json({ ok: true }));
    app.get('/broken', (_req, res) => void res.status(503).end());
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => void server.close();
  });
  afterAll(() => close());
  beforeEach(() => exporter.reset());

  // A span ends when the answer has been written, which may be just after the client has read it.
  const finished = (count: number) =>
    eventually(
      async () => exporter.getFinishedSpans().length >= count && exporter.getFinishedSpans(),
      `${count} finished span(s)`,
    );

  it('should name the span after the route template, not its ids, with method, route and status', async () => {
    await fetch(`${url}/tasks/4b0a3c9e-0000-4000-8000-000000000001/complete`, { method: 'POST' });
    const [span] = await finished(1);
    expect(span.name).toBe('POST /tasks/:id/complete');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.attributes).toEqual({
      'http.request.method': 'POST',
      'http.route': '/tasks/:id/complete',
      'http.response.status_code': 200,
    });
    expect(span.parentSpanId).toBeUndefined();
  });

  it('should continue the trace of a W3C traceparent header from the caller', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    await fetch(`${url}/tasks/x/complete`, {
      method: 'POST',
      headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` },
    });
    const [span] = await finished(1);
    expect([span.spanContext().traceId, span.parentSpanId]).toEqual([traceId, 'b7ad6b7169203331']);
  });

  it('should name a request no route answered by its method only, and mark a 5xx as an error', async () => {
    await fetch(`${url}/nowhere`);
    await fetch(`${url}/broken`);
    const spans = await finished(2);
    expect(spans.map((s) => [s.name, s.attributes['http.response.status_code'], s.status.code])).toEqual([
      ['GET', 404, 0],
      ['GET /broken', 503, 2],
    ]);
  });
});
