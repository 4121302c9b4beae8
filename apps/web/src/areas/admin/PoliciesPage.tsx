import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Grid,
  InputNumber,
  List,
  Modal,
  Progress,
  Radio,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { DURATION_UNIT_LABELS, DURATION_UNITS, labelVi, POLICY_ANCHOR_LABELS } from '@partyflow/domain';
import { api, ApiFailure, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { formatDateTime } from '../../format';
import { durationVi } from './admin-format';
import { PolicyPreviewPanel, type ChangeScope, type PolicyPreview } from './PolicyPreview';
import { useSession } from '../../app/session';
import {
  errorMessage,
  flattenOrgs,
  integerVi,
  MetaText,
  OrgSelect,
  PageTitle,
  showFieldError,
  StatusTag,
  useOrgTree,
} from './shared';
import { ReasonDialog } from '../../forms/ReasonDialog';
import { ReasonField } from '../../forms/ReasonField';

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

/** Where a change applies: the national default (a root administrator), or one organisation's override. */
type Scope = { orgId: string; orgName: string } | null;

/**
 * Deadline policies (issue 10; per organisation, issue 11 §2): per process and step, the deadline in force and its
 * source. A root administrator edits the national default; an administrator of an organisation sets, tightens or
 * clears that organisation's own deadlines for its subtree. Every change asks for a reason.
 */
export function PoliciesPage() {
  const screens = Grid.useBreakpoint();
  const session = useSession();
  const tree = useOrgTree();
  const adminGrants = (session?.user.roles ?? []).filter((r) => r.role === 'administrator');
  const isRoot = adminGrants.some((r) => (r.orgPath ?? '').split('/').filter(Boolean).length === 1);
  const [mode, setMode] = useState<'national' | 'organisation' | undefined>(undefined);
  const [pickedOrg, setPickedOrg] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState<Policy | null>(null);
  const [clearing, setClearing] = useState<Policy | null>(null);
  const [operationId, setOperationId] = useState<string | null>(null);
  const shownMode = mode ?? (isRoot ? 'national' : 'organisation');
  const orgId = shownMode === 'organisation' ? (pickedOrg ?? adminGrants[0]?.orgId) : undefined;
  const orgName =
    (orgId && flattenOrgs(tree.data ?? []).find((n) => n.id === orgId)?.name) ||
    adminGrants.find((g) => g.orgId === orgId)?.orgName ||
    '';
  const scope: Scope = orgId ? { orgId, orgName } : null;
  const list = useQuery({
    queryKey: ['deadline-policies', orgId ?? 'national'],
    enabled: shownMode === 'national' || !!orgId,
    queryFn: async () =>
      (await unwrap(api.GET('/deadline-policies', { params: { query: orgId ? { orgId } : {} } }))) as Policy[],
  });
  const ownOverride = (p: Policy) => !!orgId && p.organisationId === orgId;
  const appliesVi = (p: Policy): ReactNode =>
    ownOverride(p) ? (
      <StatusTag color="blue">Thời hạn riêng</StatusTag>
    ) : p.organisationId ? (
      `Theo ${p.organisationName ?? 'cấp trên'}`
    ) : (
      'Thời hạn chung'
    );
  const actions = (p: Policy) => (
    <Space size={4} wrap>
      <Button
        onClick={() => setEditing(p)}
        aria-label={`${orgId ? 'Đặt thời hạn riêng' : 'Sửa thời hạn'} bước ${labelVi(p.step)} (${labelVi(p.process)})`}
      >
        Sửa
      </Button>
      {ownOverride(p) ? (
        <Button
          onClick={() => setClearing(p)}
          aria-label={`Bỏ thời hạn riêng bước ${labelVi(p.step)} (${labelVi(p.process)})`}
        >
          Bỏ thời hạn riêng
        </Button>
      ) : null}
    </Space>
  );
  const saved = (id: string) => {
    setEditing(null);
    setClearing(null);
    setOperationId(id);
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>Thời hạn các bước</PageTitle>
      <Typography.Paragraph style={{ margin: 0 }}>
        Thời hạn xử lý, nhắc việc và chuyển cấp của từng bước, kèm căn cứ quy định. Khi thay đổi, các hồ sơ đang chờ
        bước đó được tính lại hạn.
      </Typography.Paragraph>
      <Flex gap={8} wrap="wrap" align="center">
        <span id="policy-scope-label">Phạm vi áp dụng</span>
        <Radio.Group
          aria-labelledby="policy-scope-label"
          optionType="button"
          value={shownMode}
          onChange={(e) => setMode(e.target.value as 'national' | 'organisation')}
          options={[
            { value: 'national', label: 'Thời hạn chung toàn quốc', disabled: !isRoot },
            { value: 'organisation', label: 'Thời hạn riêng của tổ chức', disabled: adminGrants.length === 0 },
          ]}
        />
        {shownMode === 'organisation' && adminGrants.length > 0 ? (
          <OrgSelect
            label="Tổ chức áp dụng thời hạn riêng"
            value={orgId}
            onChange={setPickedOrg}
            allow={(n) => adminGrants.some((g) => (g.orgPath ? n.path.startsWith(g.orgPath) : n.id === g.orgId))}
          />
        ) : null}
      </Flex>
      {scope ? (
        <Alert
          type="info"
          showIcon
          message={`Thời hạn đang áp dụng tại ${scope.orgName} và các tổ chức cấp dưới.`}
          description="Tổ chức chỉ được rút ngắn thời hạn đang áp dụng ở cấp trên (cùng đơn vị tính); nhắc việc và chuyển cấp do tổ chức quyết định. Bỏ thời hạn riêng thì trở lại thời hạn của cấp trên."
        />
      ) : null}
      {shownMode === 'organisation' && adminGrants.length === 0 ? (
        <EmptyState text="Bạn không có quyền quản trị ở tổ chức nào." />
      ) : null}
      {operationId ? <OperationProgress id={operationId} onClose={() => setOperationId(null)} /> : null}
      {list.isPending && list.fetchStatus !== 'idle' ? <Loading rows={8} /> : null}
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
            { title: 'Quy trình', key: 'process', width: 130, render: (_, p) => labelVi(p.process) },
            { title: 'Bước', key: 'step', width: 160, render: (_, p) => labelVi(p.step) },
            { title: 'Thời hạn', key: 'due', width: 110, render: (_, p) => durationVi(p.due) },
            { title: 'Nhắc trước', key: 'remind', width: 110, render: (_, p) => durationVi(p.remindBefore) },
            { title: 'Chuyển cấp', key: 'escalate', width: 150, render: (_, p) => escalationVi(p) },
            { title: 'Cách tính', key: 'anchor', width: 120, render: (_, p) => POLICY_ANCHOR_LABELS[p.anchor].vi },
            ...(orgId
              ? [{ title: 'Áp dụng', key: 'applies', width: 150, render: (_: unknown, p: Policy) => appliesVi(p) }]
              : []),
            { title: 'Căn cứ', key: 'source', render: (_, p) => p.source },
            { title: 'Phiên bản', key: 'version', width: 80, render: (_, p) => p.version },
            { title: 'Thao tác', key: 'edit', width: orgId ? 170 : 80, render: (_, p) => actions(p) },
          ]}
        />
      ) : null}
      {list.data && list.data.length > 0 && !screens.md ? (
        <List
          dataSource={list.data}
          rowKey={policyKey}
          aria-label="Thời hạn các bước"
          renderItem={(p) => (
            <List.Item actions={[actions(p)]}>
              <List.Item.Meta
                title={`${labelVi(p.step)} · ${labelVi(p.process)}`}
                description={
                  <MetaText>
                    <div>
                      Thời hạn {durationVi(p.due)}; nhắc trước {durationVi(p.remindBefore)}
                    </div>
                    <div>{escalationVi(p)}</div>
                    {orgId ? <div>{appliesVi(p)}</div> : null}
                    <div>{p.source}</div>
                  </MetaText>
                }
              />
            </List.Item>
          )}
        />
      ) : null}
      {editing ? <EditPolicy policy={editing} scope={scope} onClose={() => setEditing(null)} onSaved={saved} /> : null}
      {clearing && scope ? (
        <ClearOverride policy={clearing} scope={scope} onClose={() => setClearing(null)} onSaved={saved} />
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
  scope,
  onClose,
  onSaved,
}: {
  policy: Policy;
  scope: Scope;
  onClose: () => void;
  onSaved: (operationId: string) => void;
}) {
  const [form] = Form.useForm<EditValues>();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  // Issue 14 §1: the preview of the terms as they stand in the form (dropped when they change), and where to apply.
  const [preview, setPreview] = useState<PolicyPreview | null>(null);
  const [changeScope, setChangeScope] = useState<ChangeScope>('running_too');
  const [selected, setSelected] = useState<string[]>([]);
  const previewing = useMutation({
    mutationFn: async (terms: Omit<EditValues, 'reason'>) =>
      (await unwrap(
        api.POST('/deadline-policies/{process}/{step}/preview', {
          params: { path: { process: policy.process, step: policy.step } },
          body: { ...terms, ...(scope ? { orgId: scope.orgId } : {}), pageSize: 200 },
        }),
      )) as PolicyPreview,
    onSuccess: (p) => {
      setPreview(p);
      setSelected([]);
    },
    onError: (e) => {
      const shown = showFieldError(form, e, (f) => {
        const path = f.split('.');
        return ['due', 'remindBefore', 'escalateEvery', 'maxEscalationLevel'].includes(path[0]) ? path : undefined;
      });
      setFailure(shown ? null : errorMessage(e));
    },
  });
  const showPreview = async () => {
    setFailure(null);
    try {
      const v = await form.validateFields(['due', 'remindBefore', 'escalateEvery', 'maxEscalationLevel'], {
        recursive: true,
      });
      const { due, remindBefore, escalateEvery, maxEscalationLevel } = v as EditValues;
      previewing.mutate({ due, remindBefore, escalateEvery, maxEscalationLevel });
    } catch {
      // The fields show what is missing.
    }
  };
  const impact = useQuery({
    queryKey: ['deadline-policies', 'impact', policy.process, policy.step, scope?.orgId ?? 'national'],
    queryFn: async () =>
      (await unwrap(
        api.GET('/deadline-policies/{process}/{step}/impact', {
          params: {
            path: { process: policy.process, step: policy.step },
            query: scope ? { orgId: scope.orgId } : {},
          },
        }),
      )) as Impact,
    staleTime: 0,
  });
  const save = useMutation({
    mutationFn: async (terms: EditValues) => {
      const values = {
        ...terms,
        scope: changeScope,
        ...(changeScope === 'selected_cases' ? { caseIds: selected } : {}),
        ...(preview ? { previewId: preview.previewId } : {}),
      };
      return scope
        ? unwrap(
            api.PUT('/deadline-policies/{process}/{step}/overrides/{orgId}', {
              params: { path: { process: policy.process, step: policy.step, orgId: scope.orgId } },
              body: values,
            }),
          )
        : unwrap(
            api.PUT('/deadline-policies/{process}/{step}', {
              params: { path: { process: policy.process, step: policy.step } },
              body: values,
            }),
          );
    },
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
      // A change since the preview (409 POLICY_PREVIEW_STALE or MISMATCH): the preview is dropped, to be made again.
      if (e instanceof ApiFailure && e.status === 409) setPreview(null);
      setFailure(shown ? null : errorMessage(e));
    },
  });
  const title = scope
    ? `Thời hạn riêng tại ${scope.orgName}: ${labelVi(policy.step)}`
    : `Sửa thời hạn: ${labelVi(policy.step)}`;
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
        {scope
          ? `. Đang áp dụng: ${durationVi(policy.due)}${policy.organisationId && policy.organisationId !== scope.orgId ? ` (theo ${policy.organisationName ?? 'cấp trên'})` : ''}; thời hạn riêng không được dài hơn.`
          : null}
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
        onValuesChange={(changed: Partial<EditValues>) => {
          if (Object.keys(changed).some((k) => k !== 'reason')) setPreview(null);
        }}
        onFinish={(v) => {
          setFailure(null);
          if (changeScope === 'selected_cases' && !selected.length) {
            setFailure('Chọn ít nhất một hồ sơ trong bản xem trước, hoặc chọn phạm vi khác.');
            return;
          }
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
        <Button onClick={showPreview} loading={previewing.isPending} style={{ marginBottom: 12 }}>
          Xem trước ảnh hưởng
        </Button>
        {preview ? (
          <div style={{ marginBottom: 12 }}>
            <PolicyPreviewPanel
              preview={preview}
              scope={changeScope}
              onScope={(next) => {
                setChangeScope(next);
                setFailure(null);
              }}
              selected={selected}
              onSelect={setSelected}
            />
          </div>
        ) : null}
        <ReasonField label="Lý do thay đổi" message="Bắt buộc: lý do thay đổi" minLength={3} maxLength={1000} />
      </Form>
    </Modal>
  );
}

