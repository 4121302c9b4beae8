import { Alert, Button, Card, Descriptions, Flex, Form, Input, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { labelVi } from '@partyflow/domain';
import { api, ApiFailure, unwrap } from '../api/client';
import { showFieldError } from '../api/field-errors';
import type { TaskPage } from '../api/types';
import { casePath, ROUTES } from '../app/routes';
import { ErrorState, Loading } from '../components/states';
import { dataOf, fieldsFromSchema, formPathOf } from '../forms/schema-form';
import { StepFields } from '../forms/StepForm';
import { VoteTally, type VoteForm } from '../forms/VoteTally';
import { dueIn, formatDate, formatDateTime } from '../format';
import { EvidenceRefreshNotice, ProxyAttestationFields, RepromiseCard, TaskHistoryNotes } from './TaskNotices';

type Values = {
  comment?: string;
  data?: Record<string, unknown>;
  onBehalfOf?: { minutesRef?: string; minutesDate?: string };
};

export function TaskPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [conflict, setConflict] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const task = useQuery({
    queryKey: ['task', id],
    queryFn: () => unwrap(api.GET('/tasks/{id}', { params: { path: { id } } })),
  });
  const t = task.data;
  const vote = t?.form?.vote as VoteForm | undefined;
  const fields = useMemo(() => (t?.form?.schema ? fieldsFromSchema(t.form.schema, ['roster']) : []), [t?.form?.schema]);
  const outcomes = t?.form?.outcomes ?? t?.allowedOutcomes.map((value) => ({ value, label: labelVi(value) })) ?? [];

  const complete = useMutation({
    mutationFn: async ({ outcome, values }: { outcome: string; values: Values }) =>
      unwrap(
        api.POST('/tasks/{id}/complete', {
          params: { path: { id } },
          body: {
            outcome,
            comment: values.comment?.trim() || undefined,
            data: (dataOf(values.data) as Record<string, unknown> | undefined) ?? {},
            // Issue 14 §6: a proxy completes it for its principal, on the strength of the paper minutes.
            ...(t?.proxyFor
              ? {
                  onBehalfOf: {
                    userId: t.proxyFor.userId,
                    minutesRef: values.onBehalfOf?.minutesRef?.trim() ?? '',
                    minutesDate: values.onBehalfOf?.minutesDate ?? '',
                  },
                }
              : {}),
          },
        }),
      ),
    onSuccess: async () => {
      // The workflow accepted it: the task leaves the inbox now, whatever the next refetch still reads while the
      // worker closes its row.
      queryClient.setQueriesData<TaskPage>({ queryKey: ['tasks', 'mine'] }, (page) =>
        page ? { ...page, items: page.items.filter((x) => x.id !== id) } : page,
      );
      await queryClient.invalidateQueries({ queryKey: ['tasks'], refetchType: 'none' });
      await queryClient.invalidateQueries({ queryKey: ['task', id] });
      navigate(ROUTES.inbox, { state: { done: `Đã hoàn thành: ${t?.stepLabel ?? 'nhiệm vụ'}.` } });
    },
    onError: async (e) => {
      if (e instanceof ApiFailure && e.status === 409) {
        setConflict(e.message);
        await queryClient.invalidateQueries({ queryKey: ['tasks'] });
        await queryClient.invalidateQueries({ queryKey: ['task', id] });
        return;
      }
      const shown = showFieldError(form, e, (field) => {
        if (field === 'comment') return ['comment'];
        if (field.startsWith('onBehalfOf.')) return ['onBehalfOf', field.slice('onBehalfOf.'.length)];
        const path = formPathOf(field);
        return path ? ['data', ...path] : undefined;
      });
      if (shown) setFailure('Có thông tin chưa hợp lệ; xem ô được đánh dấu.');
      else setFailure(e instanceof ApiFailure ? e.message : 'Không gửi được. Vui lòng thử lại.');
    },
  });

  const submit = async (outcome: string) => {
    setFailure(null);
    setConflict(null);
    try {
      await form.validateFields();
    } catch {
      setFailure('Có thông tin chưa hợp lệ; xem ô được đánh dấu.');
      return;
    }
    complete.mutate({ outcome, values: form.getFieldsValue(true) });
  };

  if (task.isPending) return <Loading rows={8} />;
  if (task.isError || !t) return <ErrorState error={task.error} onRetry={() => task.refetch()} />;
  const open = t.status === 'open' || t.status === 'overdue';
  const caseLink = casePath(t.process, t.caseId);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Link to={ROUTES.inbox}>← Việc cần làm</Link>
      </div>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t.stepLabel}
      </Typography.Title>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'case', label: 'Hồ sơ', children: t.subjectName ?? t.title },
            { key: 'process', label: 'Quy trình', children: t.processLabel ?? labelVi(t.process) },
            {
              key: 'due',
              label: 'Hạn',
              children: (
                <Flex gap={8} wrap="wrap">
                  {formatDate(t.dueAt)}
                  {open ? <Tag color={t.overdue ? 'red' : 'default'}>{dueIn(t.dueAt)}</Tag> : null}
                </Flex>
              ),
            },
            { key: 'opened', label: 'Giao ngày', children: formatDate(t.openedAt) },
            ...(t.escalationLevel > 0
              ? [{ key: 'esc', label: 'Đã chuyển cấp trên', children: `Lần ${t.escalationLevel}` }]
              : []),
            ...(caseLink
              ? [{ key: 'link', label: 'Diễn biến hồ sơ', children: <Link to={caseLink}>Xem các bước của hồ sơ</Link> }]
              : []),
          ]}
        />
      </Card>
      <EvidenceRefreshNotice task={t} />
      <TaskHistoryNotes task={t} />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          message="Nhiệm vụ này đã được xử lý"
          description={`${conflict} Danh sách việc cần làm đã được cập nhật.`}
          action={
            <Link to={ROUTES.inbox}>
              <Button>Về Việc cần làm</Button>
            </Link>
          }
        />
      ) : null}
      {!open ? (
        <Alert
          type="info"
          showIcon
          message={t.status === 'completed' ? 'Nhiệm vụ đã hoàn thành' : 'Nhiệm vụ đã hủy'}
          description={
            t.status === 'completed'
              ? `${t.completedBy ?? ''} — ${formatDateTime(t.completedAt)} — kết quả: ${t.outcomeLabel ?? labelVi(t.outcome ?? '')}`
              : undefined
          }
        />
      ) : (
        <Card title="Kết quả thực hiện" size="small">
          <Form form={form} layout="vertical" disabled={complete.isPending || Boolean(conflict)} scrollToFirstError>
            {t.roster ? <VoteTally roster={t.roster} vote={vote} /> : null}
            <StepFields fields={fields} prefix={['data']} />
            {t.proxyFor ? <ProxyAttestationFields principal={t.proxyFor.name} /> : null}
            <Form.Item name="comment" label="Ý kiến, ghi chú (không bắt buộc)">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
            </Form.Item>
            {failure ? (
              <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={failure} />
            ) : null}
            <Flex gap={8} wrap="wrap">
              {outcomes.map((o, i) => (
                <Button
                  key={o.value}
                  type={i === 0 ? 'primary' : 'default'}
                  loading={complete.isPending && complete.variables?.outcome === o.value}
                  onClick={() => submit(o.value)}
                >
                  {o.label}
                </Button>
              ))}
            </Flex>
          </Form>
        </Card>
      )}
      {open ? <RepromiseCard task={t} /> : null}
    </Space>
  );
}
