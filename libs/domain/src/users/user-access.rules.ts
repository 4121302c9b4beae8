import type { LocalDate } from '../calendar/local-date.util';
import type { FieldProblem } from '../errors';
import type { Role } from '../roles';

/**
 * Users and role assignments (issue 9 §3). The house rules, one function each:
 * - a role assignment is in force on a local date when it is not revoked and the date lies within
 *   its validity (valid from / until, both inclusive; null = open) [issue 9 §3 "validity dates"];
 * - only an administrator may manage users and roles, and only at or below an organisation where
 *   they hold the administrator role in force [issue 9 §3 "administrators at or above"];
 * - nobody grants beyond their own reach: the organisation of the grant must lie in the granter's
 *   administered subtree. The administrator role itself may therefore be granted only by an
 *   administrator, and only within their subtree; no other role may grant anything
 *   [issue 9 §3 "nobody may grant a role above their own reach", decided here and in the README];
 * - a user may be managed (password reset, disable, roles revoked) only when their own organisation
 *   and every organisation where they hold a role in force lie in the administrator's subtree, so an
 *   administrator cannot take over an account that reaches further than they do [issue 9 §3];
 * - a password has at least 8 characters, a letter and a digit, and is not the username [issue 9 §3].
 */
export const USER_ADMIN_ROLE: Role = 'administrator';

export type RoleValidity = { validFrom: LocalDate | null; validUntil: LocalDate | null };
export type AssignmentState = RoleValidity & { revoked: boolean };
/** A role held at the organisation whose materialised path is `orgPath`. */
export type PathGrant = { orgPath: string; role: string };

/** In force on `day`: not revoked, and `validFrom <= day <= validUntil` (open ends allowed). */
export function isRoleInForce(a: AssignmentState, day: LocalDate): boolean {
  if (a.revoked) return false;
  if (a.validFrom !== null && a.validFrom > day) return false;
  return a.validUntil === null || a.validUntil >= day;
}

/** Two validity periods share at least one day. */
export function validityOverlaps(a: RoleValidity, b: RoleValidity): boolean {
  const startsBeforeBEnds = a.validFrom === null || b.validUntil === null || a.validFrom <= b.validUntil;
  const bStartsBeforeAEnds = b.validFrom === null || a.validUntil === null || b.validFrom <= a.validUntil;
  return startsBeforeBEnds && bStartsBeforeAEnds;
}

/** A new grant's validity: the end not before the start, and not already past (a grant never in force). */
export function checkRoleValidity(v: { validFrom: LocalDate; validUntil: LocalDate | null }, today: LocalDate) {
  const problems: FieldProblem[] = [];
  if (v.validUntil !== null && v.validUntil < v.validFrom)
    problems.push({ field: 'validUntil', message: `không được trước ngày bắt đầu hiệu lực ${v.validFrom}` });
  else if (v.validUntil !== null && v.validUntil < today)
    problems.push({ field: 'validUntil', message: `đã qua (hôm nay ${today}); vai trò sẽ không bao giờ có hiệu lực` });
  return problems;
}

const within = (path: string, root: string) => path.startsWith(root);

/** The subtrees (materialised paths) a user administers: where they hold the administrator role in force. */
export function administeredRoots(grants: readonly PathGrant[]): string[] {
  return grants.filter((g) => g.role === USER_ADMIN_ROLE).map((g) => g.orgPath);
}

/** May grant (or revoke) any role, the administrator role included, at the organisation at `orgPath`. */
export function canGrantRoleAt(grants: readonly PathGrant[], orgPath: string): boolean {
  return administeredRoots(grants).some((root) => within(orgPath, root));
}

/**
 * May manage the user whose own organisation is at `homeOrgPath` and who holds roles in force at
 * `rolePaths`: every one of them inside one of the administrator's subtrees.
 */
export function canManageUser(
  grants: readonly PathGrant[],
  target: { homeOrgPath: string | null; rolePaths: readonly string[] },
): boolean {
  const roots = administeredRoots(grants);
  const paths = [...(target.homeOrgPath === null ? [] : [target.homeOrgPath]), ...target.rolePaths];
  if (!roots.length || !paths.length) return false;
  return paths.every((p) => roots.some((root) => within(p, root)));
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** The password rule; problems name the field `password`. */
export function checkPassword(password: string, username: string): FieldProblem[] {
  const fail = (message: string) => [{ field: 'password', message }];
  if (password.length < PASSWORD_MIN_LENGTH) return fail(`tối thiểu ${PASSWORD_MIN_LENGTH} ký tự`);
  if (password.length > PASSWORD_MAX_LENGTH) return fail(`tối đa ${PASSWORD_MAX_LENGTH} ký tự`);
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return fail('phải có cả chữ cái và chữ số');
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return fail('không được trùng tên đăng nhập');
  return [];
}

/** A username: 3–64 characters, lower-case letters without diacritics, digits, '.', '_' or '-'. */
export function isValidUsername(username: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{2,63}$/.test(username);
}
