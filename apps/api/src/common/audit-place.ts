import { lowestCommonOrg } from '@partyflow/domain';

/*
 * Where an audit row is read (issue 9 §7: a reader sees the entries of the subtrees they supervise or administer).
 * A row naming no organisation, case or task is shown by GET /audit to readers at a root organisation only, unless
 * its action is national (SYSTEM_WIDE_AUDIT_ACTIONS): so every row a writer can place names its organisation.
 */

/**
 * An account's row (a password set, a mail change, a disabled account): under its home organisation, seen by those
 * who watch that organisation. An account without one names none.
 */
export const placeOfUser = (user: { organisationId: string | null }): { orgId?: string } =>
  user.organisationId ? { orgId: user.organisationId } : {};

/** A row of several organisations (a file import): under the lowest one holding them all (their paths). */
export const placeOfPaths = (paths: readonly string[]): { orgId?: string } => {
  const orgId = lowestCommonOrg(paths);
  return orgId ? { orgId } : {};
};
