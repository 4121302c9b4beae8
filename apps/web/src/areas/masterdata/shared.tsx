import { Alert, Select, Space, Typography, type FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import type { OrgKind } from '@partyflow/domain';
import { api, ApiFailure, unwrap } from '../../api/client';
import { sameNamedField, showFieldError } from '../../api/field-errors';
import type { components } from '../../api/openapi';
import { useSession } from '../../app/session';
import { MD } from './paths';
import { ReasonField as SharedReasonField } from '../../forms/ReasonField';

export type Organisation = components['schemas']['Organisation'];
export type OrganisationNode = Organisation & { children: OrganisationNode[] };
export type Member = components['schemas']['Member'];
export type User = components['schemas']['User'];
export type RoleAssignment = components['schemas']['RoleAssignment'];
export type DisableUserResult = components['schemas']['DisableUserResult'];

/**
 * Tag colours with text at AA contrast (issue 10: no serious axe violation); antd's light green and gold tags are
 * below 4.5:1. A custom colour is a solid tag with white text.
 */
export const TONE = {
  success: '#237804',
  warning: '#874d00',
  info: '#0958d9',
  error: '#a8071a',
  special: '#531dab',
  neutral: 'default',
} as const;

/** The roles the signed-in user holds (any organisation). */
export function useRoles(): Set<string> {
  const session = useSession();
  return new Set(session?.user.roles.map((r) => r.role) ?? []);
}

export const ADMINS = ['administrator'] as const;
export const ORG_STAFF = ['administrator', 'organisation_department'] as const;
export const CELL_KEEPERS = ['cell_secretary', 'cell_committee_member', 'grassroots_committee_member'] as const;

const SECTIONS: { path: string; label: string; roles: readonly string[] }[] = [
  { path: MD.organisations, label: 'Tổ chức đảng', roles: ORG_STAFF },
  { path: MD.members, label: 'Đảng viên, quần chúng', roles: [...ORG_STAFF, ...CELL_KEEPERS] },
  { path: MD.users, label: 'Người dùng và vai trò', roles: ADMINS },
  { path: MD.criteria, label: 'Tiêu chuẩn riêng', roles: [...ORG_STAFF, 'standing_committee_member'] },
  { path: MD.imports, label: 'Nhập từ bảng tính', roles: [...ORG_STAFF, ...CELL_KEEPERS] },
];

const sectionStyle = ({ isActive }: { isActive: boolean }) => ({
  padding: '4px 10px',
  borderRadius: 6,
  border: '1px solid #b71c1c',
  color: isActive ? '#fff' : '#b71c1c',
  background: isActive ? '#b71c1c' : '#fff',
});

/** The page's title and the master-data sections this user may open. */
export function MasterdataHeader({ title, extra }: { title: string; extra?: ReactNode }) {
  const roles = useRoles();
  const sections = SECTIONS.filter((s) => s.roles.some((r) => roles.has(r)));
  return (
    <Space direction="vertical" size="small" style={{ width: '100%', marginBottom: 16 }}>
      {sections.length > 1 ? (
        <nav aria-label="Tổ chức và đảng viên" style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {sections.map((s) => (
            <NavLink key={s.path} to={s.path} style={sectionStyle}>
              {s.label}
            </NavLink>
          ))}
        </nav>
      ) : null}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </div>
    </Space>
  );
}

/**
 * Shows an API error at the field it names when the form has that field (`fields`: the form's names, the API's own);
 * otherwise answers the message for the form's banner.
 */
export function applyApiError(form: FormInstance, error: unknown, fields: readonly string[]): string | null {
  if (!(error instanceof ApiFailure)) return 'Không gửi được. Vui lòng thử lại.';
  return showFieldError(form, error, sameNamedField(fields)) ? null : error.message;
}

export function FormError({ text }: { text: string | null }) {
  return text ? <Alert type="error" showIcon role="alert" message={text} style={{ marginBottom: 12 }} /> : null;
}

/** The reason every change of master data carries (it is written to the audit log). */
export function ReasonField({ label = 'Lý do, căn cứ', required = true }: { label?: string; required?: boolean }) {
  return <SharedReasonField label={label} message="Bắt buộc nhập lý do, căn cứ" required={required} />;
}

type OrgSelectProps = {
  value?: string | null;
  onChange?: (value: string | null) => void;
  kind?: OrgKind;
  id?: string;
  allowClear?: boolean;
  'aria-label'?: string;
};

/** An organisation chosen by typing its name or code (searched by the API; closed ones are not offered). */
export function OrgSelect({ value, onChange, kind, id, allowClear, ...rest }: OrgSelectProps) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['organisations', 'options', kind ?? '', q],
    queryFn: async () =>
      unwrap(
        api.GET('/organisations', {
          params: { query: { ...(kind ? { kind } : {}), ...(q ? { q } : {}), pageSize: 50 } },
        }),
      ),
  });
  // The chosen one stays labelled even when the current search does not list it.
  const chosen = useQuery({
    queryKey: ['organisation', value],
    enabled: !!value && !list.data?.items.some((o) => o.id === value),
    queryFn: async () => unwrap(api.GET('/organisations/{id}', { params: { path: { id: value ?? '' } } })),
  });
  const items = [...(list.data?.items ?? [])];
  if (chosen.data && !items.some((o) => o.id === chosen.data.id)) items.unshift(chosen.data);
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      showSearch
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      filterOption={false}
      onSearch={setQ}
      loading={list.isFetching}
      notFoundContent={list.isFetching ? 'Đang tìm…' : 'Không có tổ chức phù hợp'}
      placeholder="Gõ tên hoặc mã tổ chức"
      options={items.map((o) => ({ value: o.id, label: `${o.name} (${o.code})` }))}
      style={{ width: '100%' }}
    />
  );
}
