import { Card, Col, Row, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ADMIN_PAGES } from './pages';
import { PageTitle, useRoles } from './shared';

/** The administration hub (issue 10): the configuration pages this user may open. */
export function AdminHomePage() {
  const roles = useRoles();
  const pages = ADMIN_PAGES.filter((p) => p.roles.some((r) => roles.has(r)));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>Quản trị</PageTitle>
      <Row gutter={[16, 16]}>
        {pages.map((p) => (
          <Col key={p.path} xs={24} md={12} lg={8}>
            <Card size="small">
              <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>
                <Link to={p.path} style={{ color: '#a31515' }}>
                  {p.title}
                </Link>
              </Typography.Title>
              <Typography.Paragraph style={{ margin: 0 }}>{p.description}</Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}
