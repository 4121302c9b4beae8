import { Button, List, Tag, Typography } from 'antd';
import { formatDate } from '../format';

const STATUS_COLOURS: Record<string, string> = { active: 'green', future: 'blue', expired: 'default', revoked: 'red' };

/**
 * One grant in a list (a substitution, a proxy grant): who for whom, its status, where and when (no last day: no
 * end), its reason; a grant in force or to come offers its revocation.
 */
export function GrantItem({
  headline,
  grant,
  place,
  onRevoke,
}: {
  headline: string;
  grant: { status: string; statusLabel: string; validFrom: string; validUntil: string | null; reason: string };
  place: string;
  onRevoke: () => void;
}) {
  const revocable = grant.status === 'active' || grant.status === 'future';
  return (
    <List.Item
      actions={
        revocable
          ? [
              <Button key="revoke" size="small" onClick={onRevoke}>
                Thu hồi
              </Button>,
            ]
          : []
      }
    >
      <div>
        <Typography.Text strong>{headline}</Typography.Text>{' '}
        <Tag color={STATUS_COLOURS[grant.status] ?? 'default'}>{grant.statusLabel}</Tag>
        <div>
          {place} · từ {formatDate(grant.validFrom)}
          {grant.validUntil ? ` đến ${formatDate(grant.validUntil)}` : ', không thời hạn'}
        </div>
        <Typography.Text type="secondary">{grant.reason}</Typography.Text>
      </div>
    </List.Item>
  );
}
