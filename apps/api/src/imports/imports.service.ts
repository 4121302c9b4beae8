import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { columnLetter, matchHeaders } from '@partyflow/domain';
import { appendAudit } from '@partyflow/audit';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { parseUuid } from '../common/validation';
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

export type ImportStatus = 'queued' | 'counting' | 'running' | 'succeeded' | 'failed';

/** What `GET /imports/:id` answers. */
export type ImportView = {
  id: string;
  kind: string;
  format: ImportFormat;
  status: ImportStatus;
  /** Data rows in the file (the header not counted); null while they are being counted. */
  rowsTotal: number | null;
  /** Data rows validated and written so far, inside the import's transaction (visible when it commits). */
  rowsDone: number;
  startedAt: string;
  finishedAt: string | null;
  /** When it succeeded: how many people were created, updated, or already as the file says. */
  outcome: ImportCounts | null;
  /** When it failed: the HTTP status the problem would have alone (400, 403, 409) and the first error. */
  errorStatus: number | null;
  error: ImportErrorBody['error'] | { code: string; message: string } | null;
};

type Job = ImportView & { userId: string; file: { path: string; dir: string } };

/** Finished imports are kept this long for polling (in memory: a restart forgets them; see README). */
const KEEP_FINISHED_MS = 24 * 60 * 60 * 1000;

/**
 * Runs imports in the API process, in the background and one at a time (issue 9 §4): the POST
 * spools the file, checks the header and answers 202 with the import's id; the import then counts
 * the rows, streams them through the kind's writer in ONE transaction (all or nothing) and keeps
 * its progress and outcome here for `GET /imports/:id`.
 */
@Injectable()
export class ImportsService implements OnModuleDestroy {
  private readonly logger = new Logger('Imports');
  private readonly jobs = new Map<string, Job>();
  private readonly kinds: Map<string, ImportKind>;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(IMPORT_KINDS) kinds: ImportKind[],
  ) {
    this.kinds = new Map(kinds.map((k) => [k.kind, k]));
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue;
  }

  async start(user: AuthUser, kindName: string, req: Request): Promise<ImportView> {
    const kind = this.kinds.get(kindName);
    if (!kind) throw ApiError.notFound('loại nhập', kindName);
    if (!kind.mayImport(user)) throw ApiError.forbidden(kind.forbiddenMessage);
    const format = formatOf(req.headers['content-type']);
    const file = await spoolToFile(req, Number(req.headers['content-length'] ?? 0));
    try {
      await this.checkHeader(kind, file.path, format);
    } catch (e) {
      await removeSpooled(file.dir);
      throw e;
    }
    this.forgetOld();
    const job: Job = {
      id: randomUUID(),
      kind: kind.kind,
      format,
      status: 'queued',
      rowsTotal: null,
      rowsDone: 0,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      outcome: null,
      errorStatus: null,
      error: null,
      userId: user.userId,
      file,
    };
    this.jobs.set(job.id, job);
    this.queue = this.queue.then(() => this.run(job, kind, user));
    return this.view(job);
  }

  /** The import's progress: only the user who started it may follow it (404 unknown, 403 someone else's). */
  get(user: AuthUser, rawId: string): ImportView {
    const id = parseUuid(rawId, 'id');
    const job = this.jobs.get(id);
    if (!job) throw ApiError.notFound('lần nhập', id);
    if (job.userId !== user.userId) throw ApiError.forbidden('Chỉ người nhập tệp được xem tiến độ lần nhập này');
    return this.view(job);
  }

  /** The header row, checked before the file is accepted: 400 naming the column. */
  private async checkHeader(kind: ImportKind, path: string, format: ImportFormat): Promise<void> {
    const rows = readRows(path, format);
    let first: IteratorResult<SheetRow>;
    try {
      first = await rows.next();
    } catch (e) {
      if (e instanceof FileSyntaxError) throw ApiError.badRequest(`row ${e.rowNumber}`, e.message);
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
    try {
      job.status = 'counting';
      let total = 0;
      for await (const r of readRows(job.file.path, job.format)) if (r.rowNumber > 1) total++;
      job.rowsTotal = total;
      if (total === 0) throw new ImportRowError(2, null, 'tệp không có dòng dữ liệu');
      job.status = 'running';
      const counts = await this.dataSource.transaction(async (em) => {
        const at = new Date();
        const writer = await kind.writer({ importId: job.id, user, em, at });
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
        }
        const result = await writer.finish();
        await appendAudit(em, {
          eventKey: `import:${job.id}`,
          at,
          action: `${kind.kind}.imported`,
          actor: { userId: user.userId, name: user.fullName },
          comment: `Nhập ${kind.label} từ tệp ${job.format}`,
          details: { importId: job.id, kind: kind.kind, format: job.format, rows: total, ...result },
        });
        return result;
      });
      job.outcome = counts;
      job.status = 'succeeded';
    } catch (e) {
      job.status = 'failed';
      const rowError =
        e instanceof FileSyntaxError
          ? new ImportRowError(e.rowNumber, null, e.message)
          : e instanceof ImportRowError
            ? e
            : null;
      if (rowError) {
        const index = rowError.column ? columns.indexOf(rowError.column) : -1;
        const body = importErrorBody(
          rowError,
          index >= 0 ? headers[index] : null,
          index >= 0 ? `${columnLetter(index)}${rowError.row}` : null,
        );
        job.errorStatus = body.status;
        job.error = body.error;
      } else if ((e as { code?: string }).code === '23505') {
        // A national ID registered elsewhere (POST /members) while the import ran: nothing was written.
        job.errorStatus = 409;
        job.error = {
          code: 'IMPORT_CONFLICT',
          message:
            'Một khóa tự nhiên của tệp vừa được ghi bởi thao tác khác trong khi nhập; không dòng nào được ghi, hãy nhập lại',
        };
      } else {
        this.logger.error(`import ${job.id} failed`, e instanceof Error ? e.stack : String(e));
        job.errorStatus = 500;
        job.error = { code: 'IMPORT_FAILED', message: 'Lỗi hệ thống khi nhập tệp; không dòng nào được ghi' };
      }
    } finally {
      job.finishedAt = new Date().toISOString();
      await removeSpooled(job.file.dir).catch(() => undefined);
    }
  }

  private forgetOld(): void {
    const cutoff = Date.now() - KEEP_FINISHED_MS;
    for (const [id, j] of this.jobs) if (j.finishedAt && Date.parse(j.finishedAt) < cutoff) this.jobs.delete(id);
  }

  private view(job: Job): ImportView {
    const { id, kind, format, status, rowsTotal, rowsDone, startedAt, finishedAt, outcome, errorStatus, error } = job;
    return { id, kind, format, status, rowsTotal, rowsDone, startedAt, finishedAt, outcome, errorStatus, error };
  }
}
