import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, ApiFailure, unwrap } from '../api/client';
import { useSession } from '../app/session';
import { clearEndReason, peekEndReason, startSession } from '../app/session-store';
import { ROUTES } from '../app/routes';

export function LoginPage() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  // Read during render, cleared once mounted: a render that React throws away and starts again (a lazy route that
  // suspends) would otherwise have taken the reason and left the second render without the message.
  const [ended] = useState(peekEndReason);
  useEffect(clearEndReason, []);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? ROUTES.inbox;
  if (session) return <Navigate to={from} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await unwrap(api.POST('/auth/login', { body: values }));
      startSession({
        accessToken: answer.accessToken,
        expiresAt: Date.now() + answer.expiresIn * 1000,
        user: answer.user,
      });
      navigate(from, { replace: true });
    } catch (e) {
      setFailure(
        // A disabled account says so (USER_DISABLED); any other 401 is a wrong name or password.
        e instanceof ApiFailure && e.status === 401 && e.error.code !== 'USER_DISABLED'
          ? 'Tên đăng nhập hoặc mật khẩu không đúng.'
          : e instanceof ApiFailure
            ? e.message
            : 'Không đăng nhập được. Vui lòng thử lại.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          Partyflow
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          Quy trình công tác đảng: kết nạp, sàng lọc, kiểm tra.
        </Typography.Paragraph>
        {ended === 'expired' ? (
          <Alert
            type="warning"
            showIcon
            role="status"
            style={{ marginBottom: 16 }}
            message="Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."
          />
        ) : null}
        {ended === 'logged_out' ? (
          <Alert type="info" showIcon role="status" style={{ marginBottom: 16 }} message="Bạn đã đăng xuất." />
        ) : null}
        {failure ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={failure} /> : null}
        <Form layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
          <Form.Item
            label="Tên đăng nhập"
            name="username"
            rules={[{ required: true, whitespace: true, message: 'Nhập tên đăng nhập' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" size="large" />
          </Form.Item>
          <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Nhập mật khẩu' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            Đăng nhập
          </Button>
        </Form>
      </Card>
    </main>
  );
}
