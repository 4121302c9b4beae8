import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './openapi';
import { readSession, sessionExpired } from '../app/session-store';

import { ApiFailure, type ApiErrorBody } from './errors';

export type { ApiErrorBody } from './errors';
export { ApiFailure } from './errors';

const auth: Middleware = {
  onRequest({ request }) {
    const session = readSession();
    if (session) request.headers.set('authorization', `Bearer ${session.accessToken}`);
    return request;
  },
  onResponse({ response, request }) {
    // A token that stopped working (expired, user disabled) ends the session with a message, except at login.
    if (response.status === 401 && !new URL(request.url).pathname.endsWith('/auth/login')) sessionExpired();
    return response;
  },
};

/** The typed client of the API (same origin), generated from its OpenAPI document. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful call, or an `ApiFailure` carrying the API's error (never a raw exception). */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<NonNullable<T>> {
  let result: Result<T>;
  try {
    result = await call;
  } catch {
    throw new ApiFailure(0, { code: 'NETWORK', message: 'Không kết nối được máy chủ. Vui lòng thử lại.' });
  }
  if (result.response.ok) return result.data as NonNullable<T>;
  const body = result.error as { error?: ApiErrorBody } | undefined;
  throw new ApiFailure(
    result.response.status,
    body?.error ?? { code: `HTTP_${result.response.status}`, message: defaultMessage(result.response.status) },
  );
}

function defaultMessage(status: number): string {
  if (status === 401) return 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.';
  if (status === 403) return 'Bạn không có quyền thực hiện thao tác này.';
  if (status === 404) return 'Không tìm thấy dữ liệu.';
  if (status >= 500) return 'Máy chủ gặp sự cố. Vui lòng thử lại sau.';
  return 'Yêu cầu không hợp lệ.';
}
