/** The API's error body (`{ error: { code, message, field } }`), for every 4xx and 5xx (pure: no browser API). */
export type ApiErrorBody = { code: string; message: string; field?: string | null; details?: unknown };
