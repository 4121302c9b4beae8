import { Skeleton } from 'antd';

/** While a page or its data loads (kept apart from the error pages, so the first load stays small). */
export function Loading({ rows = 4 }: { rows?: number }) {
  return <Skeleton active paragraph={{ rows }} aria-busy="true" aria-label="Đang tải" />;
}
