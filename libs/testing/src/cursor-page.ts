import type { ApiAnswer, ApiSession } from './system';

/** A list answer paged by cursor (apps/api/src/common/keyset.ts `CursorPage`, issue 13 §3). */
export type CursorPage<T> = { items: T[]; pageSize: number; next: string | null; total: number; totalExact: boolean };

/**
 * Every item of a list paged by cursor, page after page of `pageSize` rows, up to the page whose `next` is null:
 * for a test or a driver that needs the whole list (an inbox), not its first page. A refusal is an error.
 */
export async function allPages<T>(session: ApiSession, path: string, pageSize = 200): Promise<T[]> {
  const items: T[] = [];
  const join = path.includes('?') ? '&' : '?';
  for (let cursor: string | null = ''; cursor !== null;) {
    const res: ApiAnswer<CursorPage<T>> = await session.get<CursorPage<T>>(
      `${path}${join}pageSize=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    items.push(...res.body.items);
    cursor = res.body.next;
  }
  return items;
}
