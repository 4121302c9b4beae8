/**
 * The workflow interceptors of issue 12 §4, bundled with every workflow (apps/worker/src/workflow-bundle.ts): those of
 * @temporalio/interceptors-opentelemetry (a span for the run, each signal, update and query handled, each activity
 * and child workflow started, whose context travels in the command's headers), with one change: span and trace ids
 * that do not draw on the workflow's random numbers.
 *
 * The library's tracer makes its ids with `Math.random()`, which inside a workflow is the deterministic generator that
 * `uuid4()` also draws on (a screening case's id, a detection run's). A workflow recorded before the interceptors were
 * bundled would then get other uuids on replay than it got when it ran: the replay passes (ids are not commands) but
 * the case's state no longer matches its rows. Here an id is a hash of the run, the point in its history, whether it
 * is replaying and a counter: unique, and without touching `Math.random()`.
 */
// First: the library's globals of the sandbox (`performance`, `window`), which @opentelemetry/core needs when it loads.
import '@temporalio/interceptors-opentelemetry/lib/workflow/runtime';
import type { Tracer } from '@opentelemetry/api';
import { BasicTracerProvider, SimpleSpanProcessor, type IdGenerator } from '@opentelemetry/sdk-trace-base';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import { SpanExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/span-exporter';
import { workflowInfo, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

const FNV_OFFSET = BigInt('0xcbf29ce484222325');
const FNV_PRIME = BigInt('0x100000001b3');
const MASK_64 = BigInt('0xffffffffffffffff');
const FMIX_1 = BigInt('0xff51afd7ed558ccd');
const FMIX_2 = BigInt('0xc4ceb9fe1a85ec53');
const SHIFT = BigInt(33);

/** FNV-1a over the text, then MurmurHash3's 64-bit finaliser (so that near seeds give unrelated ids): 16 hex digits. */
export function hash64(text: string): string {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * FNV_PRIME) & MASK_64;
  }
  h ^= h >> SHIFT;
  h = (h * FMIX_1) & MASK_64;
  h ^= h >> SHIFT;
  h = (h * FMIX_2) & MASK_64;
  h ^= h >> SHIFT;
  return h.toString(16).padStart(16, '0');
}

/** Span ids (64 bits) and trace ids (128 bits) of a workflow's spans, without `Math.random()`. */
export class WorkflowSpanIds implements IdGenerator {
  private made = 0;

  generateTraceId = (): string => this.id(2);
  generateSpanId = (): string => this.id(1);

  private id(words: number): string {
    const { runId, historyLength, unsafe } = workflowInfo();
    const seed = `${runId}|${historyLength}|${unsafe.isReplaying ? 'replay' : 'live'}|${++this.made}`;
    let id = '';
    for (let w = 0; w < words; w++) id += hash64(`${w}|${seed}`);
    // An all-zero id is invalid in W3C trace context (a chance of 2^-64).
    return /^0+$/.test(id) ? `${id.slice(1)}1` : id;
  }
}

let tracer: Tracer | undefined;

/** The workflow's tracer: the library's span exporter (to the worker's `exporter` sink), these ids. */
function workflowTracer(): Tracer {
  tracer ??= new BasicTracerProvider({
    idGenerator: new WorkflowSpanIds(),
    spanProcessors: [new SimpleSpanProcessor(new SpanExporter())],
  }).getTracer('@temporalio/interceptor-workflow');
  return tracer;
}

// The base classes' own tracer (made first) also installs the context manager and propagator of the workflow's
// isolate; it then makes no span.
class InboundInterceptor extends OpenTelemetryInboundInterceptor {
  protected override readonly tracer = workflowTracer();
}

class OutboundInterceptor extends OpenTelemetryOutboundInterceptor {
  protected override readonly tracer = workflowTracer();
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new InboundInterceptor()],
  outbound: [new OutboundInterceptor()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
