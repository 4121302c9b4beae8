import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  deadlinePolicyOperationId,
  EMPTY_POLICY_OPERATION_COUNTS,
  type PolicyOperationCounts,
  type PolicyOperationFailure,
} from '@partyflow/contracts';
import { labelVi, PROCESS_LABELS } from '@partyflow/domain';
import { DeadlinePolicyEntity, DeadlinePolicyOperationEntity } from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { parseOrThrow } from '../common/validation';
import { TemporalCallFailed, workflowStartFailedError } from '../common/workflow-start';
import { PolicyFanOutClient } from './policy-fan-out.client';
import { insertStartingOperation, markOperationStartFailed } from './policy-operations';

const unit = z.enum(['working_days', 'calendar_days', 'months', 'hours'], {
  errorMap: () => ({ message: 'phải là working_days, calendar_days, months hoặc hours' }),
});
const duration = (min: number) =>
  z
    .object({
      amount: z
        .number({ required_error: 'bắt buộc', invalid_type_error: 'phải là số' })
        .int('phải là số nguyên')
        .min(min, `tối thiểu ${min}`)
        .max(1000, 'tối đa 1000'),
      unit,
    })
    .strict();

export const UpdatePolicyBody = z
  .object({
    due: duration(0),
    remindBefore: duration(0),
    escalateEvery: duration(1),
    maxEscalationLevel: z.number().int().min(0).max(5),
    reason: z
      .string({ required_error: 'bắt buộc: lý do thay đổi' })
      .trim()
      .min(3, 'bắt buộc: lý do thay đổi')
      .max(1000),
  })
  .strict();

export type PolicyView = ReturnType<typeof view>;
const view = (p: DeadlinePolicyEntity) => ({
  process: p.process,
  step: p.step,
  due: { amount: p.dueAmount, unit: p.dueUnit },
  remindBefore: { amount: p.remindAmount, unit: p.remindUnit },
  escalateEvery: { amount: p.escalateAmount, unit: p.escalateUnit },
  maxEscalationLevel: p.maxEscalationLevel,
  anchor: p.anchor,
  source: p.source,
  version: p.version,
  updatedAt: p.updatedAt,
  updatedBy: p.updatedBy,
});

export type OperationView = {
  id: string;
  process: string;
  step: string;
  policyVersion: number;
  status: DeadlinePolicyOperationEntity['status'];
  statusLabel: string;
  counts: PolicyOperationCounts;
  failures: PolicyOperationFailure[];
  startedBy: string;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
};
export type PolicyImpactView = {
  process: string;
  step: string;
  policyVersion: number;
  /** Running cases of the administrator's subtrees waiting on the step, their open tasks, of which overdue. */
  cases: number;
  tasks: number;
  overdue: number;
  /** Running cases waiting on the step in the whole system: the fan-out re-times them all. */
  allCases: number;
};

const OPERATION_STATUS_VI: Record<DeadlinePolicyOperationEntity['status'], string> = {
  starting: 'Đang khởi động',
  running: 'Đang tính lại hạn',
  completed: 'Đã hoàn thành',
  start_failed: 'Không khởi động được',
};

