import {
  Alert,
  Button,
  Card,
  Collapse,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { INSPECTION_INTERVALS_MONTHS, INSPECTION_SCOPE_LABELS, INSPECTION_SCOPES } from '@partyflow/domain';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { formatDate, formatDateTime } from '../../format';
import { errorMessage, OrgSelect, PageTitle, showFieldError, useRoles, StatusTag } from './shared';

type Programme = components['schemas']['InspectionProgramme'];
type Detail = components['schemas']['InspectionProgrammeDetail'];
type Round = components['schemas']['InspectionRound'];

const intervalVi = (months: number) => (months === 12 ? 'Mỗi năm một lần' : `${months} tháng một lần`);
const INTERVAL_OPTIONS = INSPECTION_INTERVALS_MONTHS.map((m) => ({ value: m, label: intervalVi(m) }));

/** Inspection programmes (issue 10): create, pause, resume, trigger, change the interval; next runs and rounds. */
export function InspectionsPage() {
  const roles = useRoles();
  const [creating, setCreating] = useState(false);
  const canManage = roles.has('administrator');
  const list = useQuery({
    queryKey: ['inspection-programmes'],
    queryFn: async () => (await unwrap(api.GET('/inspection-programmes', {}))) as Programme[],
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>Chương trình kiểm tra chi bộ</PageTitle>
      {canManage ? (
        <Flex>
          <Button type="primary" onClick={() => setCreating(true)}>
            Lập chương trình kiểm tra
          </Button>
        </Flex>
      ) : null}
      {list.isPending ? <Loading rows={5} /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data && list.data.length === 0 ? <EmptyState text="Chưa có chương trình kiểm tra nào." /> : null}
      {list.data?.map((p) => (
        <ProgrammeCard key={p.id} programme={p} canManage={canManage} />
      ))}
      {creating ? <CreateDialog onClose={() => setCreating(false)} /> : null}
    </Space>
  );
}

function ProgrammeCard({ programme: p, canManage }: { programme: Programme; canManage: boolean }) {
  const queryClient = useQueryClient();
  const [intervalOpen, setIntervalOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const path = { params: { path: { id: p.id } } };
  const detail = useQuery({
    queryKey: ['inspection-programmes', p.id],
    queryFn: async () => (await unwrap(api.GET('/inspection-programmes/{id}', path))) as Detail,
  });
  const rounds = useQuery({
    queryKey: ['inspection-programmes', p.id, 'rounds'],
    queryFn: async () => (await unwrap(api.GET('/inspection-programmes/{id}/rounds', path))) as Round[],
  });
  const act = useMutation({
    mutationFn: async (what: 'pause' | 'resume' | 'trigger') => {
      if (what === 'pause') return unwrap(api.POST('/inspection-programmes/{id}/pause', { ...path, body: {} }));
      if (what === 'resume') return unwrap(api.POST('/inspection-programmes/{id}/resume', { ...path, body: {} }));
      return unwrap(api.POST('/inspection-programmes/{id}/trigger', path));
    },
    onSuccess: async (res, what) => {
      // The answer is the programme as it now stands: shown at once, then the list and the rounds refresh.
      queryClient.setQueryData(['inspection-programmes', p.id], res);
      setFailure(null);
      setNotice(
        what === 'pause'
          ? 'Đã tạm dừng lịch kiểm tra.'
          : what === 'resume'
            ? 'Đã tiếp tục lịch kiểm tra.'
            : 'Đã bắt đầu một đợt kiểm tra.',
      );
      await queryClient.invalidateQueries({ queryKey: ['inspection-programmes'] });
    },
    onError: (e) => setFailure(errorMessage(e)),
  });
  const d = detail.data;
  const active = d ? d.active && !d.schedule.paused : p.active;
  const name = `${p.inspectingOrg.name} — ${p.scopeLabel}`;
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} style={{ fontSize: 17, margin: 0, whiteSpace: 'normal' }}>
          {name}
        </Typography.Title>
      }
      extra={<StatusTag color={active ? 'green' : 'default'}>{active ? 'Đang hoạt động' : 'Tạm dừng'}</StatusTag>}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {failure ? (
          <Alert type="error" role="alert" message={failure} closable onClose={() => setFailure(null)} />
        ) : null}
        {notice ? (
          <Alert type="success" role="status" message={notice} closable onClose={() => setNotice(null)} />
        ) : null}
        <Descriptions
          styles={{ label: { color: 'rgba(0, 0, 0, 0.7)' } }}
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'interval', label: 'Chu kỳ', children: intervalVi(d?.intervalMonths ?? p.intervalMonths) },
            { key: 'attempts', label: 'Số lần khắc phục tối đa', children: p.maxRemediationAttempts },
            { key: 'by', label: 'Người lập', children: `${p.createdBy}, ${formatDate(p.createdAt)}` },
            {
              key: 'next',
              label: 'Các lần chạy tiếp theo',
              children: detail.isPending
                ? 'Đang tải…'
                : detail.isError
                  ? errorMessage(detail.error)
                  : d && d.schedule.nextRunTimes.length && active
                    ? d.schedule.nextRunTimes.slice(0, 4).map(formatDate).join('; ')
                    : 'Không có (lịch đang tạm dừng)',
            },
          ]}
        />
        {canManage ? (
          <Flex gap={8} wrap="wrap">
            {active ? (
              <Button onClick={() => act.mutate('pause')} loading={act.isPending && act.variables === 'pause'}>
                Tạm dừng
              </Button>
            ) : (
              <Button onClick={() => act.mutate('resume')} loading={act.isPending && act.variables === 'resume'}>
                Tiếp tục
              </Button>
            )}
            <Button onClick={() => act.mutate('trigger')} loading={act.isPending && act.variables === 'trigger'}>
              Kiểm tra ngay
            </Button>
            <Button onClick={() => setIntervalOpen(true)}>Đổi chu kỳ</Button>
          </Flex>
        ) : null}
        <Collapse
          size="small"
          items={[
            {
              key: 'rounds',
              label: `Các đợt kiểm tra (${rounds.data?.length ?? 0})`,
              children: rounds.isError ? (
                <ErrorState error={rounds.error} onRetry={() => rounds.refetch()} />
              ) : rounds.data && rounds.data.length === 0 ? (
                <EmptyState text="Chưa có đợt kiểm tra nào." />
              ) : (
                <Table<Round>
                  rowKey="id"
                  size="small"
                  loading={rounds.isPending}
                  dataSource={rounds.data ?? []}
                  pagination={false}
                  scroll={{ x: true }}
                  aria-label="Các đợt kiểm tra"
                  columns={[
                    { title: 'Bắt đầu', key: 'start', render: (_, r) => formatDateTime(r.startedAt) },
                    {
                      title: 'Kỳ xem xét',
                      key: 'review',
                      render: (_, r) => `${formatDate(r.reviewFrom)} – ${formatDate(r.reviewTo)}`,
                    },
                    { title: 'Kết thúc', key: 'end', render: (_, r) => formatDate(r.endsOn) },
                    { title: 'Trạng thái', key: 'status', render: (_, r) => r.statusLabel },
                  ]}
                />
              ),
            },
          ]}
        />
      </Space>
      {intervalOpen ? (
        <IntervalDialog
          programme={d ?? p}
          onClose={() => setIntervalOpen(false)}
          onDone={() => {
            setIntervalOpen(false);
            setNotice('Đã đổi chu kỳ kiểm tra.');
          }}
        />
      ) : null}
    </Card>
  );
}

