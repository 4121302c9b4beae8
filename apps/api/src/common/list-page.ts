import { z } from 'zod';

/** A positive integer query parameter (they arrive as strings) within [min, max], `fallback` when absent. */
export const intQueryParam = (min: number, max: number, fallback: number) =>
  z
    .string({ invalid_type_error: 'phải là số nguyên dương' })
    .regex(/^\d{1,6}$/, 'phải là số nguyên dương')
    .transform(Number)
    .pipe(z.number().min(min, `tối thiểu ${min}`).max(max, `tối đa ${max}`))
    .default(String(fallback));

/** A `true`/`false` query flag. */
export const boolQueryParam = () =>
  z
    .enum(['true', 'false'], { errorMap: () => ({ message: 'phải là true hoặc false' }) })
    .transform((v) => v === 'true');
