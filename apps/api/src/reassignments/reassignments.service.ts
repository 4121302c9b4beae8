import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { EMPTY_REASSIGNMENT_COUNTS, type Assignee, type ReassignmentFilter } from '@partyflow/contracts';
import { PROCESS_LABELS, ROLES, todayLocal } from '@partyflow/domain';
import {
  MemberEntity,
  OrganisationEntity,
  rolesHeldAlone,
  TaskReassignmentEntity,
  UserEntity,
} from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { hasRoleAtOrAbove, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { uuidField } from '../common/body-fields';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import { TemporalCallFailed, workflowStartFailedError } from '../common/workflow-start';
import { TaskReassignmentClient } from './task-reassignment.client';

const uuid = uuidField;

/** Whom the tasks go to: a role of an organisation, or a member of it by name. */
export const ReassignmentTarget = z
  .object({
    orgId: uuid(),
    role: z.enum(ROLES, { errorMap: () => ({ message: `phải là một trong ${ROLES.join(', ')}` }) }).optional(),
    memberId: uuid().optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (!t.role === !t.memberId)
      ctx.addIssue({ code: 'custom', path: ['role'], message: 'cần đúng một trong role hoặc memberId' });
  });

export const ReassignmentBody = z
  .object({
    orgId: uuid(),
    process: z
      .string()
      .refine((p) => Object.prototype.hasOwnProperty.call(PROCESS_LABELS, p), 'không có quy trình này')
      .optional(),
    step: z.string().min(1).max(100).optional(),
    assigneeUserId: uuid().optional(),
    to: ReassignmentTarget,
    reason: z
      .string({ required_error: 'bắt buộc: lý do chuyển' })
      .trim()
      .min(3, 'bắt buộc: lý do chuyển')
      .max(2000, 'tối đa 2000 ký tự'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.step && !b.process) ctx.addIssue({ code: 'custom', path: ['process'], message: 'bắt buộc khi có step' });
  });

const READERS = ['administrator', 'supervisor'] as const;
const STATUS_VI: Record<TaskReassignmentEntity['status'], string> = {
  starting: 'Đang khởi động',
  running: 'Đang chuyển',
  completed: 'Đã hoàn thành',
  start_failed: 'Không khởi động được',
};

export type ReassignmentPlan = {
  input: z.infer<typeof ReassignmentBody>;
  scope: OrganisationEntity;
  filter: ReassignmentFilter;
  target: Assignee;
};

export type TaskReassignmentView = Omit<TaskReassignmentEntity, 'startedByUserId'> & { statusLabel: string };

/**
 * Bulk reassignment (issue 14 §2): an administrator or supervisor moves every open task matching a filter (an
 * organisation's subtree, a process and step, the tasks of one user) to another assignee, with a reason, in one
 * durable operation (taskReassignmentWorkflow) that goes through each case's reassignment update and reports its
 * progress and what moved.
 */
@Injectable()
export class ReassignmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: TaskReassignmentClient,
  ) {}

  async start(user: AuthUser, body: unknown): Promise<TaskReassignmentView> {
    return this.launch(user, await this.plan(user, body));
  }

  /** Checks a request (as POST /task-reassignments takes it) and what it will do, writing nothing. */
  async plan(user: AuthUser, body: unknown): Promise<ReassignmentPlan> {
    const input = normaliseNfc(parseOrThrow(ReassignmentBody, body));
    const orgs = this.dataSource.getRepository(OrganisationEntity);
    const scope = await orgs.findOneBy({ id: input.orgId.toLowerCase() });
    if (!scope) throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy tổ chức '${input.orgId}'`, 'orgId');
    const to = await orgs.findOneBy({ id: input.to.orgId.toLowerCase() });
    if (!to) throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy tổ chức '${input.to.orgId}'`, 'to.orgId');
    for (const org of [scope, to])
      if (!hasRoleAtOrAbove(user, org.path, READERS))
        throw ApiError.forbidden(`Bạn không quản trị hay giám sát ${org.name} hoặc cấp trên của nó`);
    let target: Assignee;
    if (input.to.memberId) {
      const member = await this.dataSource
        .getRepository(MemberEntity)
        .findOneBy({ id: input.to.memberId.toLowerCase(), organisationId: to.id });
      if (!member) throw ApiError.badRequest('to.memberId', `không phải đảng viên của ${to.name}`);
      target = { kind: 'member', orgId: to.id, memberId: member.id };
    } else target = { kind: 'role', orgId: to.id, role: input.to.role as (typeof ROLES)[number] };
    const filter: ReassignmentFilter = {
      orgPath: scope.path,
      ...(input.process ? { process: input.process } : {}),
      ...(input.step ? { step: input.step } : {}),
      ...(input.assigneeUserId ? { assignees: await this.assigneesOf(input.assigneeUserId.toLowerCase()) } : {}),
    };
    return { input, scope, filter, target };
  }

  /** Records the planned operation with its audit row and starts its workflow. */
  async launch(user: AuthUser, { input, scope, filter, target }: ReassignmentPlan): Promise<TaskReassignmentView> {
    const id = randomUUID();
    const at = new Date();
    await this.dataSource.transaction(async (em) => {
      await em.insert(TaskReassignmentEntity, {
        id,
        filter,
        target,
        reason: input.reason,
        status: 'starting',
        counts: EMPTY_REASSIGNMENT_COUNTS,
        moves: [],
        failures: [],
        startedByUserId: user.userId,
        startedBy: user.fullName,
        startedAt: at,
        updatedAt: at,
        finishedAt: null,
      });
      await appendAudit(em, {
        eventKey: `task-reassignment:${id}:started`,
        at,
        action: 'task.bulk_reassignment_started',
        actor: { userId: user.userId, name: user.fullName },
        orgId: scope.id,
        comment: input.reason,
        details: { operationId: id, filter, target, assigneeUserId: input.assigneeUserId ?? null },
      });
    });
    const rows = this.dataSource.getRepository(TaskReassignmentEntity);
    try {
      await this.client.start(id);
    } catch (e) {
      if (!(e instanceof TemporalCallFailed)) throw e;
      await rows.update({ id, status: 'starting' }, { status: 'start_failed', updatedAt: new Date() });
      throw workflowStartFailedError('chuyển hàng loạt nhiệm vụ', `Thao tác ${id} đã được ghi nhưng chưa chạy`);
    }
    await rows.update({ id, status: 'starting' }, { status: 'running', updatedAt: new Date() });
    return this.view(await rows.findOneByOrFail({ id }));
  }

  async get(user: AuthUser, rawId: string): Promise<TaskReassignmentView> {
    const op = await this.dataSource.getRepository(TaskReassignmentEntity).findOneBy({ id: parseUuid(rawId, 'id') });
    if (!op) throw ApiError.notFound('thao tác chuyển nhiệm vụ', rawId);
    if (op.startedByUserId !== user.userId && !hasRoleAtOrAbove(user, op.filter.orgPath, READERS))
      throw ApiError.forbidden('Thao tác chuyển nhiệm vụ này nằm ngoài phạm vi của bạn');
    return this.view(op);
  }

  /** A user's own tasks: those named to their member record, and the roles in force they alone hold. */
  private async assigneesOf(userId: string): Promise<Assignee[]> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy người dùng '${userId}'`, 'assigneeUserId');
    const assignees = await this.ownAssignees(user);
    if (!assignees.length)
      throw ApiError.badRequest(
        'assigneeUserId',
        'người này không có nhiệm vụ đích danh và không một mình giữ vai trò nào: không có nhiệm vụ nào là của riêng họ',
      );
    return assignees;
  }

  /** The assignees of a user's own tasks (their member record, the roles they alone hold); empty when none. */
  async ownAssignees(user: Pick<UserEntity, 'id' | 'memberId'>): Promise<Assignee[]> {
    const alone = await rolesHeldAlone(this.dataSource, { userId: user.id, today: todayLocal(Date.now()) });
    const member = user.memberId
      ? await this.dataSource.getRepository(MemberEntity).findOneBy({ id: user.memberId })
      : null;
    return [
      ...(member ? [{ kind: 'member' as const, orgId: member.organisationId, memberId: member.id }] : []),
      ...alone.map((r) => ({ kind: 'role' as const, orgId: r.orgId, role: r.role })),
    ];
  }

  private view({ startedByUserId: _, ...op }: TaskReassignmentEntity): TaskReassignmentView {
    return { ...op, statusLabel: STATUS_VI[op.status] };
  }
}
