import { z } from 'zod';
import { DELEGATED_POWERS, GRANT_STATUSES } from '@partyflow/domain';
import { instant, uuid, WorkflowAssignee } from '../common/response-schemas';

const OrgRef = z.strictObject({ id: uuid, code: z.string(), name: z.string() });

/** A delegation grant (delegations.service.ts `GrantView`). */
export const GrantResponse = z.strictObject({
  id: uuid,
  power: z.enum(DELEGATED_POWERS),
  powerLabel: z.string(),
  status: z.enum(GRANT_STATUSES),
  statusLabel: z.string(),
  grantor: OrgRef,
  grantee: OrgRef,
  validFrom: instant,
  validUntil: instant.nullable(),
  reason: z.string(),
  grantedBy: z.string().nullable(),
  revokedAt: instant.nullable(),
  revokedBy: z.string().nullable(),
  revokeReason: z.string().nullable(),
});

/** POST /delegations/:id/revoke: the revoked grant and the open decision tasks moved back to the grantor. */
export const RevokeResponse = GrantResponse.extend({
  movedTasks: z.number().int(),
  movedTaskIds: z.array(uuid),
  moves: z.array(
    z.strictObject({ taskId: uuid, workflowId: z.string(), from: WorkflowAssignee, to: WorkflowAssignee }),
  ),
  failedMoves: z.array(z.strictObject({ taskId: uuid, workflowId: z.string(), reason: z.string() })),
});
