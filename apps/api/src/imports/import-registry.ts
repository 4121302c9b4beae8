import type { EntityManager } from 'typeorm';
import type { ImportColumnSpec } from '@partyflow/domain';
import type { AuthUser } from '../auth/auth-user';

/**
 * The import framework's plug-in point (issue 9 §4). Each kind (`members`, `organisations`, `users`)
 * registers its columns and a writer; the framework reads the file, matches the headers, counts and
 * streams the rows, reports progress, runs everything in ONE transaction and turns the first
 * `ImportRowError` into the import's outcome.
 */
export type ImportCounts = { created: number; updated: number; unchanged: number };

/** A row's cells by column name (trimmed; '' when empty), and which columns the file has. */
export type ImportRow = { rowNumber: number; values: Record<string, string>; present: ReadonlySet<string> };

export type ImportContext = {
  importId: string;
  user: AuthUser;
  em: EntityManager;
  at: Date;
  /**
   * Names an organisation (by path) a row concerns: the import's audit row is read under the lowest organisation
   * holding all of them (issue 9 §7), so that those who watch them see it, and not every reader of the log.
   */
  place(path: string): void;
};

export type ImportWriter = {
  /** Validates the row (throwing `ImportRowError` at the first problem) and writes it, possibly later, in a batch. */
  add(row: ImportRow): Promise<void>;
  /** Writes what is still buffered and answers the counts. */
  finish(): Promise<ImportCounts>;
  /**
   * After the transaction committed: what must follow outside it (e.g. running cases told their new place after
   * a move), bounded and never failing the import; answers figures merged into the outcome.
   */
  afterCommit?(): Promise<Record<string, number>>;
};

export type ImportKind = {
  kind: string;
  /** What the rows are, in Vietnamese (for the audit row and messages). */
  label: string;
  columns: readonly ImportColumnSpec[];
  /** Whether the user may import this kind at all (403 before the file is read); each row is checked too. */
  mayImport(user: AuthUser): boolean;
  forbiddenMessage: string;
  writer(ctx: ImportContext): Promise<ImportWriter>;
};

/** Injection token of the registered kinds. */
export const IMPORT_KINDS = Symbol('IMPORT_KINDS');
