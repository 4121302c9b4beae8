import { Button, Checkbox, Col, Form, Input, Radio, Row, Select, Space } from 'antd';
import { useState } from 'react';
import {
  checkRecordDates,
  EDUCATION_LEVEL_LABELS,
  EDUCATION_LEVELS,
  GENDER_LABELS,
  GENDERS,
  isValidNationalId,
  MASS_ORGANISATION_KINDS,
  MASS_ORGANISATION_LABELS,
  SPECIAL_VERIFICATION_CASE_LABELS,
  SPECIAL_VERIFICATION_CASES,
  type EducationLevel,
  type Gender,
  type MassOrganisationKind,
  type SpecialVerificationCase,
} from '@partyflow/domain';
import type { paths } from '../../api/openapi';
import { required } from '../../forms/required';
import { todayLocalDate } from '../../format';
import { parseViDate, toViDate, viDateRule } from './dates';
import { applyApiError, FormError, OrgSelect, type Member } from './shared';

export type MemberFormValues = {
  fullName: string;
  birthDate: string;
  gender?: Gender;
  nationalId: string;
  workplaceCellId?: string | null;
  residenceCellId?: string | null;
  educationLevel?: EducationLevel;
  massOrganisations: MassOrganisationKind[];
  hasCertificate: boolean;
  courseCertificate?: {
    courseStartedOn?: string;
    courseEndedOn?: string;
    issuedOn?: string;
    number?: string;
    issuedBy?: string;
  };
  specialCases: SpecialVerificationCase[];
  reason?: string;
};

/** The body of POST /members, as the generated client types it. */
export type MemberBody = paths['/members']['post']['requestBody']['content']['application/json'];

/** The body of POST /members (and, field by field, of PATCH /members/:id) from the form's values. */
export function memberBody(v: MemberFormValues): MemberBody {
  const c = v.courseCertificate ?? {};
  return {
    fullName: v.fullName.trim(),
    birthDate: required(parseViDate(v.birthDate), 'birthDate'),
    gender: required(v.gender, 'gender'),
    nationalId: v.nationalId.trim(),
    workplaceCellId: required(v.workplaceCellId, 'workplaceCellId'),
    residenceCellId: v.residenceCellId || null,
    educationLevel: required(v.educationLevel, 'educationLevel'),
    massOrganisations: v.massOrganisations.map((key) => ({ key })),
    courseCertificate: v.hasCertificate
      ? {
          courseStartedOn: required(parseViDate(c.courseStartedOn ?? ''), 'courseCertificate.courseStartedOn'),
          courseEndedOn: c.courseEndedOn ? parseViDate(c.courseEndedOn) : null,
          issuedOn: required(parseViDate(c.issuedOn ?? ''), 'courseCertificate.issuedOn'),
          number: c.number?.trim() || null,
          issuedBy: c.issuedBy?.trim() || null,
        }
      : null,
    specialCases: v.specialCases,
  };
}

export function memberValues(m: Member): MemberFormValues {
  const c = m.courseCertificate;
  return {
    fullName: m.fullName,
    birthDate: toViDate(m.birthDate),
    gender: (m.gender as Gender | null) ?? undefined,
    nationalId: m.nationalId ?? '',
    workplaceCellId: m.orgId,
    residenceCellId: m.residenceOrgId,
    educationLevel: (m.educationLevel as EducationLevel | null) ?? undefined,
    massOrganisations: m.massOrganisations?.map((o) => o.key as MassOrganisationKind) ?? [],
    hasCertificate: !!c,
    courseCertificate: c
      ? {
          courseStartedOn: toViDate(c.courseStartedOn),
          courseEndedOn: toViDate(c.courseEndedOn),
          issuedOn: toViDate(c.issuedOn),
          number: c.number ?? '',
          issuedBy: c.issuedBy ?? '',
        }
      : undefined,
    specialCases: (m.specialCases as SpecialVerificationCase[] | null) ?? [],
  };
}

/**
 * A field checked when it is left (not at every key), whose error goes as soon as it is edited: a change runs none of
 * its rules, each triggered on blur, and so clears the message (the form's own, or the API's set at the field) while
 * the user types. Cleared only on leaving, the message would fold away as the user pressed the button below it, and
 * the button would rise from under their finger before the press ended.
 */
const CHECKED_ON_LEAVE = { validateTrigger: ['onChange', 'onBlur'] };
const checkedOnLeave = <R extends object>(rule: R) => ({ ...rule, validateTrigger: 'onBlur' });

/** Every field the API may name in a 400, as the form names it. */
const FIELDS = [
  'fullName',
  'birthDate',
  'gender',
  'nationalId',
  'workplaceCellId',
  'residenceCellId',
  'educationLevel',
  'massOrganisations',
  'courseCertificate.courseStartedOn',
  'courseCertificate.courseEndedOn',
  'courseCertificate.issuedOn',
  'courseCertificate.number',
  'courseCertificate.issuedBy',
  'specialCases',
  'reason',
];

/**
 * The candidate's record as POST /members takes it, with the rules of its zod schema checked before sending
 * (12-digit CCCD, real dates dd/mm/yyyy, the date order of libs/domain `checkRecordDates`); whatever the API
 * still refuses is shown at the field it names.
 */
