import type { Role } from '@partyflow/domain';

export type RoleGrant = { orgId: string; orgPath: string; orgName: string; role: Role };
export type AuthUser = {
  userId: string;
  username: string;
  fullName: string;
  memberId: string | null;
  roles: RoleGrant[];
};

export const hasRoleIn = (user: AuthUser, orgId: string, role: string): boolean =>
  user.roles.some((r) => r.orgId === orgId && r.role === role);

/** True when the user holds one of `roles` in the organisation at `orgPath` or one of its ancestors. */
export const hasRoleAtOrAbove = (user: AuthUser, orgPath: string, roles: readonly string[]): boolean =>
  user.roles.some((r) => roles.includes(r.role) && orgPath.startsWith(r.orgPath));
