import { Button, Card, Grid, Input, List, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { MEMBER_STATUS_LABELS, MEMBER_STATUSES, type MemberStatus } from '@partyflow/domain';
import { api, unwrap } from '../../api/client';
import { CursorPager, useCursorPaging } from '../../components/CursorPager';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { formatDate } from '../../format';
import { MD } from './paths';
import { CELL_KEEPERS, MasterdataHeader, TONE, ORG_STAFF, OrgSelect, useRoles, type Member } from './shared';

const PAGE_SIZE = 20;
export const STATUS_COLOURS: Record<MemberStatus, string> = {
  candidate: TONE.info,
  probationary: TONE.warning,
  official: TONE.success,
  exempt: TONE.special,
  removed: TONE.neutral,
};

/** Members and candidates of my organisations: searched by name without diacritics, paged by the API. */
export function MembersPage() {
  const screens = Grid.useBreakpoint();
  const roles = useRoles();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = (params.get('status') ?? '') as MemberStatus | '';
  const orgId = params.get('orgId') ?? '';
  const [text, setText] = useState(q);
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
    queryKey: ['members', { q, status, orgId, cursor: cursor ?? '' }],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        api.GET('/members', {
          params: {
            query: {
              ...(q ? { q } : {}),
              ...(status ? { status } : {}),
              ...(orgId ? { orgId } : {}),
              pageSize: PAGE_SIZE,
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
  });
  const canRegister = [...ORG_STAFF, ...CELL_KEEPERS].some((r) => roles.has(r));

  return (
    <div>
      <MasterdataHeader
        title="Đảng viên, quần chúng ưu tú"
        extra={
          canRegister ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(MD.newMember)}>
              Ghi tên quần chúng ưu tú
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap style={{ width: '100%' }}>
          <Input.Search
            aria-label="Tìm theo họ tên"
            placeholder="Họ tên, có dấu hoặc không dấu"
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set({ q: v.trim() })}
            style={{ width: screens.md ? 320 : '100%' }}
            enterButton="Tìm"
          />
          <Select
            aria-label="Trạng thái"
            style={{ width: screens.md ? 260 : '100%' }}
            value={status}
            onChange={(v) => set({ status: v })}
            options={[
              { value: '', label: 'Mọi trạng thái' },
              ...MEMBER_STATUSES.map((s) => ({ value: s, label: MEMBER_STATUS_LABELS[s].vi })),
            ]}
          />
          <div style={{ width: screens.md ? 320 : '100%' }}>
            <OrgSelect
              aria-label="Tổ chức"
              allowClear
              value={orgId || null}
              onChange={(v) => set({ orgId: v ?? '' })}
            />
          </div>
        </Space>
      </Card>
      {list.isPending ? (
        <Loading rows={6} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState text={q ? `Không tìm thấy ai tên “${q}”` : 'Không có đảng viên, quần chúng nào'} />
      ) : screens.md ? (
        <Table<Member>
          rowKey="id"
          aria-label="Danh sách đảng viên, quần chúng"
          dataSource={list.data.items}
          loading={list.isFetching}
          pagination={false}
          columns={[
            { title: 'Họ và tên', key: 'name', render: (_, m) => <Link to={MD.member(m.id)}>{m.fullName}</Link> },
            { title: 'Ngày sinh', key: 'birth', render: (_, m) => formatDate(m.birthDate) },
            { title: 'Chi bộ', key: 'org', dataIndex: 'orgName' },
            {
              title: 'Trạng thái',
              key: 'status',
              render: (_, m) => <Tag color={STATUS_COLOURS[m.status]}>{m.statusLabel}</Tag>,
            },
          ]}
        />
      ) : (
        <List<Member>
          aria-label="Danh sách đảng viên, quần chúng"
          dataSource={list.data.items}
          rowKey="id"
          renderItem={(m) => (
            <List.Item>
              <div>
                <Link to={MD.member(m.id)}>{m.fullName}</Link>
                <div>
                  {m.orgName} · <Tag color={STATUS_COLOURS[m.status]}>{m.statusLabel}</Tag>
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
      {list.data ? (
        <div style={{ marginTop: 12 }}>
          <CursorPager page={list.data} paging={paging} label="người" />
        </div>
      ) : null}
    </div>
  );
}