/** Deadline policies: read by everyone, changed by administrators; running cases are re-timed. */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: PolicyFanOutClient,
  ) {}

  async list(): Promise<PolicyView[]> {
    const rows = await this.dataSource
      .getRepository(DeadlinePolicyEntity)
      .find({ order: { process: 'ASC', step: 'ASC' } });
    return rows.map(view);
  }

  async update(
    user: AuthUser,
    process: string,
    step: string,
    body: unknown,
  ): Promise<PolicyView & { operationId: string; operation: OperationView }> {
    this.assertAdministrator(user);
    const input = parseOrThrow(UpdatePolicyBody, body);
    const saved = await this.dataSource.transaction(async (em) => {
      const row = await em.findOne(DeadlinePolicyEntity, {
        where: { process, step },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw ApiError.notFound('chính sách thời hạn', `${process}/${step}`);
      const before = view(row);
      Object.assign(row, {
        dueAmount: input.due.amount,
        dueUnit: input.due.unit,
        remindAmount: input.remindBefore.amount,
        remindUnit: input.remindBefore.unit,
        escalateAmount: input.escalateEvery.amount,
        escalateUnit: input.escalateEvery.unit,
        maxEscalationLevel: input.maxEscalationLevel,
        version: row.version + 1,
        updatedBy: user.fullName,
      });
      await em.save(row);
      const operationId = deadlinePolicyOperationId({ process, step, version: row.version });
      await appendAudit(em, {
        eventKey: `policy:${process}:${step}:v${row.version}`,
        at: new Date(),
        action: 'policy.changed',
        actor: { userId: user.userId, name: user.fullName },
        process,
        step,
        comment: input.reason,
        details: { before, after: view(row), operationId },
      });
      await insertStartingOperation(em, {
        id: operationId,
        process,
        step,
        policyVersion: row.version,
        startedBy: user.fullName,
        at: new Date(),
      });
      return { row, operationId };
    });
    // Issue 7 §4: the waiting cases are re-timed by a durable workflow, not inside this request; its
    // operation row was committed with the change, the workflow (deterministic id) starts after the commit.
    const operationId = saved.operationId;
    try {
      await this.client.start({ operationId, process, step, version: saved.row.version });
    } catch (e) {
      if (!(e instanceof TemporalCallFailed)) throw e;
      await this.dataSource.transaction(async (em) => {
        await markOperationStartFailed(em, operationId);
        await appendAudit(em, {
          eventKey: `${operationId}:start-failed`,
          at: new Date(),
          action: 'policy.retiming_start_failed',
          actor: { userId: user.userId, name: user.fullName },
          process,
          step,
          details: { operationId, reason: e.message },
        });
      });
      throw workflowStartFailedError(
        `tính lại hạn cho các hồ sơ đang chờ bước '${labelVi(step)}'`,
        `Thời hạn mới (phiên bản ${saved.row.version}) đã được lưu nhưng các hồ sơ đang chờ chưa được tính lại hạn (thao tác ${operationId})`,
      );
    }
    await this.dataSource
      .getRepository(DeadlinePolicyOperationEntity)
      .update({ id: operationId, status: 'starting' }, { status: 'running', updatedAt: new Date() });
    return { ...view(saved.row), operationId, operation: await this.operation(user, operationId) };
  }

  /**
   * What saving a change would re-time (issue 10): the running cases waiting on this step, i.e. its open tasks
   * (the fan-out's `listWaitingCases`), counted in the administrator's subtrees and in the whole system (the fan-out
   * re-times them all).
   */
  async impact(user: AuthUser, process: string, step: string): Promise<PolicyImpactView> {
    this.assertAdministrator(user);
    if (!Object.prototype.hasOwnProperty.call(PROCESS_LABELS, process))
      throw ApiError.badRequest('process', `không có quy trình '${process}'`);
    const policy = await this.dataSource.getRepository(DeadlinePolicyEntity).findOneBy({ process, step });
    if (!policy) throw ApiError.notFound('chính sách thời hạn', `${process}/${step}`);
    const subtrees = user.roles.filter((r) => r.role === 'administrator').map((r) => `${r.orgPath}%`);
    const [row] = (await this.dataSource.query(
      `SELECT count(DISTINCT workflow_id) FILTER (WHERE org_path LIKE ANY($3))::int AS cases,
              count(*) FILTER (WHERE org_path LIKE ANY($3))::int AS tasks,
              count(*) FILTER (WHERE org_path LIKE ANY($3) AND status = 'overdue')::int AS overdue,
              count(DISTINCT workflow_id)::int AS "allCases"
         FROM human_task WHERE process = $1 AND step = $2 AND status IN ('open','overdue')`,
      [process, step, subtrees],
    )) as { cases: number; tasks: number; overdue: number; allCases: number }[];
    return { process, step, policyVersion: policy.version, ...row };
  }

  /** Progress and confirmed counts of one fan-out: re-timings the cases answered, not signals sent. */
  async operation(user: AuthUser, id: string): Promise<OperationView> {
    this.assertAdministrator(user);
    const op = await this.dataSource.getRepository(DeadlinePolicyOperationEntity).findOneBy({ id });
    if (!op) throw ApiError.notFound('thao tác tính lại hạn', id);
    return {
      id: op.id,
      process: op.process,
      step: op.step,
      policyVersion: op.policyVersion,
      status: op.status,
      statusLabel: OPERATION_STATUS_VI[op.status],
      counts: { ...EMPTY_POLICY_OPERATION_COUNTS, ...op.counts },
      failures: op.failures,
      startedBy: op.startedBy,
      startedAt: op.startedAt,
      updatedAt: op.updatedAt,
      finishedAt: op.finishedAt,
    };
  }

  private assertAdministrator(user: AuthUser): void {
    if (!user.roles.some((r) => r.role === 'administrator'))
      throw ApiError.forbidden('Chỉ quản trị viên được thay đổi thời hạn');
  }
}
