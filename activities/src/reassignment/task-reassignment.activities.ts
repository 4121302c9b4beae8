import { Context } from '@temporalio/activity';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import {
  ACTIVITY_FAILURES,
  reassignTaskUpdate,
  type Assignee,
  type ReassignmentActivities,
} from '@partyflow/contracts';
import { HumanTaskEntity, TaskReassignmentEntity } from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';

export type ReassignmentDeps = { dataSource: DataSource; client?: () => Client };

/** How long one case may take to confirm a move before it is reported as not answering. */
const UPDATE_DEADLINE_MS = 30_000;
/** The moves and failures an operation lists; its counts stay exact. */
const MAX_LISTED = 500;

const assigneeOf = (t: HumanTaskEntity): Assignee =>
  t.assigneeMemberId
    ? { kind: 'member', orgId: t.assigneeOrgId, memberId: t.assigneeMemberId }
    : { kind: 'role', orgId: t.assigneeOrgId, role: t.assigneeRole as Extract<Assignee, { kind: 'role' }>['role'] };

/** Activities of bulk reassignment (issue 14 §2); the update is sent with the worker's own Temporal client. */
export function createReassignmentActivities({ dataSource, client }: ReassignmentDeps): ReassignmentActivities {
  const temporal = () => client?.() ?? Context.current().client;
  const operation = async (id: string) => {
    const op = await dataSource.getRepository(TaskReassignmentEntity).findOneBy({ id });
    if (!op)
      throw ApplicationFailure.create({
        type: ACTIVITY_FAILURES.taskNotFound,
        nonRetryable: true,
        message: `No task reassignment ${id}`,
      });
    return op;
  };
  return {
    async listReassignmentTasks({ operationId, after, limit }) {
      const { filter } = await operation(operationId);
      const assignees = filter.assignees ?? null;
      const rows = (await dataSource.query(
        `SELECT t.id FROM human_task t
          WHERE t.status IN ('open', 'overdue') AND starts_with(t.org_path, $1)
            AND ($2::text IS NULL OR t.process = $2) AND ($3::text IS NULL OR t.step = $3)
            AND ($4::text IS NULL OR t.id > $4::uuid)
            AND ($5::jsonb IS NULL OR EXISTS (
              SELECT 1 FROM jsonb_array_elements($5::jsonb) a
               WHERE (a->>'kind' = 'member' AND (a->>'memberId')::uuid = t.assignee_member_id)
                  OR (a->>'kind' = 'role' AND (a->>'orgId')::uuid = t.assignee_org_id
                      AND a->>'role' = t.assignee_role AND t.assignee_member_id IS NULL)))
          ORDER BY t.id LIMIT $6`,
        [
          filter.orgPath,
          filter.process ?? null,
          filter.step ?? null,
          after ?? null,
          assignees ? JSON.stringify(assignees) : null,
          limit,
        ],
      )) as { id: string }[];
      return rows.map((r) => r.id);
    },

    async reassignOneTask({ operationId, taskId }) {
      const op = await operation(operationId);
      const task = await dataSource.getRepository(HumanTaskEntity).findOneBy({ id: taskId });
      if (!task || (task.status !== 'open' && task.status !== 'overdue')) return { kind: 'unchanged', taskId };
      const from = assigneeOf(task);
      try {
        const answer = await temporal().withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
          temporal()
            .workflow.getHandle(task.workflowId)
            .executeUpdate(reassignTaskUpdate, {
              args: [
                {
                  taskKey: task.taskKey,
                  assignee: op.target,
                  reason: op.reason,
                  actor: { userId: op.startedByUserId, name: op.startedBy },
                },
              ],
            }),
        );
        if (!answer.moved) return { kind: 'unchanged', taskId };
        return { kind: 'moved', move: { taskId, workflowId: task.workflowId, from, to: op.target } };
      } catch (e) {
        const reason = e instanceof WorkflowUpdateFailedError ? (e.cause?.message ?? e.message) : (e as Error).message;
        return { kind: 'failed', failure: { taskId, workflowId: task.workflowId, reason } };
      }
    },

    async recordReassignment({ operationId, counts, moves, failures, done, at }) {
      await dataSource.transaction(async (em) => {
        const op = await em.findOne(TaskReassignmentEntity, {
          where: { id: operationId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!op || op.status === 'completed') return;
        // A retried page adds nothing twice: a move or failure already listed is not listed again.
        const listed = new Set([...op.moves, ...op.failures].map((m) => m.taskId));
        op.moves = [...op.moves, ...moves.filter((m) => !listed.has(m.taskId))].slice(0, MAX_LISTED);
        op.failures = [...op.failures, ...failures.filter((f) => !listed.has(f.taskId))].slice(0, MAX_LISTED);
        op.counts = counts;
        op.status = done ? 'completed' : 'running';
        op.updatedAt = new Date(at);
        op.finishedAt = done ? new Date(at) : null;
        await em.save(op);
        if (done)
          await appendAudit(em, {
            eventKey: `task-reassignment:${operationId}:completed`,
            at: new Date(at),
            action: 'task.bulk_reassignment_completed',
            actor: { userId: op.startedByUserId, name: op.startedBy },
            comment: op.reason,
            details: { operationId, counts, target: op.target, orgId: op.target.orgId },
          });
      });
    },
  };
}
