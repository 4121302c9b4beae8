import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { computeTaskTimes, endOfLocalDay, escalationTimes, labelVi } from '@partyflow/domain';
import {
  ACTIVITY_FAILURES,
  type ActedFor,
  type CloseTaskInput,
  type EscalateTaskInput,
  type HumanTaskActivities,
  type OpenTaskInput,
  type ReassignTaskInput,
  type RemindTaskInput,
  type RepromiseTaskInput,
  type RetimeTaskInput,
  type TaskTiming,
} from '@partyflow/contracts';
import { HumanTaskEntity, OrganisationEntity, type ProxyAttestation } from '@partyflow/persistence';
import { appendAudit, notify, SYSTEM_ACTOR } from '@partyflow/audit';
import { ancestors } from '../shared/organisations';
import { loadHolidays, loadPolicy } from '../shared/deadlines';

export type HumanTaskDeps = { dataSource: DataSource };

const taskNotFound = (workflowId: string, taskKey: string) =>
  ApplicationFailure.create({
    type: ACTIVITY_FAILURES.taskNotFound,
    nonRetryable: true,
    message: `No task ${taskKey} for ${workflowId}`,
  });

/**
 * What a completion for someone else rests on, as the task row keeps it: a proxy's grant and minutes (issue 14 §6, in
 * the shape written before substitutes, without a kind), or a substitution and its dates (issue 14 §2).
 */
function attestationOf(on: ActedFor | undefined): ProxyAttestation | null {
  if (!on) return null;
  if (on.kind === 'substitute')
    return {
      kind: 'substitute',
      substitutionId: on.substitutionId,
      validFrom: on.validFrom,
      validUntil: on.validUntil,
    };
  return { grantId: on.grantId, minutesRef: on.minutesRef, minutesDate: on.minutesDate };
}

async function findTask(em: EntityManager, workflowId: string, taskKey: string): Promise<HumanTaskEntity> {
  const task = await em.findOneBy(HumanTaskEntity, { workflowId, taskKey });
  if (!task) throw taskNotFound(workflowId, taskKey);
  return task;
}

async function timingOf(em: EntityManager, task: HumanTaskEntity, now: string): Promise<TaskTiming> {
  const { policy } = await loadPolicy(em, task.process, task.step, task.orgPath, task.caseId);
  const holidays = await loadHolidays(em);
  const dueAt = task.dueAt.toISOString();
  const escalateAt = escalationTimes({ dueAt, policy, holidays });
  return {
    taskId: task.id,
    dueAt,
    remindAt: task.remindAt && task.remindAt.toISOString() > now ? task.remindAt.toISOString() : null,
    // Issue 14 §3: after a re-promise the levels reached stand, and the next one falls on the promised date.
    escalateAt: task.originalDueAt
      ? [
          ...escalationTimes({ dueAt: task.originalDueAt.toISOString(), policy, holidays }).slice(
            0,
            task.escalationLevel,
          ),
          ...escalateAt,
        ].slice(0, policy.maxEscalationLevel)
      : escalateAt,
    policyVersion: task.policyVersion,
  };
}

/**
 * Activities of the human-task pattern. Each is idempotent: rows are keyed by (workflow id,
 * task key), audit events and notifications by an event key, and status changes are conditional.
 * Times come from the workflow (its deterministic clock), never from this process's clock.
 */
