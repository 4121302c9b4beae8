import type { Role } from '@partyflow/domain';
import { hasRoleAtOrAbove, hasRoleIn, type AuthUser } from '../auth/auth-user';

/**
 * Who may do what with members and candidates (issue 9 §2):
 * - read: any role at or above the member's cell (as the list has always been);
 * - register, edit and record the cell's own status decisions (an exemption and its end), and see
 *   the personal data (birth date, gender, national ID, residence, education, mass organisations,
 *   course certificate, special cases, exemption reason): the committee of the member's own cell
 *   (cell secretary, cell committee members), which keeps the member file, and grassroots committee
 *   members, the organisation department and administrators at or above it, who verify and keep the
 *   records;
 * - record a committee's decision (admission, recognition, removal decided outside the system):
 *   grassroots committee members, the organisation department and administrators at or above.
 * Everyone else who can read the member (supervisors, standing committee members) gets the record
 * without the personal data and with the national ID masked.
 */
const CELL_COMMITTEE: readonly Role[] = ['cell_secretary', 'cell_committee_member'];
const RECORD_KEEPERS: readonly Role[] = ['grassroots_committee_member', 'organisation_department', 'administrator'];

export type OrgRef = { id: string; path: string };

export function canReadMembersOf(user: AuthUser, cell: OrgRef): boolean {
  return user.roles.some((r) => cell.path.startsWith(r.orgPath));
}

export function canManageMembersOf(user: AuthUser, cell: OrgRef): boolean {
  return CELL_COMMITTEE.some((r) => hasRoleIn(user, cell.id, r)) || hasRoleAtOrAbove(user, cell.path, RECORD_KEEPERS);
}

export const canSeePersonalDataOf = canManageMembersOf;

export function canRecordCommitteeDecisionFor(user: AuthUser, cell: OrgRef): boolean {
  return hasRoleAtOrAbove(user, cell.path, RECORD_KEEPERS);
}
