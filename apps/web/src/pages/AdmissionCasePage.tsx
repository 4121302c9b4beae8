import { Alert, Button, Card, Descriptions, Flex, Grid, List, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ADMISSION_CASE_STATUS_LABELS, labelVi } from '@partyflow/domain';
import { api, unwrap } from '../api/client';
import { downloadFile } from '../api/download';
import { errorMessage } from '../api/errors';
import type { AdmissionCaseStep } from '../api/types';
import { ROUTES } from '../app/routes';
import { ErrorState, Loading } from '../components/states';
import { formatDate, formatDateTime } from '../format';

/** "Đúng hạn / trễ hạn" of a step: completed by its due instant or not; open steps say whether they are late. */
export function timelinessOf(step: Pick<AdmissionCaseStep, 'status' | 'completedAt' | 'dueAt'>, now = Date.now()) {
  if (step.completedAt) {
    return Date.parse(step.completedAt) <= Date.parse(step.dueAt)
      ? { label: 'Đúng hạn', color: 'green' }
      : { label: 'Trễ hạn', color: 'red' };
  }
  if (step.status === 'cancelled') return { label: 'Đã hủy', color: 'default' };
  return Date.parse(step.dueAt) < now
    ? { label: 'Quá hạn chưa hoàn thành', color: 'red' }
    : { label: 'Đang trong hạn', color: 'blue' };
}

const STATUS_COLOURS: Record<string, string> = {
  in_progress: 'processing',
  probationary: 'gold',
  official: 'success',
  rejected: 'error',
  not_recognised: 'error',
  cancelled: 'default',
};

function assigneeOf(step: AdmissionCaseStep): string {
  return step.assignee.role ? labelVi(step.assignee.role) : 'Đảng viên được phân công';
}

/**
 * Issue 14 §7: the case's official papers, each as DOCX or PDF once the step that makes it has happened; the others say
 * why not yet.
 */
