import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource, In } from 'typeorm';
import { z } from 'zod';
import type { Assignee } from '@partyflow/contracts';
import {
  DELEGATED_POWER_LABELS,
  DELEGATED_POWERS,
  grantStatusAt,
  labelVi,
  periodsOverlap,
  ROLES,
  type DelegatedPowerKey,
  type GrantStatus,
} from '@partyflow/domain';
import { DelegationGrantEntity, HumanTaskEntity, OrganisationEntity } from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { hasRoleAtOrAbove, hasRoleIn, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import { HumanTaskClient } from '../tasks/human-task.client';
import { delegationErrors } from './delegations.errors';

const instant = () =>
  z
    .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là thời điểm ISO 8601' })
    .datetime({ offset: true, message: 'phải là thời điểm ISO 8601, ví dụ 2026-01-01T00:00:00+07:00' });

export const GrantBody = z
  .object({
    grantorOrgId: z.string({ required_error: 'bắt buộc' }).uuid('phải là UUID'),
    granteeOrgId: z.string({ required_error: 'bắt buộc' }).uuid('phải là UUID'),
    power: z.enum(DELEGATED_POWERS, { errorMap: () => ({ message: 'phải là admission hoặc expulsion' }) }),
    validFrom: instant(),
    validUntil: instant(),
    reason: z
      .string({ required_error: 'bắt buộc: căn cứ, lý do ủy quyền' })
      .trim()
      .min(3, 'bắt buộc: căn cứ, lý do ủy quyền')
      .max(2000, 'tối đa 2000 ký tự'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (Date.parse(b.validUntil) <= Date.parse(b.validFrom))
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'phải sau validFrom' });
  });

export const RevokeBody = z
  .object({
    reason: z
      .string({ required_error: 'bắt buộc: lý do thu hồi' })
      .trim()
      .min(3, 'bắt buộc: lý do thu hồi')
      .max(2000, 'tối đa 2000 ký tự'),
  })
  .strict();

export const GrantListQuery = z
  .object({ orgId: z.string({ required_error: 'bắt buộc' }).uuid('phải là UUID') })
  .strict();

/**
 * The decision steps each power covers: admission decisions and recognitions for 'admission';
 * the screening removal decision for 'expulsion' when the proposed form is expulsion, and for
 * 'admission' otherwise (striking off is decided by the committee holding admission authority [R23]).
 */
export const DECISION_STEPS = {
  admission: { process: 'admission', steps: ['decision', 'recognition_decision'] },
  removal: { process: 'screening', step: 'screening_removal_decision', proposalStep: 'screening_assessment_vote' },
} as const;

/**
 * The delegable power a task's decision is taken under, when the task sits with a grassroots
 * committee (the grantee side of a delegation); null for any other task. A removal decision falls
 * under 'expulsion' when the assessment vote proposed expulsion, else under 'admission' [R23].
 */
export async function delegatedPowerOf(
  dataSource: DataSource,
  task: Pick<HumanTaskEntity, 'process' | 'step' | 'caseId' | 'assigneeRole'>,
): Promise<DelegatedPowerKey | null> {
  if (task.assigneeRole !== 'grassroots_committee_member') return null;
  if (
    task.process === DECISION_STEPS.admission.process &&
    (DECISION_STEPS.admission.steps as readonly string[]).includes(task.step)
  )
    return 'admission';
  if (task.process !== DECISION_STEPS.removal.process || task.step !== DECISION_STEPS.removal.step) return null;
  const [vote] = (await dataSource.query(
    `SELECT a.data->>'proposedForm' AS "proposedForm" FROM human_task a WHERE a.case_id = $1 AND a.step = $2 AND a.status = 'completed' ORDER BY a.completed_at DESC LIMIT 1`,
    [task.caseId, DECISION_STEPS.removal.proposalStep],
  )) as { proposedForm: string | null }[];
  return vote?.proposedForm === 'expel' ? 'expulsion' : 'admission';
}

const MOVE_DEADLINE_MS = 15_000;

