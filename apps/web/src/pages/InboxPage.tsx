import { Badge, Checkbox, Flex, Grid, Input, Space, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import type { TaskView } from '../api/types';
import { processLabelOf, stepsOf } from './inbox-filter';
import { ROUTES } from '../app/routes';
import { CursorPager, useCursorPaging } from '../components/CursorPager';
import { EmptyState, ErrorState, Loading } from '../components/states';
import { dueIn, formatDate } from '../format';

const PAGE_SIZE = 20;
/** The search is sent once typing pauses this long (milliseconds). */
const SEARCH_DELAY_MS = 250;

/** `value`, once it has stayed the same for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** A labelled native select: small, and works the same with a keyboard, a screen reader and a phone. */
function NativeSelect(props: {
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: { value: string; label: string }[];
}) {
  return (
    <label style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <span>{props.label}</span>
      <select
        className="native-select"
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value || undefined)}
      >
        <option value="">Tất cả</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function DueTag({ task }: { task: TaskView }) {
  if (task.overdue) return <Tag color="red">Quá hạn · {dueIn(task.dueAt)}</Tag>;
  const soon = Date.parse(task.dueAt) - Date.now() < 3 * 86_400_000;
  return <Tag color={soon ? 'orange' : 'default'}>{dueIn(task.dueAt)}</Tag>;
}

export function InboxPage() {
  const [params, setParams] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const process = params.get('quy-trinh') ?? undefined;
  const step = params.get('buoc') ?? undefined;
  const overdueOnly = params.get('qua-han') === '1';
  const search = params.get('tim') ?? '';
  const q = useSettled(search, SEARCH_DELAY_MS);
  // Paged by cursor (issue 13 §3); the filters are the API's, and a change of one starts from the first page.
  const paging = useCursorPaging();
  const { cursor, reset } = paging;
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'quy-trinh') next.delete('buoc');
    reset();
    setParams(next, { replace: true });
  };
  const filters = {
    ...(process ? { process } : {}),
    ...(step ? { step } : {}),
    ...(overdueOnly ? { overdue: 'true' as const } : {}),
    ...(q ? { q } : {}),
  };
  // Filters changed another way (the browser's back button): the first page too.
  const filterKey = JSON.stringify(filters);
  useEffect(() => reset(), [filterKey, reset]);

  const tasks = useQuery({
    queryKey: ['tasks', 'mine', filters, cursor ?? ''],
    queryFn: () =>
      unwrap(
        api.GET('/tasks/mine', {
          params: { query: { ...filters, pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  // The whole inbox, unfiltered, counted per process and step: the tags, the step choices and the heading.
  const counts = useQuery({
    queryKey: ['tasks', 'counts'],
    queryFn: () => unwrap(api.GET('/tasks/mine/counts', {})),
    refetchInterval: 60_000,
  });
  const processes = useMemo(
    () => (counts.data?.byProcess ?? []).filter((p) => p.total > 0 || p.process === process),
    [counts.data, process],
  );
  const steps = useMemo(() => stepsOf(counts.data?.byProcess ?? [], process), [counts.data, process]);
  const shown = tasks.data?.items ?? [];
  const filtered = Boolean(process || step || overdueOnly || search);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="baseline" wrap="wrap" gap={8}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          Việc cần làm
        </Typography.Title>
        {counts.data ? (
          <Typography.Text type="secondary" aria-live="polite">
            {counts.data.total} nhiệm vụ{counts.data.overdue ? `, ${counts.data.overdue} quá hạn` : ''}
          </Typography.Text>
        ) : null}
      </Flex>
      {processes.length > 1 || process ? (
        <Flex wrap="wrap" gap={8} role="group" aria-label="Số nhiệm vụ theo quy trình">
          {processes.map((p) => (
            <Tag.CheckableTag
              key={p.process}
              checked={process === p.process}
              onChange={(on) => set('quy-trinh', on ? p.process : undefined)}
            >
              {p.label} <Badge count={p.total} color={p.overdue ? '#cf1322' : '#8c8c8c'} showZero />
            </Tag.CheckableTag>
          ))}
        </Flex>
      ) : null}
      <Flex wrap="wrap" gap={8}>
        <Input
          allowClear
          type="search"
          prefix={<SearchOutlined aria-hidden />}
          placeholder="Tìm theo tên người, không cần dấu"
          aria-label="Tìm theo tên"
          defaultValue={search}
          maxLength={200}
          onChange={(e) => set('tim', e.target.value.trim() || undefined)}
          style={{ width: screens.md ? 320 : '100%' }}
        />
        <NativeSelect
          label="Quy trình"
          value={process}
          onChange={(v) => set('quy-trinh', v)}
          options={processes.map((p) => ({ value: p.process, label: p.label }))}
        />
        <NativeSelect label="Bước" value={step} onChange={(v) => set('buoc', v)} options={steps} />
        <Checkbox checked={overdueOnly} onChange={(e) => set('qua-han', e.target.checked ? '1' : undefined)}>
          Chỉ việc quá hạn
        </Checkbox>
      </Flex>
      {tasks.isPending ? <Loading /> : null}
      {tasks.isError ? <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} /> : null}
      {tasks.data && shown.length === 0 ? (
        <EmptyState text={filtered ? 'Không có nhiệm vụ phù hợp bộ lọc.' : 'Bạn không có nhiệm vụ nào đang chờ.'} />
      ) : null}
      {tasks.data && shown.length > 0 ? (
        <>
          <ul className="task-list" aria-label="Danh sách nhiệm vụ">
            {shown.map((t) => (
              <li key={t.id}>
                <Link to={ROUTES.task(t.id)} className={`task-item${t.overdue ? ' task-item-overdue' : ''}`}>
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text strong>{t.stepLabel}</Typography.Text>
                    <div>{t.subjectName ?? t.title}</div>
                    {t.heldFor ? <Tag color="purple">Thay cho {t.heldFor.name}</Tag> : null}
                    {t.proxyFor ? <Tag color="purple">Làm thay {t.proxyFor.name}</Tag> : null}
                    {screens.md ? <Typography.Text type="secondary">{processLabelOf(t)}</Typography.Text> : null}
                  </div>
                  <Flex vertical align={screens.md ? 'end' : 'start'} gap={4}>
                    <DueTag task={t} />
                    <Typography.Text type="secondary">Hạn {formatDate(t.dueAt)}</Typography.Text>
                  </Flex>
                </Link>
              </li>
            ))}
          </ul>
          <CursorPager page={tasks.data} paging={paging} label="nhiệm vụ" />
        </>
      ) : null}
    </Space>
  );
}
