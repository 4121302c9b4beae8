import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { z } from 'zod';
import {
  INCIDENT_TASK,
  localDateSchema,
  ROSTER_FROM_RECORDS,
  type Actor,
  type CompleteTaskResult,
  type RepromiseTaskResult,
} from '@partyflow/contracts';
import {
  addWorkingDays,
  escapeLikePattern,
  INCIDENT_STEP,
  isGrantValidAt,
  labelVi,
  searchKey,
  todayLocal,
  type Role,
  type VoteRoster,
} from '@partyflow/domain';
import {
  DelegationGrantEntity,
  HumanTaskEntity,
  loadHolidayCalendar,
  MemberEntity,
  RoleAssignmentEntity,
  roleInForceSql,
  SUBJECT_NAME_SQL,
} from '@partyflow/persistence';
import { delegatedPowerOf } from '../delegations/delegations.service';
import { hasRoleIn, type AuthUser } from '../auth/auth-user';
import { ApiError, fromZodError } from '../common/api-error';
import { countQueryCapped, CURSOR_PARAMS, Keyset, type CursorPage } from '../common/keyset';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import { mapWorkflowError } from '../common/workflow-errors';
import { HumanTaskClient } from './human-task.client';
import { AuthService } from '../auth/auth.service';
import { APP_CONFIG } from '../tokens';
import type { AppConfig } from '@partyflow/config';
import { proxyErrors } from '../proxies/proxies.errors';
import { proxyCovers, proxyCoversTask, proxyGrantInForce, type ProxyCover } from '../proxies/proxies.service';
import { substitutionErrors } from '../substitutions/substitutions.errors';
import { coversTask, substitutionCovers, type SubstitutionCover } from '../substitutions/substitutions.service';
import { TASK_DEFINITIONS, taskForm, type TaskForm, type TaskStepDefinition } from './task-form';
import { taskErrors } from './tasks.errors';

/** How long the loser of a completion race waits for the winner's row, in milliseconds (issue 11 §10). */
const RACE_WAIT_MS = 5_000;

/** POST /tasks/:id/repromise (issue 14 §3): the new committed date (Vietnamese local) and why. */
export const RepromiseBody = z
  .object({
    dueDate: localDateSchema,
    reason: z
      .string({ required_error: 'bắt buộc: lý do hẹn lại' })
      .trim()
      .min(3, 'bắt buộc: lý do hẹn lại')
      .max(2000, 'tối đa 2000 ký tự'),
  })
  .strict();

export const CompleteTaskBody = z
  .object({
    outcome: z.string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi' }).min(1, 'bắt buộc'),
    comment: z.string({ invalid_type_error: 'phải là chuỗi' }).max(4000, 'tối đa 4000 ký tự').optional(),
    data: z.record(z.unknown(), { invalid_type_error: 'phải là một đối tượng' }).optional(),
    /**
     * Issue 14 §6: completing the task for someone who cannot use the system, under a standing proxy grant of the
     * grassroots committee, with the paper minutes that attest it.
     */
    onBehalfOf: z
      .object({
        userId: z.string({ required_error: 'bắt buộc', invalid_type_error: 'phải là UUID' }).uuid('phải là UUID'),
        minutesRef: z
          .string({ required_error: 'bắt buộc: số, ký hiệu biên bản giấy' })
          .trim()
          .min(1, 'bắt buộc: số, ký hiệu biên bản giấy')
          .max(200, 'tối đa 200 ký tự'),
        minutesDate: localDateSchema,
      })
      .strict()
      .optional(),
  })
  .strict();

export const TaskListQuery = z
  .object({
    process: z.string().optional(),
    step: z.string().optional(),
    overdue: z.enum(['true', 'false']).optional(),
    status: z.enum(['open', 'completed', 'all']).default('open'),
    q: z.string().trim().max(200, 'tối đa 200 ký tự').optional(),
  })
  .strict();

/** `GET /tasks/mine`: the inbox's filters and its page (issue 13 §3); `GET /tasks/mine/counts` takes the filters. */
export const TaskPageQuery = TaskListQuery.extend(CURSOR_PARAMS).strict();
type TaskFilters = z.infer<typeof TaskListQuery>;

