import { Alert, Button, Card, Descriptions, Form, Radio, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { SearchSelect, type SearchOption } from '../../components/SearchSelect';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  ADMISSION_TASK_STEPS,
  INSPECTION_STEPS,
  labelVi,
  PROCESS_LABELS,
  ROLES,
  SCREENING_STEPS,
  TRANSFER_STEPS,
} from '@partyflow/domain';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { showFieldError } from '../../api/field-errors';
import type { components } from '../../api/openapi';
import { useSession } from '../../app/session';
import { ReasonField } from '../../forms/ReasonField';
import { OrgSelect } from '../admin/shared';

type Operation = components['schemas']['TaskReassignment'];
type Values = {
  orgId?: string;
  by: 'step' | 'user';
  process?: string;
  step?: string;
  assigneeUserId?: string;
  to?: { orgId?: string; role?: string };
  reason?: string;
};

const STEPS_OF: Record<string, readonly string[]> = {
  admission: ADMISSION_TASK_STEPS,
  screening: SCREENING_STEPS,
  transfer: TRANSFER_STEPS,
  inspection: INSPECTION_STEPS,
};
const FIELDS: Record<string, (string | number)[]> = {
  orgId: ['orgId'],
  process: ['process'],
  step: ['step'],
  assigneeUserId: ['assigneeUserId'],
  'to.orgId': ['to', 'orgId'],
  'to.role': ['to', 'role'],
  reason: ['reason'],
};

/** A user of the administered subtree, searched by name (administrators only: the users list is theirs). */
function UserPick(props: { value?: string; onChange?: (v: string) => void; id?: string; known?: SearchOption }) {
  return (
    <SearchSelect
      {...props}
      queryKey={['users', 'pick']}
      placeholder="Gõ họ tên hoặc tên đăng nhập"
      search={async (q) =>
        (await unwrap(api.GET('/users', { params: { query: { q: q || undefined, pageSize: 20 } } }))).items.map(
          (u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }),
        )
      }
    />
  );
}

/**
 * Bulk reassignment (issue 14 §2): an administrator or supervisor moves every open task matching a filter (one step in
 * an organisation's subtree, or the tasks of someone who left) to another assignee, with a reason; the durable
 * operation's progress and what moved are shown as it runs.
 */
