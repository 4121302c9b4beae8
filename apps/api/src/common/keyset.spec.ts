import { ApiError } from './api-error';
import { Keyset } from './keyset';

/** Issue 13 §3: lists are paged by an opaque cursor of the last row's sort-key values, never by OFFSET. */
describe('Keyset (issue 13 §3: keyset cursor paging)', () => {
  const members = new Keyset([
    { sql: 'member_search_key(m.full_name)', type: 'text' },
    { sql: 'm.full_name', type: 'text' },
    { sql: 'm.id', type: 'uuid' },
  ]);
  const newestFirst = new Keyset(
    [
      { sql: 'n.created_at', type: 'timestamptz' },
      { sql: 'n.id', type: 'bigint' },
    ],
    'DESC',
  );
  const ID = '0b3c0a52-7d5e-4f4e-9d7a-4d4a1e0f8c11';

  /** The ApiError a call throws (the test fails when it throws none or something else). */
  const refusal = (call: () => unknown) => {
    try {
      call();
    } catch (e) {
      if (e instanceof ApiError) return { status: e.status, code: e.code, field: e.field, message: e.message };
      throw e;
    }
    throw new Error('no ApiError thrown');
  };
  const BAD_CURSOR = {
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.cursor',
    message: 'query.cursor: con trỏ trang không hợp lệ; hãy đọc lại danh sách từ trang đầu',
  };

  it('should decode what it encodes: the values of the last row, Vietnamese names in NFC kept as they are', () => {
    const values = ['nguyen thi anh', 'Nguyễn Thị Ánh', ID];
    const cursor = members.encode(values);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(members.decode(cursor)).toEqual(values);
    const at = ['2026-03-02 08:00:00.123456+07', '42'];
    expect(newestFirst.decode(newestFirst.encode(at))).toEqual(at);
  });

  it('should read no cursor (absent or empty) as the first page', () => {
    expect(members.decode(undefined)).toBeNull();
    expect(members.decode('')).toBeNull();
  });

  it('should refuse a tampered cursor, one of another list and one of the wrong length with 400 query.cursor', () => {
    const good = members.encode(['nguyen thi anh', 'Nguyễn Thị Ánh', ID]);
    // Not base64url of JSON.
    expect(refusal(() => members.decode('%%%'))).toEqual(BAD_CURSOR);
    expect(refusal(() => members.decode(`x${good}`))).toEqual(BAD_CURSOR);
    // JSON, but not an array of strings.
    expect(refusal(() => members.decode(Buffer.from('{"a":1}').toString('base64url')))).toEqual(BAD_CURSOR);
    expect(refusal(() => members.decode(members.encode([1, 2, 3] as unknown as string[])))).toEqual(BAD_CURSOR);
    // The wrong length: two values for three keys, four for three.
    expect(refusal(() => members.decode(members.encode(['nguyen thi anh', ID])))).toEqual(BAD_CURSOR);
    expect(refusal(() => members.decode(members.encode(['a', 'b', ID, ID])))).toEqual(BAD_CURSOR);
    // A value of the wrong type: an id that is no uuid, a time that is none, a bigint with letters.
    expect(refusal(() => members.decode(members.encode(['a', 'b', 'not-a-uuid'])))).toEqual(BAD_CURSOR);
    expect(refusal(() => newestFirst.decode(newestFirst.encode(['hôm qua', '42'])))).toEqual(BAD_CURSOR);
    expect(refusal(() => newestFirst.decode(newestFirst.encode(['2026-03-02 08:00:00+07', '4x2'])))).toEqual(
      BAD_CURSOR,
    );
    // The cursor of another list (newest first) given to the members list.
    expect(refusal(() => members.decode(newestFirst.encode(['2026-03-02 08:00:00+07', '42'])))).toEqual(BAD_CURSOR);
  });

  it('should compare the sort key as a row after the cursor: > ascending, < descending, each value cast', () => {
    const bound: string[] = [];
    const bind = (v: string) => `$${bound.push(v)}`;
    expect(members.after(['nguyen thi anh', 'Nguyễn Thị Ánh', ID], bind)).toBe(
      '(member_search_key(m.full_name), m.full_name, m.id) > (CAST($1 AS text), CAST($2 AS text), CAST($3 AS uuid))',
    );
    expect(bound).toEqual(['nguyen thi anh', 'Nguyễn Thị Ánh', ID]);
    expect(newestFirst.after(['2026-03-02 08:00:00+07', '42'], bind)).toBe(
      '(n.created_at, n.id) < (CAST($4 AS timestamptz), CAST($5 AS bigint))',
    );
    expect(members.orderBy()).toBe('member_search_key(m.full_name) ASC, m.full_name ASC, m.id ASC');
    expect(newestFirst.orderBy()).toBe('n.created_at DESC, n.id DESC');
    expect(newestFirst.selects()).toBe('(n.created_at)::text AS "__k0", (n.id)::text AS "__k1"');
  });

  const row = (id: string, name: string) => ({
    id,
    fullName: name,
    __k0: name.toLowerCase(),
    __k1: name,
    __k2: id,
  });
  const A = '00000000-0000-4000-8000-00000000000a';
  const B = '00000000-0000-4000-8000-00000000000b';
  const C = '00000000-0000-4000-8000-00000000000c';

  it('should cut pageSize + 1 rows to pageSize, with the next cursor at the last row kept and no __k column', () => {
    const { rows, next } = members.cut([row(A, 'An'), row(B, 'Bình'), row(C, 'Chi')], 2);
    expect(rows).toEqual([
      { id: A, fullName: 'An' },
      { id: B, fullName: 'Bình' },
    ]);
    expect(next).not.toBeNull();
    expect(members.decode(next ?? undefined)).toEqual(['bình', 'Bình', B]);
  });

  it('should answer next null when the rows fetched are no more than pageSize (the last page)', () => {
    expect(members.cut([row(A, 'An'), row(B, 'Bình')], 2)).toEqual({
      rows: [
        { id: A, fullName: 'An' },
        { id: B, fullName: 'Bình' },
      ],
      next: null,
    });
    expect(members.cut([], 2)).toEqual({ rows: [], next: null });
  });
});

