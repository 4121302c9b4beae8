import { z } from 'zod';
import { isLocalDateInRange, isValidLocalDate, isValidYearMonth } from '@partyflow/domain';

/**
 * THE zod type of a local calendar date (issue 11 §3), for every date field of every contract: the
 * step outputs the workflows' update validators check, the API's request bodies, query parameters
 * and imports. A real date 'YYYY-MM-DD' (no 2025-02-30) from 1900 to 2100 (LOCAL_DATE_RANGE), so a
 * bad date is a 400 naming the field at the edge and is refused by the workflow before it reaches an
 * activity that the database would fail. OpenAPI: `format: date`.
 */
export const localDateSchema = z
  .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi YYYY-MM-DD' })
  .date('phải là ngày có thật dạng YYYY-MM-DD')
  .refine((v) => !isValidLocalDate(v) || isLocalDateInRange(v), 'phải là ngày từ năm 1900 đến năm 2100');

/** A calendar month 'YYYY-MM' (01–12), within the same years. */
export const yearMonthSchema = z
  .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi YYYY-MM' })
  .regex(/^\d{4}-\d{2}$/, 'phải có dạng YYYY-MM')
  .refine(
    (v) => !/^\d{4}-\d{2}$/.test(v) || (isValidYearMonth(v) && isLocalDateInRange(`${v}-01`)),
    'phải là tháng có thật (01–12) từ năm 1900 đến năm 2100',
  );
