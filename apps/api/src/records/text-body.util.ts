import type { Request } from 'express';
import { columnLetter } from '@partyflow/domain';
import { ApiError } from '../common/api-error';
import { firstBadByte } from '../common/utf8';
import { CsvRecordParser } from '../imports/import-file';
import { CsvRowError } from './csv-import.error';

/** 5 MB: a cell's or a whole grassroots committee's records for years, far below memory concerns. */
export const CSV_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * Reads a `text/csv` request body as UTF-8. The global parsers handle JSON only, so the stream
 * of a CSV request is still unread here; reading it in this route keeps the limit per route
 * (config.api.limits.recordsCsvBytes). Bytes that are not UTF-8, or a NUL, are refused with the
 * row and column they are in (issue 11 §9), never decoded to U+FFFD.
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
  const bytes = Buffer.concat(chunks);
  const bad = firstBadByte(bytes);
  if (bad) throw badTextAt(bytes.subarray(0, bad.offset).toString('utf8'), bad.reason);
  return bytes.toString('utf8');
}

/** The row and column where the text before a bad byte ends: the column by its header, else its letter. */
function badTextAt(before: string, reason: string): CsvRowError {
  const parser = new CsvRecordParser();
  const records = parser.push(before);
  const { row, column } = parser.position();
  const header = row > 1 ? records[0] : [];
  return new CsvRowError(row, header[column]?.trim() || columnLetter(column), reason);
}
