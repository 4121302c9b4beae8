import { ApiFailure } from '../api/errors';

/**
 * A value the form's rules require, narrowed to the request's type. Should it be missing anyway (a rule that does not
 * cover a path), the page refuses it as the API would: a 400 naming the field, which the form shows under it.
 */
export function required<T>(value: T | null | undefined, field: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    throw new ApiFailure(400, { code: 'VALIDATION_FAILED', message: `${field}: Bắt buộc nhập`, field });
  }
  return value;
}
