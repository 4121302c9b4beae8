import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { pathIds, quotaProgress, ROLES, toLocalDate } from '@partyflow/domain';
import { AdmissionCaseEntity, AdmissionQuotaEntity, OrganisationEntity } from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { hasRoleAtOrAbove, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import type { QuotaRowResponse } from './quotas.responses';

const year = z.coerce
  .number({ invalid_type_error: 'phải là năm (số)' })
  .int('phải là số nguyên')
  .min(2000, 'từ năm 2000')
  .max(2100, 'đến năm 2100');

export const SetQuotaBody = z
  .object({
    quota: z
      .number({ required_error: 'bắt buộc', invalid_type_error: 'phải là số' })
      .int('phải là số nguyên')
      .min(0, 'không âm')
      .max(1_000_000, 'tối đa 1.000.000'),
    reason: z.string({ invalid_type_error: 'phải là chuỗi' }).trim().max(1000, 'tối đa 1000 ký tự').optional(),
  })
  .strict();

export const QuotaQuery = z
  .object({
    orgId: z.string({ required_error: 'bắt buộc' }).uuid('phải là UUID'),
    year: year.optional(),
  })
  .strict();

/**
 * Who may set a quota: the organisation department or standing committee of a superior organisation, or an
 * administrator.
 */
const SETTERS = ['organisation_department', 'standing_committee_member'] as const;

/** One organisation's quota and progress, as its response schema declares it. */
export type QuotaRow = z.infer<typeof QuotaRowResponse>;

/** Yearly admission quotas per organisation and their progress from the admission cases [seed:003]. */
@Injectable()
export class QuotasService {
  constructor(private readonly dataSource: DataSource) {}

  async set(
    user: AuthUser,
    rawOrgId: string,
    rawYear: string,
    body: unknown,
  ): Promise<{ orgId: string; year: number; quota: number; setBy: string; setAt: Date }> {
    const orgId = parseUuid(rawOrgId, 'orgId');
    const y = parseOrThrow(year, rawYear, 'year');
    const input = normaliseNfc(parseOrThrow(SetQuotaBody, body));
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: orgId });
    if (!org) throw ApiError.notFound('tổ chức đảng', orgId);
    const bySuperior = user.roles.some(
      (r) => (SETTERS as readonly string[]).includes(r.role) && org.path.startsWith(r.orgPath) && r.orgId !== org.id,
    );
    if (!bySuperior && !hasRoleAtOrAbove(user, org.path, ['administrator'])) {
      throw ApiError.forbidden(
        'Chỉ Ban Tổ chức, Ban Thường vụ cấp ủy cấp trên hoặc quản trị viên được giao chỉ tiêu kết nạp',
      );
    }
    const setAt = new Date();
    return this.dataSource.transaction(async (em) => {
      const before = await em.findOne(AdmissionQuotaEntity, {
        where: { organisationId: orgId, year: y },
        lock: { mode: 'pessimistic_write' },
      });
      const row = em.create(AdmissionQuotaEntity, {
        organisationId: orgId,
        year: y,
        quota: input.quota,
        setBy: user.fullName,
        setAt,
      });
      await em.save(row);
      await appendAudit(em, {
        eventKey: `quota:${orgId}:${y}:${setAt.toISOString()}`,
        at: setAt,
        action: 'quota.set',
        actor: { userId: user.userId, name: user.fullName },
        comment: input.reason,
        details: { orgId, orgCode: org.code, year: y, before: before?.quota ?? null, after: input.quota },
      });
      return { orgId, year: y, quota: input.quota, setBy: user.fullName, setAt };
    });
  }

  async view(user: AuthUser, query: unknown): Promise<{ orgId: string; year: number; rows: QuotaRow[] }> {
    const q = parseOrThrow(QuotaQuery, query ?? {}, '');
    const y = q.year ?? Number(toLocalDate(Date.now()).slice(0, 4));
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: q.orgId.toLowerCase() });
    if (!org) throw ApiError.notFound('tổ chức đảng', q.orgId);
    if (!hasRoleAtOrAbove(user, org.path, ROLES))
      throw ApiError.forbidden('Bạn không có vai trò trong tổ chức này hoặc cấp trên');
    return { orgId: org.id, year: y, rows: await quotaRows({ dataSource: this.dataSource, root: org, year: y }) };
  }
}

