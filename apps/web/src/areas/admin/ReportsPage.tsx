import { Alert, Button, DatePicker, Form, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { REPORT_KIND_LABELS } from '@partyflow/domain';
import { downloadFile } from '../../api/download';
import { dayjs, todayLocalDate } from '../../format';
import { errorMessage, OrgSelect, PageTitle, showFieldError, useHomeOrgId } from './shared';

type Kind = keyof typeof REPORT_KIND_LABELS;
type Values = { kind: Kind; orgId: string; period: [Dayjs, Dayjs]; format: 'xlsx' | 'csv' };

const FIELDS: Record<string, string> = { orgId: 'orgId', from: 'period', to: 'period', format: 'format', kind: 'kind' };

/** Reports (issue 10): choose the kind and the period, download as Excel or CSV, made by the API. */
export function ReportsPage() {
  const [form] = Form.useForm<Values>();
  const home = useHomeOrgId(['administrator', 'organisation_department', 'supervisor', 'standing_committee_member']);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const year = todayLocalDate().slice(0, 4);

  const download = async (v: Values) => {
    setBusy(true);
    setFailure(null);
    setSaved(null);
    try {
      const query = new URLSearchParams({
        orgId: v.orgId,
        from: v.period[0].format('YYYY-MM-DD'),
        to: v.period[1].format('YYYY-MM-DD'),
        format: v.format,
      });
      const name = await downloadFile(`/reports/${v.kind}?${query}`, `bao-cao.${v.format}`, 'Không tạo được báo cáo.');
      setSaved(name);
    } catch (e) {
      if (!showFieldError(form, e, (f) => (FIELDS[f] ? [FIELDS[f]] : undefined))) setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 640 }}>
      <PageTitle>Báo cáo</PageTitle>
      <Typography.Paragraph style={{ margin: 0 }}>
        Báo cáo của tổ chức và các tổ chức trực thuộc trong kỳ, tải về dạng Excel hoặc CSV.
      </Typography.Paragraph>
      {failure ? <Alert type="error" showIcon role="alert" message={failure} /> : null}
      {saved ? <Alert type="success" showIcon role="status" message={`Đã tải về tệp ${saved}`} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'admissions',
          orgId: home,
          period: [dayjs(`${year}-01-01`, 'YYYY-MM-DD'), dayjs(`${year}-12-31`, 'YYYY-MM-DD')],
          format: 'xlsx',
        }}
        onFinish={download}
      >
        <Form.Item name="kind" label="Loại báo cáo">
          <Select
            options={(Object.keys(REPORT_KIND_LABELS) as Kind[]).map((k) => ({
              value: k,
              label: REPORT_KIND_LABELS[k].vi,
            }))}
          />
        </Form.Item>
        <Form.Item name="orgId" label="Tổ chức" rules={[{ required: true, message: 'Bắt buộc: chọn tổ chức' }]}>
          <OrgSelect />
        </Form.Item>
        <Form.Item
          name="period"
          label="Kỳ báo cáo"
          rules={[{ required: true, message: 'Bắt buộc: từ ngày, đến ngày' }]}
        >
          <DatePicker.RangePicker format="DD/MM/YYYY" placeholder={['Từ ngày', 'Đến ngày']} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="format" label="Định dạng tệp">
          <Radio.Group
            options={[
              { value: 'xlsx', label: 'Excel (.xlsx)' },
              { value: 'csv', label: 'CSV' },
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          Tải về
        </Button>
      </Form>
    </Space>
  );
}
