import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Inject,
  Logger,
  Optional,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import type { ZodError } from 'zod';
import type { AppConfig } from '@partyflow/config';
import { APP_CONFIG } from '../tokens';
import { isDatabaseUnavailable } from './database-errors';

/**
 * The API's one error format: `{ "error": { "code", "message", "field"? } }`. Business failures
 * are typed codes; this filter is the only place that maps them to HTTP.
 */
export type ApiErrorBody = { error: { code: string; message: string; field?: string } };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
  /** Response headers sent with the error, e.g. Retry-After of a 429. */
  headers?: Record<string, string>;
  static badRequest(field: string, message: string): ApiError {
    return new ApiError(400, 'VALIDATION_FAILED', `${field}: ${message}`, field);
  }
  static unauthorized(message = 'Cần đăng nhập'): ApiError {
    return new ApiError(401, 'UNAUTHENTICATED', message);
  }
  static forbidden(message: string): ApiError {
    return new ApiError(403, 'FORBIDDEN', message);
  }
  static notFound(what: string, id: string): ApiError {
    return new ApiError(404, 'NOT_FOUND', `Không tìm thấy ${what} '${id}'`);
  }
  static conflict(code: string, message: string): ApiError {
    return new ApiError(409, code, message);
  }
  /** 429 with `Retry-After: <seconds>` (issue 11 §4). */
  static tooManyRequests(code: string, message: string, retryAfterSeconds: number, field?: string): ApiError {
    const error = new ApiError(429, code, message, field);
    error.headers = { 'retry-after': String(retryAfterSeconds) };
    return error;
  }
}

export function fromZodError(error: ZodError, prefix = ''): ApiError {
  const issue = error.issues[0];
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || 'body';
  return ApiError.badRequest(field, issue.message);
}

/** Seconds a client is asked to wait (Retry-After) while the database is unreachable, unless configured. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiError');

  constructor(@Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof ApiError) {
      if (exception.headers) res.set(exception.headers);
      res.status(exception.status).json({
        error: {
          code: exception.code,
          message: exception.message,
          ...(exception.field ? { field: exception.field } : {}),
        },
      } satisfies ApiErrorBody);
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'string' ? body : ((body as { message?: string | string[] }).message ?? exception.message);
      // Express's JSON parser reports malformed JSON as a 400 HttpException.
      const code =
        status === HttpStatus.NOT_FOUND
          ? 'NOT_FOUND'
          : status === HttpStatus.BAD_REQUEST
            ? 'MALFORMED_REQUEST'
            : 'HTTP_ERROR';
      res.status(status).json({
        error: {
          code,
          message: Array.isArray(message) ? message.join('; ') : String(message),
          ...(status === 400 ? { field: 'body' } : {}),
        },
      });
      return;
    }
    const err = exception as { type?: string; status?: number; message?: string; limit?: number };
    if (err?.type === 'entity.too.large') {
      // The JSON parser's limit (issue 11 §6): Express's error would otherwise be a 500.
      const kb = Math.floor((err.limit ?? 0) / 1024);
      res.status(413).json({
        error: { code: 'PAYLOAD_TOO_LARGE', message: `body: vượt quá giới hạn ${kb} KB`, field: 'body' },
      } satisfies ApiErrorBody);
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      // PostgreSQL down or restarting (issue 11 §7): a transient 503 the client may retry, not a 500.
      this.logger.warn(`Database unavailable: ${err?.message ?? String(exception)}`);
      res.setHeader('retry-after', String(this.config?.api.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS));
      res.status(503).json({
        error: {
          code: 'DATABASE_UNAVAILABLE',
          message: 'Cơ sở dữ liệu tạm thời không truy cập được; vui lòng thử lại sau ít phút',
        },
      } satisfies ApiErrorBody);
      return;
    }
    if (typeof err?.type === 'string' && err.status === 415) {
      // The JSON parser refuses a charset or content encoding it cannot read.
      res.status(415).json({
        error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: `content-type: ${err.message}`, field: 'content-type' },
      } satisfies ApiErrorBody);
      return;
    }
    if (err?.type === 'entity.parse.failed' || err?.status === 400) {
      res
        .status(400)
        .json({ error: { code: 'MALFORMED_REQUEST', message: 'body: không phải JSON hợp lệ', field: 'body' } });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Lỗi hệ thống' } });
  }
}
