import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  GRADING_LABELS,
  GRADINGS,
  LOCAL_CHECK_KIND_LABELS,
  LOCAL_CHECK_KINDS,
  type Grading,
  type LocalCheckKind,
} from '@partyflow/domain';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { useSession } from '../../app/session';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { formatDate } from '../../format';
import { parseViDate, toViDate, viDateRule } from './dates';
import { applyApiError, FormError, MasterdataHeader, OrgSelect, ReasonField, TONE } from './shared';
import { required } from '../../forms/required';

/** GET /criteria (criteria.responses.ts). */
export type CriteriaSet = components['schemas']['CriteriaSet'];
type Check = CriteriaSet['checks'][number];
const STATUS_COLOURS: Record<CriteriaSet['status'], string> = {
  in_force: TONE.success,
  scheduled: TONE.info,
  expired: 'default',
  retired: 'default',
};

/** A check as a sentence (issue 10: no code identifier on screen). */
export function describeCheck(c: Check): string {
  const grading = GRADING_LABELS[c.minGrading].vi.toLowerCase();
  if (c.kind === 'min_grading_last_year') return `Năm gần nhất xếp loại “${grading}” trở lên`;
  return (
    `${c.years} năm liền xếp loại “${grading}” trở lên` +
    (c.requireExcellentOrAward ? ', trong đó có một năm hoàn thành xuất sắc hoặc được khen thưởng' : '')
  );
}

export function CriteriaPage() {
  const session = useSession();
  const screens = Grid.useBreakpoint();
  const [orgId, setOrgId] = useState<string | null>(session?.user.roles[0]?.orgId ?? null);
  const [dialog, setDialog] = useState<{ kind: 'adopt' } | { kind: 'edit' | 'retire'; set: CriteriaSet } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['criteria', orgId],
    enabled: !!orgId,
    queryFn: async () =>
      (await unwrap(api.GET('/criteria', { params: { query: { orgId: orgId ?? '' } } }))) as unknown as CriteriaSet[],
  });
  const actions = (s: CriteriaSet) =>
    s.status === 'retired' ? null : (
      <Space wrap>
        <Button size="small" onClick={() => setDialog({ kind: 'edit', set: s })}>
          Sửa
        </Button>
        <Button size="small" danger onClick={() => setDialog({ kind: 'retire', set: s })}>
          Bãi bỏ
        </Button>
      </Space>
    );
  const period = (s: CriteriaSet) =>
    `${formatDate(s.effectiveFrom)} – ${s.effectiveUntil ? formatDate(s.effectiveUntil) : 'đến khi bãi bỏ'}`;

  return (
    <div>
      <MasterdataHeader
        title="Tiêu chuẩn kết nạp riêng"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'adopt' })}>
            Ban hành bộ tiêu chuẩn
          </Button>
        }
      />
      {done ? <Alert type="success" showIcon message={done} closable onClose={() => setDone(null)} /> : null}
      <Card size="small" style={{ margin: '12px 0' }}>
        <div style={{ maxWidth: 480 }}>
          <OrgSelect aria-label="Tổ chức" value={orgId} onChange={setOrgId} />
        </div>
      </Card>
      {!orgId ? (
        <EmptyState text="Chọn một tổ chức để xem các bộ tiêu chuẩn áp dụng" />
      ) : list.isPending ? (
        <Loading rows={4} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState text="Không có bộ tiêu chuẩn riêng nào: áp dụng tiêu chuẩn chung" />
      ) : screens.md ? (
        <Table<CriteriaSet>
          rowKey="id"
          aria-label="Các bộ tiêu chuẩn"
          dataSource={list.data}
          pagination={false}
          columns={[
            { title: 'Tên', key: 'name', dataIndex: 'name' },
            { title: 'Văn bản', key: 'doc', render: (_, s) => s.documentRef ?? '—' },
            { title: 'Cấp ủy', key: 'org', render: (_, s) => s.organisation.name },
            { title: 'Hiệu lực', key: 'period', render: (_, s) => period(s) },
            { title: 'Tiêu chí', key: 'checks', render: (_, s) => s.checks.map(describeCheck).join('; ') },
            {
              title: 'Trạng thái',
              key: 'status',
              render: (_, s) => <Tag color={STATUS_COLOURS[s.status]}>{s.statusLabel}</Tag>,
            },
            { title: 'Thao tác', key: 'act', render: (_, s) => actions(s) },
          ]}
        />
      ) : (
        <List<CriteriaSet>
          aria-label="Các bộ tiêu chuẩn"
          dataSource={list.data}
          rowKey="id"
          renderItem={(s) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <strong>{s.name}</strong> <Tag color={STATUS_COLOURS[s.status]}>{s.statusLabel}</Tag>
                <div>
                  {s.organisation.name} · {s.documentRef ?? '—'} · {period(s)}
                </div>
                <div>{s.checks.map(describeCheck).join('; ')}</div>
                {actions(s)}
              </div>
            </List.Item>
          )}
        />
      )}
      {dialog ? (
        <CriteriaDialog
          dialog={dialog}
          orgId={orgId}
          onClose={() => setDialog(null)}
          onDone={(text) => {
            setDialog(null);
            setDone(text);
          }}
        />
      ) : null}
    </div>
  );
}

