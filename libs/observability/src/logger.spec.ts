import { Writable } from 'node:stream';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { createLogger, REDACTED } from './logger';
import { currentRequestId, requestIdOf, runWithRequestId } from './request-context';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, log: createLogger({ service: 'partyflow-test', level: 'info', destination }) };
}

describe('JSON logs (issue 12 §4)', () => {
  it('should censor secrets and personal fields at the top level and two levels down', () => {
    const { lines, log } = capture();
    log.info(
      {
        password: 'matkhau123',
        accessToken: 'eyJ.x.y',
        member: { nationalId: '001203004567', birthDate: '2001-05-14', fullName: 'Nguyễn Thu Trang' },
        req: { headers: { authorization: 'Bearer eyJ.x.y', cookie: 'sid=1', 'set-cookie': 'sid=2', accept: '*/*' } },
      },
      'đăng nhập',
    );
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      level: 'info',
      service: 'partyflow-test',
      msg: 'đăng nhập',
      password: REDACTED,
      accessToken: REDACTED,
      member: { nationalId: REDACTED, birthDate: REDACTED, fullName: 'Nguyễn Thu Trang' },
      req: { headers: { authorization: REDACTED, cookie: REDACTED, 'set-cookie': REDACTED, accept: '*/*' } },
    });
    expect(JSON.stringify(line)).not.toMatch(/matkhau123|eyJ|001203004567|2001-05-14|sid=/);
    expect(typeof line.time).toBe('string');
  });

  it('should write the request id of the request being served in every line, and none outside a request', () => {
    const { lines, log } = capture();
    runWithRequestId('req-42', () => log.info('inside'));
    log.info('outside');
    expect(lines.map((l) => [l.msg, l.reqId])).toEqual([
      ['inside', 'req-42'],
      ['outside', undefined],
    ]);
    expect(currentRequestId()).toBeUndefined();
  });

  it('should keep a well-formed X-Request-Id and replace a malformed or missing one by a UUID', () => {
    expect(requestIdOf('obs-login-1')).toBe('obs-login-1');
    expect(requestIdOf(['a.b:c_d-1', 'other'])).toBe('a.b:c_d-1');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const bad of [undefined, '', 'has space', 'x'.repeat(129), 'line\nbreak', '-leading-dash'])
      expect(requestIdOf(bad)).toMatch(uuid);
  });

  it('should write no trace ids while no OpenTelemetry tracer is registered', () => {
    const { lines, log } = capture();
    log.info('untraced');
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[0]).not.toHaveProperty('span_id');
  });

  it('should write the trace_id and span_id of the active span (the hook for the tracing set-up)', () => {
    const manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
    try {
      const { lines, log } = capture();
      const span = trace.wrapSpanContext({
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceFlags: TraceFlags.SAMPLED,
      });
      context.with(trace.setSpan(context.active(), span), () => log.info('traced'));
      expect(lines[0]).toMatchObject({ trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' });
    } finally {
      context.disable();
    }
  });
});