const order = new Keyset([
  { sql: 'rank', type: 'int' },
  { sql: 'at', type: 'timestamptz' },
  { sql: 'n', type: 'bigint' },
  { sql: 'name', type: 'text' },
  { sql: 'id', type: 'uuid' },
]);
const ID = '0b9a3c2e-5d4f-4a6b-8c7d-1e2f3a4b5c6d';
const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
const refusal = (values: unknown[]) => {
  try {
    order.decode(cursor(values));
    return null;
  } catch (e) {
    return e instanceof ApiError ? [e.status, e.field] : e;
  }
};

describe('Keyset.decode (issue 13 §3): a cursor the list can bind, else 400 query.cursor, never a failed CAST', () => {
  it('should take back the values PostgreSQL printed, microseconds and offsets included', () => {
    for (const at of [
      '2026-12-03 11:33:42.123456+07',
      '2024-02-29 00:00:00+00',
      '2026-01-01T23:59:59Z',
      '2026-06-30 12:00:00-09:30',
    ]) {
      const values = ['0', at, '9223372036854775807', 'Nguyễn Thu Trang', ID];
      expect(order.decode(order.encode(values))).toEqual(values);
    }
    expect(order.decode(undefined)).toBeNull();
    expect(order.decode('')).toBeNull();
  });

  it('should refuse a timestamp that is not a day of the calendar, an out-of-range bigint and a NUL in text', () => {
    const good = ['0', '2026-12-03 11:33:42+07', '1', 'a', ID];
    for (const [i, bad] of [
      [1, '2026-02-31 10:00:00+00'],
      [1, '2025-02-29 10:00:00+00'],
      [1, '2026-13-01 10:00:00+00'],
      [1, '2026-12-03 24:00:00+00'],
      [1, '2026-12-03 10:60:00+00'],
      [1, '2026-12-03 10:00:60+00'],
      [1, '2026-12-03 10:00:00+16'],
      [1, '0099-12-03 10:00:00+00'],
      [1, 'yesterday'],
      [2, '9223372036854775808'],
      [2, '-9223372036854775809'],
      [3, 'a\u0000b'],
      [0, '1e3'],
      [4, 'not-a-uuid'],
    ] as const) {
      const values = good.map((v, k) => (k === i ? bad : v));
      expect([bad, refusal(values)]).toEqual([bad, [400, 'query.cursor']]);
    }
    expect(refusal(good.slice(1))).toEqual([400, 'query.cursor']);
    expect(refusal([0, ...good.slice(1)])).toEqual([400, 'query.cursor']);
  });
});
