import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { localDateSchema } from '@partyflow/contracts';
import {
  criteriaSetStatusOn,
  GRADINGS,
  isCriteriaPeriodOrdered,
  isValidLocalDate,
  LOCAL_CHECK_KINDS,
  overlappingCriteriaSets,
  selectCriteriaSetInForce,
  todayLocal,
  type CriteriaSet,
  type CriteriaSetStatus,
  type LocalCheckConfig,
} from '@partyflow/domain';
import { CriteriaSetEntity, OrganisationEntity } from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { hasRoleAtOrAbove, hasRoleIn, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import { criteriaErrors } from './criteria.errors';

const localDate = localDateSchema;
const text = (max: number, required: string) =>
  z
    .string({ required_error: required, invalid_type_error: 'phải là chuỗi' })
    .trim()
    .min(1, required)
    .max(max, `tối đa ${max} ký tự`);
const reason = (what: string) =>
  z
    .string({ required_error: `bắt buộc: ${what}`, invalid_type_error: 'phải là chuỗi' })
    .trim()
    .min(3, `bắt buộc: ${what}`)
    .max(2000, 'tối đa 2000 ký tự');
const grading = z.enum(GRADINGS, { errorMap: () => ({ message: `phải là một trong: ${GRADINGS.join(', ')}` }) });

/** The check kinds the rule engine evaluates (libs/domain local-criteria.rules.ts) [seed:001][seed:000]. */
const check = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('consecutive_gradings'),
        years: z
          .number({ required_error: 'bắt buộc', invalid_type_error: 'phải là số năm' })
          .int('phải là số nguyên')
          .min(1, 'từ 1 năm')
          .max(10, 'tối đa 10 năm'),
        minGrading: grading,
        requireExcellentOrAward: z.boolean({ invalid_type_error: 'phải là true hoặc false' }).default(false),
      })
      .strict(),
    z.object({ kind: z.literal('min_grading_last_year'), minGrading: grading }).strict(),
  ],
  {
    errorMap: (issue, ctx) =>
      issue.code === 'invalid_union_discriminator'
        ? { message: `loại tiêu chí không có; phải là một trong: ${LOCAL_CHECK_KINDS.join(', ')}` }
        : { message: ctx.defaultError },
  },
);
const checks = z
  .array(check, { required_error: 'bắt buộc: ít nhất một tiêu chí', invalid_type_error: 'phải là danh sách' })
  .min(1, 'bắt buộc: ít nhất một tiêu chí')
  .max(10, 'tối đa 10 tiêu chí');

const setFields = {
  name: text(300, 'bắt buộc: tên bộ tiêu chuẩn'),
  /** The committee's document adopting the set (số, ký hiệu văn bản), e.g. 52-CV/BTCĐU. */
  documentRef: text(100, 'bắt buộc: số, ký hiệu văn bản ban hành'),
  effectiveFrom: localDate,
  /** Inclusive; null or absent: until retired. */
  effectiveUntil: localDate.nullable(),
  checks,
};
const periodOrdered = (b: { effectiveFrom?: string; effectiveUntil?: string | null }, ctx: z.RefinementCtx) => {
  if (
    b.effectiveFrom &&
    b.effectiveUntil &&
    isValidLocalDate(b.effectiveFrom) &&
    isValidLocalDate(b.effectiveUntil) &&
    !isCriteriaPeriodOrdered({ effectiveFrom: b.effectiveFrom, effectiveUntil: b.effectiveUntil })
  )
    ctx.addIssue({ code: 'custom', path: ['effectiveUntil'], message: 'không được trước effectiveFrom' });
};

export const CreateCriteriaBody = z
  .object({
    organisationId: z.string({ required_error: 'bắt buộc' }).uuid('phải là UUID'),
    ...setFields,
    effectiveUntil: setFields.effectiveUntil.optional(),
    reason: reason('căn cứ, lý do ban hành'),
  })
  .strict()
  .superRefine(periodOrdered);

/** Fields left out keep their value; at least one must be given besides the reason. */
export const EditCriteriaBody = z
  .object({
    name: setFields.name.optional(),
    documentRef: setFields.documentRef.optional(),
    effectiveFrom: setFields.effectiveFrom.optional(),
    effectiveUntil: setFields.effectiveUntil.optional(),
    checks: checks.optional(),
    reason: reason('lý do sửa đổi'),
  })
  .strict()
  .superRefine(periodOrdered)
  .refine((b) => Object.keys(b).some((k) => k !== 'reason'), {
    message: 'cần ít nhất một trường cần sửa (name, documentRef, effectiveFrom, effectiveUntil, checks)',
    path: [],
  });

