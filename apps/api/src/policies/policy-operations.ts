import type { EntityManager } from 'typeorm';
import { EMPTY_POLICY_OPERATION_COUNTS } from '@partyflow/contracts';
import { DeadlinePolicyOperationEntity } from '@partyflow/persistence';

/**
 * The operation row of a deadline-policy fan-out (issue 7 §4), written with the change that needs it (a policy edit,
 * a holiday change) in the same transaction; the workflow of that id starts after the commit.
 */
export async function insertStartingOperation(
  em: EntityManager,
  op: {
    id: string;
    process: string;
    step: string;
    policyVersion: number;
    /** The override's organisation (issue 11 §2); absent or null for the national default. */
    organisationId?: string | null;
    startedBy: string;
    at: Date;
  },
): Promise<void> {
  await em.insert(DeadlinePolicyOperationEntity, {
    id: op.id,
    process: op.process,
    step: op.step,
    policyVersion: op.policyVersion,
    organisationId: op.organisationId ?? null,
    status: 'starting',
    counts: EMPTY_POLICY_OPERATION_COUNTS,
    failures: [],
    startedBy: op.startedBy,
    startedAt: op.at,
    updatedAt: op.at,
    finishedAt: null,
  });
}

/** Marks an operation whose workflow Temporal refused after the commit as `start_failed` (if it is still starting). */
export async function markOperationStartFailed(em: EntityManager, id: string): Promise<void> {
  await em.update(
    DeadlinePolicyOperationEntity,
    { id, status: 'starting' },
    { status: 'start_failed', updatedAt: new Date() },
  );
}
