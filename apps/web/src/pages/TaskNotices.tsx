import { Alert, Button, Card, DatePicker, Flex, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import { showFieldError } from '../api/field-errors';
import type { TaskDetailView } from '../api/types';
import { dateInput } from '../forms/StepForm';
import { ReasonField } from '../forms/ReasonField';
import { formatDate } from '../format';

type EvidenceRefresh = { heldStepLabel?: string; reason?: string };

/**
 * Issue 14 §4: a refresh task says which vote waits for it and why (its payload's `evidenceRefresh`), so the owner
 * knows what to bring.
 */
export function EvidenceRefreshNotice({ task }: { task: TaskDetailView }) {
  const refresh = (task.payload as { evidenceRefresh?: EvidenceRefresh } | undefined)?.evidenceRefresh;
  if (!refresh?.reason) return null;
  return (
    <Alert
      type="warning"
      showIcon
      message={`Bước "${refresh.heldStepLabel ?? ''}" đang tạm dừng chờ nhiệm vụ này`}
      description={refresh.reason}
    />
  );
}

/**
 * Issue 14 §2, §3 and §6: who the task is held for or was done for (a substitute for an absent holder; a proxy, with
 * the paper minutes), and a re-promised task's first due date.
 */
export function TaskHistoryNotes({ task }: { task: TaskDetailView }) {
  const lines: string[] = [];
  if (task.repromiseCount > 0 && task.originalDueAt)
    lines.push(`Đã hẹn lại ${task.repromiseCount} lần; hạn ban đầu ${formatDate(task.originalDueAt)}.`);
  const actedFor = task.actedFor;
  if (actedFor?.kind === 'proxy')
    lines.push(
      `Làm thay cho ${actedFor.name}, theo biên bản ${actedFor.minutesRef} ngày ${formatDate(actedFor.minutesDate)}.`,
    );
  if (actedFor?.kind === 'substitute')
    lines.push(
      `Làm thay ${actedFor.name} vắng mặt (người thay thế từ ${formatDate(actedFor.validFrom)} đến ${formatDate(actedFor.validUntil)}).`,
    );
  if (task.proxyFor && !actedFor) lines.push(`Nhiệm vụ của ${task.proxyFor.name}; bạn được ủy nhiệm làm thay.`);
  const heldFor = task.heldFor;
  if (heldFor && !actedFor)
    lines.push(
      `Nhiệm vụ của ${heldFor.name}; bạn là người thay thế từ ${formatDate(heldFor.validFrom)} đến ${formatDate(heldFor.validUntil)}.`,
    );
  if (!lines.length) return null;
  return (
    <Alert
      type="info"
      showIcon
      message={
        <>
          {lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
        </>
      }
    />
  );
}

/**
 * Issue 14 §6: completing the task for its principal under a standing proxy grant needs the paper minutes that attest
 * it (their reference and date, not after today).
 */
export function ProxyAttestationFields({ principal }: { principal: string }) {
  return (
    <Card size="small" title={`Làm thay ${principal} (theo ủy nhiệm của đảng ủy cơ sở)`} style={{ marginBottom: 16 }}>
      <Form.Item
        name={['onBehalfOf', 'minutesRef']}
        label="Số, ký hiệu biên bản giấy"
        rules={[{ required: true, whitespace: true, message: 'Nhập số, ký hiệu biên bản giấy' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name={['onBehalfOf', 'minutesDate']}
        label="Ngày biên bản"
        rules={[{ required: true, message: 'Chọn ngày biên bản' }]}
        {...dateInput}
      >
        <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: '100%', maxWidth: 200 }} />
      </Form.Item>
    </Card>
  );
}

type RepromiseValues = { dueDate?: string; reason?: string };

/**
 * Issue 14 §3, phiếu hẹn lại: the assignee of an overdue task commits to a new date with a reason; the API bounds
 * the date and the number of times and names the field it refuses.
 */
export function RepromiseCard({ task }: { task: TaskDetailView }) {
  const [form] = Form.useForm<RepromiseValues>();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const repromise = useMutation({
    mutationFn: async (v: RepromiseValues) =>
      unwrap(
        api.POST('/tasks/{id}/repromise', {
          params: { path: { id: task.id } },
          body: { dueDate: v.dueDate ?? '', reason: v.reason?.trim() ?? '' },
        }),
      ),
    onSuccess: async (_, v) => {
      setDone(`Đã hẹn lại đến hết ngày ${formatDate(v.dueDate)}; cấp trên đã được báo.`);
      await queryClient.invalidateQueries({ queryKey: ['task', task.id] });
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
    onError: (e) => {
      const shown = showFieldError(form, e, (f) => (f === 'dueDate' || f === 'reason' ? [f] : undefined));
      setFailure(shown ? 'Có thông tin chưa hợp lệ; xem ô được đánh dấu.' : errorMessage(e));
    },
  });
  if (task.status !== 'overdue' && !done) return null;
  return (
    <Card title="Hẹn lại ngày hoàn thành (phiếu hẹn lại)" size="small">
      {done ? (
        <Alert type="success" showIcon role="status" message={done} />
      ) : (
        <Form
          form={form}
          name="repromise"
          layout="vertical"
          disabled={repromise.isPending}
          onFinish={(v) => {
            setFailure(null);
            repromise.mutate(v);
          }}
        >
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            Nhiệm vụ đã quá hạn. Ghi lý do và ngày cam kết hoàn thành mới; cấp trên được thông báo, việc nhắc và chuyển
            cấp trên tính theo ngày mới.
          </Typography.Paragraph>
          <Form.Item
            name="dueDate"
            label="Ngày cam kết hoàn thành mới"
            rules={[{ required: true, message: 'Chọn ngày cam kết hoàn thành' }]}
            {...dateInput}
          >
            <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: '100%', maxWidth: 200 }} />
          </Form.Item>
          <ReasonField label="Lý do hẹn lại" message="Ghi lý do hẹn lại" minLength={3} />
          {failure ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={failure} /> : null}
          <Flex gap={8}>
            <Button htmlType="submit" loading={repromise.isPending}>
              Hẹn lại
            </Button>
          </Flex>
        </Form>
      )}
    </Card>
  );
}
