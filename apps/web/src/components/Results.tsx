import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { ROUTES } from '../app/routes';

export function ForbiddenResult({ message }: { message?: string }) {
  return (
    <Result
      status="403"
      title="Không có quyền truy cập"
      subTitle={message ?? 'Bạn không có quyền xem trang này.'}
      extra={
        <Link to={ROUTES.inbox}>
          <Button type="primary">Về Việc cần làm</Button>
        </Link>
      }
    />
  );
}

export function NotFoundResult({ message }: { message?: string }) {
  return (
    <Result
      status="404"
      title="Không tìm thấy"
      subTitle={message ?? 'Trang hoặc dữ liệu bạn tìm không tồn tại.'}
      extra={
        <Link to={ROUTES.inbox}>
          <Button type="primary">Về Việc cần làm</Button>
        </Link>
      }
    />
  );
}