export function MemberForm({
  initial,
  mode,
  submitText,
  onSubmit,
  onCancel,
}: {
  initial?: MemberFormValues;
  mode: 'register' | 'edit';
  submitText: string;
  onSubmit: (v: MemberFormValues) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [form] = Form.useForm<MemberFormValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hasCertificate = Form.useWatch('hasCertificate', form);

  const finish = async (v: MemberFormValues) => {
    setFailure(null);
    const body = memberBody(v);
    const course = body.courseCertificate as {
      courseStartedOn: string;
      courseEndedOn: string | null;
      issuedOn: string;
    };
    const problems = checkRecordDates({ birthDate: body.birthDate as string, course, today: todayLocalDate() });
    if (problems.length) {
      form.setFields(
        problems.map((p) => ({ name: p.field.split('.') as never, errors: [`Không hợp lệ: ${p.message}`] })),
      );
      setFailure('Có thông tin chưa hợp lệ; xem ô được đánh dấu.');
      return;
    }
    setBusy(true);
    try {
      await onSubmit(v);
    } catch (e) {
      setFailure(applyApiError(form, e, FIELDS) ?? 'Có thông tin chưa hợp lệ; xem ô được đánh dấu.');
    } finally {
      setBusy(false);
    }
  };

  const dateField = (name: string | string[], label: string, required: boolean) => (
    <Form.Item name={name} label={label} rules={[checkedOnLeave(viDateRule(required))]} {...CHECKED_ON_LEAVE}>
      <Input placeholder="dd/mm/yyyy" inputMode="numeric" maxLength={10} autoComplete="off" />
    </Form.Item>
  );

  return (
    <Form<MemberFormValues>
      form={form}
      layout="vertical"
      initialValues={initial ?? { massOrganisations: [], specialCases: [], hasCertificate: false }}
      onFinish={finish}
      onFinishFailed={() => setFailure('Có thông tin chưa hợp lệ; xem ô được đánh dấu.')}
      scrollToFirstError
    >
      <FormError text={failure} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="fullName"
            label="Họ và tên"
            rules={[
              { required: true, whitespace: true, message: 'Bắt buộc nhập họ và tên' },
              { pattern: /^[^\d]*$/, message: 'Họ tên không chứa chữ số' },
            ]}
          >
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          {dateField('birthDate', 'Ngày sinh', true)}
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="gender" label="Giới tính" rules={[{ required: true, message: 'Bắt buộc chọn giới tính' }]}>
            <Radio.Group options={GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g].vi }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="nationalId"
            label="Số căn cước công dân"
            rules={[
              checkedOnLeave({
                validator: async (_: unknown, v: string | undefined) => {
                  if (!isValidNationalId((v ?? '').trim())) throw new Error('Số căn cước công dân gồm đúng 12 chữ số');
                },
              }),
            ]}
            {...CHECKED_ON_LEAVE}
          >
            <Input inputMode="numeric" maxLength={12} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="educationLevel"
            label="Trình độ học vấn"
            rules={[{ required: true, message: 'Bắt buộc chọn trình độ' }]}
          >
            <Select options={EDUCATION_LEVELS.map((e) => ({ value: e, label: EDUCATION_LEVEL_LABELS[e].vi }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="workplaceCellId"
            label="Chi bộ nơi công tác, học tập"
            rules={[{ required: true, message: 'Bắt buộc chọn chi bộ' }]}
          >
            <OrgSelect kind="cell" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="residenceCellId" label="Chi bộ nơi cư trú" extra="Để trống khi trùng chi bộ nơi công tác">
            <OrgSelect kind="cell" allowClear />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="massOrganisations" label="Đoàn thể chính trị - xã hội đang sinh hoạt">
        <Checkbox.Group
          options={MASS_ORGANISATION_KINDS.map((k) => ({ value: k, label: MASS_ORGANISATION_LABELS[k].vi }))}
        />
      </Form.Item>
      <Form.Item name="specialCases" label="Trường hợp cần thẩm tra đặc thù">
        <Checkbox.Group
          options={SPECIAL_VERIFICATION_CASES.map((k) => ({ value: k, label: SPECIAL_VERIFICATION_CASE_LABELS[k].vi }))}
        />
      </Form.Item>
      <Form.Item name="hasCertificate" valuePropName="checked">
        <Checkbox>Đã có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng</Checkbox>
      </Form.Item>
      {hasCertificate ? (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            {dateField(['courseCertificate', 'courseStartedOn'], 'Ngày bắt đầu lớp bồi dưỡng', true)}
          </Col>
          <Col xs={24} md={8}>
            {dateField(['courseCertificate', 'courseEndedOn'], 'Ngày kết thúc lớp bồi dưỡng', false)}
          </Col>
          <Col xs={24} md={8}>
            {dateField(['courseCertificate', 'issuedOn'], 'Ngày cấp giấy chứng nhận', true)}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['courseCertificate', 'number']} label="Số giấy chứng nhận">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['courseCertificate', 'issuedBy']} label="Nơi cấp">
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      <Form.Item
        name="reason"
        label={mode === 'edit' ? 'Lý do sửa' : 'Căn cứ (không bắt buộc)'}
        rules={mode === 'edit' ? [{ required: true, whitespace: true, message: 'Bắt buộc nhập lý do sửa' }] : []}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={busy}>
          {submitText}
        </Button>
        {onCancel ? <Button onClick={onCancel}>Hủy</Button> : null}
      </Space>
    </Form>
  );
}
