import { Alert, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import {
  MASS_ORGANISATION_LABELS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUS_TRANSITIONS,
  SPECIAL_VERIFICATION_CASE_LABELS,
  type MassOrganisationKind,
  type MemberStatus,
  type SpecialVerificationCase,
} from '@partyflow/domain';
import { api, ApiFailure, unwrap } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { ErrorState, Loading } from '../../components/states';
import { formatDate, todayLocalDate } from '../../format';
import { parseViDate, toViDate, viDateRule } from './dates';
import { MemberForm, memberBody, memberValues, type MemberFormValues } from './MemberForm';
import { STATUS_COLOURS } from './MembersPage';
import { MD } from './paths';
import { applyApiError, FormError, MasterdataHeader, ReasonField, useRoles, type Member } from './shared';
import { required } from '../../forms/required';

/** Who may open an admission case: the cell committee, or a grassroots committee member above (the API decides). */
const CASE_STARTERS = ['cell_secretary', 'cell_committee_member', 'grassroots_committee_member'];

export function MemberPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const [editing, setEditing] = useState(false);
  const [changingStatus, setChangingStatus] = useState(false);
  const [done, setDone] = useState<string | null>((location.state as { done?: string } | null)?.done ?? null);
  const [caseError, setCaseError] = useState<string | null>(null);

  const member = useQuery({
    queryKey: ['member', id],
    queryFn: async () => unwrap(api.GET('/members/{id}', { params: { path: { id } } })),
  });
  const residence = useQuery({
    queryKey: ['organisation', member.data?.residenceOrgId],
    enabled: !!member.data?.residenceOrgId,
    queryFn: async () =>
      unwrap(api.GET('/organisations/{id}', { params: { path: { id: member.data?.residenceOrgId ?? '' } } })),
  });
  const openCase = useMutation({
    mutationFn: async () => unwrap(api.POST('/admission-cases', { body: { candidateMemberId: id } })),
    onSuccess: async (started) => {
      await queryClient.invalidateQueries({ queryKey: ['member', id] });
      navigate(ROUTES.admissionCase(started.caseId));
    },
    onError: (e) => setCaseError(e instanceof ApiFailure ? e.message : 'Không lập được hồ sơ. Vui lòng thử lại.'),
  });

  if (member.isPending) return <Loading rows={8} />;
  if (member.isError) return <ErrorState error={member.error} onRetry={() => member.refetch()} />;
  const m = member.data;
  const full = m.personalData === 'full';
  const edit = async (v: MemberFormValues) => {
    const before = memberBody(memberValues(m));
    const after = memberBody(v);
    const changed = Object.fromEntries(
      Object.entries(after).filter(
        ([k, value]) => JSON.stringify(value) !== JSON.stringify((before as Record<string, unknown>)[k]),
      ),
    );
    const saved = await unwrap(
      api.PATCH('/members/{id}', {
        params: { path: { id } },
        body: { ...changed, reason: required(v.reason?.trim(), 'reason') },
      }),
    );
    queryClient.setQueryData(['member', id], saved);
    await queryClient.invalidateQueries({ queryKey: ['members'] });
    setEditing(false);
    setDone('Đã lưu hồ sơ.');
  };
  const next = Object.keys(MEMBER_STATUS_TRANSITIONS[m.status]) as MemberStatus[];
  const cert = m.courseCertificate;

  return (
    <div>
      <MasterdataHeader title={m.fullName} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Link to={MD.members}>← Danh sách đảng viên, quần chúng</Link>
        {done ? <Alert type="success" showIcon message={done} closable onClose={() => setDone(null)} /> : null}
        {caseError ? <Alert type="error" showIcon role="alert" message={caseError} /> : null}
        {editing ? (
          <Card size="small" title="Sửa hồ sơ">
            <MemberForm
              mode="edit"
              initial={memberValues(m)}
              submitText="Lưu"
              onSubmit={edit}
              onCancel={() => setEditing(false)}
            />
          </Card>
        ) : (
          <Card size="small">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                {
                  key: 'status',
                  label: 'Trạng thái',
                  children: <Tag color={STATUS_COLOURS[m.status]}>{m.statusLabel}</Tag>,
                },
                { key: 'org', label: 'Chi bộ', children: m.orgName },
                { key: 'birth', label: 'Ngày sinh', children: formatDate(m.birthDate) },
                { key: 'gender', label: 'Giới tính', children: m.genderLabel ?? '—' },
                { key: 'nid', label: 'Số căn cước công dân', children: m.nationalId ?? '—' },
                {
                  key: 'residence',
                  label: 'Chi bộ nơi cư trú',
                  children: m.residenceOrgId ? (residence.data?.name ?? '…') : '—',
                },
                { key: 'edu', label: 'Trình độ học vấn', children: m.educationLevelLabel ?? '—' },
                {
                  key: 'mass',
                  label: 'Đoàn thể',
                  children: m.massOrganisations?.length
                    ? m.massOrganisations
                        .map((o) => o.name || MASS_ORGANISATION_LABELS[o.key as MassOrganisationKind]?.vi || o.key)
                        .join(', ')
                    : '—',
                },
                {
                  key: 'cert',
                  label: 'Giấy chứng nhận bồi dưỡng nhận thức về Đảng',
                  children: cert
                    ? `Lớp từ ${formatDate(cert.courseStartedOn)}${cert.courseEndedOn ? ` đến ${formatDate(cert.courseEndedOn)}` : ''}, cấp ngày ${formatDate(cert.issuedOn)}${cert.number ? `, số ${cert.number}` : ''}`
                    : '—',
                },
                {
                  key: 'special',
                  label: 'Trường hợp đặc thù',
                  children: m.specialCases?.length
                    ? m.specialCases
                        .map((c) => SPECIAL_VERIFICATION_CASE_LABELS[c as SpecialVerificationCase]?.vi ?? c)
                        .join(', ')
                    : '—',
                },
                ...(m.joinedOn ? [{ key: 'joined', label: 'Ngày vào Đảng', children: formatDate(m.joinedOn) }] : []),
                ...(m.officialSince
                  ? [{ key: 'official', label: 'Ngày chính thức', children: formatDate(m.officialSince) }]
                  : []),
                ...(m.exemptSince
                  ? [
                      { key: 'exempt', label: 'Miễn sinh hoạt từ', children: formatDate(m.exemptSince) },
                      { key: 'exemptReason', label: 'Lý do miễn', children: m.exemptReason ?? '—' },
                    ]
                  : []),
                ...(m.removedOn
                  ? [{ key: 'removed', label: 'Ra khỏi Đảng ngày', children: formatDate(m.removedOn) }]
                  : []),
              ]}
            />
            {!full ? (
              <Alert
                style={{ marginTop: 12 }}
                type="info"
                showIcon
                message="Bạn chỉ được xem thông tin cá nhân giới hạn của người này."
              />
            ) : null}
            <Space wrap style={{ marginTop: 12 }}>
              {m.status === 'candidate' && CASE_STARTERS.some((r) => roles.has(r)) ? (
                <Button type="primary" loading={openCase.isPending} onClick={() => openCase.mutate()}>
                  Lập hồ sơ kết nạp
                </Button>
              ) : null}
              {full ? <Button onClick={() => setEditing(true)}>Sửa hồ sơ</Button> : null}
              {full && next.length ? <Button onClick={() => setChangingStatus(true)}>Chuyển trạng thái</Button> : null}
            </Space>
          </Card>
        )}
      </Space>
      {changingStatus ? (
        <StatusModal
          member={m}
          next={next}
          onClose={() => setChangingStatus(false)}
          onDone={(saved) => {
            queryClient.setQueryData(['member', id], saved);
            void queryClient.invalidateQueries({ queryKey: ['members'] });
            setChangingStatus(false);
            setDone(`Đã chuyển trạng thái: ${saved.statusLabel}.`);
          }}
        />
      ) : null}
    </div>
  );
}

