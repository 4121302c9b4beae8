import { z } from 'zod';

/** A positive integer query parameter (they arrive as strings) within [min, max], `fallback` when absent. */
export const intQueryParam = (min: number, max: number, fallback: number) =>
  z
    .string({ invalid_type_error: 'phải là số nguyên dương' })
    .regex(/^\d{1,6}$/, 'phải là số nguyên dương')
    .transform(Number)
    .pipe(z.number().min(min, `tối thiểu ${min}`).max(max, `tối đa ${max}`))
    .default(String(fallback));

/** `page` (from 1) and `pageSize` (1–200, default 50) of a listed endpoint (issue 9). */
export const PAGE_PARAMS = { page: intQueryParam(1, 100_000, 1), pageSize: intQueryParam(1, 200, 50) };

/** One page of a list, with the number of matching rows. */
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** A `true`/`false` query flag. */
export const boolQueryParam = () =>
  z
    .enum(['true', 'false'], { errorMap: () => ({ message: 'phải là true hoặc false' }) })
    .transform((v) => v === 'true');
