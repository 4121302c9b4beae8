import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { localDateSchema } from '@partyflow/contracts';
import {
  addDays,
  groupBy,
  INCIDENT_STEP,
  labelVi,
  pathIds,
  startOfLocalDay,
  summariseCounts,
  supervisedChain,
  type OrgKind,
  type TimelinessSummary,
} from '@partyflow/domain';
import { HumanTaskEntity, OrganisationEntity } from '@partyflow/persistence';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { countQueryCapped, CURSOR_PARAMS, Keyset, type CursorPage } from '../common/keyset';
import { parseOrThrow } from '../common/validation';
import { timelinessGroups, type TimelinessGroup } from '../reports/timeliness-groups';
import { SUBJECT_NAME_SQL, toView, type TaskView } from '../tasks/tasks.service';

const SUPERVISING = ['supervisor', 'administrator'] as const;

export const OverdueListQuery = z.object({ ...CURSOR_PARAMS }).strict();

export const IncidentListQuery = z
  .object({
    status: z
      .enum(['open', 'resolved', 'all'], { errorMap: () => ({ message: 'phải là open, resolved hoặc all' }) })
      .default('open'),
    ...CURSOR_PARAMS,
  })
  .strict();

/** The overdue tasks, the longest overdue first (ix_human_task_open_path_due); the cursor's key (issue 13 §3). */
const OVERDUE_ORDER = new Keyset([
  { sql: 't.due_at', type: 'timestamptz' },
  { sql: 't.id', type: 'uuid' },
]);

/** The incidents, the oldest first; the cursor's key (issue 13 §3). */
const INCIDENT_ORDER = new Keyset([
  { sql: 't.opened_at', type: 'timestamptz' },
  { sql: 't.id', type: 'uuid' },
]);

const localDate = localDateSchema;
export const OnTimeQuery = z
  .object({ from: localDate, to: localDate })
  .strict()
  .superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'không được trước from' });
  });

export type OrgStep = { id: string; code: string; name: string; kind: OrgKind };
export type SupervisedTask = TaskView & { orgs: OrgStep[] };
export type OnTime = {
  period: { from: string; to: string };
  total: TimelinessSummary;
  byOrg: (TimelinessSummary & { org: OrgStep })[];
  byStep: (TimelinessSummary & { process: string; processLabel: string; step: string; stepLabel: string })[];
};

/** Supervisors watch overdue steps across the subtree of every organisation they supervise. */
@Injectable()
export class SupervisionService {
  constructor(private readonly dataSource: DataSource) {}

  async overdue(user: AuthUser, query: unknown): Promise<CursorPage<SupervisedTask>> {
    const q = parseOrThrow(OverdueListQuery, query ?? {}, 'query');
    const after = OVERDUE_ORDER.decode(q.cursor);
    const paths = this.supervisedPaths(user, 'việc quá hạn');
    const qb = this.dataSource
      .getRepository(HumanTaskEntity)
      .createQueryBuilder('t')
      .where("t.status IN ('open','overdue') AND t.due_at < now()")
      .andWhere(
        new Brackets((w) => paths.forEach((p, i) => w.orWhere(`t.org_path LIKE :p${i}`, { [`p${i}`]: `${p}%` }))),
      );
    return this.page(qb, paths, OVERDUE_ORDER, after, q.pageSize);
  }

  /**
   * Incidents (sự cố, issue 7 §2) of the cases in the subtree: the failed step and the error are in each one's
   * payload.
   */
  async incidents(user: AuthUser, query: unknown): Promise<CursorPage<SupervisedTask>> {
    const q = parseOrThrow(IncidentListQuery, query ?? {}, 'query');
    const after = INCIDENT_ORDER.decode(q.cursor);
    const paths = this.supervisedPaths(user, 'sự cố');
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
    return this.page(qb, paths, INCIDENT_ORDER, after, q.pageSize);
  }

  /**
   * On time / late ('đúng hạn / trễ hạn', libs/domain task-timeliness) of the tasks due in the period (local dates,
   * inclusive) in the reader's subtree, per assignee organisation and per step, as GET /reports/tasks counts them.
   */
  async onTime(user: AuthUser, query: unknown): Promise<OnTime> {
    const q = parseOrThrow(OnTimeQuery, query ?? {}, 'query');
    const paths = this.supervisedPaths(user, 'tỷ lệ đúng hạn');
    const rows = await timelinessGroups({
      dataSource: this.dataSource,
      paths,
      fromAt: new Date(startOfLocalDay(q.from)),
      toAt: new Date(startOfLocalDay(addDays(q.to, 1))),
      now: new Date(),
    });
    const summary = (list: TimelinessGroup[]) => summariseCounts(list.map((r) => r.counts));
    const byOrg = [...groupBy({ items: rows, key: (r) => r.orgId }).values()]
      .map((list) => {
        const { orgId: id, orgCode: code, orgName: name, orgKind: kind } = list[0];
        return { org: { id, code, name, kind }, ...summary(list) };
      })
      .sort((a, b) => a.org.code.localeCompare(b.org.code));
    const byStep = [...groupBy({ items: rows, key: (r) => `${r.process}/${r.step}` }).values()]
      .map((list) => ({
        process: list[0].process,
        processLabel: labelVi(list[0].process),
        step: list[0].step,
        stepLabel: labelVi(list[0].step),
        ...summary(list),
      }))
      .sort((a, b) => `${a.process}/${a.step}`.localeCompare(`${b.process}/${b.step}`));
    return { period: { from: q.from, to: q.to }, total: summary(rows), byOrg, byStep };
  }

  private supervisedPaths(user: AuthUser, what: string): string[] {
    const paths = user.roles.filter((r) => (SUPERVISING as readonly string[]).includes(r.role)).map((r) => r.orgPath);
    if (!paths.length)
      throw ApiError.forbidden(`Chỉ người giám sát hoặc quản trị mới xem được ${what} của tổ chức cấp dưới`);
    return paths;
  }

  /**
   * One page of the tasks in the sort order, with the case's subject and the organisations from the supervised one
   * down to the assignee's.
   */
  private async page(
    qb: SelectQueryBuilder<HumanTaskEntity>,
    paths: string[],
    order: Keyset,
    after: string[] | null,
    pageSize: number,
  ): Promise<CursorPage<SupervisedTask>> {
    const total = await countQueryCapped(qb);
    const { entities, raw } = await order
      .apply(qb.addSelect(SUBJECT_NAME_SQL, 'subject_name'), after, pageSize)
      .getRawAndEntities<{ t_id: string; subject_name: string | null }>();
    const { next } = order.cut(raw, pageSize);
    const tasks = entities.slice(0, pageSize);
    const names = new Map(raw.map((r) => [r.t_id, r.subject_name]));
    const ids = [...new Set(tasks.flatMap((t) => pathIds(t.orgPath)))];
    const orgs = new Map(
      (ids.length ? await this.dataSource.getRepository(OrganisationEntity).findBy({ id: In(ids) }) : []).map((o) => [
        o.id,
        { id: o.id, code: o.code, name: o.name, kind: o.kind },
      ]),
    );
    const now = new Date();
    const items = tasks.map((t) => ({
      ...toView(t, now, names.get(t.id) ?? null),
      orgs: supervisedChain({ path: t.orgPath, supervisedPaths: paths }).flatMap((id) => orgs.get(id) ?? []),
    }));
    return { items, pageSize, next, ...total };
  }
}
