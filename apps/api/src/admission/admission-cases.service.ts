import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@partyflow/config';
import { DataSource, In } from 'typeorm';
import { z } from 'zod';
import {
  ADMISSION_VOTE_THRESHOLDS,
  caseOrgChain,
  DEFAULT_DURATIONS,
  DEFAULT_MAX_RECOGNITION_VOTES,
} from '@partyflow/domain';
import { admissionWorkflowId, type AdmissionInput } from '@partyflow/contracts';
import {
  AdmissionCaseEntity,
  CriteriaSetEntity,
  HumanTaskEntity,
  MemberEntity,
  OrganisationEntity,
} from '@partyflow/persistence';
import { appendAudit, SYSTEM_ACTOR } from '@partyflow/audit';
import { hasRoleAtOrAbove, hasRoleIn, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { caseTimeline, type TimelineEntry } from '../common/case-timeline';
import { parseOrThrow, parseUuid } from '../common/validation';
import { TemporalCallFailed, workflowStartFailedError } from '../common/workflow-start';
import { AdmissionClient } from './admission.client';
import { admissionErrors } from './admission.errors';
import { APP_CONFIG } from '../tokens';

export const StartAdmissionBody = z
  .object({
    candidateMemberId: z.string({ required_error: 'bắt buộc' }).uuid('phải là UUID'),
    note: z.string().max(2000, 'tối đa 2000 ký tự').optional(),
  })
  .strict();

const STARTERS = ['cell_secretary', 'cell_committee_member'] as const;
/** A case row this old without a workflow was left by an interrupted start (a start takes seconds at most). */
const ORPHAN_AFTER_MS = 60_000;
const OVERSEERS = [
  'grassroots_committee_member',
  'organisation_department',
  'standing_committee_member',
  'supervisor',
  'administrator',
] as const;

/** Starting admission cases and reading them back (state, tasks, timeline). */
@Injectable()
export class AdmissionCasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: AdmissionClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(user: AuthUser, body: unknown): Promise<{ caseId: string; workflowId: string }> {
    const { candidateMemberId, note } = parseOrThrow(StartAdmissionBody, body);
    const candidate = await this.dataSource.getRepository(MemberEntity).findOneBy({ id: candidateMemberId });
    if (!candidate) throw ApiError.notFound('người vào Đảng', candidateMemberId);
    const orgs = this.dataSource.getRepository(OrganisationEntity);
    const cell = await orgs.findOneByOrFail({ id: candidate.organisationId });
    if (!(
      STARTERS.some((r) => hasRoleIn(user, cell.id, r)) ||
      hasRoleAtOrAbove(user, cell.path, ['grassroots_committee_member'])
    )) {
      throw ApiError.forbidden(`Chỉ chi ủy ${cell.name} hoặc đảng ủy cấp trên được lập hồ sơ kết nạp cho người này`);
    }
    if (candidate.status !== 'candidate') {
      throw admissionErrors.notACandidate(candidate);
    }
    const chainIds = cell.path.split('/').filter(Boolean);
    const chain = await orgs.findBy({ id: In(chainIds) });
    const byId = new Map(chain.map((o) => [o.id, o]));
    const { grassroots: grassrootsId, competent: competentId } = caseOrgChain(chainIds);
    const grassroots = grassrootsId ? byId.get(grassrootsId) : undefined;
    const competent = competentId ? byId.get(competentId) : undefined;
    if (!grassroots || grassroots.kind !== 'grassroots_committee' || !competent) {
      throw admissionErrors.orgTreeIncomplete(cell);
    }

    const caseId = randomUUID();
    const input: AdmissionInput = {
      caseId,
      candidate: { memberId: candidate.id, fullName: candidate.fullName },
      cellOrgId: cell.id,
      grassrootsOrgId: grassroots.id,
      competentOrgId: competent.id,
      residenceOrgId: candidate.residenceOrgId,
      massOrganisations: candidate.massOrganisations,
      specialCases: candidate.specialCases,
      thresholds: ADMISSION_VOTE_THRESHOLDS,
      probation: { amount: this.config.admission.probationMonths, unit: DEFAULT_DURATIONS.probation.unit },
      maxRecognitionVotes: DEFAULT_MAX_RECOGNITION_VOTES,
      evidenceValidity: this.config.admission.evidenceValidity,
      orgCodes: chainIds.map((id) => byId.get(id)?.code).filter((c): c is string => !!c),
      startedBy: { userId: user.userId, name: user.fullName },
    };
    // Issue 7 §3: the row and its audit entry are committed first; only then is the workflow started,
    // so its first activity always finds the row. No transaction is held open across a Temporal call.
    const row = {
      id: caseId,
      workflowId: admissionWorkflowId(caseId),
      candidateMemberId: candidate.id,
      cellOrgId: cell.id,
      grassrootsOrgId: grassroots.id,
      orgPath: cell.path,
      status: 'in_progress' as const,
      currentStep: 'eligibility',
      startedAt: new Date(),
      startedBy: user.fullName,
    };
    const insert = () =>
      this.dataSource.transaction(async (em) => {
        await em.insert(AdmissionCaseEntity, row);
        await appendAudit(em, {
          eventKey: `admission-${caseId}:started`,
          at: new Date(),
          action: 'case.started',
          actor: { userId: user.userId, name: user.fullName },
          process: 'admission',
          caseId,
          comment: note,
          details: { candidate: candidate.fullName, cell: cell.name },
        });
      });
    try {
      await insert();
    } catch (e) {
      if ((e as { code?: string }).code !== '23505') throw e;
      // A case left 'in_progress' by a start that never reached Temporal (e.g. the API was killed) stops blocking here.
      if (!(await this.releaseOrphanedCase(candidate.id))) {
        throw admissionErrors.caseAlreadyOpen(candidate);
      }
      await insert();
    }
    try {
      await this.client.start(input);
    } catch (e) {
      if (!(e instanceof TemporalCallFailed)) throw e;
      await this.markStartFailed(caseId, e.message, { userId: user.userId, name: user.fullName });
      throw workflowStartFailedError(`kết nạp cho ${candidate.fullName}`);
    }
    return { caseId, workflowId: admissionWorkflowId(caseId) };
  }

  /** Marks a committed case whose workflow could not be started, so it no longer blocks the candidate; audited. */
  private async markStartFailed(
    caseId: string,
    reason: string,
    actor: { userId: string | null; name: string },
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const res = await em.update(
        AdmissionCaseEntity,
        { id: caseId, status: 'in_progress' },
        { status: 'start_failed', endReason: reason, endedAt: new Date() },
      );
      if (!res.affected) return;
      await appendAudit(em, {
        eventKey: `admission-${caseId}:start-failed`,
        at: new Date(),
        action: 'case.start_failed',
        actor,
        process: 'admission',
        caseId,
        details: { reason },
      });
    });
  }

  /**
   * The candidate's open case, when it has no workflow and is older than a start could take: a
   * start interrupted between the commit and Temporal. Marks it 'start_failed'; true if released.
   */
  private async releaseOrphanedCase(candidateMemberId: string): Promise<boolean> {
    const open = await this.dataSource
      .getRepository(AdmissionCaseEntity)
      .findOneBy({ candidateMemberId, status: 'in_progress' });
    if (!open || Date.now() - open.startedAt.getTime() < ORPHAN_AFTER_MS) return false;
    if (await this.client.exists(open.id)) return false;
    await this.markStartFailed(
      open.id,
      'Không có quy trình Temporal cho hồ sơ (lần khởi động trước bị gián đoạn)',
      SYSTEM_ACTOR,
    );
    return true;
  }

  async get(user: AuthUser, rawId: string) {
    const c = await this.visibleCase(user, rawId);
    const [candidate, tasks, state, criteria] = await Promise.all([
      this.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: c.candidateMemberId }),
      this.dataSource.getRepository(HumanTaskEntity).find({ where: { caseId: c.id }, order: { openedAt: 'ASC' } }),
      this.client.state(c.id),
      c.criteriaSetId ? this.dataSource.getRepository(CriteriaSetEntity).findOneBy({ id: c.criteriaSetId }) : null,
    ]);
    return {
      id: c.id,
      workflowId: c.workflowId,
      status: c.status,
      currentStep: c.currentStep,
      endStep: c.endStep,
      endReason: c.endReason,
      candidate: { id: candidate.id, fullName: candidate.fullName, status: candidate.status },
      startedAt: c.startedAt,
      startedBy: c.startedBy,
      endedAt: c.endedAt,
      decidedOn: c.decidedOn,
      ceremonyOn: c.ceremonyOn,
      officialOn: c.officialOn,
      // The committee's criteria set the latest eligibility check used, and its day (issue 9 §6).
      criteria: {
        checkedOn: c.criteriaCheckedOn,
        set: criteria ? { id: criteria.id, name: criteria.name, documentRef: criteria.documentRef } : null,
      },
      workflowState: state,
      steps: tasks.map((t) => ({
        taskId: t.id,
        taskKey: t.taskKey,
        step: t.step,
        title: t.title,
        status: t.status,
        assignee: { orgId: t.assigneeOrgId, role: t.assigneeRole, memberId: t.assigneeMemberId },
        openedAt: t.openedAt,
        dueAt: t.dueAt,
        escalationLevel: t.escalationLevel,
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

  /** The case, if the user may read it (its organisation chain, or an assignee of one of its tasks); else 403. */
  async visibleCase(user: AuthUser, rawId: string): Promise<AdmissionCaseEntity> {
    const id = parseUuid(rawId, 'id');
    const c = await this.dataSource.getRepository(AdmissionCaseEntity).findOneBy({ id });
    if (!c) throw ApiError.notFound('hồ sơ kết nạp', id);
    const assignee =
      user.roles.length > 0 &&
      (await this.dataSource.getRepository(HumanTaskEntity).exists({
        where: user.roles.map((r) => ({ caseId: id, assigneeOrgId: r.orgId, assigneeRole: r.role })),
      }));
    if (!assignee && !hasRoleAtOrAbove(user, c.orgPath, [...STARTERS, ...OVERSEERS])) {
      throw ApiError.forbidden('Bạn không có quyền xem hồ sơ này');
    }
    return c;
  }
}
