import { Alert, Button, Flex, Form, Grid, Input, InputNumber, List, Modal, Select, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { labelVi } from '@partyflow/domain';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { todayLocalDate } from '../../format';
import {
  errorMessage,
  integerVi,
  OrgSelect,
  PageTitle,
  quotaSummaryVi,
  showFieldError,
  useHomeOrgId,
  MetaText,
} from './shared';

type QuotaView = components['schemas']['QuotaView'];
type Row = QuotaView['rows'][number];

const inProgressVi = (r: Row) =>
  r.inProgress.total
    ? `${integerVi(r.inProgress.total)} hồ sơ: ${Object.entries(r.inProgress.byStep)
        .map(([step, n]) => `${labelVi(step)} ${integerVi(n)}`)
        .join('; ')}`
    : 'Không có';

/** Admission quotas (issue 10): per organisation and year, "đã kết nạp 622/540 (115,2%)"; set a quota. */
export function QuotasPage() {
  const screens = Grid.useBreakpoint();
  const home = useHomeOrgId(['organisation_department', 'administrator', 'standing_committee_member']);
  const thisYear = Number(todayLocalDate().slice(0, 4));
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<Row | null>(null);
  const root = orgId ?? home;
  const view = useQuery({
    queryKey: ['quotas', root, year],
    enabled: !!root,
    queryFn: async () =>
      (await unwrap(api.GET('/quotas', { params: { query: { orgId: root as string, year } } }))) as QuotaView,
  });
  const setButton = (r: Row) => (
    <Button onClick={() => setEditing(r)} aria-label={`Giao chỉ tiêu cho ${r.name}`}>
      Giao chỉ tiêu
    </Button>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>Chỉ tiêu kết nạp</PageTitle>
      <Flex gap={8} wrap="wrap" align="center">
        <label htmlFor="quota-org">Tổ chức</label>
        <OrgSelect id="quota-org" value={root} onChange={setOrgId} />
        <label htmlFor="quota-year">Năm</label>
        <Select
          id="quota-year"
          value={year}
          onChange={setYear}
          style={{ width: 120 }}
          options={[-2, -1, 0, 1].map((d) => ({ value: thisYear + d, label: String(thisYear + d) }))}
        />
      </Flex>
      {view.isPending && root ? <Loading rows={6} /> : null}
      {!root ? <EmptyState text="Bạn chưa có vai trò trong tổ chức nào." /> : null}
      {view.isError ? <ErrorState error={view.error} onRetry={() => view.refetch()} /> : null}
      {view.data && view.data.rows.length === 0 ? <EmptyState text="Không có tổ chức nào." /> : null}
      {view.data && view.data.rows.length > 0 && screens.md ? (
        <Table<Row>
          rowKey="orgId"
          dataSource={view.data.rows}
          pagination={false}
          size="small"
          aria-label={`Chỉ tiêu kết nạp năm ${view.data.year}`}
          columns={[
            {
              title: 'Tổ chức',
              key: 'org',
              render: (_, r) => (
                <span style={{ paddingLeft: (r.depth - view.data.rows[0].depth) * 16 }}>
                  {r.name} ({r.code})
                </span>
              ),
            },
            { title: 'Chỉ tiêu', key: 'quota', render: (_, r) => (r.quota === null ? '—' : integerVi(r.quota)) },
            { title: 'Tiến độ', key: 'summary', render: (_, r) => <span data-org={r.code}>{quotaSummaryVi(r)}</span> },
            { title: 'Đang xem xét', key: 'open', render: (_, r) => inProgressVi(r) },
            { title: 'Thao tác', key: 'set', render: (_, r) => setButton(r) },
          ]}
        />
      ) : null}
      {view.data && view.data.rows.length > 0 && !screens.md ? (
        <List
          dataSource={view.data.rows}
          rowKey="orgId"
          aria-label={`Chỉ tiêu kết nạp năm ${view.data.year}`}
          renderItem={(r) => (
            <List.Item actions={[setButton(r)]}>
              <List.Item.Meta
                title={r.name}
                description={
                  <MetaText>
                    <div data-org={r.code}>{quotaSummaryVi(r)}</div>
                    <div>Đang xem xét: {inProgressVi(r)}</div>
                  </MetaText>
                }
              />
            </List.Item>
          )}
        />
      ) : null}
      {editing ? <SetQuota row={editing} year={year} onClose={() => setEditing(null)} /> : null}
    </Space>
  );
}

function SetQuota({ row, year, onClose }: { row: Row; year: number; onClose: () => void }) {
  const [form] = Form.useForm<{ quota: number; reason?: string }>();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (v: { quota: number; reason?: string }) =>
      unwrap(
        api.PUT('/quotas/{orgId}/{year}', {
          params: { path: { orgId: row.orgId, year } },
          body: { quota: v.quota, ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['quotas'] });
      onClose();
    },
    onError: (e) => {
      const shown = showFieldError(form, e, (f) => (f === 'quota' || f === 'reason' ? [f] : undefined));
      setFailure(shown ? null : errorMessage(e));
    },
  });
  return (
    <Modal
      open
      title={`Giao chỉ tiêu năm ${year}: ${row.name}`}
      okText="Lưu"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {failure ? <Alert type="error" role="alert" message={failure} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ quota: row.quota ?? undefined }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="quota" label="Chỉ tiêu (số người)" rules={[{ required: true, message: 'Bắt buộc' }]}>
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="Căn cứ, ghi chú">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
