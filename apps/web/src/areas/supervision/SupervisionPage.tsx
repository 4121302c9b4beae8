import { Alert, Button, DatePicker, Flex, Grid, Progress, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type Key, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { labelVi } from '@partyflow/domain';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { casePath, ROUTES } from '../../app/routes';
import { CursorPager, useCursorPaging } from '../../components/CursorPager';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { dayjs, formatDate, formatDateTime, todayLocalDate } from '../../format';
import {
  buildOverdueTree,
  daysOverdue,
  formatRate,
  orgKeys,
  type OverdueRow,
  type SupervisedTask,
} from './overdue-tree';

type OnTime = components['schemas']['OnTime'];
type Figures = OnTime['total'];

/** Overdue tasks a page (the API's most, so that the tree shows as much of the subtree as it can), incidents a page. */
const OVERDUE_PAGE_SIZE = 200;
const INCIDENT_PAGE_SIZE = 20;

const BARS = { listStyle: 'none', padding: 0, margin: 0 } as const;
// antd's default link blue and secondary grey fall short of WCAG AA contrast (4.5:1) on white and grey rows.
const LINK = { color: '#0958d9' } as const;
const MUTED = { color: '#595959' } as const;

/** One page of a supervision list, paged by cursor (issue 13 §3), and its paging. */
function useSupervisedPage(list: 'overdue-tasks' | 'incidents', pageSize: number, refetchInterval?: number) {
  const paging = useCursorPaging();
  const { cursor } = paging;
  const query = useQuery({
    queryKey: ['supervision', list, cursor ?? ''],
    queryFn: () =>
      unwrap(api.GET(`/supervision/${list}`, { params: { query: { pageSize, ...(cursor ? { cursor } : {}) } } })),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  return { paging, list: query };
}

/** Where a row leads: the case's page (admission), else the task's own page. */
function caseLink(task: SupervisedTask): string {
  return casePath(task.process, task.caseId) ?? ROUTES.task(task.id);
}

function EscalationTag({ level }: { level: number }) {
  return level > 0 ? <Tag color="red">Cấp {level}</Tag> : <span style={MUTED}>Chưa</span>;
}

function TaskCell({ task }: { task: SupervisedTask }) {
  return (
    <div style={{ display: 'inline-block', verticalAlign: 'top' }}>
      <Link to={caseLink(task)} style={LINK}>
        {task.stepLabel}
      </Link>
      <div>{task.subjectName ?? task.title}</div>
    </div>
  );
}

const overdueColumns: TableColumnsType<OverdueRow> = [
  {
    title: 'Tổ chức / nhiệm vụ',
    key: 'name',
    render: (_, row) =>
      row.kind === 'org' ? (
        <span>
          {row.org.name} <Tag>{row.count} việc</Tag>
        </span>
      ) : (
        <TaskCell task={row.task} />
      ),
  },
  {
    title: 'Hạn',
    key: 'due',
    responsive: ['sm'],
    render: (_, row) => (row.kind === 'task' ? formatDate(row.task.dueAt) : null),
  },
  {
    title: 'Số ngày quá hạn',
    key: 'days',
    render: (_, row) => (row.kind === 'task' ? daysOverdue(row.task.dueAt) : null),
  },
  {
    title: 'Mức leo thang',
    key: 'level',
    render: (_, row) => (row.kind === 'task' ? <EscalationTag level={row.task.escalationLevel} /> : null),
  },
];

function OverdueTree({ tasks }: { tasks: SupervisedTask[] }) {
  const rows = useMemo(() => buildOverdueTree(tasks), [tasks]);
  const [expanded, setExpanded] = useState<readonly Key[]>([]);
  if (!tasks.length) return <EmptyState text="Không có nhiệm vụ quá hạn trong các tổ chức bạn giám sát." />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex gap={8} wrap="wrap">
        <Button onClick={() => setExpanded(orgKeys(rows))}>Mở rộng tất cả</Button>
        <Button onClick={() => setExpanded([])}>Thu gọn tất cả</Button>
      </Flex>
      <Table<OverdueRow>
        aria-label="Việc quá hạn theo tổ chức"
        rowKey="key"
        columns={overdueColumns}
        dataSource={rows}
        pagination={false}
        size="small"
        expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: (keys) => setExpanded(keys) }}
      />
    </Space>
  );
}

