import {
  Alert,
  Button,
  DatePicker,
  Flex,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import {
  CALENDAR_DAY_KIND_LABELS,
  COMPUTED_HOLIDAY_SOURCE,
  HOLIDAY_NAMES,
  HOLIDAY_SOURCE_LABELS,
} from '@partyflow/domain';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { dayjs, formatDate, todayLocalDate } from '../../format';
import { errorMessage, integerVi, PageTitle, showFieldError, useRoles, MetaText, StatusTag } from './shared';
import { ReasonDialog } from '../../forms/ReasonDialog';
import { ReasonField } from '../../forms/ReasonField';

type Year = components['schemas']['HolidayYear'];
type Day = Year['days'][number];
type Change = components['schemas']['HolidayChange'];

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const weekdayOf = (date: string) => WEEKDAYS[dayjs(date, 'YYYY-MM-DD').day()];
/** Tết and the Hùng Kings' day move with the lunar calendar. */
const isLunar = (d: Day) => d.name.includes(HOLIDAY_NAMES.lunarNewYear) || d.name.includes('âm lịch');
const isComputed = (d: Day) => d.source === 'computed' || d.decision === COMPUTED_HOLIDAY_SOURCE;

function DayTags({ d }: { d: Day }) {
  return (
    <Space size={4} wrap>
      <StatusTag color={d.kind === 'holiday' ? 'red' : 'blue'}>{CALENDAR_DAY_KIND_LABELS[d.kind].vi}</StatusTag>
      {isLunar(d) ? <StatusTag color="purple">Theo âm lịch</StatusTag> : null}
      {isComputed(d) ? <StatusTag>{HOLIDAY_SOURCE_LABELS.computed.vi}</StatusTag> : null}
    </Space>
  );
}

/** The holiday calendar (issue 10): a year's days off and swapped working days; changed with a reason. */
export function HolidaysPage() {
  const screens = Grid.useBreakpoint();
  const roles = useRoles();
  const thisYear = Number(todayLocalDate().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [dialog, setDialog] = useState<{ mode: 'add' } | { mode: 'edit' | 'remove'; day: Day } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canEdit = roles.has('administrator');
  const list = useQuery({
    queryKey: ['holidays', year],
    queryFn: async () => (await unwrap(api.GET('/holidays', { params: { query: { year } } }))) as Year,
  });
  const actions = (d: Day) =>
    canEdit
      ? [
          <Button
            key="edit"
            onClick={() => setDialog({ mode: 'edit', day: d })}
            aria-label={`Sửa ngày ${formatDate(d.date)}`}
          >
            Sửa
          </Button>,
          <Button
            key="remove"
            onClick={() => setDialog({ mode: 'remove', day: d })}
            aria-label={`Xóa ngày ${formatDate(d.date)}`}
          >
            Xóa
          </Button>,
        ]
      : [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>Lịch ngày nghỉ lễ</PageTitle>
      <Flex gap={8} wrap="wrap" align="center">
        <label htmlFor="holiday-year">Năm</label>
        <Select
          id="holiday-year"
          value={year}
          onChange={setYear}
          style={{ width: 120 }}
          options={[-1, 0, 1, 2, 3].map((d) => ({ value: thisYear + d, label: String(thisYear + d) }))}
        />
        {canEdit ? (
          <Button type="primary" onClick={() => setDialog({ mode: 'add' })}>
            Thêm ngày
          </Button>
        ) : null}
      </Flex>
      {notice ? (
        <Alert type="success" showIcon role="status" message={notice} closable onClose={() => setNotice(null)} />
      ) : null}
      {list.isPending ? <Loading rows={8} /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data ? (
        <Alert
          type="info"
          message={
            list.data.source === 'computed'
              ? `Năm ${list.data.year} chưa có lịch công bố: các ngày dưới đây được tính theo Bộ luật Lao động (Tết Nguyên đán, Giỗ Tổ theo âm lịch).`
              : `Lịch năm ${list.data.year} đã công bố: ${integerVi(list.data.days.length)} ngày.`
          }
        />
      ) : null}
      {list.data && list.data.days.length === 0 ? <EmptyState text="Chưa có ngày nghỉ nào trong năm." /> : null}
      {list.data && list.data.days.length > 0 && screens.md ? (
        <Table<Day>
          rowKey="date"
          dataSource={list.data.days}
          pagination={false}
          size="small"
          aria-label={`Ngày nghỉ năm ${list.data.year}`}
          columns={[
            { title: 'Ngày', key: 'date', render: (_, d) => `${weekdayOf(d.date)}, ${formatDate(d.date)}` },
            { title: 'Tên', key: 'name', render: (_, d) => d.name },
            { title: 'Loại', key: 'kind', render: (_, d) => <DayTags d={d} /> },
            { title: 'Văn bản', key: 'decision', render: (_, d) => d.decision ?? '—' },
            ...(canEdit
              ? [{ title: 'Thao tác', key: 'actions', render: (_: unknown, d: Day) => <Space>{actions(d)}</Space> }]
              : []),
          ]}
        />
      ) : null}
      {list.data && list.data.days.length > 0 && !screens.md ? (
        <List
          dataSource={list.data.days}
          rowKey="date"
          aria-label={`Ngày nghỉ năm ${list.data.year}`}
          renderItem={(d) => (
            <List.Item actions={actions(d)}>
              <List.Item.Meta
                title={`${weekdayOf(d.date)}, ${formatDate(d.date)}`}
                description={
                  <MetaText>
                    <div>{d.name}</div>
                    <DayTags d={d} />
                  </MetaText>
                }
              />
            </List.Item>
          )}
        />
      ) : null}
      {dialog?.mode === 'add' || dialog?.mode === 'edit' ? (
        <DayDialog
          day={dialog.mode === 'edit' ? dialog.day : null}
          onClose={() => setDialog(null)}
          onDone={(message, date) => {
            setDialog(null);
            setNotice(message);
            setYear(Number(date.slice(0, 4)));
          }}
        />
      ) : null}
      {dialog?.mode === 'remove' ? (
        <RemoveDialog
          day={dialog.day}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            setNotice(message);
          }}
        />
      ) : null}
    </Space>
  );
}