/** Clears an organisation's own deadline: it and its subtree go back to the deadline in force above. */
function ClearOverride({
  policy,
  scope,
  onClose,
  onSaved,
}: {
  policy: Policy;
  scope: NonNullable<Scope>;
  onClose: () => void;
  onSaved: (operationId: string) => void;
}) {
  return (
    <ReasonDialog
      title={`Bỏ thời hạn riêng tại ${scope.orgName}: ${labelVi(policy.step)}`}
      okText="Bỏ thời hạn riêng"
      intro={
        <Typography.Paragraph>
          {scope.orgName} và các tổ chức cấp dưới trở lại thời hạn đang áp dụng ở cấp trên; các hồ sơ đang chờ bước này
          được tính lại hạn.
        </Typography.Paragraph>
      }
      reasonLabel="Lý do"
      reasonMessage="Bắt buộc: lý do"
      maxLength={1000}
      invalidate={['deadline-policies']}
      submit={async (reason) =>
        (await unwrap(
          api.POST('/deadline-policies/{process}/{step}/overrides/{orgId}/clear', {
            params: { path: { process: policy.process, step: policy.step, orgId: scope.orgId } },
            body: { reason },
          }),
        )) as components['schemas']['PolicyChange']
      }
      onClose={onClose}
      onDone={(res) => onSaved(res.operationId)}
    />
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
