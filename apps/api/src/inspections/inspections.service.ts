import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { inspectionScheduleId } from '@partyflow/contracts';
import {
  canInspectUnder,
  DEFAULT_INSPECTION_INTERVAL,
  DEFAULT_MAX_REMEDIATION_ATTEMPTS,
  INSPECTION_INTERVALS_MONTHS,
  INSPECTION_ITEM_INFO,
  INSPECTION_SCOPES,
  isInspectionInterval,
  labelVi,
  ROLES,
} from '@partyflow/domain';
import {
  CellInspectionEntity,
  HumanTaskEntity,
  InspectionFindingEntity,
  InspectionProgrammeEntity,
  InspectionRoundEntity,
  OrganisationEntity,
  RemediationEntity,
} from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { hasRoleAtOrAbove, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import { TemporalCallFailed, workflowStartFailedError } from '../common/workflow-start';
import { InspectionSchedulesClient } from './inspection-schedules.client';
import { inspectionErrors } from './inspections.errors';

const intervalMonths = z
  .number({ invalid_type_error: 'phải là số', required_error: 'bắt buộc' })
  .int('phải là số nguyên')
  .refine(isInspectionInterval, `phải là một trong ${INSPECTION_INTERVALS_MONTHS.join(', ')} (ước của 12 tháng)`);

export const CreateProgrammeBody = z
  .object({
    orgId: z.string({ required_error: 'bắt buộc' }).uuid('phải là UUID'),
    scope: z.enum(INSPECTION_SCOPES, { errorMap: () => ({ message: `phải là ${INSPECTION_SCOPES.join(' hoặc ')}` }) }),
    intervalMonths: intervalMonths.default(DEFAULT_INSPECTION_INTERVAL.months),
    maxRemediationAttempts: z.number().int().min(1).max(10).default(DEFAULT_MAX_REMEDIATION_ATTEMPTS.count),
  })
  .strict();
export const IntervalBody = z.object({ intervalMonths, reason: z.string().trim().max(1000).optional() }).strict();
export const ProgrammeListQuery = z
  .object({ orgId: z.string({ invalid_type_error: 'phải là UUID' }).uuid('phải là UUID').optional() })
  .strict();
export const NoteBody = z.object({ note: z.string().trim().max(1000).optional() }).strict();

const programmeView = (p: InspectionProgrammeEntity, org: OrganisationEntity) => ({
  id: p.id,
  inspectingOrg: { id: org.id, code: org.code, name: org.name },
  scope: p.scope,
  scopeLabel: labelVi(p.scope),
  intervalMonths: p.intervalMonths,
  maxRemediationAttempts: p.maxRemediationAttempts,
  scheduleId: p.scheduleId,
  active: p.active,
  createdBy: p.createdBy,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

/** Inspection programmes (one Temporal Schedule each), rounds, cell inspections and their findings. */
@Injectable()
export class InspectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schedules: InspectionSchedulesClient,
  ) {}

  async create(user: AuthUser, rawBody: unknown) {
    const body = parseOrThrow(CreateProgrammeBody, normaliseNfc(rawBody ?? {}));
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: body.orgId.toLowerCase() });
    if (!org) throw ApiError.badRequest('orgId', `không tìm thấy tổ chức '${body.orgId}'`);
    this.assertAdministrator(user, org);
    if (!canInspectUnder({ scope: body.scope, kind: org.kind })) {
      throw ApiError.badRequest(
        'orgId',
        `${labelVi(org.kind)} không thể là tổ chức kiểm tra theo phạm vi '${labelVi(body.scope)}'`,
      );
    }
    const id = randomUUID();
    const now = new Date();
    const saved = await this.dataSource.transaction(async (em) => {
      if (await em.findOneBy(InspectionProgrammeEntity, { inspectingOrgId: org.id, scope: body.scope })) {
        throw inspectionErrors.programmeExists(org);
      }
      const row = em.create(InspectionProgrammeEntity, {
        id,
        inspectingOrgId: org.id,
        scope: body.scope,
        intervalMonths: body.intervalMonths,
        maxRemediationAttempts: body.maxRemediationAttempts,
        scheduleId: inspectionScheduleId(id),
        active: true,
        createdBy: user.fullName,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(InspectionProgrammeEntity, row);
      await this.audit(em, user, row, 'created', { intervalMonths: body.intervalMonths, scope: body.scope });
      return row;
    });
    // Issue 7 §3: the Schedule (deterministic id) is created after the commit; if Temporal still
    // refuses after the retries, the programme row is removed again so it blocks no new programme.
    try {
      await this.schedules.createCommitted(saved.scheduleId, { programmeId: id, intervalMonths: body.intervalMonths });
    } catch (e) {
      if (!(e instanceof TemporalCallFailed)) throw e;
      await this.dataSource.transaction(async (em) => {
        await em.delete(InspectionProgrammeEntity, { id });
        await this.audit(em, user, saved, 'create_failed', { reason: e.message });
      });
      throw workflowStartFailedError(`kiểm tra định kỳ của ${org.name}`, 'Chương trình kiểm tra chưa được tạo');
    }
    return this.get(user, saved.id);
  }

  /**
   * The programmes whose inspecting organisation lies in the subtree of `orgId` (403 without a role there or above),
   * or, without it, in the subtree of any organisation where the user has a role (issue 10: the administrator's page).
   */
  async list(user: AuthUser, query: unknown) {
    const q = parseOrThrow(ProgrammeListQuery, query ?? {});
    let prefixes = [...new Set(user.roles.map((r) => r.orgPath))];
    if (q.orgId) {
      const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: q.orgId.toLowerCase() });
      if (!org) throw ApiError.notFound('tổ chức đảng', q.orgId);
      this.assertCanRead(user, org);
      prefixes = [org.path];
    }
    if (!prefixes.length) return [];
    const rows = await this.dataSource
      .getRepository(InspectionProgrammeEntity)
      .createQueryBuilder('p')
      .innerJoinAndMapOne('p.org', OrganisationEntity, 'o', 'o.id = p.inspecting_org_id')
      .where('o.path LIKE ANY(:prefixes)', { prefixes: prefixes.map((p) => `${p}%`) })
      .orderBy('o.path', 'ASC')
      .addOrderBy('p.scope', 'ASC')
      .getMany();
    return rows.map((p) => programmeView(p, (p as InspectionProgrammeEntity & { org: OrganisationEntity }).org));
  }

  async get(user: AuthUser, rawId: string) {
    const { programme, org } = await this.load(rawId);
    this.assertCanRead(user, org);
    const schedule = await this.schedules.describe({ programmeId: programme.id });
    return { ...programmeView(programme, org), schedule };
  }

  async pause(user: AuthUser, rawId: string, rawBody: unknown) {
    return this.setActive(user, rawId, rawBody, false);
  }

  async resume(user: AuthUser, rawId: string, rawBody: unknown) {
    return this.setActive(user, rawId, rawBody, true);
  }

  async trigger(user: AuthUser, rawId: string) {
    const { programme, org } = await this.load(rawId);
    this.assertAdministrator(user, org);
    await this.dataSource.transaction((em) => this.audit(em, user, programme, 'triggered', {}));
    await this.schedules.trigger({ programmeId: programme.id });
    return this.get(user, programme.id);
  }

  async updateInterval(user: AuthUser, rawId: string, rawBody: unknown) {
    const { programme, org } = await this.load(rawId);
    this.assertAdministrator(user, org);
    const body = parseOrThrow(IntervalBody, normaliseNfc(rawBody ?? {}));
    const before = programme.intervalMonths;
    await this.dataSource.transaction(async (em) => {
      await em.update(
        InspectionProgrammeEntity,
        { id: programme.id },
        { intervalMonths: body.intervalMonths, updatedAt: new Date() },
      );
      await this.audit(
        em,
        user,
        programme,
        `interval:${body.intervalMonths}`,
        { before, after: body.intervalMonths },
        body.reason,
      );
    });
    // After the commit (issue 7 §3); on failure the row goes back to what the Schedule still says.
    await this.syncSchedule(
      user,
      programme,
      () => this.schedules.updateInterval({ programmeId: programme.id, intervalMonths: body.intervalMonths }),
      { intervalMonths: before },
    );
    return this.get(user, programme.id);
  }

  async rounds(user: AuthUser, rawId: string) {
    const { programme, org } = await this.load(rawId);
    this.assertCanRead(user, org);
    const rounds = await this.dataSource
      .getRepository(InspectionRoundEntity)
      .find({ where: { programmeId: programme.id }, order: { startedAt: 'DESC' }, take: 100 });
    return rounds.map((r) => ({ ...r, statusLabel: labelVi(r.status) }));
  }

  async round(user: AuthUser, rawId: string) {
    const id = parseUuid(rawId, 'id');
    const round = await this.dataSource.getRepository(InspectionRoundEntity).findOneBy({ id });
    if (!round) throw ApiError.notFound('đợt kiểm tra', id);
    const { org } = await this.load(round.programmeId);
    this.assertCanRead(user, org);
    const cells = (await this.dataSource.query(
      `SELECT i.id, i.cell_org_id AS "cellOrgId", o.name AS "cellName", i.status,
              count(f.id) FILTER (WHERE f.result = 'shortcoming')::int AS shortcomings
         FROM cell_inspection i JOIN organisation o ON o.id = i.cell_org_id LEFT JOIN inspection_finding f ON f.inspection_id = i.id
        WHERE i.round_id = $1 GROUP BY i.id, o.name, o.code ORDER BY o.code`,
      [id],
    )) as unknown[];
    return { ...round, statusLabel: labelVi(round.status), cells };
  }

  /** One cell's inspection: the team, each item with its pre-filled value and finding, remediation and its tasks. */
  async cellInspection(user: AuthUser, rawId: string) {
    const id = parseUuid(rawId, 'id');
    const inspection = await this.dataSource.getRepository(CellInspectionEntity).findOneBy({ id });
    if (!inspection) throw ApiError.notFound('cuộc kiểm tra chi bộ', id);
    if (!hasRoleAtOrAbove(user, inspection.orgPath, ROLES))
      throw ApiError.forbidden('Bạn không có vai trò trong chi bộ này hoặc cấp trên của chi bộ');
    const findings = await this.dataSource.getRepository(InspectionFindingEntity).findBy({ inspectionId: id });
    const remediations = findings.length
      ? await this.dataSource
          .getRepository(RemediationEntity)
          .createQueryBuilder('r')
          .where('r.finding_id IN (:...ids)', { ids: findings.map((f) => f.id) })
          .getMany()
      : [];
    const tasks = await this.dataSource
      .getRepository(HumanTaskEntity)
      .find({ where: { caseId: id }, order: { openedAt: 'ASC' } });
    return {
      ...inspection,
      findings: findings.map((f) => ({
        ...f,
        label: labelVi(f.item),
        rule: INSPECTION_ITEM_INFO[f.item].rule,
        remediation: remediations.find((r) => r.findingId === f.id) ?? null,
      })),
      tasks: tasks.map((t) => ({
        id: t.id,
        taskKey: t.taskKey,
        step: t.step,
        status: t.status,
        dueAt: t.dueAt,
        escalationLevel: t.escalationLevel,
        outcome: t.outcome,
        completedBy: t.completedByName,
      })),
    };
  }

  private async setActive(user: AuthUser, rawId: string, rawBody: unknown, active: boolean) {
    const { programme, org } = await this.load(rawId);
    this.assertAdministrator(user, org);
    const body = parseOrThrow(NoteBody, normaliseNfc(rawBody ?? {}));
    const note = body.note || `${active ? 'Tiếp tục' : 'Tạm dừng'} bởi ${user.fullName}`;
    const wasActive = programme.active;
    await this.dataSource.transaction(async (em) => {
      await em.update(InspectionProgrammeEntity, { id: programme.id }, { active, updatedAt: new Date() });
      await this.audit(em, user, programme, active ? 'resumed' : 'paused', {}, note);
    });
    await this.syncSchedule(
      user,
      programme,
      () =>
        active
          ? this.schedules.resume({ programmeId: programme.id, note })
          : this.schedules.pause({ programmeId: programme.id, note }),
      { active: wasActive },
    );
    return this.get(user, programme.id);
  }

  /**
   * Applies a committed change to the Schedule (idempotent, bounded retries); if Temporal refuses, restores the row
   * and audits it.
   */
  private async syncSchedule(
    user: AuthUser,
    programme: InspectionProgrammeEntity,
    call: () => Promise<void>,
    restore: Partial<Pick<InspectionProgrammeEntity, 'intervalMonths' | 'active'>>,
  ): Promise<void> {
    try {
      await this.schedules.syncCommitted(programme.scheduleId, call);
    } catch (e) {
      if (!(e instanceof TemporalCallFailed)) throw e;
      await this.dataSource.transaction(async (em) => {
        await em.update(InspectionProgrammeEntity, { id: programme.id }, { ...restore, updatedAt: new Date() });
        await this.audit(em, user, programme, 'sync_failed', { reason: e.message, restored: restore });
      });
      throw inspectionErrors.scheduleUpdateFailed();
    }
  }

  private async load(rawId: string) {
    const id = parseUuid(rawId, 'id');
    const programme = await this.dataSource.getRepository(InspectionProgrammeEntity).findOneBy({ id });
    if (!programme) throw ApiError.notFound('chương trình kiểm tra', id);
    const org = await this.dataSource
      .getRepository(OrganisationEntity)
      .findOneByOrFail({ id: programme.inspectingOrgId });
    return { programme, org };
  }

  private assertAdministrator(user: AuthUser, org: OrganisationEntity): void {
    if (!hasRoleAtOrAbove(user, org.path, ['administrator']))
      throw ApiError.forbidden('Chỉ quản trị viên của tổ chức này hoặc cấp trên được quản lý lịch kiểm tra');
  }

  private assertCanRead(user: AuthUser, org: OrganisationEntity): void {
    if (!hasRoleAtOrAbove(user, org.path, ROLES))
      throw ApiError.forbidden('Bạn không có vai trò trong tổ chức kiểm tra hoặc cấp trên');
  }

  private async audit(
    em: EntityManager,
    user: AuthUser,
    p: InspectionProgrammeEntity,
    what: string,
    details: Record<string, unknown>,
    comment?: string,
  ) {
    await appendAudit(em, {
      eventKey: `inspection-programme:${p.id}:${what}:${Date.now()}`,
      at: new Date(),
      action: `inspection.programme_${what.split(':')[0]}`,
      actor: { userId: user.userId, name: user.fullName },
      process: 'inspection',
      caseId: p.id,
      comment,
      details,
    });
  }
}