const retimedVi = (ops: Change['operations']) =>
  ops.length ? ` Các hồ sơ đang chờ của ${integerVi(ops.length)} bước đang được tính lại hạn.` : '';

type DayValues = { date?: Dayjs; kind: Day['kind']; name: string; decision?: string; reason: string };

function DayDialog({
  day,
  onClose,
  onDone,
}: {
  day: Day | null;
  onClose: () => void;
  onDone: (message: string, date: string) => void;
}) {
  const [form] = Form.useForm<DayValues>();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (v: DayValues) => {
      const body = { kind: v.kind, name: v.name.trim(), decision: v.decision?.trim() || null, reason: v.reason.trim() };
      if (day)
        return (await unwrap(
          api.PUT('/holidays/{date}', { params: { path: { date: day.date } }, body: body }),
        )) as Change;
      const date = (v.date as Dayjs).format('YYYY-MM-DD');
      return (await unwrap(api.POST('/holidays', { body: { ...body, date } }))) as Change;
    },
    onSuccess: async (res) => {
      await queryClient.invalidateQueries({ queryKey: ['holidays'] });
      onDone(
        `${day ? 'Đã sửa' : 'Đã thêm'} ngày ${formatDate(res.day.date)}: ${res.day.name}.${retimedVi(res.operations)}`,
        res.day.date,
      );
    },
    onError: (e) => {
      const shown = showFieldError(form, e, (f) =>
        ['date', 'kind', 'name', 'decision', 'reason'].includes(f) ? [f] : undefined,
      );
      setFailure(shown ? null : errorMessage(e));
    },
  });
  return (
    <Modal
      open
      title={day ? `Sửa ngày ${formatDate(day.date)}` : 'Thêm ngày vào lịch'}
      okText="Lưu"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {failure ? <Alert type="error" role="alert" message={failure} style={{ marginBottom: 12 }} /> : null}
      <Form<DayValues>
        form={form}
        layout="vertical"
        initialValues={{
          kind: day?.kind ?? 'holiday',
          name: day?.name ?? '',
          decision: day?.decision ?? '',
          reason: '',
        }}
        onFinish={(v) => {
          setFailure(null);
          save.mutate(v);
        }}
      >
        {day ? null : (
          <Form.Item name="date" label="Ngày" rules={[{ required: true, message: 'Bắt buộc: chọn ngày' }]}>
            <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="kind" label="Loại ngày">
          <Radio.Group
            options={[
              { value: 'holiday', label: CALENDAR_DAY_KIND_LABELS.holiday.vi },
              { value: 'working_day', label: `${CALENDAR_DAY_KIND_LABELS.working_day.vi} (thứ Bảy hoặc Chủ nhật)` },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="Tên ngày"
          rules={[{ required: true, whitespace: true, message: 'Bắt buộc: tên ngày' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="decision" label="Văn bản (thông báo, quyết định)">
          <Input maxLength={500} />
        </Form.Item>
        <ReasonField label="Lý do thay đổi" message="Bắt buộc: lý do thay đổi" minLength={3} maxLength={1000} />
      </Form>
    </Modal>
  );
}

function RemoveDialog({ day, onClose, onDone }: { day: Day; onClose: () => void; onDone: (message: string) => void }) {
  return (
    <ReasonDialog
      title={`Xóa ngày ${formatDate(day.date)}`}
      okText="Xóa"
      intro={<Typography.Paragraph>{day.name}</Typography.Paragraph>}
      reasonLabel="Lý do xóa"
      reasonMessage="Bắt buộc: lý do thay đổi"
      maxLength={1000}
      invalidate={['holidays']}
      submit={async (reason) =>
        (await unwrap(
          api.DELETE('/holidays/{date}', { params: { path: { date: day.date } }, body: { reason } }),
        )) as components['schemas']['HolidayRemoval']
      }
      onClose={onClose}
      onDone={(res) => onDone(`Đã xóa ngày ${formatDate(res.removed.date)} khỏi lịch.${retimedVi(res.operations)}`)}
    />
  );
}
