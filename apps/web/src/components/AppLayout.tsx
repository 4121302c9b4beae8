import { Badge, Button, Grid, Layout, Popover, Typography } from 'antd';
import { BellOutlined, InboxOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router-dom';
import { labelVi } from '@partyflow/domain';
import { api, unwrap } from '../api/client';
import { endSession } from '../app/session-store';
import { useSession } from '../app/session';
import { ROUTES } from '../app/routes';
import { navFor } from '../app/areas';

/** The unread count of the bell; polled, so a new task's notification shows without a reload. */
export function useUnreadCount(): number | undefined {
  const { data } = useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => unwrap(api.GET('/notifications', { params: { query: { unread: 'true', pageSize: 1 } } })),
    refetchInterval: 30_000,
  });
  return data?.unread;
}

const navStyle = ({ isActive }: { isActive: boolean }) => ({
  color: '#fff',
  padding: '6px 10px',
  borderRadius: 6,
  background: isActive ? 'rgba(255,255,255,0.18)' : 'transparent',
  whiteSpace: 'nowrap' as const,
});

export function AppLayout({ children }: { children: ReactNode }) {
  const session = useSession();
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const unread = useUnreadCount();
  const compact = !screens.md;

  const logout = () => {
    endSession('logged_out');
    queryClient.clear();
    navigate(ROUTES.login, { replace: true });
  };

  const account = (
    <div style={{ maxWidth: 320 }}>
      <Typography.Text strong>{session?.user.fullName}</Typography.Text>
      <ul style={{ paddingLeft: 18, margin: '4px 0 12px' }}>
        {session?.user.roles.map((r) => (
          <li key={`${r.orgId}-${r.role}`}>
            {labelVi(r.role)} — {r.orgName}
          </li>
        ))}
      </ul>
      <NavLink to={ROUTES.substitutes} style={{ display: 'block', marginBottom: 12 }}>
        Người thay khi vắng mặt
      </NavLink>
      <Button icon={<LogoutOutlined />} onClick={logout} block>
        Đăng xuất
      </Button>
    </div>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        Bỏ qua thanh điều hướng
      </a>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: compact ? 8 : 16,
          paddingInline: compact ? 12 : 24,
          background: '#b71c1c',
        }}
      >
        <NavLink to={ROUTES.inbox} style={{ color: '#fff', fontWeight: 600, fontSize: 18 }}>
          Partyflow
        </NavLink>
        <nav aria-label="Điều hướng chính" style={{ display: 'flex', gap: 4, flex: 1, minWidth: 0 }}>
          <NavLink to={ROUTES.inbox} style={navStyle}>
            <InboxOutlined /> {compact ? null : 'Việc cần làm'}
          </NavLink>
          {navFor(session?.user).map((item) => (
            <NavLink key={item.path} to={item.path} style={navStyle} aria-label={compact ? item.label : undefined}>
              {item.icon} {compact && item.icon ? null : item.label}
            </NavLink>
          ))}
        </nav>
        <NavLink
          to={ROUTES.notifications}
          style={navStyle}
          aria-label={unread ? `Thông báo: ${unread} chưa đọc` : 'Thông báo'}
        >
          <Badge count={unread ?? 0} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 20, color: '#fff' }} />
          </Badge>
        </NavLink>
        <Popover content={account} trigger="click" placement="bottomRight" title="Tài khoản">
          <Button type="text" style={{ color: '#fff' }} icon={<UserOutlined />} aria-label="Tài khoản">
            {compact ? null : session?.user.fullName}
          </Button>
        </Popover>
      </Layout.Header>
      <Layout.Content
        id="main"
        tabIndex={-1}
        style={{ padding: compact ? 12 : 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}
      >
        {children}
      </Layout.Content>
    </Layout>
  );
}
