import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A span as the OTLP/HTTP JSON export carries it (ids in hex), with its resource's service name. */
export type ReceivedSpan = {
  service: string;
  traceId: string;
  spanId: string;
  /** Undefined for a trace's root span. */
  parentSpanId: string | undefined;
  name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startTimeUnixNano: string;
  attributes: Record<string, unknown>;
};

type AnyValue = { stringValue?: string; intValue?: number | string; boolValue?: boolean; doubleValue?: number };
type KeyValue = { key: string; value: AnyValue };
type ExportRequest = {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        startTimeUnixNano: string;
        attributes?: KeyValue[];
      }[];
    }[];
  }[];
};

const valueOf = (v: AnyValue): unknown =>
  v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : (v.boolValue ?? v.doubleValue));
const attributesOf = (kvs: KeyValue[] = []): Record<string, unknown> =>
  Object.fromEntries(kvs.map(({ key, value }) => [key, valueOf(value)]));

export type OtlpReceiver = {
  /** The endpoint to set as OTEL_EXPORTER_OTLP_ENDPOINT (the exporter posts to `<url>/v1/traces`). */
  url: string;
  /** Every span received so far. */
  spans(): ReceivedSpan[];
  close(): Promise<void>;
};

/**
 * An in-process OTLP/HTTP trace receiver (issue 12 §4): a real HTTP server on a free loopback port that takes what
 * the exporters post to /v1/traces in OTLP's JSON encoding (@opentelemetry/exporter-trace-otlp-http) and keeps the
 * spans, as a collector would. Anything else answers 404; a body that is not an export request, 400.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const received: ReceivedSpan[] = [];
  const take = (body: ExportRequest) => {
    for (const rs of body.resourceSpans ?? []) {
      const service = String(attributesOf(rs.resource?.attributes)['service.name']);
      for (const ss of rs.scopeSpans ?? []) {
        for (const s of ss.spans ?? []) {
          received.push({
            service,
            traceId: s.traceId,
            spanId: s.spanId,
            parentSpanId: s.parentSpanId || undefined,
            name: s.name,
            kind: s.kind,
            startTimeUnixNano: s.startTimeUnixNano,
            attributes: attributesOf(s.attributes),
          });
        }
      }
    }
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      try {
        take(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportRequest);
      } catch {
        res.writeHead(400).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans: () => [...received],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A trace as an indented tree, one line a span (`name [service]`), children in the order they started: what a test
 * compares with the trace it expects. A span whose parent is not in the trace is listed at the top as `(orphan)`.
 */
export function traceTree(spans: readonly ReceivedSpan[], traceId: string): string[] {
  const inTrace = spans.filter((s) => s.traceId === traceId);
  const ids = new Set(inTrace.map((s) => s.spanId));
  const byStart = (a: ReceivedSpan, b: ReceivedSpan) =>
    BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano)
      ? -1
      : a.startTimeUnixNano === b.startTimeUnixNano
        ? 0
        : 1;
  const lines: string[] = [];
  const walk = (span: ReceivedSpan, depth: number) => {
    lines.push(`${'  '.repeat(depth)}${span.name} [${span.service}]`);
    for (const child of inTrace.filter((s) => s.parentSpanId === span.spanId).sort(byStart)) walk(child, depth + 1);
  };
  for (const top of inTrace.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId)).sort(byStart)) {
    if (top.parentSpanId) lines.push('(orphan)');
    walk(top, 0);
  }
  return lines;
}
