/**
 * Whether an error says PostgreSQL cannot be reached right now (issue 11 §7), as node-postgres and
 * TypeORM raise it: the connection refused, reset or timed out, the server shutting down or starting
 * (SQLSTATE 57P01–57P03), too many connections (53300), a connection exception (class 08), or pg's own
 * "Connection terminated" / "timeout exceeded when trying to connect". TypeORM wraps the driver's error in
 * `driverError`; Node's dual-stack connect gives an AggregateError with `errors`.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const PG_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/, /^Connection ended/];

type Candidate = { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as Candidate;
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (PG_MESSAGES.some((m) => m.test(message))) return true;
  const nested = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((n) => n !== error && isDatabaseUnavailable(n, depth + 1));
}