type CheckValues = { kind: LocalCheckKind; years?: number; minGrading: Grading; requireExcellentOrAward?: boolean };
type Values = {
  organisationId?: string;
  name?: string;
  documentRef?: string;
  effectiveFrom?: string;
  effectiveUntil?: string;
  checks?: CheckValues[];
  reason: string;
};

function CriteriaDialog({
  dialog,
  orgId,
  onClose,
  onDone,
}: {
  dialog: { kind: 'adopt' } | { kind: 'edit' | 'retire'; set: CriteriaSet };
  orgId: string | null;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const set = dialog.kind === 'adopt' ? null : dialog.set;
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const reason = v.reason.trim();
      if (dialog.kind === 'retire' && set) {
        await unwrap(api.POST('/criteria/{id}/retire', { params: { path: { id: set.id } }, body: { reason } }));
        return `Đã bãi bỏ bộ tiêu chuẩn “${set.name}”.`;
      }
      const fields = {
        name: required(v.name?.trim(), 'name'),
        documentRef: required(v.documentRef?.trim(), 'documentRef'),
        effectiveFrom: required(parseViDate(v.effectiveFrom ?? ''), 'effectiveFrom'),
        effectiveUntil: v.effectiveUntil ? parseViDate(v.effectiveUntil) : null,
        checks: (v.checks ?? []).map((c) =>
          c.kind === 'consecutive_gradings'
            ? {
                kind: c.kind,
                years: required(c.years, 'checks'),
                minGrading: c.minGrading,
                requireExcellentOrAward: !!c.requireExcellentOrAward,
              }
            : { kind: c.kind, minGrading: c.minGrading },
        ),
        reason,
      };
      if (set) {
        await unwrap(api.PATCH('/criteria/{id}', { params: { path: { id: set.id } }, body: fields }));
        return `Đã sửa bộ tiêu chuẩn “${fields.name}”.`;
      }
      await unwrap(
        api.POST('/criteria', { body: { ...fields, organisationId: required(v.organisationId, 'organisationId') } }),
      );
      return `Đã ban hành bộ tiêu chuẩn “${fields.name}”.`;
    },
    onSuccess: async (text) => {
      await queryClient.invalidateQueries({ queryKey: ['criteria'] });
      onDone(text);
    },
    onError: (e) =>
      setFailure(
        applyApiError(form, e, [
          'organisationId',
          'name',
          'documentRef',
          'effectiveFrom',
          'effectiveUntil',
          'checks',
          'reason',
        ]),
      ),
  });
  const title =
    dialog.kind === 'adopt'
      ? 'Ban hành bộ tiêu chuẩn kết nạp riêng'
      : dialog.kind === 'edit'
        ? `Sửa bộ tiêu chuẩn: ${set?.name}`
        : `Bãi bỏ bộ tiêu chuẩn: ${set?.name}`;
  const initial: Partial<Values> = set
    ? {
        name: set.name,
        documentRef: set.documentRef ?? '',
        effectiveFrom: toViDate(set.effectiveFrom),
        effectiveUntil: toViDate(set.effectiveUntil),
        checks: set.checks.map((c) => ({ ...c })),
      }
    : {
        organisationId: orgId ?? undefined,
        checks: [{ kind: 'consecutive_gradings', years: 3, minGrading: 'good', requireExcellentOrAward: true }],
      };
  return (
    <Modal
      open
      width={720}
      title={title}
      okText={dialog.kind === 'retire' ? 'Bãi bỏ' : 'Lưu'}
      cancelText="Hủy"
      okButtonProps={{ loading: save.isPending, danger: dialog.kind === 'retire' }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <FormError text={failure} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => {
          setFailure(null);
          save.mutate(v);
        }}
      >
        {dialog.kind === 'adopt' ? (
          <Form.Item
            name="organisationId"
            label="Cấp ủy ban hành"
            rules={[{ required: true, message: 'Bắt buộc chọn cấp ủy' }]}
          >
            <OrgSelect />
          </Form.Item>
        ) : null}
        {dialog.kind !== 'retire' ? (
          <>
            <Form.Item
              name="name"
              label="Tên bộ tiêu chuẩn"
              rules={[{ required: true, whitespace: true, message: 'Bắt buộc' }]}
            >
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item
              name="documentRef"
              label="Số, ký hiệu văn bản ban hành"
              rules={[{ required: true, whitespace: true, message: 'Bắt buộc' }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="effectiveFrom" label="Hiệu lực từ ngày" rules={[viDateRule(true)]}>
                <Input placeholder="dd/mm/yyyy" inputMode="numeric" maxLength={10} />
              </Form.Item>
              <Form.Item name="effectiveUntil" label="Đến ngày (để trống: đến khi bãi bỏ)" rules={[viDateRule(false)]}>
                <Input placeholder="dd/mm/yyyy" inputMode="numeric" maxLength={10} />
              </Form.Item>
            </Space>
            <Form.List name="checks">
              {(items, { add, remove }) => (
                <Card size="small" title="Các tiêu chí" style={{ marginBottom: 12 }}>
                  {items.map((item, i) => (
                    <CheckFields key={item.key} index={i} name={item.name} onRemove={() => remove(item.name)} />
                  ))}
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ kind: 'min_grading_last_year', minGrading: 'good' })}
                    disabled={items.length >= 10}
                  >
                    Thêm tiêu chí
                  </Button>
                </Card>
              )}
            </Form.List>
          </>
        ) : null}
        <ReasonField label={dialog.kind === 'retire' ? 'Lý do bãi bỏ' : 'Căn cứ, lý do'} />
      </Form>
    </Modal>
  );
}

