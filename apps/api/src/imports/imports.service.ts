import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { z } from 'zod';
import { columnLetter, matchHeaders } from '@partyflow/domain';
import { ImportEntity, type ImportStatus } from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { placeOfPaths } from '../common/audit-place';
import type { AppConfig } from '@partyflow/config';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { countQueryCapped, CURSOR_PARAMS, Keyset, type CursorPage } from '../common/keyset';
import { parseOrThrow, parseUuid } from '../common/validation';
import { APP_CONFIG } from '../tokens';
import {
  FileSyntaxError,
  formatOf,
  readRows,
  removeSpooled,
  spoolToFile,
  type ImportFormat,
  type SheetRow,
} from './import-file';
import { IMPORT_KINDS, type ImportCounts, type ImportKind } from './import-registry';
import { importErrorBody, ImportRowError, type ImportErrorBody } from './imports.errors';

export type { ImportStatus };

/** What `GET /imports/:id` answers (and each item of `GET /imports`). */
export type ImportView = {
  id: string;
  kind: string;
  format: ImportFormat;
  status: ImportStatus;
  /** Data rows in the file (the header not counted); null while they are being counted. */
  rowsTotal: number | null;
  /**
   * Data rows validated and written so far, inside the import's transaction (visible when it commits); stored at
   * most every PROGRESS_ROWS rows or PROGRESS_MS, and exactly when the import ends.
   */
  rowsDone: number;
  startedAt: string;
  finishedAt: string | null;
  /** When it succeeded: how many records were created, updated, or already as the file says (and kind figures). */
  outcome: (ImportCounts & Record<string, number>) | null;
  /** When it failed: the HTTP status the problem would have alone (400, 403, 409, 500, 503) and the first error. */
  errorStatus: number | null;
  error: ImportErrorBody['error'] | { code: string; message: string } | null;
};

type Job = Pick<ImportView, 'id' | 'kind' | 'format' | 'rowsDone'> & {
  userId: string;
  file: { path: string; dir: string };
};

/** Progress is written at most every this many rows or this many milliseconds, whichever comes first. */
export const PROGRESS_ROWS = 1000;
export const PROGRESS_MS = 1000;
const UNFINISHED: ImportStatus[] = ['queued', 'counting', 'running'];

/** The error of an import its process did not live to finish: its transaction was rolled back. */
export const INTERRUPTED_ERROR = {
  code: 'IMPORT_INTERRUPTED',
  message: 'Máy chủ khởi động lại khi đang nhập; không dòng nào được ghi, hãy gửi lại tệp',
} as const;

export const ImportListQuery = z.object({ ...CURSOR_PARAMS }).strict();

/** Newest first; the cursor's key (issue 13 §3), served by ix_imports_user_started. */
const IMPORT_ORDER = new Keyset(
  [
    { sql: 'i.started_at', type: 'timestamptz' },
    { sql: 'i.id', type: 'uuid' },
  ],
  'DESC',
);

const toView = (r: ImportEntity): ImportView => ({
  id: r.id,
  kind: r.kind,
  format: r.format,
  status: r.status,
  rowsTotal: r.rowsTotal,
  rowsDone: r.rowsDone,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  outcome: r.outcome as ImportView['outcome'],
  errorStatus: r.errorStatus,
  error: r.error as ImportView['error'],
});

/**
 * Runs imports in the API process, in the background and one at a time (issue 9 §4): the POST
 * spools the file, checks the header and answers 202 with the import's id; the import then counts
 * the rows and streams them through the kind's writer in ONE transaction (all or nothing). Its
 * progress and outcome are rows of the `imports` table, written through the pool (another
 * connection than the data transaction's), so `GET /imports/:id` sees the progress while the
 * transaction is open and after an API restart; on start, imports a dead process left unfinished
 * are marked failed (IMPORT_INTERRUPTED).
 */
@Injectable()
export class ImportsService implements OnModuleDestroy, OnApplicationBootstrap {
  private readonly logger = new Logger('Imports');
  private readonly kinds: Map<string, ImportKind>;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(IMPORT_KINDS) kinds: ImportKind[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.kinds = new Map(kinds.map((k) => [k.kind, k]));
  }

