/** The API's error body (`{ error: { code, message, field } }`), for every 4xx and 5xx (pure: no browser API). */
export type ApiErrorBody = { code: string; message: string; field?: string | null; details?: unknown };

/** A failed call: its HTTP status and the API's error (a network failure is status 0). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiErrorBody,
  ) {
    super(error.message);
  }
  get field(): string | null {
    return this.error.field ?? null;
  }
}

/** A Vietnamese message of a failed call: the API's own, or a general one. */
export const errorMessage = (e: unknown): string =>
  e instanceof ApiFailure ? e.message : 'Đã có lỗi xảy ra. Vui lòng thử lại.';
