import { Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { z } from 'zod';
import { INCIDENT_STEP } from '@partyflow/domain';
import { HumanTaskEntity, OrganisationEntity } from '@partyflow/persistence';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { parseOrThrow } from '../common/validation';
import { toView, type TaskView } from '../tasks/tasks.service';

const SUPERVISING = ['supervisor', 'administrator'] as const;

export const IncidentListQuery = z
  .object({
    status: z
      .enum(['open', 'resolved', 'all'], { errorMap: () => ({ message: 'phải là open, resolved hoặc all' }) })
      .default('open'),
  })
  .strict();

/** Supervisors watch overdue steps across the subtree of every organisation they supervise. */
@Injectable()
export class SupervisionService {
  constructor(private readonly dataSource: DataSource) {}

  async overdue(user: AuthUser): Promise<TaskView[]> {
    const paths = user.roles.filter((r) => (SUPERVISING as readonly string[]).includes(r.role)).map((r) => r.orgPath);
    if (!paths.length)
      throw ApiError.forbidden('Chỉ người giám sát hoặc quản trị mới xem được việc quá hạn của tổ chức cấp dưới');
    const rows = await this.dataSource
      .getRepository(HumanTaskEntity)
      .createQueryBuilder('t')
      .where("t.status IN ('open','overdue') AND t.due_at < now()")
      .andWhere(
        new Brackets((w) => paths.forEach((p, i) => w.orWhere(`t.org_path LIKE :p${i}`, { [`p${i}`]: `${p}%` }))),
      )
      .orderBy('t.due_at', 'ASC')
      .limit(1000)
      .getMany();
    return rows.map((t) => toView(t));
  }

  /**
   * Incidents (sự cố, issue 7 §2) of the cases in the subtree: the failed step and the error are in each one's
   * payload.
   */
  async incidents(user: AuthUser, query: unknown): Promise<TaskView[]> {
    const q = parseOrThrow(IncidentListQuery, query ?? {}, 'query');
    const paths = user.roles.filter((r) => (SUPERVISING as readonly string[]).includes(r.role)).map((r) => r.orgPath);
    if (!paths.length)
      throw ApiError.forbidden('Chỉ người giám sát hoặc quản trị mới xem được sự cố của tổ chức cấp dưới');
    const qb = this.dataSource
      .getRepository(HumanTaskEntity)
      .createQueryBuilder('t')
      .leftJoin(OrganisationEntity, 'co', "co.id::text = t.payload->>'orgId'")
      .where('t.step = :step', { step: INCIDENT_STEP })
      // In the subtree: the case's organisation (payload) or the administrator's who handles it.
      .andWhere(
        new Brackets((w) =>
          paths.forEach((p, i) => w.orWhere(`(t.org_path LIKE :p${i} OR co.path LIKE :p${i})`, { [`p${i}`]: `${p}%` })),
        ),
      );
    if (q.status === 'open') qb.andWhere("t.status IN ('open','overdue')");
    if (q.status === 'resolved') qb.andWhere("t.status = 'completed'");
    const rows = await qb.orderBy('t.opened_at', 'ASC').limit(1000).getMany();
    return rows.map((t) => toView(t));
  }
}
