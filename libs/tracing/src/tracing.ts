import { context, propagation, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { AppConfig } from '@partyflow/config';

/**
 * One process's (or, in the test harness, one service's) OpenTelemetry tracing (issue 12 §4): a tracer provider of
 * its own with the service's resource and a batching OTLP/HTTP exporter. Nothing is registered as the global tracer
 * provider, so the API and the worker of the in-process test harness keep their own `service.name`; every span is
 * made through `tracer`, handed to the parts that trace (the HTTP spans, the Temporal interceptors).
 */
export type Tracing = {
  readonly serviceName: string;
  readonly tracer: Tracer;
  readonly resource: Resource;
  /** Where finished spans go: also the workflow spans, handed over by the worker's `exporter` sink. */
  readonly processor: SpanProcessor;
  /** Sends every finished span now (tests, before asserting). */
  forceFlush(): Promise<void>;
  /** Sends what is left and stops the exporter (at shutdown). */
  shutdown(): Promise<void>;
};

/** The instrumentation scope of the spans Partyflow makes itself (the HTTP server spans). */
export const TRACER_NAME = 'partyflow';

let contextInstalled = false;

/**
 * The process-wide parts every tracer shares, installed once: the AsyncLocalStorage context manager (the active span
 * follows the request through awaits and callbacks) and the W3C trace-context propagator (the `traceparent` header,
 * also used by the Temporal interceptors to carry the context in workflow and activity headers).
 */
export function installTraceContext(): void {
  if (contextInstalled) return;
  contextInstalled = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

/**
 * The tracing of a service, or undefined when OTEL_EXPORTER_OTLP_ENDPOINT is unset: then no exporter, no provider and
 * no interceptor exist, and the process pays nothing (the workflow interceptors hand their spans to a sink that drops
 * them, `workflowTracingSinks`). `defaultServiceName`: partyflow-api or partyflow-worker, unless OTEL_SERVICE_NAME.
 */
export function startTracing(
  { tracing }: Pick<AppConfig, 'tracing'>,
  defaultServiceName: string,
  /** The exporter's batching; the standard OTEL_BSP_* variables apply when unset. */
  batch?: { scheduledDelayMillis?: number },
): Tracing | undefined {
  if (!tracing.otlpEndpoint) return undefined;
  installTraceContext();
  const serviceName = tracing.serviceName ?? defaultServiceName;
  const resource = new Resource({ 'service.name': serviceName });
  const exporter = new OTLPTraceExporter({ url: `${tracing.otlpEndpoint}/v1/traces` });
  const processor = new BatchSpanProcessor(exporter, batch);
  const provider = new BasicTracerProvider({ resource, spanProcessors: [processor] });
  return {
    serviceName,
    tracer: provider.getTracer(TRACER_NAME),
    resource,
    processor,
    forceFlush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
