import type { Request } from 'express';
import { ApiError } from '../common/api-error';

/** 5 MB: a cell's or a whole grassroots committee's records for years, far below memory concerns. */
export const CSV_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * Reads a `text/csv` request body as UTF-8. The global parsers handle JSON only, so the stream
 * of a CSV request is still unread here; reading it in this route keeps the limit per route.
 */
export async function readTextBody(
  req: Request,
  { limitBytes = CSV_BODY_LIMIT_BYTES }: { limitBytes?: number } = {},
): Promise<string> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'text/csv' && type !== 'text/plain') {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `content-type: phải là text/csv (nhận '${type || 'không có'}')`,
      'content-type',
    );
  }
  const body: unknown = req.body;
  if (typeof body === 'string') return body;
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () =>
    new ApiError(413, 'PAYLOAD_TOO_LARGE', `body: tệp vượt quá ${limitBytes / 1024 / 1024} MB`, 'body');
  if (declared > limitBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Node closes the connection after the response when the rest of the body is unread.
    if (size > limitBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
