import { Badge, Button, Flex, List, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import type { NotificationView } from '../api/types';
import { ROUTES } from '../app/routes';
import { CursorPager, useCursorPaging } from '../components/CursorPager';
import { EmptyState, ErrorState, Loading } from '../components/states';
import { formatDateTime } from '../format';

const PAGE_SIZE = 20;

export function NotificationsPage() {
  const paging = useCursorPaging();
  const { cursor } = paging;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['notifications', 'list', cursor ?? ''],
    queryFn: async () =>
      await unwrap(
        api.GET('/notifications', { params: { query: { pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } }),
      ),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => unwrap(api.POST('/notifications/read-all', {})),
    onSettled: refresh,
  });
  const open = (n: NotificationView) => {
    if (!n.read) markRead.mutate(n.id);
    if (n.taskId) navigate(ROUTES.task(n.taskId));
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          Thông báo
        </Typography.Title>
        {list.data?.unread ? (
          <Button onClick={() => markAll.mutate()} loading={markAll.isPending}>
            Đánh dấu tất cả đã đọc
          </Button>
        ) : null}
      </Flex>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data && list.data.items.length === 0 ? <EmptyState text="Chưa có thông báo nào." /> : null}
      {list.data && list.data.items.length > 0 ? (
        <>
          <List
            dataSource={list.data.items}
            rowKey="id"
            aria-label="Danh sách thông báo"
            renderItem={(n) => (
              <List.Item
                actions={[
                  n.taskId ? (
                    <Button key="open" type="link" onClick={() => open(n)}>
                      Mở nhiệm vụ
                    </Button>
                  ) : !n.read ? (
                    <Button key="read" type="link" onClick={() => markRead.mutate(n.id)}>
                      Đã đọc
                    </Button>
                  ) : null,
                ]}
              >
                <List.Item.Meta
                  avatar={
                    <Badge
                      status={n.read ? 'default' : 'processing'}
                      text={<span className="sr-only">{n.read ? 'Đã đọc' : 'Chưa đọc'}</span>}
                    />
                  }
                  title={
                    <span style={{ fontWeight: n.read ? 400 : 600 }}>
                      {n.kindLabel} · {n.organisation.name}
                    </span>
                  }
                  description={
                    <>
                      <div>{n.message}</div>
                      <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
          <CursorPager page={list.data} paging={paging} label="thông báo" />
        </>
      ) : null}
    </Space>
  );
}
