import { Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { deadlinePolicyChangedSignal } from '@partyflow/contracts';
import { DeadlinePolicyEntity, HumanTaskEntity } from '@partyflow/persistence';
import { appendAudit } from '@partyflow/activities';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { parseOrThrow } from '../common/validation';

const unit = z.enum(['working_days', 'calendar_days', 'months', 'hours'], { errorMap: () => ({ message: 'phải là working_days, calendar_days, months hoặc hours' }) });
const duration = (min: number) => z.object({ amount: z.number({ required_error: 'bắt buộc', invalid_type_error: 'phải là số' }).int('phải là số nguyên').min(min, `tối thiểu ${min}`).max(1000, 'tối đa 1000'), unit }).strict();

export const UpdatePolicyBody = z.object({
  due: duration(0),
  remindBefore: duration(0),
  escalateEvery: duration(1),
  maxEscalationLevel: z.number().int().min(0).max(5),
  reason: z.string({ required_error: 'bắt buộc: lý do thay đổi' }).trim().min(3, 'bắt buộc: lý do thay đổi').max(1000),
}).strict();

export type PolicyView = ReturnType<typeof view>;
const view = (p: DeadlinePolicyEntity) => ({
  process: p.process, step: p.step, due: { amount: p.dueAmount, unit: p.dueUnit }, remindBefore: { amount: p.remindAmount, unit: p.remindUnit },
  escalateEvery: { amount: p.escalateAmount, unit: p.escalateUnit }, maxEscalationLevel: p.maxEscalationLevel, anchor: p.anchor,
  source: p.source, version: p.version, updatedAt: p.updatedAt, updatedBy: p.updatedBy,
});

/** Deadline policies: read by everyone, changed by administrators; running cases are re-timed. */
@Injectable()
export class PoliciesService {
  private readonly logger = new Logger(PoliciesService.name);
  constructor(private readonly dataSource: DataSource, private readonly client: Client) {}

  async list(): Promise<PolicyView[]> {
    const rows = await this.dataSource.getRepository(DeadlinePolicyEntity).find({ order: { process: 'ASC', step: 'ASC' } });
    return rows.map(view);
  }

  async update(user: AuthUser, process: string, step: string, body: unknown): Promise<PolicyView & { retimedCases: number }> {
    if (!user.roles.some((r) => r.role === 'administrator')) throw ApiError.forbidden('Chỉ quản trị viên được thay đổi thời hạn');
    const input = parseOrThrow(UpdatePolicyBody, body);
    const saved = await this.dataSource.transaction(async (em) => {
      const row = await em.findOne(DeadlinePolicyEntity, { where: { process, step }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw ApiError.notFound('chính sách thời hạn', `${process}/${step}`);
      const before = view(row);
      Object.assign(row, {
        dueAmount: input.due.amount, dueUnit: input.due.unit, remindAmount: input.remindBefore.amount, remindUnit: input.remindBefore.unit,
        escalateAmount: input.escalateEvery.amount, escalateUnit: input.escalateEvery.unit, maxEscalationLevel: input.maxEscalationLevel,
        version: row.version + 1, updatedBy: user.fullName,
      });
      await em.save(row);
      await appendAudit(em, {
        eventKey: `policy:${process}:${step}:v${row.version}`, at: new Date(), action: 'policy.changed', actor: { userId: user.userId, name: user.fullName },
        process, step, comment: input.reason, details: { before, after: view(row) },
      });
      return row;
    });
    // Running cases waiting on this step learn of the change and re-time their timers.
    const waiting = await this.dataSource.getRepository(HumanTaskEntity).createQueryBuilder('t')
      .select('DISTINCT t.workflow_id', 'workflowId')
      .where("t.process = :process AND t.step = :step AND t.status IN ('open','overdue')", { process, step })
      .getRawMany<{ workflowId: string }>();
    let retimed = 0;
    for (const { workflowId } of waiting) {
      try {
        await this.client.workflow.getHandle(workflowId).signal(deadlinePolicyChangedSignal, { process, step, version: saved.version });
        retimed += 1;
      } catch (e) {
        this.logger.warn(`Could not signal ${workflowId}: ${(e as Error).message}`);
      }
    }
    return { ...view(saved), retimedCases: retimed };
  }
}
