import { NotFoundResult } from '../components/Results';

export function NotFoundPage() {
  return <NotFoundResult message="Đường dẫn này không có trong Partyflow." />;
}
