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
