import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '@partyflow/config';
import { currentRequestId } from './request-context';

/**
 * Keys whose values never reach a log line (issue 12 §4): secrets, and the personal data of members and users.
 * Matched at the top level and two levels down (a logged object's fields and its children's).
 */
export const REDACTED_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'oldPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'jwt',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'nationalId',
  'cccd',
  'birthDate',
  'dateOfBirth',
  'phone',
  'email',
  'address',
] as const;

const prop = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);

/** pino's `redact` paths of REDACTED_KEYS (`password`, `*.password`, `*.*.password`, `*["set-cookie"]`, …). */
export const REDACT_PATHS: string[] = REDACTED_KEYS.flatMap((key) => {
  const p = prop(key);
  return [p.startsWith('.') ? key : p, `*${p}`, `*.*${p}`];
});

export const REDACTED = '[redacted]';

/**
 * The active OpenTelemetry span's ids (`trace_id`, `span_id`), read through @opentelemetry/api: nothing while no
 * tracer is registered, so the tracing set-up (issue 12 §4, traces) shows up in every log line without changes here.
 */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId };
}

export type LoggerOptions = {
  /** The process's part: `partyflow-api` or `partyflow-worker` (the `service` field of every line). */
  service: string;
  level: LogLevel;
  /** Where lines go; stdout by default (tests pass a stream to read them). */
  destination?: DestinationStream;
};

/**
 * A JSON logger: one object per line with `level` (a name), `time` (ISO instant), `service`, `msg`, the request id
 * (`reqId`) inside an HTTP request, `trace_id`/`span_id` inside a traced span, and REDACTED_KEYS censored.
 */
export function createLogger({ service, level, destination }: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    mixin: () => {
      const reqId = currentRequestId();
      return reqId === undefined ? traceFields() : { reqId, ...traceFields() };
    },
  };
  // Without a destination: stdout, written synchronously (no line lost when the process exits).
  return destination ? pino(options, destination) : pino(options);
}