export const RetireCriteriaBody = z.object({ reason: reason('lý do bãi bỏ') }).strict();

const OrgQuery = z.object({ orgId: z.string({ required_error: 'bắt buộc' }).uuid('phải là UUID') }).strict();
const InForceQuery = z
  .object({ orgId: z.string({ required_error: 'bắt buộc' }).uuid('phải là UUID'), onDate: localDate.optional() })
  .strict();

const STATUS_LABELS: Record<CriteriaSetStatus, string> = {
  in_force: 'Đang hiệu lực',
  scheduled: 'Chưa đến ngày hiệu lực',
  expired: 'Hết thời hạn hiệu lực',
  retired: 'Đã bãi bỏ',
};

export type CriteriaSetView = {
  id: string;
  organisation: { id: string; code: string; name: string };
  name: string;
  documentRef: string | null;
  effectiveFrom: string;
  effectiveUntil: string | null;
  checks: LocalCheckConfig[];
  status: CriteriaSetStatus;
  statusLabel: string;
  createdAt: Date;
  createdBy: string | null;
  updatedAt: Date;
  updatedBy: string | null;
  retiredAt: Date | null;
  retiredBy: string | null;
  retireReason: string | null;
};

const record = (s: CriteriaSetEntity) => ({ ...s, retired: !s.active });

/** Each check cites the committee's own document, beside the licence to set stricter standards [seed:000]. */
function definitionOf(
  id: string,
  name: string,
  documentRef: string,
  org: OrganisationEntity,
  list: LocalCheckConfig[],
) {
  const source = `${documentRef} của ${org.name}; [seed:000] 130-KH/TU: cấp ủy có thẩm quyền được đặt tiêu chuẩn cao hơn`;
  return { id, name, checks: list.map((c) => ({ ...c, source })) } satisfies CriteriaSet;
}

/**
 * A committee's own stricter admission criteria (tiêu chuẩn riêng, the [seed:001] kind) [seed:000]: adopted, edited
 * and retired by its standing committee or an administrator at or above it, each change audited with its reason.
 * One committee has at most one set in force on any day; a case uses the set in force on the day its cell vote opens.
 */
@Injectable()
export class CriteriaService {
  constructor(private readonly dataSource: DataSource) {}

  async list(user: AuthUser, query: unknown): Promise<CriteriaSetView[]> {
    const q = parseOrThrow(OrgQuery, query ?? {});
    const org = await this.org(q.orgId, 'orgId');
    this.assertCanRead(user, org);
    const above = org.path.split('/').filter(Boolean);
    const rows = await this.dataSource
      .getRepository(CriteriaSetEntity)
      .createQueryBuilder('c')
      .innerJoin(OrganisationEntity, 'o', 'o.id = c.organisation_id')
      .where('(c.organisation_id IN (:...above) OR o.path LIKE :sub)', { above, sub: `${org.path}%` })
      .orderBy('o.path', 'ASC')
      .addOrderBy('c.effective_from', 'DESC')
      .getMany();
    return this.views(rows);
  }

  async inForce(
    user: AuthUser,
    query: unknown,
  ): Promise<{ orgId: string; onDate: string; set: CriteriaSetView | null }> {
    const q = parseOrThrow(InForceQuery, query ?? {});
    const org = await this.org(q.orgId, 'orgId');
    this.assertCanRead(user, org);
    const onDate = q.onDate ?? todayLocal(Date.now());
    const pathIds = org.path.split('/').filter(Boolean);
    const rows = await this.dataSource.getRepository(CriteriaSetEntity).findBy({ organisationId: In(pathIds) });
    const chosen = selectCriteriaSetInForce({ sets: rows.map(record), pathIds, onDate });
    const set = chosen ? rows.find((r) => r.id === chosen.id) : undefined;
    return { orgId: org.id, onDate, set: set ? (await this.views([set]))[0] : null };
  }