export function createHumanTaskActivities({ dataSource }: HumanTaskDeps): HumanTaskActivities {
  return {
    async openTask(input: OpenTaskInput): Promise<TaskTiming> {
      return dataSource.transaction(async (em) => {
        const existing = await em.findOneBy(HumanTaskEntity, { workflowId: input.workflowId, taskKey: input.taskKey });
        if (existing) return timingOf(em, existing, input.openedAt);

        const org = await em.findOneBy(OrganisationEntity, { id: input.assignee.orgId });
        if (!org) {
          throw ApplicationFailure.create({
            type: ACTIVITY_FAILURES.organisationNotFound,
            nonRetryable: true,
            message: `No organisation ${input.assignee.orgId}`,
          });
        }
        // Issue 11 §2: the policy of the task's organisation, the override of its nearest ancestor or national.
        const {
          policy,
          version,
          orgId: policyOrgId,
        } = await loadPolicy(em, input.process, input.step, org.path, input.caseId);
        const holidays = await loadHolidays(em);
        const times = computeTaskTimes({
          openedAt: input.openedAt,
          anchorAt: input.anchorAt ?? input.openedAt,
          policy,
          holidays,
        });
        const task = em.create(HumanTaskEntity, {
          id: randomUUID(),
          workflowId: input.workflowId,
          process: input.process,
          step: input.step,
          taskKey: input.taskKey,
          caseId: input.caseId,
          title: input.title,
          assigneeOrgId: org.id,
          assigneeRole: input.assignee.kind === 'role' ? input.assignee.role : null,
          assigneeMemberId: input.assignee.kind === 'member' ? input.assignee.memberId : null,
          orgPath: org.path,
          status: 'open',
          allowedOutcomes: [...input.allowedOutcomes],
          openedAt: new Date(input.openedAt),
          dueAt: new Date(times.dueAt),
          remindAt: times.remindAt ? new Date(times.remindAt) : null,
          remindedAt: null,
          escalationLevel: 0,
          policyVersion: version,
          policyOrgId,
          payload: input.payload ?? null,
          anchorAt: input.anchorAt ? new Date(input.anchorAt) : null,
        });
        await em.insert(HumanTaskEntity, task);
        const at = new Date(input.openedAt);
        await appendAudit(em, {
          eventKey: `${input.workflowId}:${input.taskKey}:opened`,
          at,
          action: 'task.opened',
          actor: SYSTEM_ACTOR,
          process: input.process,
          caseId: input.caseId,
          taskId: task.id,
          step: input.step,
          details: {
            assignee: input.assignee,
            dueAt: times.dueAt,
            remindAt: times.remindAt,
            policyVersion: version,
            policyOrgId,
            policySource: policy.source,
            ...(input.payload ? { payload: input.payload } : {}),
          },
        });
        await notify(em, {
          key: `${input.workflowId}:${input.taskKey}:assigned`,
          at,
          kind: 'task_assigned',
          orgId: org.id,
          role: task.assigneeRole,
          memberId: task.assigneeMemberId,
          taskId: task.id,
          message: `Nhiệm vụ mới: ${input.title} (${labelVi(input.step)}), hạn ${times.dueAt}`,
        });
        return {
          taskId: task.id,
          dueAt: times.dueAt,
          remindAt: times.remindAt,
          escalateAt: escalationTimes({ dueAt: times.dueAt, policy, holidays }),
          policyVersion: version,
        };
      });
    },

    async retimeTask({ workflowId, taskKey, now, anchorAt }: RetimeTaskInput): Promise<TaskTiming> {
      return dataSource.transaction(async (em) => {
        const task = await findTask(em, workflowId, taskKey);
        const {
          policy,
          version,
          orgId: policyOrgId,
        } = await loadPolicy(em, task.process, task.step, task.orgPath, task.caseId);
        const holidays = await loadHolidays(em);
        const openedAt = task.openedAt.toISOString();
        const times = computeTaskTimes({ openedAt, anchorAt: anchorAt ?? openedAt, policy, holidays });
        // A re-promised task keeps the date its assignee committed to (issue 14 §3).
        if (
          task.policyVersion !== version &&
          task.repromiseCount === 0 &&
          (task.status === 'open' || task.status === 'overdue')
        ) {
          const before = task.dueAt.toISOString();
          task.dueAt = new Date(times.dueAt);
          task.remindAt = times.remindAt ? new Date(times.remindAt) : null;
          task.policyVersion = version;
          task.policyOrgId = policyOrgId;
          // Issue 14 §1: a task opened before anchor_at was recorded learns its case event here.
          if (anchorAt && !task.anchorAt) task.anchorAt = new Date(anchorAt);
          // A later due date does not undo an escalation that happened: the task stays overdue at
          // its level, as the audit says.
          await em.save(task);
          await appendAudit(em, {
            eventKey: `${workflowId}:${taskKey}:retimed:v${version}`,
            at: new Date(now),
            action: 'task.retimed',
            actor: SYSTEM_ACTOR,
            process: task.process,
            caseId: task.caseId,
            taskId: task.id,
            step: task.step,
            details: {
              dueAtBefore: before,
              dueAt: times.dueAt,
              policyVersion: version,
              policyOrgId,
              status: task.status,
              escalationLevel: task.escalationLevel,
            },
          });
        }
        return timingOf(em, task, now);
      });
    },

    async repromiseTask({ workflowId, taskKey, dueDate, reason, actor, at }: RepromiseTaskInput) {
      return dataSource.transaction(async (em) => {
        const task = await findTask(em, workflowId, taskKey);
        const dueAtBefore = task.dueAt.toISOString();
        const dueAt = new Date(endOfLocalDay(dueDate));
        const key = `${workflowId}:${taskKey}:repromised:${dueDate}`;
        // A retried activity finds its own write: the same promise, answered again.
        if (task.status === 'open' || task.status === 'overdue') {
          if (dueAt.getTime() !== task.dueAt.getTime()) {
            task.originalDueAt = task.originalDueAt ?? task.dueAt;
            task.dueAt = dueAt;
            task.remindAt = null;
            task.status = 'open';
            task.repromiseCount += 1;
            task.repromiseReason = reason;
            await em.save(task);
          }
          const chain = await ancestors(em, task.assigneeOrgId);
          const supervisor = chain[0];
          if (supervisor)
            await notify(em, {
              key,
              at: new Date(at),
              kind: 'task_repromised',
              orgId: supervisor.id,
              role: 'supervisor',
              taskId: task.id,
              message: `Hẹn lại: ${task.title}, hạn mới ${dueDate} (hạn cũ ${dueAtBefore}). Lý do: ${reason}`,
            });
          await appendAudit(em, {
            eventKey: key,
            at: new Date(at),
            action: 'task.repromised',
            actor: { userId: actor.userId || null, name: actor.name },
            process: task.process,
            caseId: task.caseId,
            taskId: task.id,
            step: task.step,
            comment: reason,
            details: {
              dueAtBefore,
              dueAt: dueAt.toISOString(),
              dueDate,
              originalDueAt: task.originalDueAt?.toISOString() ?? null,
              repromiseCount: task.repromiseCount,
              escalationLevel: task.escalationLevel,
              notifiedOrgId: supervisor?.id ?? null,
            },
          });
        }
        return { ...(await timingOf(em, task, at)), dueAtBefore, repromiseCount: task.repromiseCount };
      });
    },

    async remindTask({ workflowId, taskKey, at }: RemindTaskInput): Promise<void> {
      await dataSource.transaction(async (em) => {
        const task = await findTask(em, workflowId, taskKey);
        if (task.status !== 'open' && task.status !== 'overdue') return;
        await em.update(HumanTaskEntity, { id: task.id }, { remindedAt: new Date(at) });
        await notify(em, {
          key: `${workflowId}:${taskKey}:reminder:v${task.policyVersion}`,
          at: new Date(at),
          kind: 'task_reminder',
          orgId: task.assigneeOrgId,
          role: task.assigneeRole,
          memberId: task.assigneeMemberId,
          taskId: task.id,
          message: `Nhắc việc: ${task.title} sắp đến hạn (${task.dueAt.toISOString()})`,
        });
        await appendAudit(em, {
          eventKey: `${workflowId}:${taskKey}:reminded:v${task.policyVersion}`,
          at: new Date(at),
          action: 'task.reminded',
          actor: SYSTEM_ACTOR,
          process: task.process,
          caseId: task.caseId,
          taskId: task.id,
          step: task.step,
          details: { dueAt: task.dueAt.toISOString() },
        });
      });
    },

    async escalateTask({ workflowId, taskKey, level, at }: EscalateTaskInput): Promise<void> {
      await dataSource.transaction(async (em) => {
        const task = await findTask(em, workflowId, taskKey);
        if (task.status !== 'open' && task.status !== 'overdue') return;
        // Level 1 goes to the supervisors of the parent organisation, level 2 one further up, and so on.
        const chain = await ancestors(em, task.assigneeOrgId);
        const target = chain[Math.min(level, chain.length) - 1];
        await em.update(
          HumanTaskEntity,
          { id: task.id },
          { status: 'overdue', escalationLevel: Math.max(level, task.escalationLevel) },
        );
        if (target) {
          await notify(em, {
            key: `${workflowId}:${taskKey}:escalated:${level}`,
            at: new Date(at),
            kind: 'task_escalated',
            orgId: target.id,
            role: 'supervisor',
            taskId: task.id,
            level,
            message: `Quá hạn (mức ${level}): ${task.title}, hạn ${task.dueAt.toISOString()}`,
          });
        }
        await appendAudit(em, {
          eventKey: `${workflowId}:${taskKey}:escalated:${level}`,
          at: new Date(at),
          action: 'task.escalated',
          actor: SYSTEM_ACTOR,
          process: task.process,
          caseId: task.caseId,
          taskId: task.id,
          step: task.step,
          details: {
            level,
            notifiedOrgId: target?.id ?? null,
            notifiedOrgName: target?.name ?? null,
            dueAt: task.dueAt.toISOString(),
          },
        });
      });
    },

    async reassignTask({ workflowId, taskKey, assignee, reason, actor, at }: ReassignTaskInput): Promise<void> {
      await dataSource.transaction(async (em) => {
        const task = await findTask(em, workflowId, taskKey);
        if (task.status !== 'open' && task.status !== 'overdue') return;
        const role = assignee.kind === 'role' ? assignee.role : null;
        const memberId = assignee.kind === 'member' ? assignee.memberId : null;
        if (task.assigneeOrgId === assignee.orgId && task.assigneeRole === role && task.assigneeMemberId === memberId)
          return;
        const org = await em.findOneByOrFail(OrganisationEntity, { id: assignee.orgId });
        const before = { orgId: task.assigneeOrgId, role: task.assigneeRole, memberId: task.assigneeMemberId };
        await em.update(
          HumanTaskEntity,
          { id: task.id },
          { assigneeOrgId: org.id, assigneeRole: role, assigneeMemberId: memberId, orgPath: org.path },
        );
        const when = new Date(at);
        await appendAudit(em, {
          eventKey: `${workflowId}:${taskKey}:reassigned:${org.id}:${role ?? memberId}`,
          at: when,
          action: 'task.reassigned',
          actor: { userId: actor.userId || null, name: actor.name },
          process: task.process,
          caseId: task.caseId,
          taskId: task.id,
          step: task.step,
          comment: reason,
          details: { before, after: assignee },
        });
        await notify(em, {
          key: `${workflowId}:${taskKey}:assigned:${org.id}:${role ?? memberId}`,
          at: when,
          kind: 'task_assigned',
          orgId: org.id,
          role,
          memberId,
          taskId: task.id,
          message: `Nhiệm vụ được chuyển đến: ${task.title} (${labelVi(task.step)}), hạn ${task.dueAt.toISOString()}. Lý do: ${reason}`,
        });
      });
    },

    async closeTask({ workflowId, taskKey, outcome, comment, data, actor, at }: CloseTaskInput): Promise<void> {
      await dataSource.transaction(async (em) => {
        const task = await findTask(em, workflowId, taskKey);
        if (task.status === 'completed') return;
        const completedAt = new Date(at);
        await em.update(
          HumanTaskEntity,
          { id: task.id },
          {
            status: 'completed',
            outcome,
            comment: comment ?? null,
            data: data ?? null,
            completedByUserId: actor.userId || null,
            completedByName: actor.name,
            completedAt,
            // Issue 14 §6 and §2: a completion by a proxy or a substitute records both people and what it rests on.
            actedForUserId: actor.onBehalfOf?.userId ?? null,
            actedForName: actor.onBehalfOf?.name ?? null,
            proxyAttestation: attestationOf(actor.onBehalfOf),
          },
        );
        await appendAudit(em, {
          eventKey: `${workflowId}:${taskKey}:completed`,
          at: completedAt,
          action: 'task.completed',
          actor: { userId: actor.userId || null, name: actor.name },
          process: task.process,
          caseId: task.caseId,
          taskId: task.id,
          step: task.step,
          outcome,
          comment,
          details: {
            data: data ?? null,
            dueAt: task.dueAt.toISOString(),
            onTime: completedAt <= task.dueAt,
            ...(actor.onBehalfOf ? { onBehalfOf: actor.onBehalfOf } : {}),
          },
        });
      });
    },
  };
}
