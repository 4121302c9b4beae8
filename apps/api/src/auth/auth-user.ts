import type { z } from 'zod';
import type { AuthUserResponse, RoleGrantResponse } from './auth.responses';

/** A role the user holds today in one organisation. */
export type RoleGrant = z.infer<typeof RoleGrantResponse>;
/** The user of a request, read afresh on each one; GET /auth/me answers it as it is. */
export type AuthUser = z.infer<typeof AuthUserResponse>;

export const hasRoleIn = (user: AuthUser, orgId: string, role: string): boolean =>
  user.roles.some((r) => r.orgId === orgId && r.role === role);

/** True when the user holds one of `roles` in the organisation at `orgPath` or one of its ancestors. */
export const hasRoleAtOrAbove = (user: AuthUser, orgPath: string, roles: readonly string[]): boolean =>
  user.roles.some((r) => roles.includes(r.role) && orgPath.startsWith(r.orgPath));

/**
 * True when the user administers an organisation without a parent (a root, e.g. Hà Nội): what stays national
 * (issue 11 §2) needs it: the national deadline policies, the holiday calendar, a new top-level organisation.
 * Every other administrator is confined to its subtree (`hasRoleAtOrAbove(user, orgPath, ['administrator'])`).
 */
export const isRootAdministrator = (user: AuthUser): boolean =>
  user.roles.some((r) => r.role === 'administrator' && r.orgPath.split('/').filter(Boolean).length === 1);
