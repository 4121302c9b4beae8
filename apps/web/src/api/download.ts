import { readSession } from '../app/session-store';
import { fileNameOf } from '../areas/admin/admin-format';
import { ApiFailure, type ApiErrorBody } from './errors';

/**
 * Downloads a file the API makes (a report, a case's document) with the session's token, saving it under the name
 * the API gives; a refusal is an `ApiFailure` carrying the API's error, as `unwrap` gives. Returns the file name.
 */
export async function downloadFile(path: string, fallbackName: string, failedMessage: string): Promise<string> {
  const session = readSession();
  let res: Response;
  try {
    res = await fetch(path, { headers: session ? { authorization: `Bearer ${session.accessToken}` } : {} });
  } catch {
    throw new ApiFailure(0, { code: 'NETWORK', message: 'Không kết nối được máy chủ. Vui lòng thử lại.' });
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: ApiErrorBody } | null;
    throw new ApiFailure(res.status, body?.error ?? { code: `HTTP_${res.status}`, message: failedMessage });
  }
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