  async onApplicationBootstrap(): Promise<void> {
    const n = await this.markInterrupted();
    if (n) this.logger.warn(`${n} import(s) left unfinished by a stopped process marked failed (IMPORT_INTERRUPTED)`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue;
  }

  /**
   * Marks failed the imports left queued, counting or running: called when the API starts, when no import of this
   * process has begun, so they belong to a process that stopped and whose transaction was rolled back. Answers
   * how many. (One API process runs imports; see README.)
   */
  async markInterrupted(): Promise<number> {
    const done = await this.dataSource
      .createQueryBuilder()
      .update(ImportEntity)
      .set({ status: 'failed', finishedAt: () => 'now()', errorStatus: 503, error: { ...INTERRUPTED_ERROR } })
      .where({ status: In(UNFINISHED) })
      .execute();
    return done.affected ?? 0;
  }

  async start(user: AuthUser, kindName: string, req: Request): Promise<ImportView> {
    const kind = this.kinds.get(kindName);
    if (!kind) throw ApiError.notFound('loại nhập', kindName);
    if (!kind.mayImport(user)) throw ApiError.forbidden(kind.forbiddenMessage);
    const format = formatOf(req.headers['content-type']);
    const file = await spoolToFile(
      req,
      Number(req.headers['content-length'] ?? 0),
      this.config.api.limits.importFileBytes,
      {
        checkText: format === 'csv',
      },
    );
    const job: Job = { id: randomUUID(), kind: kind.kind, format, rowsDone: 0, userId: user.userId, file };
    const row: ImportEntity = {
      id: job.id,
      kind: kind.kind,
      format,
      status: 'queued',
      rowsTotal: null,
      rowsDone: 0,
      userId: user.userId,
      startedAt: new Date(),
      finishedAt: null,
      outcome: null,
      errorStatus: null,
      error: null,
    };
    try {
      if (file.badText) await this.refuseBadText(file.path);
      await this.checkHeader(kind, file.path, format);
      await this.dataSource.getRepository(ImportEntity).insert(row as QueryDeepPartialEntity<ImportEntity>);
    } catch (e) {
      await removeSpooled(file.dir);
      throw e;
    }
    this.queue = this.queue.then(() => this.run(job, kind, user));
    return toView(row);
  }

  /** The import's progress: only the user who started it may follow it (404 unknown, 403 someone else's). */
  async get(user: AuthUser, rawId: string): Promise<ImportView> {
    const id = parseUuid(rawId, 'id');
    const row = await this.dataSource.getRepository(ImportEntity).findOneBy({ id });
    if (!row) throw ApiError.notFound('lần nhập', id);
    if (row.userId !== user.userId) throw ApiError.forbidden('Chỉ người nhập tệp được xem tiến độ lần nhập này');
    return toView(row);
  }

  /** My imports, newest first, a page at a time. */
  async list(user: AuthUser, query: unknown): Promise<CursorPage<ImportView>> {
    const q = parseOrThrow(ImportListQuery, query ?? {}, 'query');
    const after = IMPORT_ORDER.decode(q.cursor);
    const qb = this.dataSource
      .getRepository(ImportEntity)
      .createQueryBuilder('i')
      .where('i.user_id = :userId', { userId: user.userId });
    const total = await countQueryCapped(qb);
    const { raw, entities } = await IMPORT_ORDER.apply(qb, after, q.pageSize).getRawAndEntities();
    const { next } = IMPORT_ORDER.cut(raw, q.pageSize);
    return { items: entities.slice(0, q.pageSize).map(toView), pageSize: q.pageSize, next, ...total };
  }

  /** Writes the import's row through the pool: never inside the data transaction, so pollers see it at once. */
  private async save(job: Job, changes: Partial<ImportEntity>): Promise<void> {
    await this.dataSource
      .getRepository(ImportEntity)
      .update({ id: job.id }, changes as QueryDeepPartialEntity<ImportEntity>);
  }

  /**
   * A CSV with bytes that are not UTF-8 text (issue 11 §9) is refused at once: 400 naming the row and the
   * column (its header as the file spells it, or its letter), found by reading the file up to them.
   */
  private async refuseBadText(path: string): Promise<never> {
    let header: string[] = [];
    try {
      for await (const { rowNumber, cells } of readRows(path, 'csv')) if (rowNumber === 1) header = cells;
    } catch (e) {
      if (e instanceof FileSyntaxError) throw fileSyntaxApiError(e, header);
      throw e;
    }
    throw new Error('the spooled CSV was flagged as not UTF-8 but reads whole');
  }

  /** The header row, checked before the file is accepted: 400 naming the column. */
  private async checkHeader(kind: ImportKind, path: string, format: ImportFormat): Promise<void> {
    const rows = readRows(path, format);
    let first: IteratorResult<SheetRow>;
    try {
      first = await rows.next();
    } catch (e) {
      if (e instanceof FileSyntaxError) throw fileSyntaxApiError(e, []);
      throw e;
    } finally {
      await rows.return(undefined);
    }
    if (first.done || first.value.rowNumber !== 1) throw ApiError.badRequest('row 1', 'thiếu dòng tiêu đề');
    const m = matchHeaders(first.value.cells, kind.columns);
    if (!m.ok) throw ApiError.badRequest(`row 1, column ${m.header}`, `'${m.header}': ${m.message}`);
  }

  private async run(job: Job, kind: ImportKind, user: AuthUser): Promise<void> {
    let columns: Array<string | null> = [];
    let headers: string[] = [];
    let end: Partial<ImportEntity>;
    try {
      await this.save(job, { status: 'counting' });
      let total = 0;
      for await (const r of readRows(job.file.path, job.format)) if (r.rowNumber > 1) total++;
      await this.save(job, { status: 'running', rowsTotal: total });
      if (total === 0) throw new ImportRowError(2, null, 'tệp không có dòng dữ liệu');
      let saved = { rows: 0, at: Date.now() };
      const writers: Array<{ afterCommit?: () => Promise<Record<string, number>> }> = [];
      const counts = await this.dataSource.transaction(async (em) => {
        const at = new Date();
        const places = new Set<string>();
        const writer = await kind.writer({ importId: job.id, user, em, at, place: (path) => places.add(path) });
        writers.push(writer);
        for await (const { rowNumber, cells } of readRows(job.file.path, job.format)) {
          if (rowNumber === 1) {
            const m = matchHeaders(cells, kind.columns);
            if (!m.ok) throw new ImportRowError(1, m.header, m.message);
            columns = m.columns;
            headers = cells.map((c) => c.trim());
            continue;
          }
          const values: Record<string, string> = {};
          cells.forEach((cell, i) => {
            const column = columns[i];
            const text = cell.trim();
            if (column) values[column] = text;
            else if (text)
              throw new ImportRowError(rowNumber, null, `ô ${columnLetter(i)}${rowNumber} không có tiêu đề cột`);
          });
          const present = new Set(columns.filter((c): c is string => c !== null));
          await writer.add({ rowNumber, values, present });
          job.rowsDone++;
          if (job.rowsDone - saved.rows >= PROGRESS_ROWS || Date.now() - saved.at >= PROGRESS_MS) {
            saved = { rows: job.rowsDone, at: Date.now() };
            await this.save(job, { rowsDone: job.rowsDone });
          }
        }
        const result = await writer.finish();
        await appendAudit(em, {
          eventKey: `import:${job.id}`,
          at,
          action: `${kind.kind}.imported`,
          actor: { userId: user.userId, name: user.fullName },
          ...placeOfPaths([...places]),
          comment: `Nhập ${kind.label} từ tệp ${job.format}`,
          details: { importId: job.id, kind: kind.kind, format: job.format, rows: total, ...result },
        });
        return result;
      });
      // Committed: what follows outside the transaction is reported, and never fails the import.
      const after = await (writers[0]?.afterCommit?.() ?? Promise.resolve({})).catch((e: Error) => {
        this.logger.error(`import ${job.id}: what follows the commit failed`, e.stack);
        return { notFollowed: 1 };
      });
      end = { status: 'succeeded', outcome: { ...counts, ...after } };
    } catch (e) {
      end = { status: 'failed', ...this.failure(e, columns, headers, job) };
    } finally {
      await removeSpooled(job.file.dir).catch(() => undefined);
    }
    await this.save(job, { ...end, rowsDone: job.rowsDone, finishedAt: new Date() }).catch((e: Error) =>
      this.logger.error(`import ${job.id}: could not record its end`, e.stack),
    );
  }

  /** The failed import's status and error, in the API error format. */
  private failure(
    e: unknown,
    columns: Array<string | null>,
    headers: string[],
    job: Job,
  ): Pick<ImportEntity, 'errorStatus' | 'error'> {
    if (e instanceof FileSyntaxError && e.rowNumber === 0) {
      return { errorStatus: 400, error: { code: 'IMPORT_FILE_INVALID', message: `${e.message} — tệp bị từ chối` } };
    }
    const placed = e instanceof FileSyntaxError && e.columnIndex !== undefined ? e.columnIndex : -1;
    const rowError =
      e instanceof FileSyntaxError
        ? new ImportRowError(e.rowNumber, placed >= 0 ? (columns[placed] ?? columnLetter(placed)) : null, e.message)
        : e instanceof ImportRowError
          ? e
          : null;
    if (rowError) {
      const index = placed >= 0 ? placed : rowError.column ? columns.indexOf(rowError.column) : -1;
      const body = importErrorBody(
        rowError,
        index >= 0 ? headers[index] : null,
        index >= 0 ? `${columnLetter(index)}${rowError.row}` : null,
      );
      return { errorStatus: body.status, error: body.error };
    }
    if ((e as { code?: string }).code === '23505') {
      // A natural key written elsewhere (e.g. POST /members) while the import ran: nothing was written.
      return {
        errorStatus: 409,
        error: {
          code: 'IMPORT_CONFLICT',
          message:
            'Một khóa tự nhiên của tệp vừa được ghi bởi thao tác khác trong khi nhập; không dòng nào được ghi, hãy nhập lại',
        },
      };
    }
    this.logger.error(`import ${job.id} failed`, e instanceof Error ? e.stack : String(e));
    return {
      errorStatus: 500,
      error: { code: 'IMPORT_FAILED', message: 'Lỗi hệ thống khi nhập tệp; không dòng nào được ghi' },
    };
  }
}

/**
 * The 400 of a file that cannot be read where it is: `row N, column C` with C the header as the file spells
 * it (or the column's letter), `row N` when no column can be placed, `body` when no row can.
 */
function fileSyntaxApiError(e: FileSyntaxError, header: string[]): ApiError {
  if (e.rowNumber === 0) return ApiError.badRequest('body', e.message);
  if (e.columnIndex === undefined) return ApiError.badRequest(`row ${e.rowNumber}`, e.message);
  const name = header[e.columnIndex]?.trim() || columnLetter(e.columnIndex);
  return ApiError.badRequest(
    `row ${e.rowNumber}, column ${name}`,
    `ô ${columnLetter(e.columnIndex)}${e.rowNumber} ${e.message}`,
  );
}
