import type { EntityManager } from 'typeorm';
import { z } from 'zod';

/** Fields shared by request bodies, with the API's Vietnamese messages. */
export const uuidField = () =>
  z.string({ required_error: 'bắt buộc', invalid_type_error: 'phải là UUID' }).uuid('phải là UUID');
export const instantField = () =>
  z
    .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là thời điểm ISO 8601' })
    .datetime({ offset: true, message: 'phải là thời điểm ISO 8601, ví dụ 2026-01-01T00:00:00+07:00' });
/** A reason of 3 to 2000 characters, trimmed; `what` says which (the message of a missing one). */
export const reasonField = (what: string) =>
  z
    .string({ required_error: `bắt buộc: ${what}`, invalid_type_error: 'phải là chuỗi' })
    .trim()
    .min(3, `bắt buộc: ${what}`)
    .max(2000, 'tối đa 2000 ký tự');

/**
 * Within the transaction of `em`: takes the advisory lock on `key`, so that two writers of periods under one key
 * cannot both pass the check, then answers the first of `rows()` that `clashes` with the new period, if any.
 */
export async function clashUnderLock<T>(
  em: EntityManager,
  key: string,
  rows: () => Promise<T[]>,
  clashes: (row: T) => boolean,
): Promise<T | undefined> {
  await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
  return (await rows()).find(clashes);
}
