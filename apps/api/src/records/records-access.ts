import type { Role } from '@partyflow/domain';
import { hasRoleAtOrAbove, hasRoleIn, type AuthUser } from '../auth/auth-user';

/**
 * Who may write and read a member's activity records (issue 3 §1):
 * - the committee of the member's own cell (cell_secretary, cell_committee_member);
 * - a grassroots committee member at or above the cell;
 * - an administrator at or above the cell (issue 11 §2: never anywhere, an administrator is confined to its subtree);
 * - reading also: a supervisor at or above the cell.
 * Residence comments (QĐ 213) are also written by the committee of the residence cell.
 */
const CELL_WRITERS: readonly Role[] = ['cell_secretary', 'cell_committee_member'];
export const WRITER_ROLES: readonly Role[] = [...CELL_WRITERS, 'grassroots_committee_member', 'administrator'];

export type OrgRef = { id: string; path: string };

export function canWriteRecordsOf(user: AuthUser, cell: OrgRef): boolean {
  return (
    CELL_WRITERS.some((r) => hasRoleIn(user, cell.id, r)) ||
    hasRoleAtOrAbove(user, cell.path, ['grassroots_committee_member', 'administrator'])
  );
}

export function canReadRecordsOf(user: AuthUser, cell: OrgRef): boolean {
  return canWriteRecordsOf(user, cell) || hasRoleAtOrAbove(user, cell.path, ['supervisor']);
}

/** True when the user holds any role that can write records somewhere (else a CSV import is refused up front). */
export function writesRecordsAnywhere(user: AuthUser): boolean {
  return user.roles.some((r) => WRITER_ROLES.includes(r.role));
}
