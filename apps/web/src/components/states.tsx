import { Alert, Button, Empty } from 'antd';
import { lazy, Suspense } from 'react';
import { ApiFailure } from '../api/client';

export { Loading } from './Loading';

// The 403 and 404 pages carry large illustrations: loaded only when one is shown.
const ForbiddenResult = lazy(() => import('./Results').then((m) => ({ default: m.ForbiddenResult })));
const NotFoundResult = lazy(() => import('./Results').then((m) => ({ default: m.NotFoundResult })));

/** Every page shows one of these instead of a blank screen while loading or when the API refuses. */
export function EmptyState({ text }: { text: string }) {
  // antd's grey description is below WCAG AA contrast on white (axe: color-contrast).
  return (
    <Empty
      description={<span style={{ color: 'rgba(0, 0, 0, 0.7)' }}>{text}</span>}
      image={Empty.PRESENTED_IMAGE_SIMPLE}
    />
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error instanceof ApiFailure && (error.status === 403 || error.status === 404)) {
    const Page = error.status === 403 ? ForbiddenResult : NotFoundResult;
    return (
      <Suspense fallback={<Alert type="warning" message={error.message} />}>
        <Page message={error.message} />
      </Suspense>
    );
  }
  const message = error instanceof ApiFailure ? error.message : 'Đã có lỗi xảy ra khi hiển thị trang.';
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message="Không tải được dữ liệu"
      description={message}
      action={onRetry ? <Button onClick={onRetry}>Thử lại</Button> : undefined}
    />
  );
}
