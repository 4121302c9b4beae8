import { Alert, Radio, Space, Table, Tag, Typography } from 'antd';
import type { components } from '../../api/openapi';
import { formatDateTime } from '../../format';
import { integerVi } from './admin-format';

export type PolicyPreview = components['schemas']['PolicyPreview'];
export type ChangeScope = 'running_too' | 'new_cases_only' | 'selected_cases';

const SCOPE_OPTIONS: { value: ChangeScope; label: string }[] = [
  { value: 'running_too', label: 'Áp dụng cả cho các hồ sơ đang chờ bước này' },
  { value: 'new_cases_only', label: 'Chỉ áp dụng cho hồ sơ mới; hồ sơ đang chạy giữ thời hạn cũ' },
  { value: 'selected_cases', label: 'Chỉ áp dụng cho các hồ sơ được chọn dưới đây' },
];

/** "12 nhiệm vụ của 10 hồ sơ đổi hạn: 3 sớm hơn, 9 muộn hơn; 2 sẽ quá hạn ngay; 1 sẽ chuyển cấp trên ngay." */
export function previewSummaryVi(c: PolicyPreview['counts']): string {
  const parts = [
    `${integerVi(c.tasks)} nhiệm vụ của ${integerVi(c.cases)} hồ sơ đang chờ; ${integerVi(c.changed)} đổi hạn (${integerVi(c.earlier)} sớm hơn, ${integerVi(c.later)} muộn hơn)`,
    `${integerVi(c.becomeOverdue)} sẽ quá hạn ngay`,
    `${integerVi(c.escalate)} sẽ chuyển cấp trên ngay`,
    ...(c.unknownAnchor ? [`${integerVi(c.unknownAnchor)} chưa biết hạn mới`] : []),
  ];
  return `${parts.join('; ')}.`;
}

/**
 * Issue 14 §1: what a proposed deadline would do to the running cases, computed by the API without changing anything:
 * the counts, per organisation, and each task's due date before and after; then where the change applies. With
 * `selected_cases`, the rows chosen name the cases it reaches.
 */
export function PolicyPreviewPanel({
  preview,
  scope,
  onScope,
  selected,
  onSelect,
}: {
  preview: PolicyPreview;
  scope: ChangeScope;
  onScope: (scope: ChangeScope) => void;
  selected: string[];
  onSelect: (caseIds: string[]) => void;
}) {
  const c = preview.counts;
  const tasks = preview.tasks;
  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }} data-testid="policy-preview">
      <Alert
        type={c.becomeOverdue || c.escalate ? 'warning' : 'info'}
        showIcon
        role="status"
        message="Xem trước ảnh hưởng (chưa thay đổi gì)"
        description={previewSummaryVi(c)}
      />
      {preview.byOrganisation.length ? (
        <Table
          size="small"
          rowKey="orgId"
          pagination={false}
          aria-label="Ảnh hưởng theo tổ chức"
          dataSource={preview.byOrganisation}
          columns={[
            { title: 'Tổ chức', dataIndex: 'orgName' },
            { title: 'Nhiệm vụ', dataIndex: 'tasks', render: (n: number) => integerVi(n) },
            { title: 'Đổi hạn', dataIndex: 'changed', render: (n: number) => integerVi(n) },
            { title: 'Quá hạn ngay', dataIndex: 'becomeOverdue', render: (n: number) => integerVi(n) },
            { title: 'Chuyển cấp ngay', dataIndex: 'escalate', render: (n: number) => integerVi(n) },
          ]}
        />
      ) : null}
      <Radio.Group
        value={scope}
        onChange={(e) => onScope(e.target.value as ChangeScope)}
        aria-label="Phạm vi áp dụng"
        style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        options={SCOPE_OPTIONS}
      />
      {tasks.length ? (
        <>
          {preview.tasksTotal > tasks.length ? (
            <Typography.Text type="secondary">
              Hiển thị {integerVi(tasks.length)}/{integerVi(preview.tasksTotal)} nhiệm vụ.
            </Typography.Text>
          ) : null}
          <Table
            size="small"
            rowKey="taskId"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            aria-label="Các nhiệm vụ sẽ được tính lại hạn"
            dataSource={tasks}
            rowSelection={
              scope === 'selected_cases'
                ? {
                    selectedRowKeys: tasks.filter((t) => selected.includes(t.caseId)).map((t) => t.taskId),
                    onChange: (_, rows) => onSelect([...new Set(rows.map((r) => r.caseId))]),
                  }
                : undefined
            }
            columns={[
              { title: 'Nhiệm vụ', dataIndex: 'title' },
              { title: 'Tổ chức', dataIndex: 'orgName' },
              { title: 'Hạn hiện tại', dataIndex: 'dueAtBefore', render: (v: string) => formatDateTime(v) },
              {
                title: 'Hạn mới',
                key: 'after',
                render: (_, t) => (
                  <Space size={4} wrap>
                    {t.dueAtAfter ? formatDateTime(t.dueAtAfter) : 'Chưa biết'}
                    {t.becomesOverdue ? <Tag color="red">Quá hạn ngay</Tag> : null}
                    {t.escalatesTo ? <Tag color="orange">Chuyển cấp ngay</Tag> : null}
                  </Space>
                ),
              },
            ]}
          />
        </>
      ) : null}
    </Space>
  );
}
