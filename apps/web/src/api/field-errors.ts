import type { FormInstance } from 'antd';
import { ApiFailure } from './errors';

/** A form field's name path, as antd's `setFields` takes it. */
export type FieldPath = (string | number)[];

/**
 * The API's message for the field it names, as the page shows it under that field: without the `field: ` prefix the
 * API's 400s put in front (apps/api/src/common/api-error.ts `ApiError.badRequest`), a code identifier no user reads.
 */
export function fieldMessage(error: ApiFailure): string {
  const field = error.field;
  return field && error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message;
}

/**
 * Shows an API error under the form field it names, the one way every page does it: `fieldOf` maps the API's field
 * (dotted, e.g. `courseCertificate.issuedOn`) to the form's name path, or to nothing when the form has no such field.
 * Scrolls to the field; answers whether the error found a field (else the page shows it above the form).
 */
export function showFieldError<T>(
  form: FormInstance<T>,
  error: unknown,
  fieldOf: (apiField: string) => FieldPath | null | undefined,
): boolean {
  if (!(error instanceof ApiFailure) || !error.field) return false;
  const name = fieldOf(error.field);
  if (!name) return false;
  const f = form as FormInstance;
  f.setFields([{ name, errors: [fieldMessage(error)] }]);
  f.scrollToField(name);
  return true;
}

/**
 * A `fieldOf` for a form whose fields carry the API's own names: the longest leading part of the API's field that is
 * one of `fields` (an error at `courseCertificate.issuedOn.day` lands on `courseCertificate.issuedOn`).
 */
export function sameNamedField(fields: readonly string[]): (apiField: string) => FieldPath | undefined {
  return (apiField) => {
    const parts = apiField.split('.');
    for (let n = parts.length; n > 0; n--) {
      if (fields.includes(parts.slice(0, n).join('.'))) return parts.slice(0, n);
    }
    return undefined;
  };
}