function Escalations({ tasks }: { tasks: SupervisedTask[] }) {
  const escalated = tasks.filter((t) => t.escalationLevel > 0);
  const { paging, list: incidents } = useSupervisedPage('incidents', INCIDENT_PAGE_SIZE);
  const orgOf = (t: SupervisedTask) => t.orgs[t.orgs.length - 1]?.name ?? '—';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ fontSize: 17, margin: 0 }}>
        Nhiệm vụ đã leo thang
      </Typography.Title>
      {escalated.length ? (
        <Table<SupervisedTask>
          aria-label="Nhiệm vụ đã leo thang"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={escalated}
          columns={[
            { title: 'Nhiệm vụ', key: 'task', render: (_, t) => <TaskCell task={t} /> },
            { title: 'Tổ chức', key: 'org', responsive: ['sm'], render: (_, t) => orgOf(t) },
            { title: 'Hạn', key: 'due', render: (_, t) => formatDate(t.dueAt) },
            { title: 'Mức leo thang', key: 'level', render: (_, t) => <EscalationTag level={t.escalationLevel} /> },
          ]}
        />
      ) : (
        <EmptyState text="Không có nhiệm vụ nào phải leo thang." />
      )}
      <Typography.Title level={3} style={{ fontSize: 17, margin: 0 }}>
        Sự cố đang mở
      </Typography.Title>
      {incidents.isPending ? <Loading /> : null}
      {incidents.isError ? <ErrorState error={incidents.error} onRetry={() => incidents.refetch()} /> : null}
      {incidents.data && !incidents.data.items.length ? <EmptyState text="Không có sự cố nào đang mở." /> : null}
      {incidents.data?.items.length ? (
        <>
          <Table<SupervisedTask>
            aria-label="Sự cố đang mở"
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={incidents.data.items}
            columns={[
              {
                title: 'Sự cố',
                key: 'step',
                render: (_, t) => {
                  const failed = (t.payload as { step?: unknown } | undefined)?.step;
                  return (
                    <div>
                      <Link to={caseLink(t)} style={LINK}>
                        {typeof failed === 'string' ? `Sự cố ở bước ${labelVi(failed)}` : t.stepLabel}
                      </Link>
                      <div>{t.subjectName ?? t.processLabel}</div>
                    </div>
                  );
                },
              },
              { title: 'Tổ chức', key: 'org', responsive: ['sm'], render: (_, t) => orgOf(t) },
              { title: 'Phát sinh lúc', key: 'opened', render: (_, t) => formatDateTime(t.openedAt) },
            ]}
          />
          <CursorPager page={incidents.data} paging={paging} label="sự cố" />
        </>
      ) : null}
    </Space>
  );
}

/** One bar: the on-time share of what fell due, with the counts behind it. */
function RateBar({ label, figures }: { label: string; figures: Figures }) {
  const counts =
    `Đúng hạn ${figures.onTime} · Trễ hạn ${figures.late}` +
    (figures.openOverdue ? ` (${figures.openOverdue} chưa hoàn thành)` : '') +
    ` · Đang trong hạn ${figures.openPending}`;
  return (
    <li style={{ marginBottom: 12 }}>
      <Flex justify="space-between" wrap="wrap" gap={8}>
        <Typography.Text strong>{label}</Typography.Text>
        <span style={MUTED}>{counts}</span>
      </Flex>
      <Progress
        percent={figures.onTimeRate ?? 0}
        status="normal"
        format={() => formatRate(figures.onTimeRate)}
        aria-label={`${label}: tỷ lệ đúng hạn ${formatRate(figures.onTimeRate)}`}
      />
    </li>
  );
}

