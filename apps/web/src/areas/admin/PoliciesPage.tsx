import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Modal,
  Progress,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DURATION_UNIT_LABELS, DURATION_UNITS, labelVi, POLICY_ANCHOR_LABELS } from '@partyflow/domain';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { formatDateTime } from '../../format';
import { durationVi } from './admin-format';
import { errorMessage, integerVi, PageTitle, showFieldError, MetaText } from './shared';

type Policy = components['schemas']['DeadlinePolicy'];
type Impact = components['schemas']['PolicyImpact'];
type Operation = components['schemas']['PolicyOperation'];
type Duration = Policy['due'];

const escalationVi = (p: Policy): string =>
  p.maxEscalationLevel === 0
    ? 'Không chuyển cấp'
    : `Mỗi ${durationVi(p.escalateEvery)}, tối đa ${p.maxEscalationLevel} lần`;
const policyKey = (p: Pick<Policy, 'process' | 'step'>) => `${p.process}/${p.step}`;
const UNIT_OPTIONS = DURATION_UNITS.map((u) => ({ value: u, label: DURATION_UNIT_LABELS[u].vi }));

/** Deadline policies (issue 10): per process and step, the deadline and its source; edited with a reason. */
export function PoliciesPage() {
  const screens = Grid.useBreakpoint();
  const [editing, setEditing] = useState<Policy | null>(null);
  const [operationId, setOperationId] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['deadline-policies'],
    queryFn: async () => (await unwrap(api.GET('/deadline-policies', {}))) as Policy[],
  });
  const editButton = (p: Policy) => (
    <Button onClick={() => setEditing(p)} aria-label={`Sửa thời hạn bước ${labelVi(p.step)} (${labelVi(p.process)})`}>
      Sửa
    </Button>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>Thời hạn các bước</PageTitle>
      <Typography.Paragraph style={{ margin: 0 }}>
        Thời hạn xử lý, nhắc việc và chuyển cấp của từng bước, kèm căn cứ quy định. Khi thay đổi, các hồ sơ đang chờ
        bước đó được tính lại hạn.
      </Typography.Paragraph>
      {operationId ? <OperationProgress id={operationId} onClose={() => setOperationId(null)} /> : null}
      {list.isPending ? <Loading rows={8} /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data && list.data.length === 0 ? <EmptyState text="Chưa có thời hạn nào." /> : null}
      {list.data && list.data.length > 0 && screens.md ? (
        <Table<Policy>
          rowKey={policyKey}
          dataSource={list.data}
          pagination={false}
          size="small"
          aria-label="Thời hạn các bước"
          columns={[
            { title: 'Quy trình', key: 'process', width: 140, render: (_, p) => labelVi(p.process) },
            { title: 'Bước', key: 'step', width: 170, render: (_, p) => labelVi(p.step) },
            { title: 'Thời hạn', key: 'due', width: 110, render: (_, p) => durationVi(p.due) },
            { title: 'Nhắc trước', key: 'remind', width: 110, render: (_, p) => durationVi(p.remindBefore) },
            { title: 'Chuyển cấp', key: 'escalate', width: 150, render: (_, p) => escalationVi(p) },
            { title: 'Cách tính', key: 'anchor', width: 130, render: (_, p) => POLICY_ANCHOR_LABELS[p.anchor].vi },
            { title: 'Căn cứ', key: 'source', render: (_, p) => p.source },
            { title: 'Phiên bản', key: 'version', width: 80, render: (_, p) => p.version },
            { title: 'Thao tác', key: 'edit', width: 80, render: (_, p) => editButton(p) },
          ]}
        />
      ) : null}
      {list.data && list.data.length > 0 && !screens.md ? (
        <List
          dataSource={list.data}
          rowKey={policyKey}
          aria-label="Thời hạn các bước"
          renderItem={(p) => (
            <List.Item actions={[editButton(p)]}>
              <List.Item.Meta
                title={`${labelVi(p.step)} · ${labelVi(p.process)}`}
                description={
                  <MetaText>
                    <div>
                      Thời hạn {durationVi(p.due)}; nhắc trước {durationVi(p.remindBefore)}
                    </div>
                    <div>{escalationVi(p)}</div>
                    <div>{p.source}</div>
                  </MetaText>
                }
              />
            </List.Item>
          )}
        />
      ) : null}
      {editing ? (
        <EditPolicy
          policy={editing}
          onClose={() => setEditing(null)}
          onSaved={(id) => {
            setEditing(null);
            setOperationId(id);
          }}
        />
      ) : null}
    </Space>
  );
}

