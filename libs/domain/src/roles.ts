/** Roles a user can hold in an organisation (who may act on a task). */
export const ROLES = [
  'cell_committee_member',
  'cell_secretary',
  'grassroots_committee_member',
  'organisation_department',
  'standing_committee_member',
  'supervisor',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * The ladders of roles within one organisation, lowest first (issue 14 §2, out-of-office substitutes). The sources
 * name no rank of the roles; these are our reading [A]: a cell's secretary (bí thư) is elected from and heads its
 * committee (chi ủy; "the chi ủy, or the bí thư where there is none", DOMAIN.md "Cell structure", Charter Art. 24),
 * and a committee's standing committee (ban thường vụ) is elected from among its members [A]. The organisation
 * department (a staff body) and the system's own roles (supervisor, administrator) stand on no ladder: each is only
 * the same as itself [A].
 */
export const ROLE_LADDERS: readonly (readonly Role[])[] = [
  ['cell_committee_member', 'cell_secretary'],
  ['grassroots_committee_member', 'standing_committee_member'],
];

/**
 * Whether `role` is the same as `than` or above it on one ladder of ROLE_LADDERS, for two roles held in the same
 * organisation (the caller compares organisations): who may stand in for an absent role holder.
 */
export function isSameOrHigherRole({ role, than }: { role: Role; than: Role }): boolean {
  if (role === than) return true;
  return ROLE_LADDERS.some((ladder) => ladder.includes(than) && ladder.indexOf(role) > ladder.indexOf(than));
}
