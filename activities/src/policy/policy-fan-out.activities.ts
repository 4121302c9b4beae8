import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import {
  ACTIVITY_FAILURES,
  retimeForPolicyUpdate,
  type PolicyFanOutActivities,
  type RetimeCaseOutcome,
} from '@partyflow/contracts';
import { DeadlinePolicyOperationEntity, OrganisationEntity, policyScopeCondition } from '@partyflow/persistence';
import { appendAudit, SYSTEM_ACTOR } from '@partyflow/audit';

export type PolicyFanOutDeps = { dataSource: DataSource; client?: () => Client };

/** How long one case may take to confirm its re-timing before it is reported as not answering. */
const UPDATE_DEADLINE_MS = 30_000;

/**
 * Activities of the deadline-policy fan-out (issue 7 §4). The update is sent with the worker's own
 * Temporal client; a closed workflow is classified from its description, never from a message.
 */
export function createPolicyFanOutActivities({ dataSource, client }: PolicyFanOutDeps): PolicyFanOutActivities {
  const temporal = () => client?.() ?? Context.current().client;
  return {
    async listWaitingCases({ process, step, after, limit, orgId, version, caseIds }) {
      // Issue 11 §2: the scope's subtree minus the deeper overrides in force ('' and NULL: national).
      const scope = orgId ? await dataSource.getRepository(OrganisationEntity).findOneBy({ id: orgId }) : null;
      if (orgId && !scope)
        throw ApplicationFailure.create({
          type: ACTIVITY_FAILURES.organisationNotFound,
          nonRetryable: true,
          message: `No organisation ${orgId}`,
        });
      const rows = (await dataSource.query(
        `SELECT DISTINCT t.workflow_id AS "workflowId" FROM human_task t
          WHERE t.process = $1 AND t.step = $2 AND t.status IN ('open','overdue') AND ($3::text IS NULL OR t.workflow_id > $3)
            AND ${policyScopeCondition('$5', '$6', '$7')} AND ($8::uuid[] IS NULL OR t.case_id = ANY ($8::uuid[]))
          ORDER BY t.workflow_id LIMIT $4`,
        [process, step, after ?? null, limit, scope?.path ?? '', scope?.id ?? null, version, caseIds ?? null],
      )) as { workflowId: string }[];
      return rows.map((r) => r.workflowId);
    },

    async retimeCaseForPolicy({ workflowId, process, step, version }): Promise<RetimeCaseOutcome> {
      const handle = temporal().workflow.getHandle(workflowId);
      try {
        const answer = await temporal().withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
          handle.executeUpdate(retimeForPolicyUpdate, { args: [{ process, step, version }] }),
        );
        const retimedTasks = answer.tasks.filter((t) => t.retimed).length;
        return retimedTasks > 0
          ? { workflowId, kind: 'retimed', retimedTasks }
          : { workflowId, kind: 'already_current', retimedTasks: 0 };
      } catch (e) {
        if (e instanceof WorkflowUpdateFailedError)
          return { workflowId, kind: 'failed', status: 'RUNNING', reason: e.cause?.message ?? e.message };
        const status = await temporal()
          .withDeadline(Date.now() + 10_000, () => handle.describe())
          .then(
            (d) => d.status.name,
            (d) => (d instanceof WorkflowNotFoundError ? 'NOT_FOUND' : null),
          );
        if (status && status !== 'RUNNING')
          return {
            workflowId,
            kind: 'closed',
            status,
            reason: `Quy trình đã kết thúc (${status}); hạn của nhiệm vụ không được tính lại`,
          };
        return { workflowId, kind: 'failed', status, reason: (e as Error).message };
      }
    },

    async recordPolicyOperation({ operationId, counts, failures, done, at }) {
      await dataSource.transaction(async (em) => {
        const op = await em.findOneBy(DeadlinePolicyOperationEntity, { id: operationId });
        if (!op || op.status === 'completed') return;
        await em.update(
          DeadlinePolicyOperationEntity,
          { id: operationId },
          {
            status: done ? 'completed' : 'running',
            counts,
            failures,
            updatedAt: new Date(at),
            finishedAt: done ? new Date(at) : null,
          },
        );
        if (done) {
          await appendAudit(em, {
            eventKey: `${operationId}:completed`,
            at: new Date(at),
            action: 'policy.retiming_completed',
            actor: SYSTEM_ACTOR,
            process: op.process,
            step: op.step,
            details: { operationId, version: op.policyVersion, counts, failures },
          });
        }
      });
    },
  };
}