function IntervalDialog({
  programme,
  onClose,
  onDone,
}: {
  programme: Programme;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ intervalMonths: number; reason?: string }>();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (v: { intervalMonths: number; reason?: string }) =>
      unwrap(
        api.PUT('/inspection-programmes/{id}/interval', {
          params: { path: { id: programme.id } },
          body: { intervalMonths: v.intervalMonths, ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['inspection-programmes'] });
      onDone();
    },
    onError: (e) => {
      const shown = showFieldError(form, e, (f) => (f === 'intervalMonths' || f === 'reason' ? [f] : undefined));
      setFailure(shown ? null : errorMessage(e));
    },
  });
  return (
    <Modal
      open
      title="Đổi chu kỳ kiểm tra"
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
        initialValues={{ intervalMonths: programme.intervalMonths }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="intervalMonths" label="Chu kỳ">
          <Select options={INTERVAL_OPTIONS} />
        </Form.Item>
        <Form.Item name="reason" label="Lý do">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type CreateValues = { orgId: string; scope: Programme['scope']; intervalMonths: number };

function CreateDialog({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<CreateValues>();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (v: CreateValues) => unwrap(api.POST('/inspection-programmes', { body: v })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['inspection-programmes'] });
      onClose();
    },
    onError: (e) => {
      const shown = showFieldError(form, e, (f) =>
        ['orgId', 'scope', 'intervalMonths'].includes(f) ? [f] : undefined,
      );
      setFailure(shown ? null : errorMessage(e));
    },
  });
  return (
    <Modal
      open
      title="Lập chương trình kiểm tra"
      okText="Lập chương trình"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {failure ? <Alert type="error" role="alert" message={failure} style={{ marginBottom: 12 }} /> : null}
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ scope: 'grassroots_own_cells', intervalMonths: 6 }}
        onFinish={(v) => {
          setFailure(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="orgId" label="Tổ chức kiểm tra" rules={[{ required: true, message: 'Bắt buộc' }]}>
          <OrgSelect />
        </Form.Item>
        <Form.Item name="scope" label="Phạm vi">
          <Select options={INSPECTION_SCOPES.map((s) => ({ value: s, label: INSPECTION_SCOPE_LABELS[s].vi }))} />
        </Form.Item>
        <Form.Item name="intervalMonths" label="Chu kỳ">
          <Select options={INTERVAL_OPTIONS} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