type EditValues = {
  due: Duration;
  remindBefore: Duration;
  escalateEvery: Duration;
  maxEscalationLevel: number;
  reason: string;
};

function DurationField({ name, label, min }: { name: keyof EditValues; label: string; min: number }) {
  return (
    <Form.Item label={label} required style={{ marginBottom: 12 }}>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name={[name, 'amount']} noStyle rules={[{ required: true, message: 'Bắt buộc' }]}>
          <InputNumber min={min} max={1000} precision={0} aria-label={`${label}: số`} style={{ width: '40%' }} />
        </Form.Item>
        <Form.Item name={[name, 'unit']} noStyle>
          <Select options={UNIT_OPTIONS} aria-label={`${label}: đơn vị`} style={{ width: '60%' }} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

function EditPolicy({
  policy,
  onClose,
  onSaved,
}: {
  policy: Policy;
  onClose: () => void;
  onSaved: (operationId: string) => void;
}) {
  const [form] = Form.useForm<EditValues>();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const impact = useQuery({
    queryKey: ['deadline-policies', 'impact', policy.process, policy.step],
    queryFn: async () =>
      (await unwrap(
        api.GET('/deadline-policies/{process}/{step}/impact', {
          params: { path: { process: policy.process, step: policy.step } },
        }),
      )) as Impact,
    staleTime: 0,
  });
  const save = useMutation({
    mutationFn: async (values: EditValues) =>
      unwrap(
        api.PUT('/deadline-policies/{process}/{step}', {
          params: { path: { process: policy.process, step: policy.step } },
          body: values,
        }),
      ),
    onSuccess: async (res) => {
      await queryClient.invalidateQueries({ queryKey: ['deadline-policies'] });
      onSaved((res as components['schemas']['PolicyChange']).operationId);
    },
    onError: (e) => {
      const shown = showFieldError(form, e, (f) => {
        const path = f.split('.');
        return ['due', 'remindBefore', 'escalateEvery', 'maxEscalationLevel', 'reason'].includes(path[0])
          ? path
          : undefined;
      });
      setFailure(shown ? null : errorMessage(e));
    },
  });
  const title = `Sửa thời hạn: ${labelVi(policy.step)}`;
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText="Lưu thay đổi"
      cancelText="Hủy"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {labelVi(policy.process)}. Căn cứ: {policy.source}
      </Typography.Paragraph>
      {impact.isPending ? <Alert type="info" message="Đang đếm các hồ sơ sẽ được tính lại hạn…" /> : null}
      {impact.isError ? <Alert type="warning" message={errorMessage(impact.error)} /> : null}
      {impact.data ? (
        <div data-testid="policy-impact">
          <Alert
            type={impact.data.cases ? 'warning' : 'info'}
            showIcon
            role="status"
            message={
              impact.data.cases
                ? `Khi lưu, ${integerVi(impact.data.cases)} hồ sơ đang chờ bước này sẽ được tính lại hạn.`
                : 'Không có hồ sơ nào đang chờ bước này: chỉ các hồ sơ sau này dùng thời hạn mới.'
            }
            description={
              impact.data.allCases !== impact.data.cases
                ? `Toàn hệ thống: ${integerVi(impact.data.allCases)} hồ sơ.`
                : impact.data.overdue
                  ? `Trong đó ${integerVi(impact.data.overdue)} nhiệm vụ đã quá hạn.`
                  : undefined
            }
          />
        </div>
      ) : null}
      {failure ? <Alert type="error" role="alert" message={failure} style={{ marginTop: 12 }} /> : null}
      <Form<EditValues>
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{
          due: policy.due,
          remindBefore: policy.remindBefore,
          escalateEvery: policy.escalateEvery,
          maxEscalationLevel: policy.maxEscalationLevel,
          reason: '',
        }}
        onFinish={(v) => {
          setFailure(null);
          save.mutate({ ...v, reason: v.reason.trim() });
        }}
      >
        <DurationField name="due" label="Thời hạn xử lý" min={0} />
        <DurationField name="remindBefore" label="Nhắc trước hạn" min={0} />
        <DurationField name="escalateEvery" label="Chuyển cấp sau mỗi" min={1} />
        <Form.Item
          name="maxEscalationLevel"
          label="Số lần chuyển cấp tối đa"
          rules={[{ required: true, message: 'Bắt buộc' }]}
        >
          <InputNumber min={0} max={5} precision={0} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="Lý do thay đổi"
          rules={[
            { required: true, message: 'Bắt buộc: lý do thay đổi' },
            { min: 3, message: 'Lý do cần ít nhất 3 ký tự' },
          ]}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The re-timing of the waiting cases after a change, polled until it is done. */
function OperationProgress({ id, onClose }: { id: string; onClose: () => void }) {
  const op = useQuery({
    queryKey: ['deadline-policies', 'operation', id],
    queryFn: async () =>
      (await unwrap(api.GET('/deadline-policies/operations/{id}', { params: { path: { id } } }))) as Operation,
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      return status === 'completed' || status === 'start_failed' ? false : 1000;
    },
  });
  if (op.isPending) return <Loading rows={2} />;
  if (op.isError || !op.data) return <ErrorState error={op.error} onRetry={() => op.refetch()} />;
  const o = op.data;
  const done = o.status === 'completed';
  const handled = o.counts.retimedCases + o.counts.alreadyCurrent + o.counts.closedCases + o.counts.failedCases;
  const percent = o.counts.cases ? Math.round((handled * 100) / o.counts.cases) : done ? 100 : 0;
  return (
    <div role="status" aria-live="polite" data-testid="policy-operation">
      <Card size="small">
        <Flex vertical gap={8}>
          <Alert
            type={o.status === 'start_failed' || o.counts.failedCases ? 'error' : done ? 'success' : 'info'}
            showIcon
            closable={done || o.status === 'start_failed'}
            onClose={onClose}
            message={`Tính lại hạn bước ${labelVi(o.step)}: ${o.statusLabel}`}
          />
          <Progress percent={percent} status={done ? 'success' : 'active'} aria-label="Tiến độ tính lại hạn" />
          <Descriptions
            styles={{ label: { color: 'rgba(0, 0, 0, 0.7)' } }}
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'cases', label: 'Hồ sơ đang chờ', children: integerVi(o.counts.cases) },
              { key: 'retimed', label: 'Đã tính lại hạn', children: integerVi(o.counts.retimedCases) },
              { key: 'current', label: 'Hạn không đổi', children: integerVi(o.counts.alreadyCurrent) },
              { key: 'closed', label: 'Hồ sơ đã kết thúc', children: integerVi(o.counts.closedCases) },
              { key: 'failed', label: 'Lỗi', children: integerVi(o.counts.failedCases) },
              { key: 'at', label: 'Bắt đầu lúc', children: formatDateTime(o.startedAt) },
            ]}
          />
          {o.failures.length ? (
            <ul style={{ margin: 0 }}>
              {o.failures.map((f) => (
                <li key={f.workflowId}>{f.reason}</li>
              ))}
            </ul>
          ) : null}
        </Flex>
      </Card>
    </div>
  );
}