/** The case's subject of a task row (libs/persistence), also used by the supervision page. */
export { SUBJECT_NAME_SQL };

/** Open and past its due date: listed first in the inbox. */
const OVERDUE_SQL = "(t.status IN ('open','overdue') AND t.due_at < now())";

/**
 * The inbox's order, the cursor's key (issue 13 §3): overdue first, then by due date (due_at is NOT NULL), then
 * the id. The overdue rank reads now(): an open task's rank follows its due date, so the order stays that of the
 * due dates between two pages.
 */
const INBOX_ORDER = new Keyset([
  { sql: `(CASE WHEN ${OVERDUE_SQL} THEN 0 ELSE 1 END)`, type: 'int' },
  { sql: 't.due_at', type: 'timestamptz' },
  { sql: 't.id', type: 'uuid' },
]);

type TaskCount = { total: number; overdue: number };
/**
 * Tasks of an inbox per process (`GET /tasks/mine/counts`), every process listed, zeros included; within
 * each, the steps that have tasks.
 */
export type TaskCounts = TaskCount & {
  byProcess: (TaskCount & { process: string; label: string; steps: (TaskCount & { step: string; label: string })[] })[];
};

export type TaskView = ReturnType<typeof toView>;
/** `subjectName`: the case's candidate, member or cell (SUBJECT_NAME_SQL), null where the caller did not join it. */
export function toView(t: HumanTaskEntity, now = new Date(), subjectName: string | null = null) {
  return {
    id: t.id,
    process: t.process,
    processLabel: labelVi(t.process),
    step: t.step,
    stepLabel: labelVi(t.step),
    taskKey: t.taskKey,
    caseId: t.caseId,
    title: t.title,
    subjectName,
    assignee: { orgId: t.assigneeOrgId, role: t.assigneeRole, memberId: t.assigneeMemberId },
    status: t.status,
    overdue: (t.status === 'open' || t.status === 'overdue') && t.dueAt < now,
    allowedOutcomes: t.allowedOutcomes,
    openedAt: t.openedAt,
    dueAt: t.dueAt,
    escalationLevel: t.escalationLevel,
    outcome: t.outcome,
    outcomeLabel: t.outcome === null ? null : labelVi(t.outcome),
    comment: t.comment,
    completedBy: t.completedByName,
    completedAt: t.completedAt,
    // Issue 14 §3: a re-promised task is due at the promised date; its first due date stays.
    originalDueAt: t.originalDueAt,
    repromiseCount: t.repromiseCount,
    actedFor: actedForOf(t),
    ...(t.payload ? { payload: t.payload } : {}),
  };
}

/**
 * Whom the task was completed for (completedBy being someone else): by a proxy on the strength of paper minutes
 * (issue 14 §6), or by an out-of-office substitute within a substitution's dates (issue 14 §2).
 */
function actedForOf(t: HumanTaskEntity) {
  const a = t.proxyAttestation;
  if (!t.actedForUserId || !a) return null;
  const person = { userId: t.actedForUserId, name: t.actedForName ?? '' };
  if (a.kind === 'substitute')
    return {
      kind: 'substitute' as const,
      ...person,
      substitutionId: a.substitutionId,
      validFrom: a.validFrom,
      validUntil: a.validUntil,
    };
  return { kind: 'proxy' as const, ...person, minutesRef: a.minutesRef, minutesDate: a.minutesDate };
}

/** Issue 14 §2: the absent person an inbox task is held for by its substitute, or null for the user's own task. */
export type HeldFor = {
  userId: string;
  name: string;
  substitutionId: string;
  validFrom: string;
  validUntil: string;
} | null;
const heldForOf = (c: SubstitutionCover | null): HeldFor =>
  c && {
    userId: c.absentUserId,
    name: c.absentName,
    substitutionId: c.substitutionId,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
  };

/** Issue 14 §6: the person whose task a proxy finds in the inbox, under this grant; null when it is not so. */
export type ProxyFor = { userId: string; name: string; grantId: string } | null;
const proxyForOf = (c: ProxyCover | null | undefined): ProxyFor =>
  c ? { userId: c.principalUserId, name: c.principalName, grantId: c.grantId } : null;

