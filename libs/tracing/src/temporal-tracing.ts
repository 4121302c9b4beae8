import type { ClientInterceptors } from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  type OpenTelemetrySinks,
} from '@temporalio/interceptors-opentelemetry';
import type { Context } from '@temporalio/activity';
import type { InjectedSinks, ReplayWorkerOptions, WorkerOptions } from '@temporalio/worker';
import type { Tracing } from './tracing';

/**
 * The Temporal client's interceptors (issue 12 §4): starts, signals and updates get a client span, and its context
 * travels in the Temporal headers to the workflow, whose handler span is its child. Empty without tracing.
 */
export function tracingClientInterceptors(tracing: Tracing | undefined): ClientInterceptors {
  return tracing ? { workflow: [new OpenTelemetryWorkflowClientInterceptor({ tracer: tracing.tracer })] } : {};
}

/**
 * The workflow interceptors are in every workflow bundle (apps/worker/src/workflow-bundle.ts), traced or not, and
 * they hand their finished spans to the `exporter` sink. This is that sink: into the tracing's span processor, or,
 * without tracing, nowhere (a worker without the sink would log an error for every span). Never called on replay.
 */
export function workflowTracingSinks(tracing: Tracing | undefined): InjectedSinks<OpenTelemetrySinks> {
  return {
    exporter: tracing
      ? makeWorkflowExporter(tracing.processor, tracing.resource)
      : { export: { fn: () => undefined, callDuringReplay: false } },
  };
}

/**
 * Every `Worker.create` (the worker, the test harness, the benchmarks) and `Worker.runReplayHistories` takes its
 * options through this, so that none forgets the workflow interceptors' sink. With tracing, it also adds the
 * activity interceptors (a `RunActivity:<type>` span, child of the workflow's `StartActivity:<type>`, and trace ids
 * in the activity's log attributes) and the client interceptors of the client the worker gives its activities.
 */
export function withTracing(options: WorkerOptions, tracing?: Tracing): WorkerOptions;
/** A replay worker runs no activity and calls no sink; it still needs the sink to exist. */
export function withTracing(options: ReplayWorkerOptions): ReplayWorkerOptions;
export function withTracing<T extends WorkerOptions | ReplayWorkerOptions>(options: T, tracing?: Tracing): T {
  const sinks = { ...options.sinks, ...workflowTracingSinks(tracing) };
  if (!tracing) return { ...options, sinks };
  const interceptors = options.interceptors ?? {};
  const client = interceptors.client ?? {};
  const clientWorkflow = Array.isArray(client.workflow) ? client.workflow : [];
  return {
    ...options,
    sinks,
    interceptors: {
      ...interceptors,
      client: {
        ...client,
        workflow: [...clientWorkflow, new OpenTelemetryWorkflowClientInterceptor({ tracer: tracing.tracer })],
      },
      activity: [
        ...(interceptors.activity ?? []),
        (ctx: Context) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer: tracing.tracer }),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
  };
}
