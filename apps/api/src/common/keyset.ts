import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { ApiError } from './api-error';
import { intQueryParam } from './list-page';

/**
 * Keyset (cursor) paging of the API's lists (issue 13 §3): a page is the first `pageSize` rows after the last
 * row of the previous page in the list's sort order, found by a row comparison on the sort key the list's
 * index serves, never by OFFSET. The cursor is opaque to the client: the previous page's last sort-key
 * values, as PostgreSQL printed them (a timestamptz keeps its microseconds), base64url-encoded.
 */

/** `pageSize` (1–200, default 50) and `cursor` (the `next` of the previous page) of every paged list. */
export const CURSOR_PARAMS = {
  pageSize: intQueryParam(1, 200, 50),
  cursor: z.string({ invalid_type_error: 'phải là chuỗi' }).max(2000, 'tối đa 2000 ký tự').optional(),
};

/**
 * One page of a list. `next` is the cursor of the following page, null on the last one. `total` counts every
 * matching row when `totalExact`; past COUNT_CAP rows it is the planner's estimate (never below COUNT_CAP + 1),
 * marked `totalExact: false`, so that a count never costs more than the page.
 */
export type CursorPage<T> = { items: T[]; pageSize: number; next: string | null; total: number; totalExact: boolean };

/** How many matching rows a list counts exactly before it estimates. */
export const COUNT_CAP = 10_000;

export type KeyType = 'timestamptz' | 'uuid' | 'text' | 'int' | 'bigint';
/** One column of a sort key: its SQL expression (never null) and its type. */
export type SortKey = { sql: string; type: KeyType };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMPTZ = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-](\d{2})(:?(\d{2}))?)$/;
const BIGINT_MAX = 2n ** 63n - 1n;

/**
 * A timestamptz as PostgreSQL prints it that is also an instant of the calendar: '2026-02-31 10:00:00+00' has the
 * shape and would fail the CAST (a 500), so it is a bad cursor like any other.
 */
function isInstant(v: string): boolean {
  const m = TIMESTAMPTZ.exec(v);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1000 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    Number(m[9] ?? 0) <= 15 &&
    Number(m[11] ?? 0) < 60
  );
}

const VALID: Record<KeyType, (v: string) => boolean> = {
  timestamptz: isInstant,
  uuid: (v) => UUID.test(v),
  // PostgreSQL's text holds no NUL.
  text: (v) => v.length <= 1000 && !v.includes('\u0000'),
  int: (v) => /^-?\d{1,9}$/.test(v),
  bigint: (v) => /^-?\d{1,19}$/.test(v) && BigInt(v) <= BIGINT_MAX && BigInt(v) >= -BIGINT_MAX - 1n,
};

const invalidCursor = () =>
  ApiError.badRequest('query.cursor', 'con trỏ trang không hợp lệ; hãy đọc lại danh sách từ trang đầu');

/** A list's sort order: its key columns, all in one direction (a row comparison needs one). */
export class Keyset {
  constructor(
    readonly keys: readonly SortKey[],
    readonly direction: 'ASC' | 'DESC' = 'ASC',
  ) {}

  /** The sort-key values a cursor carries, or null without one; a cursor of another list or tampered with is a 400. */
  decode(cursor: string | undefined): string[] | null {
    if (cursor === undefined || cursor === '') return null;
    let values: unknown;
    try {
      values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    if (
      !Array.isArray(values) ||
      values.length !== this.keys.length ||
      !values.every((v, i) => typeof v === 'string' && VALID[this.keys[i].type](v))
    )
      throw invalidCursor();
    return values as string[];
  }

  encode(values: readonly string[]): string {
    return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
  }

  /** The condition "after the cursor" in the sort order, its values bound through `bind`. */
  after(values: readonly string[], bind: (value: string) => string): string {
    const op = this.direction === 'ASC' ? '>' : '<';
    const left = this.keys.map((k) => k.sql).join(', ');
    const right = this.keys.map((k, i) => `CAST(${bind(values[i])} AS ${k.type})`).join(', ');
    return `(${left}) ${op} (${right})`;
  }

  /** `ORDER BY` of the list, without the keyword. */
  orderBy(): string {
    return this.keys.map((k) => `${k.sql} ${this.direction}`).join(', ');
  }

  /** The select list that returns each row's sort-key values as text, named `__k0`, `__k1`, … */
  selects(): string {
    return this.keys.map((k, i) => `(${k.sql})::text AS "__k${i}"`).join(', ');
  }

  /**
   * The page of raw rows fetched with `pageSize + 1` rows (the extra row only says that another page follows)
   * and the `next` cursor from the last row kept; the rows lose their `__k` sort-key columns.
   */
  cut<R extends Record<string, unknown>>(rows: R[], pageSize: number): { rows: R[]; next: string | null } {
    const kept = rows.slice(0, pageSize);
    const last = kept[kept.length - 1];
    const next = rows.length > pageSize ? this.encode(this.keys.map((_, i) => String(last[`__k${i}`]))) : null;
    // The sort-key columns are the cursor's, not the answer's.
    const strip = (row: R) => Object.fromEntries(Object.entries(row).filter(([k]) => !/^__k\d+$/.test(k))) as R;
    return { rows: kept.map(strip), next };
  }

  /**
   * Applies the page to a TypeORM query builder: the sort-key selects, "after the cursor", the order and
   * `LIMIT pageSize + 1`. Read it with getRawAndEntities, then `cut` the raw rows.
   */
  apply<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, cursor: string[] | null, pageSize: number) {
    this.keys.forEach((k, i) => qb.addSelect(`(${k.sql})::text`, `__k${i}`));
    if (cursor) {
      const params: Record<string, string> = {};
      qb.andWhere(
        this.after(cursor, (v) => {
          const name = `__c${Object.keys(params).length}`;
          params[name] = v;
          return `:${name}`;
        }),
        params,
      );
    }
    qb.orderBy(this.keys[0].sql, this.direction);
    this.keys.slice(1).forEach((k) => qb.addOrderBy(k.sql, this.direction));
    return qb.limit(pageSize + 1);
  }
}

/**
 * The number of rows a SQL `FROM … WHERE …` clause matches: exact up to COUNT_CAP, else the planner's estimate
 * (at least COUNT_CAP + 1), so that counting a province's 400,000 rows costs no more than reading a page.
 */
export async function countCapped(
  db: DataSource | EntityManager,
  from: string,
  params: unknown[],
  cap = COUNT_CAP,
): Promise<{ total: number; totalExact: boolean }> {
  const [{ n }] = (await db.query(
    `SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${cap + 1}) capped`,
    params,
  )) as {
    n: number;
  }[];
  if (n <= cap) return { total: n, totalExact: true };
  const [row] = (await db.query(`EXPLAIN (FORMAT JSON) SELECT 1 ${from}`, params)) as { 'QUERY PLAN': unknown }[];
  const plan = row['QUERY PLAN'] as [{ Plan: { 'Plan Rows': number } }];
  return { total: Math.max(cap + 1, Math.round(plan[0].Plan['Plan Rows'])), totalExact: false };
}

/** countCapped of a TypeORM query builder's rows (its selects, order and limit ignored). */
export async function countQueryCapped<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  cap = COUNT_CAP,
): Promise<{ total: number; totalExact: boolean }> {
  const counted = qb.clone().select('1').orderBy().limit(undefined).offset(undefined);
  const [sql, params] = counted.getQueryAndParameters();
  // The builder's query is `SELECT 1 FROM …`: countCapped takes the part from FROM on.
  const from = sql.replace(/^SELECT\s+1\s+/i, '');
  return countCapped(qb.connection, from, params, cap);
}
