import { Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { HumanTaskEntity } from '@partyflow/persistence';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { toView, type TaskView } from '../tasks/tasks.service';

const SUPERVISING = ['supervisor', 'administrator'] as const;

/** Supervisors watch overdue steps across the subtree of every organisation they supervise. */
@Injectable()
export class SupervisionService {
  constructor(private readonly dataSource: DataSource) {}

  async overdue(user: AuthUser): Promise<TaskView[]> {
    const paths = user.roles.filter((r) => (SUPERVISING as readonly string[]).includes(r.role)).map((r) => r.orgPath);
    if (!paths.length) throw ApiError.forbidden('Chỉ người giám sát hoặc quản trị mới xem được việc quá hạn của tổ chức cấp dưới');
    const rows = await this.dataSource.getRepository(HumanTaskEntity).createQueryBuilder('t')
      .where("t.status IN ('open','overdue') AND t.due_at < now()")
      .andWhere(new Brackets((w) => paths.forEach((p, i) => w.orWhere(`t.org_path LIKE :p${i}`, { [`p${i}`]: `${p}%` }))))
      .orderBy('t.due_at', 'ASC')
      .limit(1000)
      .getMany();
    return rows.map((t) => toView(t));
  }
}