/**
 * The subtree view: the organisation itself, then each grassroots organisation and cell below it:
 * quota, admitted in the year (decision 'admitted', decided that year), cases in progress by step.
 */
export async function quotaRows({
  dataSource,
  root,
  year: y,
  from,
  to,
}: {
  dataSource: DataSource;
  root: OrganisationEntity;
  year: number;
  from?: string;
  to?: string;
}): Promise<QuotaRow[]> {
  const orgs = await dataSource
    .getRepository(OrganisationEntity)
    .createQueryBuilder('o')
    .where('o.path LIKE :p', { p: `${root.path}%` })
    .andWhere("(o.id = :root OR o.kind IN ('grassroots_committee','cell'))", { root: root.id })
    .orderBy('o.depth', 'ASC')
    .addOrderBy('o.code', 'ASC')
    .getMany();
  const start = from && from > `${y}-01-01` ? from : `${y}-01-01`;
  const end = to && to < `${y}-12-31` ? to : `${y}-12-31`;
  const admitted = await dataSource
    .getRepository(AdmissionCaseEntity)
    .createQueryBuilder('a')
    .select('a.org_path', 'path')
    .addSelect('count(*)::int', 'n')
    .where('a.org_path LIKE :p AND a.decided_on BETWEEN :start AND :end', { p: `${root.path}%`, start, end })
    .groupBy('a.org_path')
    .getRawMany<{ path: string; n: number }>();
  const open = await dataSource
    .getRepository(AdmissionCaseEntity)
    .createQueryBuilder('a')
    .select('a.org_path', 'path')
    .addSelect('a.current_step', 'step')
    .addSelect('count(*)::int', 'n')
    .where("a.org_path LIKE :p AND a.status = 'in_progress' AND a.decided_on IS NULL", { p: `${root.path}%` })
    .groupBy('a.org_path')
    .addGroupBy('a.current_step')
    .getRawMany<{ path: string; step: string | null; n: number }>();
  const quotas = orgs.length
    ? await dataSource
        .getRepository(AdmissionQuotaEntity)
        .createQueryBuilder('q')
        .where('q.year = :y AND q.organisation_id IN (:...ids)', { y, ids: orgs.map((o) => o.id) })
        .getMany()
    : [];
  // One pass over the counts per path (issue 13 §2): each count goes to every organisation on its path, the
  // subtree's root included, instead of one scan of every count per organisation.
  const admittedUnder = new Map<string, number>();
  for (const a of admitted) for (const id of pathIds(a.path)) admittedUnder.set(id, (admittedUnder.get(id) ?? 0) + a.n);
  const openUnder = new Map<string, Record<string, number>>();
  for (const r of open) {
    const step = r.step ?? 'eligibility';
    for (const id of pathIds(r.path)) {
      const byStep = openUnder.get(id) ?? {};
      byStep[step] = (byStep[step] ?? 0) + r.n;
      openUnder.set(id, byStep);
    }
  }
  const quotaOf = new Map(quotas.map((x) => [x.organisationId, x.quota]));
  return orgs.map((o) => {
    const count = admittedUnder.get(o.id) ?? 0;
    const byStep = openUnder.get(o.id) ?? {};
    const quota = quotaOf.get(o.id) ?? null;
    const progress = quotaProgress({ admitted: count, quota });
    return {
      orgId: o.id,
      code: o.code,
      name: o.name,
      kind: o.kind,
      depth: o.depth,
      quota,
      admitted: count,
      inProgress: { total: Object.values(byStep).reduce((s, n) => s + n, 0), byStep },
      percent: progress.percent,
      summaryVi: progress.summaryVi,
    };
  });
}
