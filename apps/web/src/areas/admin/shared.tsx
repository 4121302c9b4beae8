import { Tag, TreeSelect, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
export { integerVi, oneDecimalVi, quotaSummaryVi } from './admin-format';
export { showFieldError } from '../../api/field-errors';
import { useSession } from '../../app/session';

export type OrgNode = components['schemas']['OrganisationNode'];

/** The roles of the signed-in user, as a set. */
export function useRoles(): Set<string> {
  const session = useSession();
  return new Set(session?.user.roles.map((r) => r.role) ?? []);
}

/** The organisation a page starts on: the first one where the user holds one of `roles` (else any role). */
export function useHomeOrgId(roles: readonly string[] = []): string | undefined {
  const session = useSession();
  const grants = session?.user.roles ?? [];
  return (grants.find((r) => roles.includes(r.role)) ?? grants[0])?.orgId;
}

/** The organisations the user may see, as a tree (GET /organisations/tree). */
export function useOrgTree() {
  return useQuery({
    queryKey: ['organisations', 'tree'],
    queryFn: async () => (await unwrap(api.GET('/organisations/tree', {}))) as OrgNode[],
    staleTime: 60_000,
  });
}

type TreeOption = { value: string; title: string; children: TreeOption[]; disabled?: boolean };
function toOptions(nodes: OrgNode[], allow?: (n: OrgNode) => boolean): TreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: `${n.name} (${n.code})`,
    disabled: allow ? !allow(n) : false,
    children: toOptions(n.children as OrgNode[], allow),
  }));
}

/** Every node of the tree, depth first. */
export function flattenOrgs(nodes: OrgNode[]): OrgNode[] {
  return nodes.flatMap((n) => [n, ...flattenOrgs(n.children as OrgNode[])]);
}

/** An organisation picker over the tree, searchable by name or code. */
export function OrgSelect({
  value,
  onChange,
  id,
  label,
  allow,
  style,
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  label?: string;
  allow?: (n: OrgNode) => boolean;
  style?: React.CSSProperties;
}) {
  const tree = useOrgTree();
  return (
    <TreeSelect
      id={id}
      aria-label={label}
      value={value}
      onChange={onChange}
      loading={tree.isPending}
      treeData={toOptions(tree.data ?? [], allow)}
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="title"
      placeholder="Chọn tổ chức đảng"
      style={{ width: '100%', maxWidth: 480, ...style }}
      popupMatchSelectWidth={false}
    />
  );
}

export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
      {children}
    </Typography.Title>
  );
}

export { errorMessage } from '../../api/errors';

/** The text under a list item's title: antd's secondary grey is below WCAG AA contrast on white. */
export function MetaText({ children }: { children: ReactNode }) {
  return <div style={{ color: 'rgba(0, 0, 0, 0.78)' }}>{children}</div>;
}

/** Text colours that reach WCAG AA contrast on antd's light tag backgrounds (its own are too light). */
const TAG_TEXT: Record<string, string> = { green: '#135200', red: '#a8071a', blue: '#003eb3', purple: '#391085' };

/** An antd Tag whose text is dark enough to read (axe: color-contrast). */
export function StatusTag({ color = 'default', children }: { color?: string; children: ReactNode }) {
  return (
    <Tag color={color} style={TAG_TEXT[color] ? { color: TAG_TEXT[color] } : undefined}>
      {children}
    </Tag>
  );
}