function OnTimeRates() {
  const today = todayLocalDate();
  const [range, setRange] = useState<[string, string]>([`${today.slice(0, 4)}-01-01`, today]);
  const [from, to] = range;
  const rates = useQuery({
    queryKey: ['supervision', 'on-time', from, to],
    queryFn: () => unwrap(api.GET('/supervision/on-time', { params: { query: { from, to } } })),
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <label style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
        <span>Kỳ (theo hạn của nhiệm vụ)</span>
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          allowClear={false}
          placeholder={['Từ ngày', 'Đến ngày']}
          value={[dayjs(from, 'YYYY-MM-DD'), dayjs(to, 'YYYY-MM-DD')]}
          onChange={(v) => {
            if (v?.[0] && v[1]) setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')]);
          }}
        />
      </label>
      {rates.isPending ? <Loading /> : null}
      {rates.isError ? <ErrorState error={rates.error} onRetry={() => rates.refetch()} /> : null}
      {rates.data && rates.data.total.total === 0 ? (
        <EmptyState text={`Không có nhiệm vụ nào đến hạn từ ${formatDate(from)} đến ${formatDate(to)}.`} />
      ) : null}
      {rates.data && rates.data.total.total > 0 ? (
        <>
          <Alert
            type="info"
            role="status"
            message={`Từ ${formatDate(rates.data.period.from)} đến ${formatDate(rates.data.period.to)}: ${
              rates.data.total.total
            } nhiệm vụ đến hạn, đúng hạn ${rates.data.total.onTime}, trễ hạn ${rates.data.total.late}, tỷ lệ đúng hạn ${formatRate(
              rates.data.total.onTimeRate,
            )}.`}
          />
          <Typography.Title level={3} style={{ fontSize: 17, margin: 0 }}>
            Theo tổ chức
          </Typography.Title>
          <ul style={BARS} aria-label="Tỷ lệ đúng hạn theo tổ chức">
            {rates.data.byOrg.map((r) => (
              <RateBar key={r.org.id} label={r.org.name} figures={r} />
            ))}
          </ul>
          <Typography.Title level={3} style={{ fontSize: 17, margin: 0 }}>
            Theo bước
          </Typography.Title>
          <ul style={BARS} aria-label="Tỷ lệ đúng hạn theo bước">
            {rates.data.byStep.map((r) => (
              <RateBar key={`${r.process}/${r.step}`} label={`${r.stepLabel} (${r.processLabel})`} figures={r} />
            ))}
          </ul>
        </>
      ) : null}
    </Space>
  );
}

/**
 * The supervisor's dashboard (issue 10): the overdue tasks of the supervised subtree as a tree, the escalations and
 * open incidents, and the on-time rate per organisation and per step over a chosen period. Every row opens its case.
 */
export function SupervisionPage() {
  const screens = Grid.useBreakpoint();
  // The longest overdue first (issue 13 §3): the tree and the escalations are those of the page.
  const { paging, list: overdue } = useSupervisedPage('overdue-tasks', OVERDUE_PAGE_SIZE, 60_000);
  const section = (title: string, body: ReactNode) => (
    <section aria-label={title} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: screens.md ? 20 : 18 }}>
        {title}
      </Typography.Title>
      {body}
    </section>
  );
  const tasks = overdue.data?.items ?? [];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        Giám sát
      </Typography.Title>
      <Link to="/giam-sat/chuyen-viec" style={LINK}>
        Chuyển nhiệm vụ hàng loạt (người nghỉ, chuyển công tác; một bước của tổ chức)
      </Link>
      {section(
        'Việc quá hạn theo tổ chức',
        <>
          {overdue.isPending ? <Loading /> : null}
          {overdue.isError ? <ErrorState error={overdue.error} onRetry={() => overdue.refetch()} /> : null}
          {overdue.data ? <OverdueTree tasks={tasks} /> : null}
          {overdue.data ? <CursorPager page={overdue.data} paging={paging} label="việc quá hạn" /> : null}
        </>,
      )}
      {overdue.data ? section('Leo thang và sự cố', <Escalations tasks={tasks} />) : null}
      {overdue.isError ? null : section('Tỷ lệ đúng hạn / trễ hạn', <OnTimeRates />)}
    </Space>
  );
}
