import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ApiError } from './api-error';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a piece of text a client sent, if anything (issue 11 §9). */
export function textProblem(text: string): string | null {
  // PostgreSQL cannot store U+0000 in text: it would fail the query with a 500.
  if (text.includes('\u0000')) return 'chứa ký tự NUL (U+0000), không được phép';
  // A lone surrogate (e.g. JSON "\\ud800") is not Unicode text; it would be stored as U+FFFD.
  if (LONE_SURROGATE.test(text)) return 'không phải văn bản Unicode hợp lệ (có nửa cặp thay thế UTF-16 đơn lẻ)';
  return null;
}

/**
 * The first string (or object key) of a request part that is not acceptable text, with its field in the
 * API's naming: the body's fields bare (`username`, `data.comment`, `items.0.name`), the query's under
 * `query.`, as `fromZodError` names them.
 */
export function findBadText(value: unknown, path: string[] = [], depth = 0): { field: string; message: string } | null {
  const at = (p: string[]) => p.join('.') || 'body';
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { field: at(path), message } : null;
  }
  if (!value || typeof value !== 'object' || depth > 64) return null;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const keyProblem = textProblem(key);
    if (keyProblem) return { field: at([...path, key.replace(/\u0000/g, '\\u0000')]), message: keyProblem };
    const found = findBadText(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * One edge rule for every route (issue 11 §9): a request whose JSON body, query or path parameters carry
 * a NUL character or a lone surrogate is a 400 naming the field, before any handler or query sees it.
 * (Bytes that are not UTF-8 never get this far: the JSON parser refuses them, and the CSV and spreadsheet
 * imports name the row and column.)
 */
@Injectable()
export class TextInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<Request>();
      const found =
        findBadText(req.params ?? {}) ??
        findBadText(req.query ?? {}, ['query']) ??
        (req.body !== undefined ? findBadText(req.body) : null);
      if (found) throw ApiError.badRequest(found.field, found.message);
    }
    return next.handle();
  }
}
