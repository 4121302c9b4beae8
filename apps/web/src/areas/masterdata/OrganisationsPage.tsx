import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ORG_KIND_LABELS, ORG_KINDS, type OrgKind } from '@partyflow/domain';
import { api, unwrap } from '../../api/client';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { formatDate } from '../../format';
import {
  ADMINS,
  applyApiError,
  FormError,
  MasterdataHeader,
  OrgSelect,
  ReasonField,
  TONE,
  useRoles,
  type Organisation,
  type OrganisationNode,
} from './shared';
import { required } from '../../forms/required';

type Action = 'create' | 'rename' | 'move' | 'close';
const ACTION_TITLES: Record<Action, string> = {
  create: 'Thêm tổ chức trực thuộc',
  rename: 'Đổi tên tổ chức',
  move: 'Chuyển sang cấp trên khác',
  close: 'Giải thể, sáp nhập (đóng tổ chức)',
};
const ACTION_DONE: Record<Action, string> = {
  create: 'Đã thêm tổ chức.',
  rename: 'Đã đổi tên.',
  move: 'Đã chuyển tổ chức.',
  close: 'Đã đóng tổ chức.',
};
/** The kinds a new organisation under a parent of this kind may have (libs/domain org-tree.ts; no new district). */
const CHILD_KINDS: Record<OrgKind, OrgKind[]> = {
  provincial_committee: ['grassroots_committee'],
  district_committee: ['grassroots_committee'],
  grassroots_committee: ['cell'],
  cell: [],
};

type TreeItem = { key: string; title: string; children: TreeItem[] };
function toTree(nodes: OrganisationNode[]): TreeItem[] {
  return nodes.map((n) => ({
    key: n.id,
    title: `${n.name} (${n.code})${n.status === 'closed' ? ' — đã đóng' : ''}`,
    children: toTree(n.children ?? []),
  }));
}
function topKeys(nodes: OrganisationNode[], depth: number): string[] {
  return depth <= 0 ? [] : nodes.flatMap((n) => [n.id, ...topKeys(n.children ?? [], depth - 1)]);
}

export function OrganisationsPage() {
  const roles = useRoles();
  const isAdmin = ADMINS.some((r) => roles.has(r));
  const [includeClosed, setIncludeClosed] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const tree = useQuery({
    queryKey: ['organisations', 'tree', includeClosed],
    queryFn: async () =>
      (await unwrap(
        api.GET('/organisations/tree', { params: { query: { includeClosed: includeClosed ? 'true' : 'false' } } }),
      )) as unknown as OrganisationNode[],
  });
  const items = useMemo(() => toTree(tree.data ?? []), [tree.data]);
  const org = useQuery({
    queryKey: ['organisation', selected],
    enabled: !!selected,
    queryFn: async () => unwrap(api.GET('/organisations/{id}', { params: { path: { id: selected ?? '' } } })),
  });

  return (
    <div>
      <MasterdataHeader title="Tổ chức đảng" />
      {done ? <Alert type="success" showIcon message={done} closable onClose={() => setDone(null)} /> : null}
      <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
        <Col xs={24} md={12}>
          <Card size="small" title="Cây tổ chức">
            <Checkbox checked={includeClosed} onChange={(e) => setIncludeClosed(e.target.checked)}>
              Hiện cả tổ chức đã đóng
            </Checkbox>
            <div>
              <Typography.Text type="secondary">
                Bàn phím: phím mũi tên để di chuyển, Enter để mở hoặc thu gọn, phím cách để chọn.
              </Typography.Text>
            </div>
            <div style={{ marginTop: 8 }}>
              {tree.isPending ? (
                <Loading rows={6} />
              ) : tree.isError ? (
                <ErrorState error={tree.error} onRetry={() => tree.refetch()} />
              ) : items.length === 0 ? (
                <EmptyState text="Chưa có tổ chức nào trong phạm vi của bạn" />
              ) : (
                <Tree
                  aria-label="Cây tổ chức"
                  treeData={items}
                  defaultExpandedKeys={topKeys(tree.data ?? [], 2)}
                  selectedKeys={selected ? [selected] : []}
                  onSelect={(keys) => setSelected((keys[0] as string | undefined) ?? null)}
                  blockNode
                />
              )}
            </div>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          {!selected ? (
            <Card size="small">
              <EmptyState text="Chọn một tổ chức trong cây để xem" />
            </Card>
          ) : org.isPending ? (
            <Loading rows={4} />
          ) : org.isError ? (
            <ErrorState error={org.error} onRetry={() => org.refetch()} />
          ) : (
            <OrganisationCard org={org.data} isAdmin={isAdmin} onAction={setAction} />
          )}
        </Col>
      </Row>
      {action && org.data ? (
        <OrganisationActionModal
          action={action}
          org={org.data}
          onClose={() => setAction(null)}
          onDone={(text, id) => {
            setAction(null);
            setDone(text);
            if (id) setSelected(id);
          }}
        />
      ) : null}
    </div>
  );
}

