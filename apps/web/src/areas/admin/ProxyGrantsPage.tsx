import { Alert, Button, Card, DatePicker, Form, List, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { RevokeDialog } from '../../forms/RevokeDialog';
import { GrantItem } from '../../components/GrantItem';
import { ReasonField } from '../../forms/ReasonField';
import { dateInput } from '../../forms/StepForm';
import { ZONE } from '../../format';
import { endOfLocalDay, startOfLocalDay } from '@partyflow/domain';
import { useSession } from '../../app/session';
import { errorMessage, OrgSelect, PageTitle, showFieldError } from './shared';

type Grant = components['schemas']['ProxyGrant'];
type Values = {
  principalUserId?: string;
  proxyUserId?: string;
  validFrom?: string;
  validUntil?: string;
  reason?: string;
};

const FIELDS: Record<string, (keyof Values)[]> = {
  principalUserId: ['principalUserId'],
  proxyUserId: ['proxyUserId'],
  validFrom: ['validFrom'],
  validUntil: ['validUntil'],
  reason: ['reason'],
};

/**
 * Standing proxy grants (issue 14 §6): a grassroots committee lets an officer complete, with the paper minutes, the
 * tasks of someone who cannot use the system (an elderly cell secretary); recorded, listed and revoked here.
 */
export function ProxyGrantsPage() {
  // A grassroots committee member starts at their committee; an administrator picks one.
  const session = useSession();
  const home = session?.user.roles.find((r) => r.role === 'grassroots_committee_member')?.orgId;
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const orgId = picked ?? home;
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Grant | null>(null);
  const candidates = useQuery({
    queryKey: ['proxy-grants', 'candidates', orgId],
    enabled: Boolean(orgId),
    queryFn: async () => unwrap(api.GET('/proxy-grants/candidates', { params: { query: { orgId: orgId ?? '' } } })),
  });
  const grants = useQuery({
    queryKey: ['proxy-grants', 'list', orgId],
    enabled: Boolean(orgId),
    queryFn: async () => unwrap(api.GET('/proxy-grants', { params: { query: { orgId: orgId ?? '' } } })),
  });
  const create = useMutation({
    mutationFn: async (v: Values) =>
      unwrap(
        api.POST('/proxy-grants', {
          body: {
            grassrootsOrgId: orgId ?? '',
            principalUserId: v.principalUserId ?? '',
            proxyUserId: v.proxyUserId ?? '',
            // From the first day's start to the last day's end, in Vietnam.
            validFrom: v.validFrom ? startOfLocalDay(v.validFrom, ZONE) : '',
            ...(v.validUntil ? { validUntil: endOfLocalDay(v.validUntil, ZONE) } : {}),
            reason: v.reason?.trim() ?? '',
          },
        }),
      ),
    onSuccess: async (g) => {
      setSaved(`Đã ghi ủy nhiệm: ${g.proxy.fullName} làm thay ${g.principal.fullName}.`);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['proxy-grants'] });
    },
    onError: (e) => {
      const shown = showFieldError(form, e, (f) => FIELDS[f]);
      setFailure(shown ? 'Có thông tin chưa hợp lệ; xem ô được đánh dấu.' : errorMessage(e));
    },
  });
  const c = candidates.data;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 820 }}>
      <PageTitle>Ủy nhiệm làm thay</PageTitle>
      <Typography.Paragraph style={{ margin: 0 }}>
        Đảng ủy cơ sở ghi ủy nhiệm để một cán bộ hoàn thành thay nhiệm vụ của người không tự dùng được hệ thống; mỗi lần
        làm thay ghi kèm số và ngày biên bản giấy.
      </Typography.Paragraph>
      <OrgSelect
        label="Đảng ủy cơ sở"
        value={orgId}
        onChange={(v) => {
          setPicked(v);
          form.resetFields();
        }}
        allow={(n) => n.kind === 'grassroots_committee'}
      />
      {candidates.isError ? <ErrorState error={candidates.error} onRetry={() => candidates.refetch()} /> : null}
      <Card size="small" title="Ghi ủy nhiệm">
        {saved ? <Alert type="success" showIcon role="status" style={{ marginBottom: 12 }} message={saved} /> : null}
        <Form
          form={form}
          name="proxy-grant"
          layout="vertical"
          disabled={create.isPending || !c}
          onFinish={(v) => {
            setFailure(null);
            setSaved(null);
            create.mutate(v);
          }}
        >
          <Form.Item
            name="principalUserId"
            label="Người được làm thay"
            rules={[{ required: true, message: 'Chọn người được làm thay' }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              placeholder="Chọn người giữ vai trò trong đảng bộ"
              options={(c?.principals ?? []).map((p) => ({
                value: p.userId,
                label: `${p.fullName} — ${p.roles.map((r) => r.label).join(', ')}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="proxyUserId" label="Cán bộ làm thay" rules={[{ required: true, message: 'Chọn cán bộ' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              placeholder="Chọn cán bộ"
              options={(c?.proxies ?? []).map((p) => ({ value: p.userId, label: p.fullName }))}
            />
          </Form.Item>
          <Form.Item
            name="validFrom"
            label="Từ ngày"
            rules={[{ required: true, message: 'Chọn ngày bắt đầu' }]}
            {...dateInput}
          >
            <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" />
          </Form.Item>
          <Form.Item name="validUntil" label="Đến ngày (để trống: không thời hạn)" {...dateInput}>
            <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" />
          </Form.Item>
          <ReasonField
            label="Căn cứ (nghị quyết, biên bản của đảng ủy cơ sở)"
            message="Ghi căn cứ ủy nhiệm"
            minLength={3}
          />
          {failure ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={failure} /> : null}
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            Ghi ủy nhiệm
          </Button>
        </Form>
      </Card>
      <Card size="small" title="Các ủy nhiệm">
        {grants.isPending && orgId ? <Loading rows={2} /> : null}
        {grants.isError ? <ErrorState error={grants.error} onRetry={() => grants.refetch()} /> : null}
        {grants.data && grants.data.length === 0 ? <EmptyState text="Chưa có ủy nhiệm nào." /> : null}
        {grants.data && grants.data.length > 0 ? (
          <List
            dataSource={grants.data}
            rowKey="id"
            renderItem={(g) => (
              <GrantItem
                headline={`${g.proxy.fullName} làm thay ${g.principal.fullName}`}
                grant={g}
                place={g.grassrootsOrg.name}
                onRevoke={() => setRevoking(g)}
              />
            )}
          />
        ) : null}
      </Card>
      {revoking ? (
        <RevokeDialog
          title={`Thu hồi ủy nhiệm: ${revoking.proxy.fullName} làm thay ${revoking.principal.fullName}`}
          effect="Từ lúc thu hồi, cán bộ không còn thấy và làm thay nhiệm vụ của người này."
          invalidate={['proxy-grants']}
          submit={async (reason) =>
            unwrap(api.POST('/proxy-grants/{id}/revoke', { params: { path: { id: revoking.id } }, body: { reason } }))
          }
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </Space>
  );
}
