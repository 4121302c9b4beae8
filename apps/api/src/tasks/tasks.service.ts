import { Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { z } from 'zod';
import {
  ADMISSION_TASKS,
  INSPECTION_TASKS,
  INCIDENT_TASK,
  ROSTER_FROM_RECORDS,
  SCREENING_TASKS,
  TRANSFER_TASKS,
  type CompleteTaskResult,
} from '@partyflow/contracts';
import { INCIDENT_STEP, isGrantValidAt, labelVi, todayLocal, type Role } from '@partyflow/domain';
import {
  DelegationGrantEntity,
  HumanTaskEntity,
  MemberEntity,
  RoleAssignmentEntity,
  roleInForceSql,
} from '@partyflow/persistence';
import { delegatedPowerOf } from '../delegations/delegations.service';
import { hasRoleIn, type AuthUser } from '../auth/auth-user';
import { ApiError, fromZodError } from '../common/api-error';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import { mapWorkflowError } from '../common/workflow-errors';
import { HumanTaskClient } from './human-task.client';
import { taskErrors } from './tasks.errors';

export const CompleteTaskBody = z
  .object({
    outcome: z.string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi' }).min(1, 'bắt buộc'),
    comment: z.string({ invalid_type_error: 'phải là chuỗi' }).max(4000, 'tối đa 4000 ký tự').optional(),
    data: z.record(z.unknown(), { invalid_type_error: 'phải là một đối tượng' }).optional(),
  })
  .strict();

export const TaskListQuery = z
  .object({
    process: z.string().optional(),
    step: z.string().optional(),
    overdue: z.enum(['true', 'false']).optional(),
    status: z.enum(['open', 'completed', 'all']).default('open'),
  })
  .strict();

const TASK_DEFINITIONS: Record<string, Record<string, { outcomes: readonly string[]; data: z.ZodTypeAny }>> = {
  admission: ADMISSION_TASKS,
  screening: SCREENING_TASKS,
  transfer: TRANSFER_TASKS,
  inspection: INSPECTION_TASKS,
};

export type TaskView = ReturnType<typeof toView>;
export function toView(t: HumanTaskEntity, now = new Date()) {
  return {
    id: t.id,
    process: t.process,
    step: t.step,
    stepLabel: labelVi(t.step),
    taskKey: t.taskKey,
    caseId: t.caseId,
    title: t.title,
    assignee: { orgId: t.assigneeOrgId, role: t.assigneeRole, memberId: t.assigneeMemberId },
    status: t.status,
    overdue: (t.status === 'open' || t.status === 'overdue') && t.dueAt < now,
    allowedOutcomes: t.allowedOutcomes,
    openedAt: t.openedAt,
    dueAt: t.dueAt,
    escalationLevel: t.escalationLevel,
    outcome: t.outcome,
    comment: t.comment,
    completedBy: t.completedByName,
    completedAt: t.completedAt,
    ...(t.payload ? { payload: t.payload } : {}),
  };
}

/** The definition of a task's step; an incident (any process) offers the outcomes its row was opened with. */
function definitionOf(task: HumanTaskEntity): { outcomes: readonly string[]; data: z.ZodTypeAny } | undefined {
  if (task.step === INCIDENT_STEP) return { outcomes: task.allowedOutcomes, data: INCIDENT_TASK.data };
  return TASK_DEFINITIONS[task.process]?.[task.step];
}

/** The task inbox and task completion: the API checks authority, the workflow checks the step. */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly humanTasks: HumanTaskClient,
  ) {}

  async mine(user: AuthUser, query: unknown): Promise<TaskView[]> {
    const q = parseOrThrow(TaskListQuery, query ?? {}, 'query');
    if (!user.roles.length && !user.memberId) return [];
    const qb = this.dataSource
      .getRepository(HumanTaskEntity)
      .createQueryBuilder('t')
      .where(
        new Brackets((w) => {
          user.roles.forEach((r, i) =>
            w.orWhere(`(t.assignee_org_id = :o${i} AND t.assignee_role = :r${i})`, {
              [`o${i}`]: r.orgId,
              [`r${i}`]: r.role,
            }),
          );
          if (user.memberId) w.orWhere('t.assignee_member_id = :m', { m: user.memberId });
        }),
      );
    if (q.status === 'open') qb.andWhere("t.status IN ('open','overdue')");
    if (q.status === 'completed') qb.andWhere("t.status = 'completed'");
    if (q.process) qb.andWhere('t.process = :p', { p: q.process });
    if (q.step) qb.andWhere('t.step = :s', { s: q.step });
    if (q.overdue === 'true') qb.andWhere("t.status IN ('open','overdue') AND t.due_at < now()");
    if (q.overdue === 'false') qb.andWhere('t.due_at >= now()');
    const rows = await qb.orderBy('t.due_at', 'ASC').limit(500).getMany();
    return rows.map((t) => toView(t));
  }

  /** One task; vote steps include the roster the vote will be counted against. */
  async get(user: AuthUser, rawId: string): Promise<TaskView & { roster?: unknown }> {
    const task = await this.load(rawId);
    this.assertAssignee(user, task);
    const { roster } = await this.withRoster(task, {});
    return { ...toView(task), ...(roster ? { roster } : {}) };
  }

  async complete(user: AuthUser, rawId: string, rawBody: unknown): Promise<CompleteTaskResult> {
    const task = await this.load(rawId);
    this.assertAssignee(user, task);
    const body = normaliseNfc(parseOrThrow(CompleteTaskBody, rawBody));
    if (task.status === 'completed' || task.status === 'cancelled') {
      throw taskErrors.notOpen(task);
    }
    const definition = definitionOf(task);
    if (!definition) throw new Error(`No task definition for ${task.process}/${task.step}`);
    if (!definition.outcomes.includes(body.outcome)) {
      throw ApiError.badRequest(
        'outcome',
        `'${body.outcome}' không hợp lệ; chỉ chấp nhận: ${definition.outcomes.join(', ')}`,
      );
    }
    const data = await this.withRoster(task, body.data ?? {});
    const parsed = definition.data.safeParse(data);
    if (!parsed.success) throw fromZodError(parsed.error, 'data');
    await this.assertDelegationInForce(task);

    try {
      // The workflow refuses the completion if the task has meanwhile moved away from whom the user acts as.
      const actingAs = {
        orgId: task.assigneeOrgId,
        role: task.assigneeRole as Role | null,
        memberId: task.assigneeMemberId,
      };
      return await this.humanTasks.complete(task.workflowId, {
        taskKey: task.taskKey,
        outcome: body.outcome,
        comment: body.comment,
        data,
        actor: { userId: user.userId, name: user.fullName },
        actingAs,
      });
    } catch (e) {
      throw mapWorkflowError(e, 'Hồ sơ đã kết thúc; nhiệm vụ không còn mở');
    }
  }

  /** Vote rosters come from the organisation's records, never from the request. */
  private async withRoster(task: HumanTaskEntity, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    // Step keys are unique across processes, so one map covers admission and screening votes.
    const source = ROSTER_FROM_RECORDS[task.step as keyof typeof ROSTER_FROM_RECORDS];
    if (!source) return data;
    if (source === 'cell') {
      const counts = await this.dataSource
        .getRepository(MemberEntity)
        .createQueryBuilder('m')
        .select("count(*) FILTER (WHERE m.status IN ('official','exempt'))", 'official')
        .addSelect("count(*) FILTER (WHERE m.status = 'exempt')", 'exempt')
        .where('m.organisation_id = :org', { org: task.assigneeOrgId })
        .getRawOne<{ official: string; exempt: string }>();
      return { ...data, roster: { official: Number(counts?.official ?? 0), exempt: Number(counts?.exempt ?? 0) } };
    }
    // A committee votes with its sitting members: those holding the deciding role in that organisation.
    const members = await this.dataSource
      .getRepository(RoleAssignmentEntity)
      .createQueryBuilder('r')
      .where('r.organisation_id = :org AND r.role = :role', {
        org: task.assigneeOrgId,
        role: (task.assigneeRole ?? 'grassroots_committee_member') as Role,
      })
      .andWhere(roleInForceSql('r'), { today: todayLocal(Date.now()) })
      .getCount();
    return { ...data, roster: { official: members, exempt: 0 } };
  }

  /**
   * A decision held by a grassroots committee under a delegation may be completed only while the
   * grant is in force at completion time (issue 7 §4): after a revocation, and before the task has
   * moved, the grantee is refused [seed:000][R5].
   */
  private async assertDelegationInForce(task: HumanTaskEntity): Promise<void> {
    const power = await delegatedPowerOf(this.dataSource, task);
    if (!power) return;
    const now = new Date();
    const grants = await this.dataSource
      .getRepository(DelegationGrantEntity)
      .findBy({ granteeOrgId: task.assigneeOrgId, power });
    if (grants.some((g) => isGrantValidAt({ grant: g, at: now }))) return;
    throw taskErrors.delegationNotInForce(power);
  }

  private async load(rawId: string): Promise<HumanTaskEntity> {
    const id = parseUuid(rawId, 'id');
    const task = await this.dataSource.getRepository(HumanTaskEntity).findOneBy({ id });
    if (!task) throw ApiError.notFound('nhiệm vụ', id);
    return task;
  }

  private assertAssignee(user: AuthUser, task: HumanTaskEntity): void {
    const ok = task.assigneeMemberId
      ? user.memberId === task.assigneeMemberId
      : !!task.assigneeRole && hasRoleIn(user, task.assigneeOrgId, task.assigneeRole);
    if (!ok)
      throw ApiError.forbidden(
        `Nhiệm vụ này được giao cho ${labelVi(task.assigneeRole ?? 'member')} của tổ chức khác; bạn không có quyền xử lý`,
      );
  }
}
