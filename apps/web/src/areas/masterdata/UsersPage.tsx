import { Button, Card, Form, Grid, Input, List, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { SearchSelect } from '../../components/SearchSelect';
import { CursorPager, useCursorPaging } from '../../components/CursorPager';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { MD } from './paths';
import { applyApiError, FormError, MasterdataHeader, OrgSelect, ReasonField, TONE, type User } from './shared';

const PAGE_SIZE = 20;

function rolesOf(u: User): string {
  const inForce = u.roles.filter((r) => r.inForce);
  return inForce.length ? inForce.map((r) => `${r.roleLabel} — ${r.orgName}`).join('; ') : 'Chưa có vai trò';
}

/** Users of the organisations I administer: search, create. */
export function UsersPage() {
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const disabled = params.get('disabled') ?? '';
  const [text, setText] = useState(q);
  const [creating, setCreating] = useState(false);
  const paging = useCursorPaging();
  const { cursor } = paging;
  /** A changed search or filter starts again at the first page (a cursor belongs to the list it was read from). */
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    paging.reset();
    setParams(next, { replace: true });
  };
  const list = useQuery({
    queryKey: ['users', { q, disabled, cursor: cursor ?? '' }],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        api.GET('/users', {
          params: {
            query: {
              ...(q ? { q } : {}),
              ...(disabled === 'true' || disabled === 'false' ? { disabled } : {}),
              pageSize: PAGE_SIZE,
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
  });

  return (
    <div>
      <MasterdataHeader
        title="Người dùng và vai trò"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            Tạo người dùng
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap style={{ width: '100%' }}>
          <Input.Search
            aria-label="Tìm người dùng"
            placeholder="Tên đăng nhập hoặc họ tên"
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set({ q: v.trim() })}
            style={{ width: screens.md ? 320 : '100%' }}
            enterButton="Tìm"
          />
          <Select
            aria-label="Tình trạng tài khoản"
            style={{ width: screens.md ? 220 : '100%' }}
            value={disabled}
            onChange={(v) => set({ disabled: v })}
            options={[
              { value: '', label: 'Mọi tài khoản' },
              { value: 'false', label: 'Đang hoạt động' },
              { value: 'true', label: 'Đã khóa' },
            ]}
          />
        </Space>
      </Card>
      {list.isPending ? (
        <Loading rows={6} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState text="Không có người dùng phù hợp" />
      ) : screens.md ? (
        <Table<User>
          rowKey="id"
          aria-label="Danh sách người dùng"
          dataSource={list.data.items}
          loading={list.isFetching}
          pagination={false}
          columns={[
            { title: 'Tên đăng nhập', key: 'u', render: (_, u) => <Link to={MD.user(u.id)}>{u.username}</Link> },
            { title: 'Họ và tên', key: 'n', dataIndex: 'fullName' },
            { title: 'Tổ chức', key: 'o', render: (_, u) => u.orgName ?? '—' },
            { title: 'Vai trò đang hiệu lực', key: 'r', render: (_, u) => rolesOf(u) },
            {
              title: 'Tình trạng',
              key: 's',
              render: (_, u) => (u.disabled ? <Tag>Đã khóa</Tag> : <Tag color={TONE.success}>Hoạt động</Tag>),
            },
          ]}
        />
      ) : (
        <List<User>
          aria-label="Danh sách người dùng"
          dataSource={list.data.items}
          rowKey="id"
          renderItem={(u) => (
            <List.Item>
              <div>
                <Link to={MD.user(u.id)}>{u.username}</Link>
                <div>
                  {u.fullName} {u.disabled ? <Tag>Đã khóa</Tag> : null}
                </div>
                <div>{rolesOf(u)}</div>
              </div>
            </List.Item>
          )}
        />
      )}
      {list.data ? (
        <div style={{ marginTop: 12 }}>
          <CursorPager page={list.data} paging={paging} label="người dùng" />
        </div>
      ) : null}
      {creating ? <CreateUserModal onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

type CreateValues = {
  kind: 'staff' | 'member';
  username: string;
  fullName?: string;
  organisationId?: string;
  memberId?: string;
  password: string;
  reason: string;
};

function CreateUserModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<CreateValues>();
  const kind = Form.useWatch('kind', form) ?? 'staff';
  const [failure, setFailure] = useState<string | null>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: async (v: CreateValues) =>
      unwrap(
        api.POST('/users', {
          body: {
            username: v.username.trim(),
            password: v.password,
            reason: v.reason.trim(),
            ...(v.kind === 'member'
              ? { memberId: v.memberId }
              : { fullName: v.fullName?.trim(), organisationId: v.organisationId }),
          },
        }),
      ),
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      navigate(MD.user(user.id), { state: { done: `Đã tạo người dùng ${user.username}.` } });
    },
    onError: (e) =>
      setFailure(applyApiError(form, e, ['username', 'fullName', 'organisationId', 'memberId', 'password', 'reason'])),
  });
  return (
    <Modal
      open
      title="Tạo người dùng"
      okText="Tạo"
      cancelText="Hủy"
      okButtonProps={{ loading: create.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <FormError text={failure} />
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'staff' }}
        onFinish={(v) => {
          setFailure(null);
          create.mutate(v);
        }}
      >
        <Form.Item name="kind" label="Loại người dùng">
          <Radio.Group
            options={[
              { value: 'staff', label: 'Cán bộ' },
              { value: 'member', label: 'Đảng viên' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="username"
          label="Tên đăng nhập"
          rules={[
            { required: true, message: 'Bắt buộc nhập tên đăng nhập' },
            {
              pattern: /^[a-z0-9][a-z0-9._-]{2,63}$/,
              message: '3–64 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch nối',
            },
          ]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        {kind === 'staff' ? (
          <>
            <Form.Item
              name="fullName"
              label="Họ và tên"
              rules={[{ required: true, whitespace: true, message: 'Bắt buộc nhập họ và tên' }]}
            >
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="organisationId"
              label="Tổ chức công tác"
              rules={[{ required: true, message: 'Bắt buộc chọn tổ chức' }]}
            >
              <OrgSelect />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="memberId" label="Đảng viên" rules={[{ required: true, message: 'Bắt buộc chọn đảng viên' }]}>
            <MemberSelect />
          </Form.Item>
        )}
        <Form.Item
          name="password"
          label="Mật khẩu ban đầu"
          rules={[
            { required: true, message: 'Bắt buộc nhập mật khẩu' },
            { min: 8, message: 'Ít nhất 8 ký tự' },
            { pattern: /(?=.*\p{L})(?=.*\d)/u, message: 'Có ít nhất một chữ cái và một chữ số' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <ReasonField />
      </Form>
    </Modal>
  );
}

/** A member chosen by typing their name (the API searches without diacritics). */
export function MemberSelect(props: { value?: string; onChange?: (v: string) => void; id?: string }) {
  return (
    <SearchSelect
      {...props}
      queryKey={['members', 'options']}
      minChars={2}
      placeholder="Gõ họ tên (ít nhất 2 chữ)"
      search={async (q) =>
        (await unwrap(api.GET('/members', { params: { query: { q, pageSize: 20 } } }))).items.map((m) => ({
          value: m.id,
          label: `${m.fullName} — ${m.orgName}`,
        }))
      }
      style={{ width: '100%' }}
    />
  );
}
