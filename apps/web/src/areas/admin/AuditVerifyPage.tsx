import { Alert, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { errorMessage, integerVi, PageTitle, showFieldError } from './shared';

type Verification = components['schemas']['AuditVerification'];
type Reason = NonNullable<Verification['firstMismatch']>['reason'];

const REASON_VI: Record<Reason, string> = {
  altered: 'Nội dung dòng đã bị sửa sau khi ghi',
  out_of_sequence: 'Sai thứ tự: có dòng bị chèn thêm hoặc xóa đi',
  unsealed: 'Dòng chưa được niêm phong',
  truncated: 'Nhật ký bị cắt bớt so với bản tóm tắt hằng ngày',
  digest_mismatch: 'Không khớp bản tóm tắt hằng ngày',
};

/**
 * The ledger's verification (issue 14 §5): the hash chain of one case, or of the whole log with its daily digests
 * (root administrators), recomputed by the API; the first row that does not match is named.
 */
export function AuditVerifyPage() {
  const [form] = Form.useForm<{ caseId?: string }>();
  const verify = useMutation({
    mutationFn: async (caseId: string | undefined) =>
      unwrap(api.GET('/audit/verify', { params: { query: caseId ? { caseId } : {} } })),
    onError: (e) => showFieldError(form, e, (f) => (f === 'caseId' || f === 'query.caseId' ? ['caseId'] : undefined)),
  });
  const r = verify.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 760 }}>
      <PageTitle>Kiểm tra toàn vẹn nhật ký</PageTitle>
      <Typography.Paragraph style={{ margin: 0 }}>
        Mỗi dòng nhật ký mang mã băm nối với dòng trước của cùng hồ sơ và của toàn bộ nhật ký; mỗi ngày hệ thống ghi bản
        tóm tắt đầu chuỗi. Kiểm tra tính lại toàn bộ chuỗi và nêu dòng sai đầu tiên nếu có.
      </Typography.Paragraph>
      <Card size="small">
        <Form
          form={form}
          name="audit-verify"
          layout="vertical"
          onFinish={(v) => verify.mutate(v.caseId?.trim() || undefined)}
        >
          <Form.Item name="caseId" label="Mã hồ sơ (để trống: toàn bộ nhật ký)">
            <Input maxLength={36} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={verify.isPending}>
            Kiểm tra
          </Button>
        </Form>
      </Card>
      {verify.isError && !form.getFieldError('caseId').length ? (
        <Alert type="error" showIcon role="alert" message={errorMessage(verify.error)} />
      ) : null}
      {r ? (
        <Card size="small" data-testid="audit-verification">
          {r.ok ? (
            <Alert
              type="success"
              showIcon
              role="status"
              message={`Nhật ký toàn vẹn${r.caseId ? ' (hồ sơ này)' : ''}: đã kiểm tra ${integerVi(r.checked)} dòng, ${integerVi(r.digests)} bản tóm tắt hằng ngày.`}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              role="alert"
              message={`Nhật ký không toàn vẹn: ${r.firstMismatch ? REASON_VI[r.firstMismatch.reason] : ''}`}
              description={r.firstMismatch?.message}
            />
          )}
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 12 }}
            items={[
              { key: 'checked', label: 'Số dòng đã kiểm tra', children: integerVi(r.checked) },
              { key: 'head', label: 'Đầu chuỗi', children: `số ${r.head.seq}` },
              ...(r.firstMismatch
                ? [
                    { key: 'seq', label: 'Dòng sai đầu tiên', children: r.firstMismatch.seq ?? '—' },
                    { key: 'id', label: 'Mã dòng', children: r.firstMismatch.auditId ?? '—' },
                  ]
                : []),
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}