/** The actor of a completion or a re-promise: the user, and for whom when acting as a substitute (issue 14 §2). */
function actorOf(user: AuthUser, cover: SubstitutionCover | null): Actor {
  const me = { userId: user.userId, name: user.fullName };
  if (!cover) return me;
  return {
    ...me,
    onBehalfOf: {
      kind: 'substitute',
      userId: cover.absentUserId,
      name: cover.absentName,
      substitutionId: cover.substitutionId,
      validFrom: cover.validFrom,
      validUntil: cover.validUntil,
    },
  };
}

/** The definition of a task's step; an incident (any process) offers the outcomes its row was opened with. */
function definitionOf(task: HumanTaskEntity): TaskStepDefinition | undefined {
  if (task.step === INCIDENT_STEP) return { outcomes: task.allowedOutcomes, data: INCIDENT_TASK.data };
  return TASK_DEFINITIONS[task.process]?.[task.step];
}

/** The task inbox and task completion: the API checks authority, the workflow checks the step. */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly humanTasks: HumanTaskClient,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The inbox, one page: overdue first, then by due date; `q` finds the subject's name or the title, ignoring
   * diacritics.
   */
  async mine(user: AuthUser, query: unknown): Promise<CursorPage<TaskView & { heldFor: HeldFor; proxyFor: ProxyFor }>> {
    const { pageSize, cursor, ...filters } = parseOrThrow(TaskPageQuery, query ?? {}, 'query');
    const after = INBOX_ORDER.decode(cursor);
    const covers = await this.coversOf(user);
    const proxies = await this.proxyCoversOf(user);
    const qb = this.inbox(user, filters, covers, proxies);
    if (!qb) return { items: [], pageSize, next: null, total: 0, totalExact: true };
    const total = await countQueryCapped(qb);
    const { entities, raw } = await INBOX_ORDER.apply(
      qb.addSelect(SUBJECT_NAME_SQL, 'subject_name'),
      after,
      pageSize,
    ).getRawAndEntities<{ t_id: string; subject_name: string | null }>();
    const { next } = INBOX_ORDER.cut(raw, pageSize);
    const names = new Map(raw.map((r) => [r.t_id, r.subject_name]));
    const now = new Date();
    const items = entities.slice(0, pageSize).map((t) => {
      const own = this.isAssignee(user, t);
      const heldFor = heldForOf(own ? null : (covers.find((c) => coversTask(c, t)) ?? null));
      const proxyFor = proxyForOf(own || heldFor ? null : proxies.find((c) => proxyCoversTask(c, t)));
      return { ...toView(t, now, names.get(t.id) ?? null), heldFor, proxyFor };
    });
    return { items, pageSize, next, ...total };
  }

  /** Counts of the same inbox and filters as `mine`, per process and, within it, per step (issue 10 §4). */
  async counts(user: AuthUser, query: unknown): Promise<TaskCounts> {
    const filters = parseOrThrow(TaskListQuery, query ?? {}, 'query');
    const qb = this.inbox(user, filters, await this.coversOf(user), await this.proxyCoversOf(user));
    const rows = qb
      ? await qb
          .select('t.process', 'process')
          .addSelect('t.step', 'step')
          .addSelect('count(*)', 'total')
          .addSelect(`count(*) FILTER (WHERE ${OVERDUE_SQL})`, 'overdue')
          .groupBy('t.process')
          .addGroupBy('t.step')
          .getRawMany<{ process: string; step: string; total: string; overdue: string }>()
      : [];
    const processes = [...new Set([...Object.keys(TASK_DEFINITIONS), ...rows.map((r) => r.process)])];
    const byProcess = processes.map((process) => {
      // Steps in procedural order (the contract's), an incident last.
      const order = Object.keys(TASK_DEFINITIONS[process] ?? {});
      const rank = (step: string) => (order.includes(step) ? order.indexOf(step) : order.length);
      const steps = rows
        .filter((r) => r.process === process)
        .sort((a, b) => rank(a.step) - rank(b.step) || a.step.localeCompare(b.step))
        .map((r) => ({ step: r.step, label: labelVi(r.step), total: Number(r.total), overdue: Number(r.overdue) }));
      const total = steps.reduce((n, x) => n + x.total, 0);
      const overdue = steps.reduce((n, x) => n + x.overdue, 0);
      return { process, label: labelVi(process), total, overdue, steps };
    });
    return {
      total: byProcess.reduce((n, p) => n + p.total, 0),
      overdue: byProcess.reduce((n, p) => n + p.overdue, 0),
      byProcess,
    };
  }

  /** Issue 14 §2: what the substitutions in force today hand the user, as a substitute. */
  private coversOf(user: AuthUser): Promise<SubstitutionCover[]> {
    return substitutionCovers(this.dataSource, { substituteUserId: user.userId, today: todayLocal(Date.now()) });
  }

  /** Issue 14 §6: what the proxy grants in force hand the user, as a proxy. */
  private proxyCoversOf(user: AuthUser): Promise<ProxyCover[]> {
    return proxyCovers(this.dataSource, { proxyUserId: user.userId, at: new Date(), today: todayLocal(Date.now()) });
  }

  /** The proxy grant in force under which the user, not the task's assignee, may open it for its principal. */
  private async proxyCoverFor(user: AuthUser, task: HumanTaskEntity): Promise<ProxyCover | null> {
    if (this.isAssignee(user, task)) return null;
    return (await this.proxyCoversOf(user)).find((c) => proxyCoversTask(c, task)) ?? null;
  }

  /**
   * The tasks of the user's roles or of the user's member record and, as a substitute (issue 14 §2), those the
   * substitutions in force hand them and, as a proxy (§6), those of the principals of the grants in force, filtered
   * by the query; null if there can be none.
   */
  private inbox(user: AuthUser, q: TaskFilters, covers: SubstitutionCover[], proxies: ProxyCover[]) {
    if (!user.roles.length && !user.memberId && !covers.length && !proxies.length) return null;
    const qb = this.dataSource
      .getRepository(HumanTaskEntity)
      .createQueryBuilder('t')
      .where(
        new Brackets((w) => {
          user.roles.forEach((r, i) =>
            w.orWhere(`(t.assignee_org_id = :o${i} AND t.assignee_role = :r${i})`, {
              [`o${i}`]: r.orgId,
              [`r${i}`]: r.role,
            }),
          );
          if (user.memberId) w.orWhere('t.assignee_member_id = :m', { m: user.memberId });
          covers.forEach((c, i) => {
            if (c.memberId)
              w.orWhere(`(t.assignee_member_id = :sm${i} AND starts_with(t.org_path, :sp${i}))`, {
                [`sm${i}`]: c.memberId,
                [`sp${i}`]: c.orgPath,
              });
            if (c.roles.length)
              w.orWhere(
                `(t.assignee_member_id IS NULL AND t.assignee_org_id = :so${i} AND t.assignee_role IN (:...sr${i}))`,
                { [`so${i}`]: c.orgId, [`sr${i}`]: c.roles },
              );
          });
          proxies.forEach((c, i) => {
            const within = `starts_with(t.org_path, :pp${i})`;
            if (c.memberId)
              w.orWhere(`(t.assignee_member_id = :pm${i} AND ${within})`, {
                [`pm${i}`]: c.memberId,
                [`pp${i}`]: c.orgPath,
              });
            c.roles.forEach((r, j) =>
              w.orWhere(
                `(t.assignee_member_id IS NULL AND t.assignee_org_id = :po${i}_${j} AND t.assignee_role = :pr${i}_${j} AND ${within})`,
                {
                  [`po${i}_${j}`]: r.orgId,
                  [`pr${i}_${j}`]: r.role,
                  [`pp${i}`]: c.orgPath,
                },
              ),
            );
          });
        }),
      );
    if (q.status === 'open') qb.andWhere("t.status IN ('open','overdue')");
    if (q.status === 'completed') qb.andWhere("t.status = 'completed'");
    if (q.process) qb.andWhere('t.process = :p', { p: q.process });
    if (q.step) qb.andWhere('t.step = :s', { s: q.step });
    if (q.overdue === 'true') qb.andWhere(OVERDUE_SQL);
    if (q.overdue === 'false') qb.andWhere('t.due_at >= now()');
    const key = q.q === undefined ? '' : searchKey(q.q);
    if (key) {
      qb.andWhere(
        `(member_search_key(t.title) LIKE :key OR member_search_key(coalesce(${SUBJECT_NAME_SQL}, '')) LIKE :key)`,
        { key: `%${escapeLikePattern(key)}%` },
      );
    }
    return qb;
  }

  /**
   * One task; its step's form (issue 10 §1): outcomes with labels, the labelled JSON Schema of its data
   * and, on a vote step, the roster the vote will be counted against with the threshold rule.
   */
  async get(
    user: AuthUser,
    rawId: string,
  ): Promise<TaskView & { heldFor: HeldFor; proxyFor: ProxyFor; roster?: VoteRoster; form: TaskForm | null }> {
    const task = await this.load(rawId);
    const proxy = await this.proxyCoverFor(user, task);
    const cover = proxy ? null : await this.assertAssigneeOrSubstitute(user, task);
    const { roster } = (await this.withRoster(task, {})) as { roster?: VoteRoster };
    const subject = await this.dataSource
      .getRepository(HumanTaskEntity)
      .createQueryBuilder('t')
      .select(SUBJECT_NAME_SQL, 'name')
      .where('t.id = :id', { id: task.id })
      .getRawOne<{ name: string | null }>();
    const definition = definitionOf(task);
    const form = definition ? taskForm({ step: task.step, definition, assigneeRole: task.assigneeRole, roster }) : null;
    return {
      ...toView(task, new Date(), subject?.name ?? null),
      heldFor: heldForOf(cover),
      proxyFor: proxyForOf(proxy),
      ...(roster ? { roster } : {}),
      form,
    };
  }

  async complete(user: AuthUser, rawId: string, rawBody: unknown): Promise<CompleteTaskResult> {
    const task = await this.load(rawId);
    // A proxy's completion is checked against the person it is done for, once the body names them.
    const proxied = typeof rawBody === 'object' && rawBody !== null && 'onBehalfOf' in rawBody;
    const cover = proxied ? null : await this.assertAssigneeOrSubstitute(user, task);
    const body = normaliseNfc(parseOrThrow(CompleteTaskBody, rawBody));
    const actor: Actor = body.onBehalfOf ? await this.proxyActor(user, task, body.onBehalfOf) : actorOf(user, cover);
    if (task.status === 'completed' || task.status === 'cancelled') {
      throw taskErrors.notOpen(task);
    }
    const definition = definitionOf(task);
    if (!definition) throw new Error(`No task definition for ${task.process}/${task.step}`);
    if (!definition.outcomes.includes(body.outcome)) {
      throw ApiError.badRequest(
        'outcome',
        `'${body.outcome}' không hợp lệ; chỉ chấp nhận: ${definition.outcomes.join(', ')}`,
      );
    }
    const data = await this.withRoster(task, body.data ?? {});
    const parsed = definition.data.safeParse(data);
    if (!parsed.success) throw fromZodError(parsed.error, 'data');
    await this.assertDelegationInForce(task);

    try {
      // The workflow refuses the completion if the task has meanwhile moved away from whom the user acts as.
      const actingAs = {
        orgId: task.assigneeOrgId,
        role: task.assigneeRole as Role | null,
        memberId: task.assigneeMemberId,
      };
      return await this.humanTasks.complete(task.workflowId, {
        taskKey: task.taskKey,
        outcome: body.outcome,
        comment: body.comment,
        data,
        actor,
        actingAs,
      });
    } catch (e) {
      const error = mapWorkflowError(e, 'Hồ sơ đã kết thúc; nhiệm vụ không còn mở');
      // Lost a race (issue 11 §10): another completion was accepted between the check above and this
      // update. The answer names who completed the task and when, as the check above does.
      if (error.code === 'TASK_NOT_OPEN' || error.code === 'CASE_CLOSED') {
        const closed = await this.closedTask(task.id);
        if (closed) throw taskErrors.notOpen(closed);
      }
      throw error;
    }
  }

  /**
   * The task's row once it is no longer open: the winner of a race writes it as its update is accepted, a
   * moment after the loser is refused, so this waits for it, at most RACE_WAIT_MS.
   */
  private async closedTask(id: string): Promise<HumanTaskEntity | null> {
    const deadline = Date.now() + RACE_WAIT_MS;
    for (;;) {
      const row = await this.dataSource.getRepository(HumanTaskEntity).findOneBy({ id });
      if (!row || row.status === 'completed' || row.status === 'cancelled') return row;
      if (Date.now() >= deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Vote rosters come from the organisation's records, never from the request. */
  private async withRoster(task: HumanTaskEntity, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    // Step keys are unique across processes, so one map covers admission and screening votes.
    const source = ROSTER_FROM_RECORDS[task.step as keyof typeof ROSTER_FROM_RECORDS];
    if (!source) return data;
    if (source === 'cell') {
      const counts = await this.dataSource
        .getRepository(MemberEntity)
        .createQueryBuilder('m')
        .select("count(*) FILTER (WHERE m.status IN ('official','exempt'))", 'official')
        .addSelect("count(*) FILTER (WHERE m.status = 'exempt')", 'exempt')
        .where('m.organisation_id = :org', { org: task.assigneeOrgId })
        .getRawOne<{ official: string; exempt: string }>();
      return { ...data, roster: { official: Number(counts?.official ?? 0), exempt: Number(counts?.exempt ?? 0) } };
    }
    // A committee votes with its sitting members: those holding the deciding role in that organisation.
    const members = await this.dataSource
      .getRepository(RoleAssignmentEntity)
      .createQueryBuilder('r')
      .where('r.organisation_id = :org AND r.role = :role', {
        org: task.assigneeOrgId,
        role: (task.assigneeRole ?? 'grassroots_committee_member') as Role,
      })
      .andWhere(roleInForceSql('r'), { today: todayLocal(Date.now()) })
      .getCount();
    return { ...data, roster: { official: members, exempt: 0 } };
  }

  /**
   * A decision held by a grassroots committee under a delegation may be completed only while the
   * grant is in force at completion time (issue 7 §4): after a revocation, and before the task has
   * moved, the grantee is refused [seed:000][R5].
   */
  private async assertDelegationInForce(task: HumanTaskEntity): Promise<void> {
    const power = await delegatedPowerOf(this.dataSource, task);
    if (!power) return;
    const now = new Date();
    const grants = await this.dataSource
      .getRepository(DelegationGrantEntity)
      .findBy({ granteeOrgId: task.assigneeOrgId, power });
    if (grants.some((g) => isGrantValidAt({ grant: g, at: now }))) return;
    throw taskErrors.delegationNotInForce(power);
  }

  private async load(rawId: string): Promise<HumanTaskEntity> {
    const id = parseUuid(rawId, 'id');
    const task = await this.dataSource.getRepository(HumanTaskEntity).findOneBy({ id });
    if (!task) throw ApiError.notFound('nhiệm vụ', id);
    return task;
  }

  /**
   * Issue 14 §3, phiếu hẹn lại: the assignee of an overdue task commits to a new date, at most
   * TASK_REPROMISE_MAX_WORKING_DAYS working days after today (Vietnamese date, holidays skipped), at most
   * TASK_REPROMISE_MAX_TIMES times. The workflow writes it (audited, the supervisors above notified) and escalates
   * from it.
   */
  async repromise(user: AuthUser, rawId: string, rawBody: unknown): Promise<RepromiseTaskResult> {
    const task = await this.load(rawId);
    const cover = await this.assertAssigneeOrSubstitute(user, task);
    const body = normaliseNfc(parseOrThrow(RepromiseBody, rawBody));
    if (task.status === 'completed' || task.status === 'cancelled') throw taskErrors.notOpen(task);
    if (task.status !== 'overdue') throw taskErrors.notOverdue();
    const { maxWorkingDays, maxTimes } = this.config.tasks.repromise;
    if (task.repromiseCount >= maxTimes) throw taskErrors.repromiseLimit(maxTimes);
    const today = todayLocal(Date.now());
    if (body.dueDate <= today) throw ApiError.badRequest('dueDate', `phải sau hôm nay (${today})`);
    const holidays = await loadHolidayCalendar(this.dataSource.manager);
    const latest = addWorkingDays({ from: today, days: maxWorkingDays, holidays });
    if (body.dueDate > latest)
      throw ApiError.badRequest('dueDate', `tối đa ${maxWorkingDays} ngày làm việc sau hôm nay: đến ${latest}`);
    try {
      return await this.humanTasks.repromise(task.workflowId, {
        taskKey: task.taskKey,
        dueDate: body.dueDate,
        reason: body.reason,
        actor: actorOf(user, cover),
      });
    } catch (e) {
      throw mapWorkflowError(e, 'Hồ sơ đã kết thúc; nhiệm vụ không còn mở');
    }
  }

  /**
   * Issue 14 §6: the actor of a completion by a proxy. The grant must be in force now for this proxy and this person,
   * within a grassroots committee above the task; the person must be one who may complete the task; the minutes must
   * not be dated after today (Vietnamese date).
   */
  private async proxyActor(
    user: AuthUser,
    task: HumanTaskEntity,
    on: { userId: string; minutesRef: string; minutesDate: string },
  ): Promise<Actor> {
    if (on.minutesDate > todayLocal(Date.now()))
      throw ApiError.badRequest('onBehalfOf.minutesDate', 'không được sau hôm nay');
    const principalUserId = on.userId.toLowerCase();
    const grant = await proxyGrantInForce(this.dataSource, {
      proxyUserId: user.userId,
      principalUserId,
      taskOrgPath: task.orgPath,
      at: new Date(),
    });
    if (!grant) throw proxyErrors.none();
    const principal = await this.auth.loadUser(principalUserId).catch(() => {
      throw ApiError.forbidden('Người được làm thay không còn dùng được tài khoản (đã bị khóa hoặc không còn)');
    });
    if (!this.isAssignee(principal, task))
      throw ApiError.forbidden(`Nhiệm vụ này không thuộc thẩm quyền của ${principal.fullName}`);
    return {
      userId: user.userId,
      name: user.fullName,
      onBehalfOf: {
        userId: principal.userId,
        name: principal.fullName,
        grantId: grant.id,
        minutesRef: on.minutesRef,
        minutesDate: on.minutesDate,
      },
    };
  }

  private isAssignee(user: AuthUser, task: HumanTaskEntity): boolean {
    return task.assigneeMemberId
      ? user.memberId === task.assigneeMemberId
      : !!task.assigneeRole && hasRoleIn(user, task.assigneeOrgId, task.assigneeRole);
  }

  /**
   * The user may act on the task as its assignee (null), or as the substitute of its absent assignee under a
   * substitution in force today (its cover, issue 14 §2); otherwise 403, saying why when a substitution outside its
   * dates or revoked would have covered it.
   */
  private async assertAssigneeOrSubstitute(user: AuthUser, task: HumanTaskEntity): Promise<SubstitutionCover | null> {
    if (this.isAssignee(user, task)) return null;
    const today = todayLocal(Date.now());
    const covers = await substitutionCovers(this.dataSource, { substituteUserId: user.userId, today, all: true });
    const covering = covers.filter((c) => coversTask(c, task));
    const inForce = covering.find((c) => c.status === 'active');
    if (inForce) return inForce;
    const other = covering[0];
    if (other)
      throw substitutionErrors.notInForce(
        other.absentName,
        other.validFrom,
        other.validUntil,
        other.status === 'revoked',
        today,
      );
    this.assertAssignee(user, task);
    return null;
  }

  private assertAssignee(user: AuthUser, task: HumanTaskEntity): void {
    if (!this.isAssignee(user, task))
      throw ApiError.forbidden(
        `Nhiệm vụ này được giao cho ${labelVi(task.assigneeRole ?? 'member')} của tổ chức khác; bạn không có quyền xử lý`,
      );
  }
}
