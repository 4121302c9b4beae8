import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The request an HTTP answer is being computed for: its id is in every log line written meanwhile. */
const requestContext = new AsyncLocalStorage<{ id: string }>();

export const REQUEST_ID_HEADER = 'x-request-id';

/** An incoming X-Request-Id is kept when it is 1–128 letters, digits and `._:-` (no spaces or control characters). */
export const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The request's id: the caller's X-Request-Id when well-formed, else a new UUID. */
export function requestIdOf(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && WELL_FORMED_REQUEST_ID.test(given) ? given : randomUUID();
}

export function runWithRequestId<T>(id: string, work: () => T): T {
  return requestContext.run({ id }, work);
}

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.id;
}
