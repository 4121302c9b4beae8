import type { z } from 'zod';
import { ApiError, fromZodError } from './api-error';

/** Validates a request part at the edge; the error names the offending field. */
export function parseOrThrow<S extends z.ZodTypeAny>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error, prefix);
  return parsed.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function parseUuid(value: string, field: string): string {
  if (!UUID.test(value)) throw ApiError.badRequest(field, 'phải là UUID');
  return value.toLowerCase();
}

/** Unicode NFC for every string in a request, so Vietnamese text compares and indexes correctly. */
export function normaliseNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normaliseNfc) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, normaliseNfc(v)]),
    ) as T;
  }
  return value;
}
