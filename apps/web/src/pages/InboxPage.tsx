import { Badge, Button, Checkbox, Flex, Grid, Input, Space, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import type { TaskView } from '../api/types';
import { inboxOrder, matchesSearch, processLabelOf } from './inbox-filter';
import { ROUTES } from '../app/routes';
import { EmptyState, ErrorState, Loading } from '../components/states';
import { dueIn, formatDate } from '../format';

const PAGE_SIZE = 20;

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
  const [limit, setLimit] = useState(PAGE_SIZE);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'quy-trinh') next.delete('buoc');
    setParams(next, { replace: true });
  };

  const tasks = useQuery({
    queryKey: ['tasks', 'mine'],
    queryFn: (): Promise<TaskView[]> => unwrap(api.GET('/tasks/mine', {})),
    refetchInterval: 60_000,
  });

  const all = useMemo(() => [...(tasks.data ?? [])].sort(inboxOrder), [tasks.data]);
  const processes = useMemo(() => {
    const counts = new Map<string, { label: string; count: number; overdue: number }>();
    for (const t of all) {
      const c = counts.get(t.process) ?? { label: processLabelOf(t), count: 0, overdue: 0 };
      c.count += 1;
      if (t.overdue) c.overdue += 1;
      counts.set(t.process, c);
    }
    return [...counts.entries()];
  }, [all]);
  const steps = useMemo(() => {
    const seen = new Map<string, string>();
    for (const t of all) if (!process || t.process === process) seen.set(t.step, t.stepLabel);
    return [...seen.entries()];
  }, [all, process]);
  const shown = all.filter(
    (t) =>
      (!process || t.process === process) &&
      (!step || t.step === step) &&
      (!overdueOnly || t.overdue) &&
      matchesSearch(t, search),
  );
  const overdueCount = all.filter((t) => t.overdue).length;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="baseline" wrap="wrap" gap={8}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          Việc cần làm
        </Typography.Title>
        {tasks.data ? (
          <Typography.Text type="secondary" aria-live="polite">
            {all.length} nhiệm vụ{overdueCount ? `, ${overdueCount} quá hạn` : ''}
          </Typography.Text>
        ) : null}
      </Flex>
      {processes.length > 1 || process ? (
        <Flex wrap="wrap" gap={8} role="group" aria-label="Số nhiệm vụ theo quy trình">
          {processes.map(([key, c]) => (
            <Tag.CheckableTag
              key={key}
              checked={process === key}
              onChange={(on) => set('quy-trinh', on ? key : undefined)}
            >
              {c.label} <Badge count={c.count} color={c.overdue ? '#cf1322' : '#8c8c8c'} showZero />
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
          onChange={(e) => set('tim', e.target.value.trim() || undefined)}
          style={{ width: screens.md ? 320 : '100%' }}
        />
        <NativeSelect
          label="Quy trình"
          value={process}
          onChange={(v) => set('quy-trinh', v)}
          options={processes.map(([value, c]) => ({ value, label: c.label }))}
        />
        <NativeSelect
          label="Bước"
          value={step}
          onChange={(v) => set('buoc', v)}
          options={steps.map(([value, label]) => ({ value, label }))}
        />
        <Checkbox checked={overdueOnly} onChange={(e) => set('qua-han', e.target.checked ? '1' : undefined)}>
          Chỉ việc quá hạn
        </Checkbox>
      </Flex>
      {tasks.isPending ? <Loading /> : null}
      {tasks.isError ? <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} /> : null}
      {tasks.data && shown.length === 0 ? (
        <EmptyState text={all.length ? 'Không có nhiệm vụ phù hợp bộ lọc.' : 'Bạn không có nhiệm vụ nào đang chờ.'} />
      ) : null}
      {tasks.data && shown.length > 0 ? (
        <>
          <ul className="task-list" aria-label="Danh sách nhiệm vụ">
            {shown.slice(0, limit).map((t) => (
              <li key={t.id}>
                <Link to={ROUTES.task(t.id)} className={`task-item${t.overdue ? ' task-item-overdue' : ''}`}>
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text strong>{t.stepLabel}</Typography.Text>
                    <div>{t.subjectName ?? t.title}</div>
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
          {shown.length > limit ? (
            <Button onClick={() => setLimit(limit + PAGE_SIZE)} block={!screens.md}>
              Xem thêm ({shown.length - limit} nhiệm vụ nữa)
            </Button>
          ) : null}
        </>
      ) : null}
    </Space>
  );
}
