import { Alert, Button, Card, Descriptions, Form, Grid, Input, List, Modal, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import {
  labelVi,
  MAIL_PREFERENCE_LABELS,
  MAIL_PREFERENCES,
  ROLE_LABELS,
  ROLES,
  type MailPreferenceValue,
  type Role,
} from '@partyflow/domain';
import { api, unwrap } from '../../api/client';
import { ErrorState, Loading } from '../../components/states';
import { formatDate, formatDateTime } from '../../format';
import { parseViDate, viDateRule } from './dates';
import { MD } from './paths';
import {
  applyApiError,
  FormError,
  MasterdataHeader,
  OrgSelect,
  ReasonField,
  TONE,
  type DisableUserResult,
  type RoleAssignment,
  type User,
} from './shared';
import { required } from '../../forms/required';

type Dialog =
  | { kind: 'password' }
  | { kind: 'mail' }
  | { kind: 'grant' }
  | { kind: 'revoke'; role: RoleAssignment }
  | { kind: 'disable' }
  | { kind: 'enable' };
type OpenTask = DisableUserResult['openTasks'][number];
type ReassignmentOffer = NonNullable<DisableUserResult['reassignment']>;

export function UserPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [done, setDone] = useState<string | null>((location.state as { done?: string } | null)?.done ?? null);
  const [openTasks, setOpenTasks] = useState<OpenTask[] | null>(null);
  // Issue 14 §2: disabling offers the bulk reassignment of the user's own tasks.
  const [offer, setOffer] = useState<ReassignmentOffer | null>(null);
  const user = useQuery({
    queryKey: ['user', id],
    queryFn: async () => unwrap(api.GET('/users/{id}', { params: { path: { id } } })),
  });
  if (user.isPending) return <Loading rows={6} />;
  if (user.isError) return <ErrorState error={user.error} onRetry={() => user.refetch()} />;
  const u = user.data;
  const finished = (text: string, saved?: User) => {
    if (saved) queryClient.setQueryData(['user', id], saved);
    void queryClient.invalidateQueries({ queryKey: ['user', id] });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    setDialog(null);
    setDone(text);
  };
  const validity = (r: RoleAssignment) =>
    `${r.validFrom ? formatDate(r.validFrom) : '—'} – ${r.validUntil ? formatDate(r.validUntil) : 'không thời hạn'}`;
  const state = (r: RoleAssignment) =>
    r.revokedAt ? (
      <Tag>Đã thu hồi</Tag>
    ) : r.inForce ? (
      <Tag color={TONE.success}>Đang hiệu lực</Tag>
    ) : (
      <Tag>Ngoài thời hạn</Tag>
    );

  return (
    <div>
      <MasterdataHeader title={`Người dùng: ${u.username}`} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Link to={MD.users}>← Danh sách người dùng</Link>
        {done ? <Alert type="success" showIcon message={done} closable onClose={() => setDone(null)} /> : null}
        {openTasks ? (
          <Alert
            type={openTasks.length ? 'warning' : 'info'}
            showIcon
            message={
              openTasks.length
                ? `Người dùng còn ${openTasks.length} nhiệm vụ đang mở cần giao lại cho người khác:`
                : 'Người dùng không còn nhiệm vụ nào đang mở.'
            }
            description={
              openTasks.length ? (
                <List
                  size="small"
                  dataSource={openTasks}
                  rowKey="id"
                  renderItem={(t) => (
                    <List.Item>
                      {t.title} — {labelVi(t.step.split(':')[0])}, hạn {formatDate(t.dueOn)}
                    </List.Item>
                  )}
                />
              ) : undefined
            }
            action={
              offer?.openTaskCount ? (
                <Link
                  to={`/giam-sat/chuyen-viec?${new URLSearchParams({
                    orgId: offer.request.body.orgId,
                    assigneeUserId: offer.request.body.assigneeUserId,
                    assigneeName: u.fullName,
                  })}`}
                >
                  <Button>Chuyển {offer.openTaskCount} nhiệm vụ cho người khác</Button>
                </Link>
              ) : undefined
            }
          />
        ) : null}
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'username', label: 'Tên đăng nhập', children: u.username },
              { key: 'name', label: 'Họ và tên', children: u.fullName },
              { key: 'org', label: 'Tổ chức', children: u.orgName ?? '—' },
              { key: 'kind', label: 'Loại', children: u.memberId ? 'Đảng viên' : 'Cán bộ' },
              {
                key: 'state',
                label: 'Tình trạng',
                children: u.disabled ? (
                  <Tag>Đã khóa từ {formatDateTime(u.disabledAt)}</Tag>
                ) : (
                  <Tag color={TONE.success}>Hoạt động</Tag>
                ),
              },
              ...(u.disabled ? [{ key: 'why', label: 'Lý do khóa', children: u.disabledReason ?? '—' }] : []),
              { key: 'email', label: 'Thư điện tử', children: u.email ?? '—' },
              { key: 'mail', label: 'Nhận thư thông báo', children: MAIL_PREFERENCE_LABELS[u.mailPreference].vi },
            ]}
          />
          <Space wrap style={{ marginTop: 12 }}>
            <Button onClick={() => setDialog({ kind: 'password' })}>Đặt lại mật khẩu</Button>
            <Button onClick={() => setDialog({ kind: 'mail' })}>Thư thông báo</Button>
            {!u.disabled ? (
              <Button type="primary" onClick={() => setDialog({ kind: 'grant' })}>
                Giao vai trò
              </Button>
            ) : null}
            {u.disabled ? (
              <Button onClick={() => setDialog({ kind: 'enable' })}>Mở khóa tài khoản</Button>
            ) : (
              <Button danger onClick={() => setDialog({ kind: 'disable' })}>
                Khóa tài khoản
              </Button>
            )}
          </Space>
        </Card>
        <Card size="small" title="Vai trò">
          {u.roles.length === 0 ? (
            'Chưa có vai trò nào.'
          ) : screens.md ? (
            <Table<RoleAssignment>
              rowKey="id"
              aria-label="Vai trò của người dùng"
              dataSource={u.roles}
              pagination={false}
              columns={[
                { title: 'Vai trò', key: 'role', dataIndex: 'roleLabel' },
                { title: 'Tổ chức', key: 'org', dataIndex: 'orgName' },
                { title: 'Hiệu lực', key: 'valid', render: (_, r) => validity(r) },
                { title: 'Tình trạng', key: 'state', render: (_, r) => state(r) },
                { title: 'Lý do giao', key: 'why', render: (_, r) => r.grantReason ?? '—' },
                {
                  title: 'Thao tác',
                  key: 'act',
                  render: (_, r) =>
                    r.revokedAt ? (
                      r.revokeReason
                    ) : (
                      <Button size="small" onClick={() => setDialog({ kind: 'revoke', role: r })}>
                        Thu hồi
                      </Button>
                    ),
                },
              ]}
            />
          ) : (
            <List<RoleAssignment>
              dataSource={u.roles}
              rowKey="id"
              renderItem={(r) => (
                <List.Item
                  actions={
                    r.revokedAt
                      ? []
                      : [
                          <Button key="revoke" size="small" onClick={() => setDialog({ kind: 'revoke', role: r })}>
                            Thu hồi
                          </Button>,
                        ]
                  }
                >
                  <div>
                    <strong>{r.roleLabel}</strong> — {r.orgName}
                    <div>
                      {validity(r)} {state(r)}
                    </div>
                  </div>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Space>
      {dialog ? (
        <UserDialog
          dialog={dialog}
          user={u}
          onClose={() => setDialog(null)}
          onDone={(text, saved, tasks, reassignment) => {
            if (tasks) setOpenTasks(tasks);
            else if (dialog.kind === 'enable') setOpenTasks(null);
            if (tasks) setOffer(reassignment ?? null);
            else if (dialog.kind === 'enable') setOffer(null);
            finished(text, saved);
          }}
        />
      ) : null}
    </div>
  );
}

type DialogValues = {
  password?: string;
  email?: string;
  mailPreference?: MailPreferenceValue;
  organisationId?: string;
  role?: Role;
  validFrom?: string;
  validUntil?: string;
  reason: string;
};

const TITLES: Record<Dialog['kind'], string> = {
  password: 'Đặt lại mật khẩu',
  mail: 'Lưu cách nhận thư',
  grant: 'Giao vai trò',
  revoke: 'Thu hồi vai trò',
  disable: 'Khóa tài khoản',
  enable: 'Mở khóa tài khoản',
};

function UserDialog({
  dialog,
  user,
  onClose,
  onDone,
}: {
  dialog: Dialog;
  user: User;
  onClose: () => void;
  onDone: (text: string, saved?: User, openTasks?: OpenTask[], offer?: ReassignmentOffer | null) => void;
}) {
  const [form] = Form.useForm<DialogValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const path = { id: user.id };
  const save = useMutation({
    mutationFn: async (
      v: DialogValues,
    ): Promise<{ text: string; saved?: User; tasks?: OpenTask[]; offer?: ReassignmentOffer | null }> => {
      const reason = v.reason.trim();
      switch (dialog.kind) {
        case 'password': {
          const saved = await unwrap(
            api.PUT('/users/{id}/password', {
              params: { path },
              body: { password: required(v.password, 'password'), reason },
            }),
          );
          return { text: 'Đã đặt mật khẩu mới.', saved };
        }
        case 'mail': {
          const saved = await unwrap(
            api.PUT('/users/{id}/mail', {
              params: { path },
              body: { email: v.email?.trim() || null, mailPreference: v.mailPreference ?? 'immediate', reason },
            }),
          );
          return { text: 'Đã lưu cách nhận thư thông báo.', saved };
        }
        case 'grant': {
          const r = await unwrap(
            api.POST('/users/{id}/roles', {
              params: { path },
              body: {
                organisationId: required(v.organisationId, 'organisationId'),
                role: required(v.role, 'role'),
                ...(v.validFrom ? { validFrom: required(parseViDate(v.validFrom), 'validFrom') } : {}),
                ...(v.validUntil ? { validUntil: required(parseViDate(v.validUntil), 'validUntil') } : {}),
                reason,
              },
            }),
          );
          return { text: `Đã giao vai trò ${r.roleLabel} tại ${r.orgName}.` };
        }
        case 'revoke': {
          const r = await unwrap(
            api.POST('/users/{id}/roles/{assignmentId}/revoke', {
              params: { path: { id: user.id, assignmentId: dialog.role.id } },
              body: { reason },
            }),
          );
          return { text: `Đã thu hồi vai trò ${r.roleLabel} tại ${r.orgName}.` };
        }
        case 'disable': {
          const r = await unwrap(api.POST('/users/{id}/disable', { params: { path }, body: { reason } }));
          return { text: 'Đã khóa tài khoản.', saved: r.user, tasks: r.openTasks, offer: r.reassignment };
        }
        case 'enable': {
          const saved = await unwrap(api.POST('/users/{id}/enable', { params: { path }, body: { reason } }));
          return { text: 'Đã mở khóa tài khoản.', saved };
        }
      }
    },
    onSuccess: (r) => onDone(r.text, r.saved, r.tasks, r.offer),
    onError: (e) =>
      setFailure(
        applyApiError(form, e, [
          'password',
          'email',
          'mailPreference',
          'organisationId',
          'role',
          'validFrom',
          'validUntil',
          'reason',
        ]),
      ),
  });
  const title =
    dialog.kind === 'revoke'
      ? `${TITLES.revoke}: ${dialog.role.roleLabel} — ${dialog.role.orgName}`
      : TITLES[dialog.kind];
  return (
    <Modal
      open
      title={`${title} (${user.username})`}
      okText={TITLES[dialog.kind]}
      cancelText="Hủy"
      okButtonProps={{ loading: save.isPending, danger: dialog.kind === 'disable' || dialog.kind === 'revoke' }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <FormError text={failure} />
      <Form<DialogValues>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setFailure(null);
          save.mutate(v);
        }}
      >
        {dialog.kind === 'password' ? (
          <Form.Item
            name="password"
            label="Mật khẩu mới"
            rules={[
              { required: true, message: 'Bắt buộc nhập mật khẩu' },
              { min: 8, message: 'Ít nhất 8 ký tự' },
              { pattern: /(?=.*\p{L})(?=.*\d)/u, message: 'Có ít nhất một chữ cái và một chữ số' },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : null}
        {dialog.kind === 'mail' ? (
          <>
            <Form.Item
              name="email"
              label="Thư điện tử (để trống: không gửi thư)"
              initialValue={user.email ?? ''}
              rules={[{ type: 'email', message: 'Địa chỉ thư điện tử không hợp lệ, ví dụ ten@example.vn' }]}
            >
              <Input type="email" autoComplete="email" inputMode="email" />
            </Form.Item>
            <Form.Item name="mailPreference" label="Nhận thư thông báo" initialValue={user.mailPreference}>
              <Select options={MAIL_PREFERENCES.map((p) => ({ value: p, label: MAIL_PREFERENCE_LABELS[p].vi }))} />
            </Form.Item>
          </>
        ) : null}
        {dialog.kind === 'grant' ? (
          <>
            <Form.Item name="role" label="Vai trò" rules={[{ required: true, message: 'Bắt buộc chọn vai trò' }]}>
              <Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r].vi }))} />
            </Form.Item>
            <Form.Item
              name="organisationId"
              label="Tại tổ chức"
              rules={[{ required: true, message: 'Bắt buộc chọn tổ chức' }]}
            >
              <OrgSelect />
            </Form.Item>
            <Form.Item name="validFrom" label="Hiệu lực từ ngày (để trống: hôm nay)" rules={[viDateRule(false)]}>
              <Input placeholder="dd/mm/yyyy" inputMode="numeric" maxLength={10} />
            </Form.Item>
            <Form.Item
              name="validUntil"
              label="Hiệu lực đến ngày (để trống: không thời hạn)"
              rules={[viDateRule(false)]}
            >
              <Input placeholder="dd/mm/yyyy" inputMode="numeric" maxLength={10} />
            </Form.Item>
          </>
        ) : null}
        {dialog.kind === 'disable' ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message="Người dùng bị khóa không đăng nhập được; các nhiệm vụ đang mở giao riêng cho họ sẽ được liệt kê để giao lại."
          />
        ) : null}
        <ReasonField />
      </Form>
    </Modal>
  );
}
