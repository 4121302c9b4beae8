import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { z } from 'zod';
import { appealSchema, progressNoteSchema } from '@partyflow/contracts';
import { isScreeningCriterion, labelVi, SCREENING_CRITERIA } from '@partyflow/domain';
import {
  DetectionRunEntity,
  HumanTaskEntity,
  MemberEntity,
  OrganisationEntity,
  ScreeningCaseEntity,
  ScreeningFlagEntity,
  ScreeningProgressNoteEntity,
} from '@partyflow/persistence';
import { hasRoleAtOrAbove, hasRoleIn, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { caseTimeline, type TimelineEntry } from '../common/case-timeline';
import { countQueryCapped, CURSOR_PARAMS, Keyset } from '../common/keyset';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import { ScreeningClient } from './screening.client';
import { screeningErrors } from './screening.errors';

export const FlagBody = z
  .object({
    memberId: z.string({ required_error: 'bắt buộc' }).uuid('phải là UUID'),
    criterion: z
      .string({ required_error: 'bắt buộc' })
      .refine(isScreeningCriterion, { message: `phải là một trong: ${SCREENING_CRITERIA.join(', ')}` }),
    evidence: z
      .string({ required_error: 'bắt buộc' })
      .trim()
      .min(10, 'cần mô tả căn cứ (ít nhất 10 ký tự)')
      .max(8000, 'tối đa 8000 ký tự'),
  })
  .strict();
export const DetectionRunBody = z
  .object({ orgId: z.string({ required_error: 'bắt buộc' }).uuid('phải là UUID') })
  .strict();
export const DetectionScheduleBody = z
  .object({
    dayOfMonth: z.number().int().min(1, 'từ 1 đến 28').max(28, 'từ 1 đến 28').default(1),
    hour: z.number().int().min(0, 'từ 0 đến 23').max(23, 'từ 0 đến 23').default(2),
    paused: z.boolean().default(false),
  })
  .strict();
export const CaseListQuery = z
  .object({
    orgId: z.string().uuid('phải là UUID').optional(),
    status: z.enum(['in_progress', 'dismissed', 'improved', 'removed', 'kept']).optional(),
    ...CURSOR_PARAMS,
  })
  .strict();

/** Newest first; the cursor's key (issue 13 §3). */
const CASE_ORDER = new Keyset(
  [
    { sql: 'c.started_at', type: 'timestamptz' },
    { sql: 'c.id', type: 'uuid' },
  ],
  'DESC',
);

const CELL_COMMITTEE = ['cell_secretary', 'cell_committee_member'] as const;
const ABOVE_CELL = [
  'grassroots_committee_member',
  'organisation_department',
  'standing_committee_member',
  'supervisor',
  'administrator',
] as const;
const RUNS_DETECTION = [
  'grassroots_committee_member',
  'organisation_department',
  'standing_committee_member',
  'administrator',
] as const;

/** Manual flags, screening cases, progress notes and appeals, detection runs and their Schedule. */
@Injectable()
export class ScreeningService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: ScreeningClient,
  ) {}

  /** A cell committee member flags a member with a criterion and the evidence; one open case per member and ground. */
  async flag(user: AuthUser, body: unknown): Promise<{ caseId: string; flagId: string }> {
    const input = normaliseNfc(parseOrThrow(FlagBody, body));
    const member = await this.dataSource.getRepository(MemberEntity).findOneBy({ id: input.memberId });
    if (!member) throw ApiError.notFound('đảng viên', input.memberId);
    const cell = await this.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: member.organisationId });
    if (!(
      CELL_COMMITTEE.some((r) => hasRoleIn(user, cell.id, r)) ||
      hasRoleAtOrAbove(user, cell.path, ['grassroots_committee_member', 'administrator'])
    )) {
      throw ApiError.forbidden(`Chỉ chi ủy ${cell.name} hoặc đảng ủy cấp trên được nêu trường hợp này`);
    }
    if (member.status !== 'official' && member.status !== 'probationary') {
      throw screeningErrors.notScreenable(member);
    }
    const flagId = randomUUID();
    const actor = { userId: user.userId, name: user.fullName };
    const result = await this.client.intake(
      {
        memberId: member.id,
        ground: input.criterion,
        source: 'manual_flag',
        startedBy: actor,
        evidence: { flagId, evidence: input.evidence, raisedBy: user.fullName },
      },
      flagId,
    );
    if (!result.created) {
      throw screeningErrors.caseAlreadyOpen(member, input.criterion);
    }
    await this.dataSource.getRepository(ScreeningFlagEntity).insert({
      id: flagId,
      memberId: member.id,
      criterion: input.criterion,
      evidence: input.evidence,
      raisedByUserId: user.userId,
      raisedByName: user.fullName,
      raisedAt: new Date(),
    });
    return { caseId: result.caseId, flagId };
  }

  async list(user: AuthUser, query: unknown) {
    const q = parseOrThrow(CaseListQuery, query ?? {}, 'query');
    const after = CASE_ORDER.decode(q.cursor);
    if (!user.roles.length) return { items: [], pageSize: q.pageSize, next: null, total: 0, totalExact: true };
    const qb = this.dataSource
      .getRepository(ScreeningCaseEntity)
      .createQueryBuilder('c')
      .where(
        new Brackets((w) =>
          user.roles.forEach((r, i) => w.orWhere(`c.org_path LIKE :p${i}`, { [`p${i}`]: `${r.orgPath}%` })),
        ),
      );
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.orgId) qb.andWhere('c.org_path LIKE :org', { org: `%/${q.orgId}/%` });
    const total = await countQueryCapped(qb);
    const { entities, raw } = await CASE_ORDER.apply(qb, after, q.pageSize).getRawAndEntities();
    const { next } = CASE_ORDER.cut(raw, q.pageSize);
    const items = entities.slice(0, q.pageSize).map((c) => ({
      id: c.id,
      memberId: c.memberId,
      ground: c.ground,
      groundLabel: labelVi(c.ground),
      status: c.status,
      currentStep: c.currentStep,
      source: c.source,
      startedAt: c.startedAt,
      endedAt: c.endedAt,
    }));
    return { items, pageSize: q.pageSize, next, ...total };
  }

  async get(user: AuthUser, rawId: string) {
    const c = await this.visibleCase(user, rawId);
    const [member, tasks, notes, state] = await Promise.all([
      this.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: c.memberId }),
      this.dataSource.getRepository(HumanTaskEntity).find({ where: { caseId: c.id }, order: { openedAt: 'ASC' } }),
      this.dataSource
        .getRepository(ScreeningProgressNoteEntity)
        .find({ where: { caseId: c.id }, order: { month: 'ASC' } }),
      this.client.state(c.id),
    ]);
    return {
      id: c.id,
      workflowId: c.workflowId,
      member: { id: member.id, fullName: member.fullName, status: member.status },
      ground: c.ground,
      groundLabel: labelVi(c.ground),
      evidence: c.evidence,
      source: c.source,
      status: c.status,
      currentStep: c.currentStep,
      removalForm: c.removalForm,
      endReason: c.endReason,
      startedAt: c.startedAt,
      startedBy: c.startedBy,
      endedAt: c.endedAt,
      workflowState: state,
      progressNotes: notes.map((n) => ({
        month: n.month,
        note: n.note,
        recordedBy: n.recordedBy,
        recordedAt: n.recordedAt,
      })),
      steps: tasks.map((t) => ({
        taskId: t.id,
        taskKey: t.taskKey,
        step: t.step,
        title: t.title,
        status: t.status,
        assignee: { orgId: t.assigneeOrgId, role: t.assigneeRole },
        dueAt: t.dueAt,
        outcome: t.outcome,
        comment: t.comment,
        completedBy: t.completedByName,
        completedAt: t.completedAt,
        deadlineMet: t.completedAt ? t.completedAt <= t.dueAt : null,
      })),
    };
  }

  async timeline(user: AuthUser, rawId: string): Promise<TimelineEntry[]> {
    const c = await this.visibleCase(user, rawId);
    return caseTimeline(this.dataSource, c.id);
  }

  async addProgressNote(user: AuthUser, rawId: string, body: unknown) {
    const c = await this.visibleCase(user, rawId);
    if (!CELL_COMMITTEE.some((r) => hasRoleIn(user, c.cellOrgId, r)))
      throw ApiError.forbidden('Chỉ chi ủy của chi bộ ghi nhận tiến bộ');
    const input = normaliseNfc(parseOrThrow(progressNoteSchema, body));
    return this.client.addProgressNote(c.id, { ...input, actor: { userId: user.userId, name: user.fullName } });
  }

  /** The member files an appeal, or the cell committee files it on the member's behalf. */
  async fileAppeal(user: AuthUser, rawId: string, body: unknown) {
    const c = await this.visibleCase(user, rawId, { allowMember: true });
    const own =
      (await this.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: c.memberId })).id === user.memberId;
    if (!own && !CELL_COMMITTEE.some((r) => hasRoleIn(user, c.cellOrgId, r)))
      throw ApiError.forbidden('Chỉ đảng viên liên quan hoặc chi ủy được nộp khiếu nại');
    const input = normaliseNfc(parseOrThrow(appealSchema, body));
    return this.client.fileAppeal(c.id, { ...input, actor: { userId: user.userId, name: user.fullName } });
  }

  async startDetection(user: AuthUser, body: unknown): Promise<{ runId: string; workflowId: string }> {
    const { orgId } = parseOrThrow(DetectionRunBody, body);
    const org = await this.orgFor(user, orgId, RUNS_DETECTION);
    const runId = randomUUID();
    await this.client.startDetection({
      runId,
      orgId: org.id,
      trigger: 'on_demand',
      startedBy: { userId: user.userId, name: user.fullName },
    });
    return { runId, workflowId: `detection-${runId}` };
  }

  async detectionRun(user: AuthUser, rawId: string) {
    const id = parseUuid(rawId, 'id');
    const run = await this.dataSource.getRepository(DetectionRunEntity).findOneBy({ id });
    if (!run) throw ApiError.notFound('đợt rà soát', id);
    await this.orgFor(user, run.organisationId, [...RUNS_DETECTION, 'supervisor']);
    const percent = run.totalMembers ? Math.round((run.processedMembers / run.totalMembers) * 1000) / 10 : 100;
    return { ...run, progressPercent: percent };
  }

  async upsertSchedule(user: AuthUser, orgId: string, body: unknown) {
    if (!user.roles.some((r) => r.role === 'administrator'))
      throw ApiError.forbidden('Chỉ quản trị viên đặt lịch rà soát định kỳ');
    const org = await this.orgFor(user, parseUuid(orgId, 'orgId'), ['administrator']);
    const input = parseOrThrow(DetectionScheduleBody, body ?? {});
    return this.client.upsertDetectionSchedule({
      orgId: org.id,
      orgCode: org.code,
      ...input,
      actor: { userId: user.userId, name: user.fullName },
    });
  }

  async describeSchedule(user: AuthUser, orgId: string) {
    const org = await this.orgFor(user, parseUuid(orgId, 'orgId'), [...RUNS_DETECTION, 'supervisor']);
    return this.client.describeDetectionSchedule(org.id, org.code);
  }

  private async orgFor(user: AuthUser, orgId: string, roles: readonly string[]): Promise<OrganisationEntity> {
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: orgId });
    if (!org) throw ApiError.notFound('tổ chức', orgId);
    if (!hasRoleAtOrAbove(user, org.path, roles)) throw ApiError.forbidden(`Bạn không có quyền với ${org.name}`);
    return org;
  }

  /** The case, if the user may read it (its organisation chain, or an assignee of one of its tasks); else 403. */
  async visibleCase(user: AuthUser, rawId: string, { allowMember = false } = {}): Promise<ScreeningCaseEntity> {
    const id = parseUuid(rawId, 'id');
    const c = await this.dataSource.getRepository(ScreeningCaseEntity).findOneBy({ id });
    if (!c) throw ApiError.notFound('hồ sơ rà soát', id);
    if (allowMember && user.memberId === c.memberId) return c;
    const assignee =
      user.roles.length > 0 &&
      (await this.dataSource.getRepository(HumanTaskEntity).exists({
        where: user.roles.map((r) => ({ caseId: id, assigneeOrgId: r.orgId, assigneeRole: r.role })),
      }));
    if (!assignee && !hasRoleAtOrAbove(user, c.orgPath, [...CELL_COMMITTEE, ...ABOVE_CELL]))
      throw ApiError.forbidden('Bạn không có quyền xem hồ sơ này');
    return c;
  }
}