function CaseDocuments({ caseId }: { caseId: string }) {
  const docs = useQuery({
    queryKey: ['admission-case', caseId, 'documents'],
    queryFn: async () => unwrap(api.GET('/admission-cases/{id}/documents', { params: { path: { id: caseId } } })),
  });
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (docs.isPending) return <Loading rows={2} />;
  if (docs.isError || !docs.data) return <ErrorState error={docs.error} onRetry={() => docs.refetch()} />;
  const fetchFile = async (kind: string, format: string) => {
    setBusy(`${kind}.${format}`);
    setFailure(null);
    try {
      await downloadFile(
        `/admission-cases/${caseId}/documents/${kind}?format=${format}`,
        `${kind}.${format}`,
        'Không tạo được văn bản.',
      );
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card size="small" title="Văn bản của hồ sơ">
      {failure ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={failure} /> : null}
      <List
        dataSource={docs.data.documents}
        rowKey="kind"
        aria-label="Văn bản của hồ sơ"
        renderItem={(d) => (
          <List.Item>
            <Flex justify="space-between" align="center" gap={8} wrap="wrap" style={{ width: '100%' }}>
              <div>
                <Typography.Text strong={d.available}>{d.title}</Typography.Text>{' '}
                <Typography.Text type="secondary">({d.form})</Typography.Text>
                {d.available ? null : <div>{d.reason}</div>}
              </div>
              {d.available ? (
                <Flex gap={8}>
                  {d.formats.map((f) => (
                    <Button
                      key={f}
                      size="small"
                      loading={busy === `${d.kind}.${f}`}
                      aria-label={`Tải ${d.title} (${f.toUpperCase()})`}
                      onClick={() => fetchFile(d.kind, f)}
                    >
                      {f.toUpperCase()}
                    </Button>
                  ))}
                </Flex>
              ) : null}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function AdmissionCasePage() {
  const { id = '' } = useParams();
  const screens = Grid.useBreakpoint();
  const view = useQuery({
    queryKey: ['admission-case', id],
    queryFn: async () => unwrap(api.GET('/admission-cases/{id}', { params: { path: { id } } })),
  });
  if (view.isPending) return <Loading rows={8} />;
  if (view.isError || !view.data) return <ErrorState error={view.error} onRetry={() => view.refetch()} />;
  const c = view.data;
  const outcome = (s: AdmissionCaseStep) => (s.outcome ? labelVi(s.outcome) : '—');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        Hồ sơ kết nạp: {c.candidate.fullName}
      </Typography.Title>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'status',
              label: 'Trạng thái',
              children: (
                <Tag color={STATUS_COLOURS[c.status] ?? 'default'}>
                  {ADMISSION_CASE_STATUS_LABELS[c.status as keyof typeof ADMISSION_CASE_STATUS_LABELS]?.vi ?? c.status}
                </Tag>
              ),
            },
            { key: 'step', label: 'Bước hiện tại', children: c.currentStep ? labelVi(c.currentStep) : '—' },
            { key: 'started', label: 'Lập hồ sơ', children: formatDate(c.startedAt) },
            ...(c.decidedOn
              ? [{ key: 'decided', label: 'Ngày quyết định kết nạp', children: formatDate(c.decidedOn) }]
              : []),
            ...(c.ceremonyOn
              ? [{ key: 'ceremony', label: 'Ngày lễ kết nạp', children: formatDate(c.ceremonyOn) }]
              : []),
            ...(c.officialOn
              ? [{ key: 'official', label: 'Ngày công nhận chính thức', children: formatDate(c.officialOn) }]
              : []),
            ...(c.endReason ? [{ key: 'reason', label: 'Lý do kết thúc', children: c.endReason }] : []),
            ...(c.criteria.set
              ? [
                  {
                    key: 'criteria',
                    label: 'Tiêu chuẩn áp dụng',
                    children: `${c.criteria.set.name} (${c.criteria.set.documentRef})`,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {c.workflowState?.evidenceHold ? (
        <Alert
          type="warning"
          showIcon
          role="status"
          message={`Bước "${labelVi(c.workflowState.evidenceHold.step)}" đang tạm dừng: có giấy tờ đã hết giá trị`}
          description={
            <>
              {c.workflowState.evidenceHold.stale.map((e) => (
                <div key={e.key}>{e.reason}</div>
              ))}
              <div>Đã giao nhiệm vụ bổ sung cho người phụ trách; bước này mở lại khi bổ sung xong.</div>
            </>
          }
        />
      ) : null}
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        Các bước
      </Typography.Title>
      {screens.md ? (
        <Table<AdmissionCaseStep>
          rowKey="taskId"
          dataSource={c.steps}
          pagination={false}
          aria-label="Các bước của hồ sơ"
          columns={[
            { title: 'Bước', key: 'step', render: (_, s) => <Link to={ROUTES.task(s.taskId)}>{labelVi(s.step)}</Link> },
            { title: 'Người thực hiện', key: 'assignee', render: (_, s) => assigneeOf(s) },
            { title: 'Hạn', key: 'due', render: (_, s) => formatDate(s.dueAt) },
            { title: 'Người hoàn thành', key: 'by', render: (_, s) => s.completedBy ?? '—' },
            { title: 'Lúc', key: 'at', render: (_, s) => formatDateTime(s.completedAt) },
            { title: 'Kết quả', key: 'outcome', render: (_, s) => outcome(s) },
            {
              title: 'Thời hạn',
              key: 'timely',
              render: (_, s) => {
                const t = timelinessOf(s);
                return <Tag color={t.color}>{t.label}</Tag>;
              },
            },
          ]}
        />
      ) : (
        <List
          dataSource={c.steps}
          rowKey="taskId"
          aria-label="Các bước của hồ sơ"
          renderItem={(s) => {
            const t = timelinessOf(s);
            return (
              <List.Item>
                <div style={{ width: '100%' }}>
                  <Link to={ROUTES.task(s.taskId)}>
                    <Typography.Text strong>{labelVi(s.step)}</Typography.Text>
                  </Link>
                  <div>
                    {assigneeOf(s)} · hạn {formatDate(s.dueAt)}
                  </div>
                  <div>
                    {s.completedBy
                      ? `${s.completedBy}, ${formatDateTime(s.completedAt)} · ${outcome(s)}`
                      : 'Chưa hoàn thành'}{' '}
                    <Tag color={t.color}>{t.label}</Tag>
                  </div>
                </div>
              </List.Item>
            );
          }}
        />
      )}
      <CaseDocuments caseId={c.id} />
    </Space>
  );
}