function OrganisationCard({
  org,
  isAdmin,
  onAction,
}: {
  org: Organisation;
  isAdmin: boolean;
  onAction: (a: Action) => void;
}) {
  const open = org.status === 'active';
  return (
    <Card size="small" title={org.name}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'code', label: 'Mã', children: org.code },
          { key: 'kind', label: 'Loại', children: org.kindLabel },
          {
            key: 'status',
            label: 'Trạng thái',
            children: <Tag color={open ? TONE.success : TONE.neutral}>{org.statusLabel}</Tag>,
          },
          { key: 'created', label: 'Ngày tạo', children: formatDate(org.createdAt) },
          ...(org.closedAt
            ? [
                { key: 'closed', label: 'Ngày đóng', children: formatDate(org.closedAt) },
                { key: 'closeReason', label: 'Lý do đóng', children: org.closeReason ?? '—' },
              ]
            : []),
        ]}
      />
      {isAdmin && open ? (
        <Space wrap style={{ marginTop: 12 }}>
          {CHILD_KINDS[org.kind].length ? (
            <Button type="primary" onClick={() => onAction('create')}>
              {ACTION_TITLES.create}
            </Button>
          ) : null}
          <Button onClick={() => onAction('rename')}>Đổi tên</Button>
          {org.parentId ? <Button onClick={() => onAction('move')}>Chuyển cấp trên</Button> : null}
          <Button danger onClick={() => onAction('close')}>
            Đóng tổ chức
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}

type ActionValues = { code?: string; name?: string; kind?: OrgKind; parentId?: string; reason: string };

function OrganisationActionModal({
  action,
  org,
  onClose,
  onDone,
}: {
  action: Action;
  org: Organisation;
  onClose: () => void;
  onDone: (text: string, selectId?: string) => void;
}) {
  const [form] = Form.useForm<ActionValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: async (v: ActionValues): Promise<string | undefined> => {
      const id = org.id;
      if (action === 'create') {
        const created = await unwrap(
          api.POST('/organisations', {
            body: {
              code: required(v.code, 'code'),
              name: required(v.name, 'name'),
              kind: required(v.kind, 'kind'),
              parentId: org.id,
              reason: v.reason,
            },
          }),
        );
        return created.id;
      }
      if (action === 'rename') {
        await unwrap(
          api.PATCH('/organisations/{id}', {
            params: { path: { id } },
            body: { name: required(v.name, 'name'), reason: v.reason },
          }),
        );
      } else if (action === 'move') {
        const moved = await unwrap(
          api.POST('/organisations/{id}/move', {
            params: { path: { id } },
            body: { parentId: required(v.parentId, 'parentId'), reason: v.reason },
          }),
        );
        return moved.organisation.id;
      } else {
        await unwrap(api.POST('/organisations/{id}/close', { params: { path: { id } }, body: { reason: v.reason } }));
      }
      return id;
    },
    onSuccess: async (id) => {
      await queryClient.invalidateQueries({ queryKey: ['organisations'] });
      await queryClient.invalidateQueries({ queryKey: ['organisation'] });
      onDone(ACTION_DONE[action], id);
    },
    onError: (e) => setFailure(applyApiError(form, e, ['code', 'name', 'kind', 'parentId', 'reason'])),
  });
  const kinds = CHILD_KINDS[org.kind];

  return (
    <Modal
      open
      title={`${ACTION_TITLES[action]}: ${org.name}`}
      okText={action === 'close' ? 'Đóng tổ chức' : 'Lưu'}
      okButtonProps={{ danger: action === 'close', loading: save.isPending }}
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <FormError text={failure} />
      <Form<ActionValues>
        form={form}
        layout="vertical"
        initialValues={{ name: action === 'rename' ? org.name : '', kind: kinds[0] }}
        onFinish={(v) => {
          setFailure(null);
          save.mutate(v);
        }}
      >
        {action === 'create' ? (
          <>
            <Form.Item name="code" label="Mã tổ chức" rules={[{ required: true, message: 'Bắt buộc nhập mã' }]}>
              <Input maxLength={64} placeholder={`${org.code}-…`} />
            </Form.Item>
            <Form.Item name="kind" label="Loại tổ chức" rules={[{ required: true, message: 'Bắt buộc chọn loại' }]}>
              <Select options={kinds.map((k) => ({ value: k, label: ORG_KIND_LABELS[k].vi }))} />
            </Form.Item>
          </>
        ) : null}
        {action === 'create' || action === 'rename' ? (
          <Form.Item
            name="name"
            label="Tên tổ chức"
            rules={[{ required: true, whitespace: true, min: 3, message: 'Tên từ 3 ký tự' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        ) : null}
        {action === 'move' ? (
          <Form.Item
            name="parentId"
            label="Tổ chức cấp trên mới"
            rules={[{ required: true, message: 'Bắt buộc chọn cấp trên mới' }]}
          >
            <OrgSelect kind={parentKindOf(org.kind)} />
          </Form.Item>
        ) : null}
        {action === 'close' ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message="Chỉ đóng được khi tổ chức không còn tổ chức trực thuộc, đảng viên, nhiệm vụ hay hồ sơ đang mở."
          />
        ) : null}
        <ReasonField />
      </Form>
    </Modal>
  );
}

function parentKindOf(kind: OrgKind): OrgKind | undefined {
  return ORG_KINDS.find((k) => CHILD_KINDS[k].includes(kind) && k !== 'district_committee');
}
