import { Button, Flex, Typography } from 'antd';
import { useCallback, useState } from 'react';

/** What a paged list answers (apps/api/src/common/keyset.ts `CursorPage`). */
export type CursorPageInfo = {
  items: unknown[];
  pageSize: number;
  next: string | null;
  total: number;
  totalExact: boolean;
};

/**
 * The cursor of the page shown and the cursors of the pages before it, so that "Trang trước" goes back without
 * asking the API for an offset (issue 13 §3). `reset` returns to the first page, e.g. when a filter changes.
 */
export function useCursorPaging() {
  const [stack, setStack] = useState<string[]>([]);
  const cursor = stack.length ? stack[stack.length - 1] : undefined;
  const next = useCallback((c: string) => setStack((s) => [...s, c]), []);
  const previous = useCallback(() => setStack((s) => s.slice(0, -1)), []);
  const reset = useCallback(() => setStack([]), []);
  return { cursor, pageNumber: stack.length + 1, next, previous, reset };
}

/** "Hiển thị 51–100 trên 1.234" (or "trên khoảng 25.000" where the API estimates), with previous and next. */
export function CursorPager({
  page,
  paging,
  label = 'mục',
}: {
  page: CursorPageInfo;
  paging: ReturnType<typeof useCursorPaging>;
  label?: string;
}) {
  const first = (paging.pageNumber - 1) * page.pageSize + 1;
  const last = first + page.items.length - 1;
  const total = page.total.toLocaleString('vi-VN');
  if (paging.pageNumber === 1 && page.next === null) return null;
  return (
    <Flex justify="space-between" align="center" wrap="wrap" gap={8} role="navigation" aria-label="Phân trang">
      <Typography.Text>
        {page.items.length ? `Hiển thị ${first}–${last}` : 'Không còn'} {label} trên{' '}
        {page.totalExact ? total : `khoảng ${total}`}
      </Typography.Text>
      <Flex gap={8}>
        <Button onClick={paging.previous} disabled={paging.pageNumber === 1}>
          Trang trước
        </Button>
        <Button onClick={() => page.next && paging.next(page.next)} disabled={page.next === null}>
          Trang sau
        </Button>
      </Flex>
    </Flex>
  );
}
