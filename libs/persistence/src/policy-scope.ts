/**
 * The open tasks a deadline-policy change re-times (issue 11 §2), as one SQL condition on `human_task t` shared by
 * the fan-out (activities listWaitingCases) and the API's impact preview, so both count the same tasks: the tasks
 * of the step inside the scope's subtree (the whole tree for the national default) except those an override in
 * force below the scope governs and the change left as it was (its version older than the change's): they keep
 * their own deadline. A calendar change gives every layer of a step its new version, so it reaches them all.
 *
 * The arguments are parameter references: the scope organisation's path ('' for national), its id (NULL for
 * national) and the change's version, e.g. `policyScopeCondition('$5', '$6', '$7')`.
 */
export const policyScopeCondition = (scopePath: string, scopeOrgId: string, version: string): string =>
  `starts_with(t.org_path, ${scopePath}::text)
   AND NOT EXISTS (
     SELECT 1 FROM deadline_policy_override o JOIN organisation org ON org.id = o.organisation_id
      WHERE o.process = t.process AND o.step = t.step AND o.cleared_at IS NULL AND o.version < ${version}::int
        AND o.organisation_id IS DISTINCT FROM ${scopeOrgId}::uuid
        AND starts_with(org.path, ${scopePath}::text) AND starts_with(t.org_path, org.path))`;
