import { Alert, Button, DatePicker, Flex, Form, Grid, List, Modal, Select, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { DELEGATED_POWER_LABELS, DELEGATED_POWERS } from '@partyflow/domain';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { dayjs, formatDate, ZONE } from '../../format';
import {
  errorMessage,
  flattenOrgs,
  integerVi,
  OrgSelect,
  PageTitle,
  showFieldError,
  useHomeOrgId,
  useOrgTree,
  useRoles,
  MetaText,
  StatusTag,
} from './shared';
import { ReasonDialog } from '../../forms/ReasonDialog';
import { ReasonField } from '../../forms/ReasonField';

type Grant = components['schemas']['DelegationGrant'];

const STATUS_COLOURS: Record<Grant['status'], string> = {
  active: 'green',
  future: 'blue',
  expired: 'default',
  revoked: 'red',
};
const periodVi = (g: Grant) =>
  `${formatDate(g.validFrom)} – ${g.validUntil ? formatDate(g.validUntil) : 'không thời hạn'}`;

/** Delegations (issue 10): admission or expulsion decisions delegated to a grassroots committee; grant, revoke. */
export function DelegationsPage() {
  const screens = Grid.useBreakpoint();
  const roles = useRoles();
  const home = useHomeOrgId(['administrator', 'standing_committee_member', 'organisation_department']);
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<Grant | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const root = orgId ?? home;
  const canGrant = roles.has('administrator') || roles.has('standing_committee_member');
  const list = useQuery({
    queryKey: ['delegations', root],
    enabled: !!root,
    queryFn: async () =>
      (await unwrap(api.GET('/delegations', { params: { query: { orgId: root as string } } }))) as Grant[],
  });
  const revokeButton = (g: Grant) =>
    canGrant && (g.status === 'active' || g.status === 'future') ? (
      <Button onClick={() => setRevoking(g)} aria-label={`Thu hồi ủy quyền cho ${g.grantee.name}`}>
        Thu hồi
      </Button>
    ) : null;
  const statusTag = (g: Grant) => <StatusTag color={STATUS_COLOURS[g.status]}>{g.statusLabel}</StatusTag>;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>Ủy quyền quyết định</PageTitle>
      <Flex gap={8} wrap="wrap" align="center">
        <label htmlFor="delegation-org">Tổ chức</label>
        <OrgSelect id="delegation-org" value={root} onChange={setOrgId} />
        {canGrant ? (
          <Button type="primary" onClick={() => setGranting(true)}>
            Ủy quyền mới
          </Button>
        ) : null}
      </Flex>
      {notice ? (
        <Alert type="success" showIcon role="status" message={notice} closable onClose={() => setNotice(null)} />
      ) : null}
      {list.isPending && root ? <Loading rows={5} /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data && list.data.length === 0 ? <EmptyState text="Chưa có ủy quyền nào." /> : null}
      {list.data && list.data.length > 0 && screens.md ? (
        <Table<Grant>
          rowKey="id"
          dataSource={list.data}
          pagination={false}
          size="small"
          aria-label="Danh sách ủy quyền"
          columns={[
            { title: 'Quyền', key: 'power', render: (_, g) => g.powerLabel },
            { title: 'Tổ chức ủy quyền', key: 'grantor', render: (_, g) => g.grantor.name },
            { title: 'Được ủy quyền', key: 'grantee', render: (_, g) => g.grantee.name },
            { title: 'Thời hạn', key: 'period', render: (_, g) => periodVi(g) },
            { title: 'Trạng thái', key: 'status', render: (_, g) => statusTag(g) },
            {
              title: 'Lý do',
              key: 'reason',
              render: (_, g) => (g.revokeReason ? `${g.reason} (thu hồi: ${g.revokeReason})` : g.reason),
            },
            { title: 'Thao tác', key: 'revoke', render: (_, g) => revokeButton(g) },
          ]}
        />
      ) : null}
      {list.data && list.data.length > 0 && !screens.md ? (
        <List
          dataSource={list.data}
          rowKey="id"
          aria-label="Danh sách ủy quyền"
          renderItem={(g) => (
            <List.Item actions={[revokeButton(g)].filter(Boolean)}>
              <List.Item.Meta
                title={`${g.powerLabel}: ${g.grantee.name}`}
                description={
                  <MetaText>
                    <div>
                      {g.grantor.name} · {periodVi(g)}
                    </div>
                    {statusTag(g)}
                  </MetaText>
                }
              />
            </List.Item>
          )}
        />
      ) : null}
      {granting ? (
        <GrantDialog
          grantorId={root}
          onClose={() => setGranting(false)}
          onDone={(g) => {
            setGranting(false);
            setNotice(`Đã ủy quyền cho ${g.grantee.name}: ${g.powerLabel} (${periodVi(g)}).`);
          }}
        />
      ) : null}
      {revoking ? (
        <RevokeDialog
          grant={revoking}
          onClose={() => setRevoking(null)}
          onDone={(moved) => {
            setRevoking(null);
            setNotice(
              `Đã thu hồi ủy quyền.${moved ? ` ${integerVi(moved)} nhiệm vụ quyết định đang chờ đã chuyển về tổ chức ủy quyền.` : ''}`,
            );
          }}
        />
      ) : null}
    </Space>
  );
}