export type TaskMove = { taskId: string; workflowId: string; from: Assignee; to: Assignee };
export type TaskMoveFailure = { taskId: string; workflowId: string; reason: string };

export type GrantView = {
  id: string;
  power: DelegatedPowerKey;
  powerLabel: string;
  status: GrantStatus;
  statusLabel: string;
  grantor: { id: string; code: string; name: string };
  grantee: { id: string; code: string; name: string };
  validFrom: Date;
  validUntil: Date | null;
  reason: string;
  grantedBy: string | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
};

const orgRef = (o: OrganisationEntity | undefined, id: string) => ({ id, code: o?.code ?? '', name: o?.name ?? '' });

/**
 * Delegation of admission and expulsion decisions to grassroots committees (ủy quyền), and its revocation
 * [seed:000][R5].
 */
@Injectable()
export class DelegationsService {
  private readonly logger = new Logger(DelegationsService.name);
  constructor(
    private readonly dataSource: DataSource,
    private readonly humanTasks: HumanTaskClient,
  ) {}

  async grant(user: AuthUser, body: unknown): Promise<GrantView> {
    const input = normaliseNfc(parseOrThrow(GrantBody, body));
    const orgs = this.dataSource.getRepository(OrganisationEntity);
    const grantor = await orgs.findOneBy({ id: input.grantorOrgId.toLowerCase() });
    if (!grantor) throw ApiError.notFound('tổ chức ủy quyền', input.grantorOrgId);
    const grantee = await orgs.findOneBy({ id: input.granteeOrgId.toLowerCase() });
    if (!grantee) throw ApiError.notFound('tổ chức được ủy quyền', input.granteeOrgId);
    this.assertCanGrant(user, grantor);
    if (grantee.kind !== 'grassroots_committee') throw ApiError.badRequest('granteeOrgId', 'phải là một đảng ủy cơ sở');
    if (grantee.parentId !== grantor.id)
      throw ApiError.badRequest('granteeOrgId', 'phải trực thuộc trực tiếp tổ chức ủy quyền');
    const from = new Date(input.validFrom);
    const until = new Date(input.validUntil);
    const saved = await this.dataSource.transaction(async (em) => {
      // Serialise grants for one grantee and power, so two overlapping grants cannot both pass the check.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`delegation:${grantee.id}:${input.power}`]);
      const existing = await em.findBy(DelegationGrantEntity, { granteeOrgId: grantee.id, power: input.power });
      const clash = existing.find(
        (g) => !g.revokedAt && periodsOverlap({ a: { from, until }, b: { from: g.validFrom, until: g.validUntil } }),
      );
      if (clash) throw delegationErrors.overlaps(input.power, grantee, clash);
      const row = em.create(DelegationGrantEntity, {
        id: randomUUID(),
        grantorOrgId: grantor.id,
        granteeOrgId: grantee.id,
        power: input.power,
        validFrom: from,
        validUntil: until,
        revokedAt: null,
        reason: input.reason,
        grantedBy: user.fullName,
        revokedBy: null,
        revokeReason: null,
      });
      await em.save(row);
      await appendAudit(em, {
        eventKey: `delegation:${row.id}:granted`,
        at: new Date(),
        action: 'delegation.granted',
        actor: { userId: user.userId, name: user.fullName },
        orgId: grantee.id,
        comment: input.reason,
        details: {
          grantId: row.id,
          power: row.power,
          grantor: grantor.code,
          grantee: grantee.code,
          validFrom: input.validFrom,
          validUntil: input.validUntil,
        },
      });
      return row;
    });
    return this.view(
      saved,
      new Map([
        [grantor.id, grantor],
        [grantee.id, grantee],
      ]),
    );
  }