type StatusValues = { status: MemberStatus; effectiveOn: string; reason: string; decisionRef?: string };

function StatusModal({
  member,
  next,
  onClose,
  onDone,
}: {
  member: Member;
  next: MemberStatus[];
  onClose: () => void;
  onDone: (m: Member) => void;
}) {
  const [form] = Form.useForm<StatusValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (v: StatusValues) =>
      unwrap(
        api.POST('/members/{id}/status', {
          params: { path: { id: member.id } },
          body: {
            status: v.status,
            effectiveOn: required(parseViDate(v.effectiveOn), 'effectiveOn'),
            reason: v.reason.trim(),
            ...(v.decisionRef?.trim() ? { decisionRef: v.decisionRef.trim() } : {}),
          },
        }),
      ),
    onSuccess: onDone,
    onError: (e) => setFailure(applyApiError(form, e, ['status', 'effectiveOn', 'reason', 'decisionRef'])),
  });
  return (
    <Modal
      open
      title={`Chuyển trạng thái: ${member.fullName}`}
      okText="Lưu"
      cancelText="Hủy"
      okButtonProps={{ loading: save.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <FormError text={failure} />
      <Form<StatusValues>
        form={form}
        layout="vertical"
        initialValues={{ status: next[0], effectiveOn: toViDate(todayLocalDate()) }}
        onFinish={(v) => {
          setFailure(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="status" label="Trạng thái mới" rules={[{ required: true, message: 'Bắt buộc chọn' }]}>
          <Select options={next.map((s) => ({ value: s, label: MEMBER_STATUS_LABELS[s].vi }))} />
        </Form.Item>
        <Form.Item name="effectiveOn" label="Ngày có hiệu lực" rules={[viDateRule(true)]}>
          <Input placeholder="dd/mm/yyyy" inputMode="numeric" maxLength={10} />
        </Form.Item>
        <Form.Item name="decisionRef" label="Số quyết định (nếu có)">
          <Input maxLength={200} />
        </Form.Item>
        <ReasonField />
      </Form>
    </Modal>
  );
}