function CheckFields({ index, name, onRemove }: { index: number; name: number; onRemove: () => void }) {
  const form = Form.useFormInstance<Values>();
  const kind = Form.useWatch(['checks', name, 'kind'], form) as LocalCheckKind | undefined;
  return (
    <Space wrap align="start" style={{ marginBottom: 8 }} aria-label={`Tiêu chí ${index + 1}`}>
      <Form.Item
        name={[name, 'kind']}
        label={`Tiêu chí ${index + 1}`}
        rules={[{ required: true, message: 'Bắt buộc' }]}
      >
        <Select
          style={{ minWidth: 260 }}
          options={LOCAL_CHECK_KINDS.map((k) => ({ value: k, label: LOCAL_CHECK_KIND_LABELS[k].vi }))}
        />
      </Form.Item>
      {kind === 'consecutive_gradings' ? (
        <Form.Item name={[name, 'years']} label="Số năm liền" rules={[{ required: true, message: 'Bắt buộc' }]}>
          <InputNumber min={1} max={10} precision={0} />
        </Form.Item>
      ) : null}
      <Form.Item
        name={[name, 'minGrading']}
        label="Xếp loại tối thiểu"
        rules={[{ required: true, message: 'Bắt buộc' }]}
      >
        <Select style={{ minWidth: 240 }} options={GRADINGS.map((g) => ({ value: g, label: GRADING_LABELS[g].vi }))} />
      </Form.Item>
      {kind === 'consecutive_gradings' ? (
        <Form.Item name={[name, 'requireExcellentOrAward']} valuePropName="checked" label="Điều kiện thêm">
          <Checkbox>Có một năm xuất sắc hoặc khen thưởng</Checkbox>
        </Form.Item>
      ) : null}
      <Button
        type="text"
        icon={<MinusCircleOutlined />}
        aria-label={`Bỏ tiêu chí ${index + 1}`}
        onClick={onRemove}
        style={{ marginTop: 30 }}
      />
    </Space>
  );
}