  async list(user: AuthUser, query: unknown): Promise<GrantView[]> {
    const q = parseOrThrow(GrantListQuery, query ?? {});
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: q.orgId.toLowerCase() });
    if (!org) throw ApiError.notFound('tổ chức đảng', q.orgId);
    if (!hasRoleAtOrAbove(user, org.path, ROLES))
      throw ApiError.forbidden('Bạn không có vai trò trong tổ chức này hoặc cấp trên');
    // Grants given by or to an organisation of the subtree, plus those given to the organisation itself from above.
    const rows = await this.dataSource
      .getRepository(DelegationGrantEntity)
      .createQueryBuilder('g')
      .innerJoin(OrganisationEntity, 'gr', 'gr.id = g.grantor_org_id')
      .innerJoin(OrganisationEntity, 'ge', 'ge.id = g.grantee_org_id')
      .where(
        new Brackets((w) =>
          w.where('gr.path LIKE :p', { p: `${org.path}%` }).orWhere('ge.path LIKE :p', { p: `${org.path}%` }),
        ),
      )
      .orderBy('g.valid_from', 'DESC')
      .getMany();
    const ids = [...new Set(rows.flatMap((g) => [g.grantorOrgId, g.granteeOrgId]))];
    const orgs = ids.length ? await this.dataSource.getRepository(OrganisationEntity).findBy({ id: In(ids) }) : [];
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return rows.map((g) => this.view(g, byId));
  }

  /**
   * Revokes a grant from now: decisions not yet opened go to the superior when they open; each
   * decision task already open with the grantee moves to the grantor's standing committee.
   */
  async revoke(
    user: AuthUser,
    rawId: string,
    body: unknown,
  ): Promise<
    GrantView & { movedTasks: number; movedTaskIds: string[]; moves: TaskMove[]; failedMoves: TaskMoveFailure[] }
  > {
    const id = parseUuid(rawId, 'id');
    const input = normaliseNfc(parseOrThrow(RevokeBody, body));
    const orgs = this.dataSource.getRepository(OrganisationEntity);
    const revokedAt = new Date();
    const { grant, grantor, grantee } = await this.dataSource.transaction(async (em) => {
      const g = await em.findOne(DelegationGrantEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!g) throw ApiError.notFound('ủy quyền', id);
      const gr = await orgs.findOneByOrFail({ id: g.grantorOrgId });
      const ge = await orgs.findOneByOrFail({ id: g.granteeOrgId });
      this.assertCanGrant(user, gr);
      if (g.revokedAt) throw delegationErrors.revoked(g.revokedAt, g.revokedBy);
      Object.assign(g, { revokedAt, revokedBy: user.fullName, revokeReason: input.reason });
      await em.save(g);
      await appendAudit(em, {
        eventKey: `delegation:${g.id}:revoked`,
        at: revokedAt,
        action: 'delegation.revoked',
        actor: { userId: user.userId, name: user.fullName },
        orgId: ge.id,
        comment: input.reason,
        details: {
          grantId: g.id,
          power: g.power,
          grantor: gr.code,
          grantee: ge.code,
          status: grantStatusAt({ grant: { ...g, revokedAt: null }, at: revokedAt }),
        },
      });
      return { grant: g, grantor: gr, grantee: ge };
    });
    const actor = { userId: user.userId, name: user.fullName };
    const { moves, failures } = await moveOpenDecisionTasks({
      dataSource: this.dataSource,
      humanTasks: this.humanTasks,
      grant,
      reason: `Thu hồi ủy quyền: ${input.reason}`,
      actor,
      logger: this.logger,
    });
    await appendAudit(this.dataSource.manager, {
      eventKey: `delegation:${grant.id}:tasks-moved`,
      at: new Date(),
      action: 'delegation.tasks_moved',
      actor,
      orgId: grant.granteeOrgId,
      details: {
        grantId: grant.id,
        moved: moves.map((m) => ({ taskId: m.taskId, from: m.from, to: m.to })),
        failed: failures,
      },
    });
    return {
      ...this.view(
        grant,
        new Map([
          [grantor.id, grantor],
          [grantee.id, grantee],
        ]),
      ),
      movedTasks: moves.length,
      movedTaskIds: moves.map((m) => m.taskId),
      moves,
      failedMoves: failures,
    };
  }

  private assertCanGrant(user: AuthUser, grantor: OrganisationEntity): void {
    if (
      !hasRoleIn(user, grantor.id, 'standing_committee_member') &&
      !hasRoleAtOrAbove(user, grantor.path, ['administrator'])
    ) {
      throw ApiError.forbidden(
        `Chỉ Ban Thường vụ ${grantor.name} hoặc quản trị viên được ủy quyền và thu hồi ủy quyền`,
      );
    }
  }

  private view(g: DelegationGrantEntity, orgs: Map<string, OrganisationEntity>): GrantView {
    const status = grantStatusAt({ grant: g, at: new Date() });
    return {
      id: g.id,
      power: g.power,
      powerLabel: DELEGATED_POWER_LABELS[g.power].vi,
      status,
      statusLabel: labelVi(status),
      grantor: orgRef(orgs.get(g.grantorOrgId), g.grantorOrgId),
      grantee: orgRef(orgs.get(g.granteeOrgId), g.granteeOrgId),
      validFrom: g.validFrom,
      validUntil: g.validUntil,
      reason: g.reason,
      grantedBy: g.grantedBy,
      revokedAt: g.revokedAt,
      revokedBy: g.revokedBy,
      revokeReason: g.revokeReason,
    };
  }
}

