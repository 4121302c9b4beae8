import { ApiError } from './api-error';
import { Keyset } from './keyset';

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