  async read(user: AuthUser, rawId: string): Promise<CriteriaSetView> {
    const set = await this.set(rawId);
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: set.organisationId });
    this.assertCanRead(user, org);
    return this.view(set, org);
  }

  async create(user: AuthUser, body: unknown): Promise<CriteriaSetView> {
    const input = normaliseNfc(parseOrThrow(CreateCriteriaBody, body));
    const org = await this.org(input.organisationId, 'organisationId');
    this.assertCanManage(user, org);
    if (org.kind === 'cell')
      throw ApiError.badRequest('organisationId', 'phải là một cấp ủy (tỉnh, huyện hoặc cơ sở), không phải chi bộ');
    const id = randomUUID();
    const saved = await this.dataSource.transaction(async (em) => {
      const period = { effectiveFrom: input.effectiveFrom, effectiveUntil: input.effectiveUntil ?? null };
      await this.assertFree(em, org, { id, documentRef: input.documentRef, ...period });
      const row = em.create(CriteriaSetEntity, {
        id,
        organisationId: org.id,
        name: input.name,
        definition: definitionOf(id, input.name, input.documentRef, org, input.checks),
        active: true,
        documentRef: input.documentRef,
        ...period,
        createdBy: user.fullName,
        updatedBy: user.fullName,
        retiredAt: null,
        retiredBy: null,
        retireReason: null,
      });
      await em.save(row);
      await appendAudit(em, {
        eventKey: `criteria-set:${id}:adopted`,
        at: new Date(),
        action: 'criteria_set.adopted',
        actor: { userId: user.userId, name: user.fullName },
        orgId: org.id,
        comment: input.reason,
        details: { criteriaSetId: id, organisation: org.code, after: this.snapshot(row) },
      });
      return row;
    });
    return this.view(saved, org);
  }

  async edit(user: AuthUser, rawId: string, body: unknown): Promise<CriteriaSetView> {
    const id = parseUuid(rawId, 'id');
    const input = normaliseNfc(parseOrThrow(EditCriteriaBody, body));
    return this.dataSource.transaction(async (em) => {
      const { set, org } = await this.lockActiveForChange(em, user, id);
      const before = this.snapshot(set);
      const next = {
        name: input.name ?? set.name,
        documentRef: input.documentRef ?? set.documentRef,
        effectiveFrom: input.effectiveFrom ?? set.effectiveFrom,
        effectiveUntil: input.effectiveUntil === undefined ? set.effectiveUntil : input.effectiveUntil,
      };
      if (!isCriteriaPeriodOrdered(next))
        throw ApiError.badRequest(
          input.effectiveUntil !== undefined ? 'effectiveUntil' : 'effectiveFrom',
          `effectiveUntil (${next.effectiveUntil}) không được trước effectiveFrom (${next.effectiveFrom})`,
        );
      await this.assertFree(em, org, { id, ...next });
      const list = input.checks ?? (set.definition.checks.map(({ source: _source, ...c }) => c) as LocalCheckConfig[]);
      Object.assign(set, {
        ...next,
        definition: definitionOf(id, next.name, next.documentRef ?? next.name, org, list),
        updatedAt: new Date(),
        updatedBy: user.fullName,
      });
      await em.save(set);
      await appendAudit(em, {
        eventKey: `criteria-set:${id}:edited:${randomUUID()}`,
        at: new Date(),
        action: 'criteria_set.edited',
        actor: { userId: user.userId, name: user.fullName },
        orgId: org.id,
        comment: input.reason,
        details: { criteriaSetId: id, organisation: org.code, before, after: this.snapshot(set) },
      });
      return this.view(set, org);
    });
  }

  async retire(user: AuthUser, rawId: string, body: unknown): Promise<CriteriaSetView> {
    const id = parseUuid(rawId, 'id');
    const input = normaliseNfc(parseOrThrow(RetireCriteriaBody, body));
    return this.dataSource.transaction(async (em) => {
      const { set, org } = await this.lockActiveForChange(em, user, id);
      const at = new Date();
      Object.assign(set, {
        active: false,
        retiredAt: at,
        retiredBy: user.fullName,
        retireReason: input.reason,
        updatedAt: at,
        updatedBy: user.fullName,
      });
      await em.save(set);
      await appendAudit(em, {
        eventKey: `criteria-set:${id}:retired`,
        at,
        action: 'criteria_set.retired',
        actor: { userId: user.userId, name: user.fullName },
        orgId: org.id,
        comment: input.reason,
        details: { criteriaSetId: id, organisation: org.code, name: set.name, documentRef: set.documentRef },
      });
      return this.view(set, org);
    });
  }

  /** A set to edit or retire: locked for the change, 404 if unknown, 403 outside the user's rights, 409 if retired. */
  private async lockActiveForChange(
    em: EntityManager,
    user: AuthUser,
    id: string,
  ): Promise<{ set: CriteriaSetEntity; org: OrganisationEntity }> {
    const set = await em.findOne(CriteriaSetEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!set) throw ApiError.notFound('bộ tiêu chuẩn', id);
    const org = await em.findOneByOrFail(OrganisationEntity, { id: set.organisationId });
    this.assertCanManage(user, org);
    if (!set.active) throw criteriaErrors.retired(set);
    return { set, org };
  }

  /** 409 when the committee already has a set under this document; 400 when another of its sets overlaps. */
  private async assertFree(
    em: EntityManager,
    org: OrganisationEntity,
    next: { id: string; documentRef: string | null; effectiveFrom: string; effectiveUntil: string | null },
  ): Promise<void> {
    // Serialise changes to one committee's sets, so two overlapping sets cannot both pass the check.
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`criteria-set:${org.id}`]);
    const existing = await em.findBy(CriteriaSetEntity, { organisationId: org.id });
    const sameDocument =
      next.documentRef !== null && existing.find((s) => s.id !== next.id && s.documentRef === next.documentRef);
    if (sameDocument) throw criteriaErrors.documentExists(org, sameDocument);
    const [clash] = overlappingCriteriaSets({
      candidate: { ...next, organisationId: org.id },
      existing: existing.map(record),
    });
    if (clash) throw criteriaErrors.overlaps(clash);
  }

  private async org(rawId: string, field: string): Promise<OrganisationEntity> {
    const id = parseUuid(rawId, field);
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id });
    if (!org) throw ApiError.notFound('tổ chức đảng', rawId);
    return org;
  }

  private async set(rawId: string): Promise<CriteriaSetEntity> {
    const id = parseUuid(rawId, 'id');
    const set = await this.dataSource.getRepository(CriteriaSetEntity).findOneBy({ id });
    if (!set) throw ApiError.notFound('bộ tiêu chuẩn', id);
    return set;
  }

  /** Anyone with a role at, above or below the committee: its criteria apply to the whole subtree. */
  private assertCanRead(user: AuthUser, org: OrganisationEntity): void {
    if (!user.roles.some((r) => org.path.startsWith(r.orgPath) || r.orgPath.startsWith(org.path)))
      throw ApiError.forbidden(`Bạn không có vai trò trong ${org.name}, cấp trên hoặc cấp dưới của tổ chức này`);
  }

  private assertCanManage(user: AuthUser, org: OrganisationEntity): void {
    if (!hasRoleIn(user, org.id, 'standing_committee_member') && !hasRoleAtOrAbove(user, org.path, ['administrator']))
      throw ApiError.forbidden(
        `Chỉ Ban Thường vụ ${org.name} hoặc quản trị viên cấp đó trở lên được ban hành, sửa, bãi bỏ tiêu chuẩn riêng`,
      );
  }

  private snapshot(s: CriteriaSetEntity) {
    return {
      name: s.name,
      documentRef: s.documentRef,
      effectiveFrom: s.effectiveFrom,
      effectiveUntil: s.effectiveUntil,
      checks: s.definition.checks,
    };
  }

  private async views(rows: CriteriaSetEntity[]): Promise<CriteriaSetView[]> {
    const ids = [...new Set(rows.map((r) => r.organisationId))];
    const orgs = ids.length ? await this.dataSource.getRepository(OrganisationEntity).findBy({ id: In(ids) }) : [];
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return rows.map((r) => this.view(r, byId.get(r.organisationId)));
  }

  private view(s: CriteriaSetEntity, org: OrganisationEntity | undefined): CriteriaSetView {
    const status = criteriaSetStatusOn({ set: record(s), onDate: todayLocal(Date.now()) });
    return {
      id: s.id,
      organisation: { id: s.organisationId, code: org?.code ?? '', name: org?.name ?? '' },
      name: s.name,
      documentRef: s.documentRef,
      effectiveFrom: s.effectiveFrom,
      effectiveUntil: s.effectiveUntil,
      checks: s.definition.checks,
      status,
      statusLabel: STATUS_LABELS[status],
      createdAt: s.createdAt,
      createdBy: s.createdBy,
      updatedAt: s.updatedAt,
      updatedBy: s.updatedBy,
      retiredAt: s.retiredAt,
      retiredBy: s.retiredBy,
      retireReason: s.retireReason,
    };
  }
}