/**
 * Sends each workflow holding an open decision task of the grant's power with the grantee the
 * `reassignTaskUpdate`, moving it to the grantor's standing committee; the human-task helper writes
 * the row, audits 'task.reassigned' and notifies the new assignee. Returns the moves each workflow
 * confirmed, and the tasks it could not move (issue 7 §4).
 */
export async function moveOpenDecisionTasks({
  dataSource,
  humanTasks,
  grant,
  reason,
  actor,
  logger,
}: {
  dataSource: DataSource;
  humanTasks: HumanTaskClient;
  grant: DelegationGrantEntity;
  reason: string;
  actor: { userId: string; name: string };
  logger?: Logger;
}): Promise<{ moves: TaskMove[]; failures: TaskMoveFailure[] }> {
  // The proposed removal form is on the completed assessment-vote task of the same case.
  const open = (await dataSource.query(
    `
    SELECT t.id, t.workflow_id AS "workflowId", t.task_key AS "taskKey" FROM human_task t
     WHERE t.status IN ('open','overdue') AND t.assignee_org_id = $1 AND t.assignee_role = 'grassroots_committee_member'
       AND (($2 = 'admission' AND t.process = $3 AND t.step = ANY($4::text[]))
         OR (t.process = $5 AND t.step = $6 AND (coalesce((
               SELECT a.data->>'proposedForm' FROM human_task a
                WHERE a.case_id = t.case_id AND a.step = $7 AND a.status = 'completed' ORDER BY a.completed_at DESC LIMIT 1), '') = 'expel') = ($2 = 'expulsion')))
     ORDER BY t.opened_at`,
    [
      grant.granteeOrgId,
      grant.power,
      DECISION_STEPS.admission.process,
      DECISION_STEPS.admission.steps,
      DECISION_STEPS.removal.process,
      DECISION_STEPS.removal.step,
      DECISION_STEPS.removal.proposalStep,
    ],
  )) as Pick<HumanTaskEntity, 'id' | 'workflowId' | 'taskKey'>[];
  const moves: TaskMove[] = [];
  const failures: TaskMoveFailure[] = [];
  for (const task of open) {
    try {
      // Bounded: a case that does not answer is reported as not moved; its grantee is refused at completion anyway.
      const answer = await humanTasks.reassign(
        task.workflowId,
        {
          taskKey: task.taskKey,
          assignee: { kind: 'role', orgId: grant.grantorOrgId, role: 'standing_committee_member' },
          reason,
          actor,
        },
        { deadlineMs: MOVE_DEADLINE_MS },
      );
      if (answer.moved) moves.push({ taskId: task.id, workflowId: task.workflowId, from: answer.from, to: answer.to });
    } catch (e) {
      logger?.warn(`Could not move task ${task.id} of ${task.workflowId}: ${(e as Error).message}`);
      failures.push({ taskId: task.id, workflowId: task.workflowId, reason: (e as Error).message });
    }
  }
  return { moves, failures };
}
