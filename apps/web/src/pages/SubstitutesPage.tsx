import { Alert, Button, Card, DatePicker, Form, List, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import { showFieldError } from '../api/field-errors';
import type { components } from '../api/openapi';
import { useSession } from '../app/session';
import { EmptyState, ErrorState, Loading } from '../components/states';
import { RevokeDialog } from '../forms/RevokeDialog';
import { GrantItem } from '../components/GrantItem';
import { ReasonField } from '../forms/ReasonField';
import { formatDate } from '../format';

type Substitution = components['schemas']['Substitution'];
type Values = { orgId?: string; substituteUserId?: string; period?: [Dayjs, Dayjs]; reason?: string };

const FIELDS: Record<string, (keyof Values)[]> = {
  orgId: ['orgId'],
  substituteUserId: ['substituteUserId'],
  validFrom: ['period'],
  validUntil: ['period'],
  reason: ['reason'],
};

/** The substitute a role holder may choose in one organisation: its members holding a same or higher role. */
function SubstituteSelect({
  orgId,
  value,
  onChange,
  id,
}: {
  orgId?: string;
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
}) {
  const candidates = useQuery({
    queryKey: ['substitutions', 'candidates', orgId],
    enabled: Boolean(orgId),
    queryFn: async () => unwrap(api.GET('/substitutions/candidates', { params: { query: { orgId: orgId ?? '' } } })),
  });
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      disabled={!orgId}
      loading={candidates.isFetching}
      placeholder={orgId ? 'Chọn người thay' : 'Chọn tổ chức trước'}
      notFoundContent={candidates.isFetching ? 'Đang tải…' : 'Không có ai cùng tổ chức giữ vai trò bằng hoặc cao hơn'}
      options={(candidates.data ?? []).map((c) => ({
        value: c.userId,
        label: `${c.fullName} — ${c.roles.map((r) => r.label).join(', ')}`,
      }))}
    />
  );
}

/**
 * Out-of-office substitutes (issue 14 §2): a role holder names, for a range of days, someone of the same organisation
 * with the same or a higher role; for those days the absent person's tasks there show in the substitute's inbox, and
 * what the substitute completes records whom it was done for.
 */
export function SubstitutesPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Substitution | null>(null);
  const mine = useQuery({
    queryKey: ['substitutions', 'mine'],
    queryFn: async () => unwrap(api.GET('/substitutions/mine')),
  });
  const orgs = [...new Map((session?.user.roles ?? []).map((r) => [r.orgId, r.orgName ?? r.orgId])).entries()];
  const create = useMutation({
    mutationFn: async (v: Values) =>
      unwrap(
        api.POST('/substitutions', {
          body: {
            orgId: v.orgId ?? '',
            substituteUserId: v.substituteUserId ?? '',
            validFrom: v.period?.[0].format('YYYY-MM-DD') ?? '',
            validUntil: v.period?.[1].format('YYYY-MM-DD') ?? '',
            reason: v.reason?.trim() ?? '',
          },
        }),
      ),
    onSuccess: async (s) => {
      setSaved(
        `Đã cử ${s.substitute.fullName} thay bạn tại ${s.org.name} từ ${formatDate(s.validFrom)} đến ${formatDate(s.validUntil)}.`,
      );
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['substitutions'] });
    },
    onError: (e) => {
      const shown = showFieldError(form, e, (f) => FIELDS[f]);
      setFailure(shown ? 'Có thông tin chưa hợp lệ; xem ô được đánh dấu.' : errorMessage(e));
    },
  });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 760 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        Người thay khi vắng mặt
      </Typography.Title>
      <Card size="small" title="Cử người thay">
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          Trong những ngày này, nhiệm vụ của bạn tại tổ chức đã chọn (nhiệm vụ giao đích danh và nhiệm vụ của vai trò
          chỉ mình bạn giữ) hiện trong mục Việc cần làm của người thay; việc người thay hoàn thành ghi rõ là làm thay
          bạn.
        </Typography.Paragraph>
        {saved ? <Alert type="success" showIcon role="status" style={{ marginBottom: 12 }} message={saved} /> : null}
        <Form
          form={form}
          name="substitution"
          layout="vertical"
          disabled={create.isPending}
          onFinish={(v) => {
            setFailure(null);
            setSaved(null);
            create.mutate(v);
          }}
        >
          <Form.Item name="orgId" label="Tổ chức" rules={[{ required: true, message: 'Chọn tổ chức' }]}>
            <Select
              placeholder="Chọn tổ chức"
              options={orgs.map(([value, label]) => ({ value, label }))}
              onChange={() => form.setFieldValue('substituteUserId', undefined)}
            />
          </Form.Item>
          <Form.Item
            name="substituteUserId"
            label="Người thay"
            rules={[{ required: true, message: 'Chọn người thay' }]}
          >
            <SubstituteSelect orgId={orgId} />
          </Form.Item>
          <Form.Item
            name="period"
            label="Từ ngày – đến ngày"
            rules={[{ required: true, message: 'Chọn thời gian vắng' }]}
          >
            <DatePicker.RangePicker format="DD/MM/YYYY" placeholder={['Từ ngày', 'Đến ngày']} />
          </Form.Item>
          <ReasonField label="Lý do vắng mặt" message="Ghi lý do vắng mặt" minLength={3} />
          {failure ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={failure} /> : null}
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            Cử người thay
          </Button>
        </Form>
      </Card>
      <Card size="small" title="Đang và sắp có hiệu lực">
        {mine.isPending ? <Loading rows={2} /> : null}
        {mine.isError ? <ErrorState error={mine.error} onRetry={() => mine.refetch()} /> : null}
        {mine.data && mine.data.length === 0 ? <EmptyState text="Không có việc thay thế nào." /> : null}
        {mine.data && mine.data.length > 0 ? (
          <List
            dataSource={mine.data}
            rowKey="id"
            renderItem={(s) => (
              <GrantItem
                headline={`${s.substitute.fullName} thay ${s.absent.fullName}`}
                grant={s}
                place={s.org.name}
                onRevoke={() => setRevoking(s)}
              />
            )}
          />
        ) : null}
      </Card>
      {revoking ? (
        <RevokeDialog
          title={`Thu hồi: ${revoking.substitute.fullName} thay ${revoking.absent.fullName}`}
          effect="Từ lúc thu hồi, nhiệm vụ của người vắng mặt không còn hiện trong mục Việc cần làm của người thay."
          invalidate={['substitutions']}
          submit={async (reason) =>
            unwrap(api.POST('/substitutions/{id}/revoke', { params: { path: { id: revoking.id } }, body: { reason } }))
          }
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </Space>
  );
}
