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
