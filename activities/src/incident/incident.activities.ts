import type { DataSource } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { ACTIVITY_FAILURES, type Assignee, type IncidentActivities } from '@partyflow/contracts';
import { todayLocal } from '@partyflow/domain';
import { HumanTaskEntity, OrganisationEntity, RoleAssignmentEntity, roleInForceSql } from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';

export type IncidentDeps = { dataSource: DataSource };

/** Activities behind incidents (issue 7 §2): who handles one, and the cancellation of a case's open tasks. */
export function createIncidentActivities({ dataSource }: IncidentDeps): IncidentActivities {
  return {
    async resolveIncidentAssignee({ orgId }): Promise<Assignee> {
      const org = await dataSource.getRepository(OrganisationEntity).findOneBy({ id: orgId });
      if (!org)
        throw ApplicationFailure.nonRetryable(`No organisation ${orgId}`, ACTIVITY_FAILURES.organisationNotFound);
      // The case's organisation, then its ancestors, nearest first.
      const chain = org.path.split('/').filter(Boolean).reverse();
      const holders = await dataSource
        .getRepository(RoleAssignmentEntity)
        .createQueryBuilder('r')
        .select('DISTINCT r.organisation_id', 'orgId')
        .innerJoin('app_user', 'u', 'u.id = r.user_id AND u.disabled_at IS NULL')
        .where("r.role = 'administrator' AND r.organisation_id IN (:...chain)", { chain })
        .andWhere(roleInForceSql('r'), { today: todayLocal(Date.now()) })
        .getRawMany<{ orgId: string }>();
      const nearest = chain.find((id) => holders.some((h) => h.orgId === id)) ?? chain[chain.length - 1];
      return { kind: 'role', orgId: nearest, role: 'administrator' };
    },

    async cancelOpenTasks({ workflowId, reason, actor, at }): Promise<number> {
      return dataSource.transaction(async (em) => {
        const open = await em
          .createQueryBuilder(HumanTaskEntity, 't')
          .where("t.workflow_id = :workflowId AND t.status IN ('open','overdue')", { workflowId })
          .getMany();
        for (const task of open) {
          await em.update(
            HumanTaskEntity,
            { id: task.id },
            { status: 'cancelled', comment: reason, completedAt: new Date(at) },
          );
          await appendAudit(em, {
            eventKey: `${workflowId}:${task.taskKey}:cancelled`,
            at: new Date(at),
            action: 'task.cancelled',
            actor: { userId: actor.userId || null, name: actor.name },
            process: task.process,
            caseId: task.caseId,
            taskId: task.id,
            step: task.step,
            comment: reason,
          });
        }
        return open.length;
      });
    },
  };
}