type GrantValues = {
  grantorOrgId: string;
  granteeOrgId: string;
  power: Grant['power'];
  period: [Dayjs, Dayjs];
  reason: string;
};

const FIELDS: Record<string, string> = {
  grantorOrgId: 'grantorOrgId',
  granteeOrgId: 'granteeOrgId',
  power: 'power',
  validFrom: 'period',
  validUntil: 'period',
  reason: 'reason',
};

function GrantDialog({
  grantorId,
  onClose,
  onDone,
}: {
  grantorId?: string;
  onClose: () => void;
  onDone: (g: Grant) => void;
}) {
  const [form] = Form.useForm<GrantValues>();
  const queryClient = useQueryClient();
  const tree = useOrgTree();
  const grantor = Form.useWatch('grantorOrgId', form);
  const [failure, setFailure] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (v: GrantValues) =>
      (await unwrap(
        api.POST('/delegations', {
          body: {
            grantorOrgId: v.grantorOrgId,
            granteeOrgId: v.granteeOrgId,
            power: v.power,
            // Whole local days: from the first day's start to the last day's end, in the project's zone.
            validFrom: dayjs.tz(v.period[0].format('YYYY-MM-DD'), ZONE).startOf('day').format(),
            validUntil: dayjs.tz(v.period[1].format('YYYY-MM-DD'), ZONE).endOf('day').format(),
            reason: v.reason.trim(),
          },
        }),
      )) as Grant,
    onSuccess: async (g) => {
      await queryClient.invalidateQueries({ queryKey: ['delegations'] });
      onDone(g);
    },
    onError: (e) => {
      const shown = showFieldError(form, e, (f) => (FIELDS[f] ? [FIELDS[f]] : undefined));
      setFailure(shown ? null : errorMessage(e));
    },
  });
  const grantees = flattenOrgs(tree.data ?? []).filter(
    (o) => o.parentId === grantor && o.kind === 'grassroots_committee',
  );
  return (
    <Modal
      open
      title="Ủy quyền cho đảng ủy cơ sở"
      okText="Ủy quyền"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {failure ? <Alert type="error" role="alert" message={failure} style={{ marginBottom: 12 }} /> : null}
      <Form<GrantValues>
        form={form}
        layout="vertical"
        initialValues={{ grantorOrgId: grantorId, power: 'admission' }}
        onFinish={(v) => {
          setFailure(null);
          save.mutate(v);
        }}
      >
        <Form.Item
          name="grantorOrgId"
          label="Tổ chức ủy quyền (Ban Thường vụ)"
          rules={[{ required: true, message: 'Bắt buộc' }]}
        >
          <OrgSelect />
        </Form.Item>
        <Form.Item
          name="granteeOrgId"
          label="Đảng ủy cơ sở được ủy quyền"
          rules={[{ required: true, message: 'Bắt buộc' }]}
        >
          <Select
            options={grantees.map((o) => ({ value: o.id, label: `${o.name} (${o.code})` }))}
            notFoundContent="Không có đảng ủy cơ sở trực thuộc"
            showSearch
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="power" label="Quyền được ủy quyền">
          <Select options={DELEGATED_POWERS.map((p) => ({ value: p, label: DELEGATED_POWER_LABELS[p].vi }))} />
        </Form.Item>
        <Form.Item
          name="period"
          label="Thời hạn ủy quyền"
          rules={[{ required: true, message: 'Bắt buộc: từ ngày, đến ngày' }]}
        >
          <DatePicker.RangePicker format="DD/MM/YYYY" placeholder={['Từ ngày', 'Đến ngày']} style={{ width: '100%' }} />
        </Form.Item>
        <ReasonField
          label="Căn cứ, lý do ủy quyền"
          message="Bắt buộc: căn cứ, lý do ủy quyền"
          minLength={3}
          maxLength={2000}
        />
      </Form>
    </Modal>
  );
}

function RevokeDialog({
  grant,
  onClose,
  onDone,
}: {
  grant: Grant;
  onClose: () => void;
  onDone: (moved: number) => void;
}) {
  return (
    <ReasonDialog
      title={`Thu hồi ủy quyền: ${grant.grantee.name}`}
      okText="Thu hồi"
      intro={
        <p>
          {grant.powerLabel} ({periodVi(grant)}). Các quyết định đang chờ của đảng ủy cơ sở sẽ chuyển về{' '}
          {grant.grantor.name}.
        </p>
      }
      reasonLabel="Lý do thu hồi"
      reasonMessage="Bắt buộc: lý do thu hồi"
      invalidate={['delegations']}
      submit={async (reason) =>
        (await unwrap(
          api.POST('/delegations/{id}/revoke', { params: { path: { id: grant.id } }, body: { reason } }),
        )) as components['schemas']['DelegationRevocation']
      }
      onClose={onClose}
      onDone={(res) => onDone(res.movedTasks)}
    />
  );
}