export function ReassignmentPage() {
  const session = useSession();
  const isAdmin = (session?.user.roles ?? []).some((r) => r.role === 'administrator');
  const [form] = Form.useForm<Values>();
  // From a disabled user's page (issue 14 §2): the user's own tasks, in the organisation the API offered.
  const [params] = useSearchParams();
  const offered = params.get('assigneeUserId');
  const known = offered ? { value: offered, label: params.get('assigneeName') ?? offered } : undefined;
  const by = Form.useWatch('by', form) ?? 'step';
  const process = Form.useWatch('process', form);
  const [operationId, setOperationId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: async (v: Values) =>
      unwrap(
        api.POST('/task-reassignments', {
          body: {
            orgId: v.orgId ?? '',
            ...(v.by === 'user' ? { assigneeUserId: v.assigneeUserId } : { process: v.process, step: v.step }),
            to: { orgId: v.to?.orgId ?? '', role: v.to?.role as (typeof ROLES)[number] },
            reason: v.reason?.trim() ?? '',
          },
        }),
      ),
    onSuccess: (op) => setOperationId(op.id),
    onError: (e) => {
      const shown = showFieldError(form, e, (f) => FIELDS[f]);
      setFailure(shown ? 'Có thông tin chưa hợp lệ; xem ô được đánh dấu.' : errorMessage(e));
    },
  });
  const operation = useQuery({
    queryKey: ['task-reassignments', operationId],
    enabled: Boolean(operationId),
    queryFn: async () => unwrap(api.GET('/task-reassignments/{id}', { params: { path: { id: operationId ?? '' } } })),
    refetchInterval: (q) =>
      q.state.data && ['completed', 'start_failed'].includes(q.state.data.status) ? false : 1000,
  });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 760 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        Chuyển nhiệm vụ hàng loạt
      </Typography.Title>
      <Card size="small">
        <Form
          form={form}
          name="reassignment"
          layout="vertical"
          initialValues={
            offered && isAdmin
              ? { by: 'user', orgId: params.get('orgId') ?? undefined, assigneeUserId: offered }
              : { by: 'step' }
          }
          disabled={start.isPending}
          onFinish={(v) => {
            setFailure(null);
            start.mutate(v);
          }}
        >
          <Form.Item
            name="orgId"
            label="Trong tổ chức (và cấp dưới)"
            rules={[{ required: true, message: 'Chọn tổ chức' }]}
          >
            <OrgSelect label="Trong tổ chức (và cấp dưới)" />
          </Form.Item>
          <Form.Item name="by" label="Chuyển các nhiệm vụ đang mở">
            <Radio.Group
              options={[
                { value: 'step', label: 'Của một bước' },
                ...(isAdmin ? [{ value: 'user', label: 'Của một người đã nghỉ, chuyển công tác' }] : []),
              ]}
            />
          </Form.Item>
          {by === 'user' ? (
            <Form.Item name="assigneeUserId" label="Người" rules={[{ required: true, message: 'Chọn người' }]}>
              <UserPick known={known} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="process" label="Quy trình" rules={[{ required: true, message: 'Chọn quy trình' }]}>
                <Select
                  options={Object.keys(STEPS_OF).map((p) => ({ value: p, label: PROCESS_LABELS[p]?.vi ?? labelVi(p) }))}
                  onChange={() => form.setFieldValue('step', undefined)}
                  placeholder="Chọn quy trình"
                />
              </Form.Item>
              <Form.Item name="step" label="Bước" rules={[{ required: true, message: 'Chọn bước' }]}>
                <Select
                  disabled={!process}
                  options={(STEPS_OF[process ?? ''] ?? []).map((s) => ({ value: s, label: labelVi(s) }))}
                  placeholder="Chọn bước"
                />
              </Form.Item>
            </>
          )}
          <Form.Item
            name={['to', 'orgId']}
            label="Giao cho tổ chức"
            rules={[{ required: true, message: 'Chọn tổ chức' }]}
          >
            <OrgSelect label="Giao cho tổ chức" />
          </Form.Item>
          <Form.Item
            name={['to', 'role']}
            label="Vai trò nhận việc"
            rules={[{ required: true, message: 'Chọn vai trò' }]}
          >
            <Select options={ROLES.map((r) => ({ value: r, label: labelVi(r) }))} placeholder="Chọn vai trò" />
          </Form.Item>
          <ReasonField label="Lý do chuyển" message="Ghi lý do chuyển" minLength={3} />
          {failure ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={failure} /> : null}
          <Button type="primary" htmlType="submit" loading={start.isPending}>
            Chuyển nhiệm vụ
          </Button>
        </Form>
      </Card>
      {operation.data ? <OperationCard op={operation.data} /> : null}
    </Space>
  );
}

function OperationCard({ op }: { op: Operation }) {
  const done = op.status === 'completed' || op.status === 'start_failed';
  return (
    <Card size="small" title="Tiến độ chuyển" data-testid="reassignment-operation">
      <Tag color={done ? (op.status === 'completed' ? 'green' : 'red') : 'blue'}>{op.statusLabel}</Tag>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginTop: 8 }}
        items={[
          { key: 'matched', label: 'Nhiệm vụ khớp', children: op.counts.matched },
          { key: 'moved', label: 'Đã chuyển', children: op.counts.moved },
          { key: 'unchanged', label: 'Không đổi', children: op.counts.unchanged },
          { key: 'failed', label: 'Lỗi', children: op.counts.failed },
        ]}
      />
      {op.failures.length ? (
        <Alert
          type="warning"
          showIcon
          message="Không chuyển được"
          description={op.failures.map((f) => (
            <div key={f.taskId}>{f.reason}</div>
          ))}
        />
      ) : null}
    </Card>
  );
}
