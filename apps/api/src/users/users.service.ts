import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  canGrantRoleAt,
  administeredRoots,
  canManageUser,
  checkPassword,
  escapeLikePattern,
  searchKey,
  checkRoleValidity,
  isRoleInForce,
  labelVi,
  todayLocal,
  toLocalDate,
  validityOverlaps,
  type FieldProblem,
} from '@partyflow/domain';
import {
  HumanTaskEntity,
  MemberEntity,
  OrganisationEntity,
  RoleAssignmentEntity,
  UserEntity,
  hashPassword,
} from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { placeOfUser } from '../common/audit-place';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { countQueryCapped, Keyset, type CursorPage } from '../common/keyset';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import { userErrors } from './users.errors';
import {
  CreateUserBody,
  GrantRoleBody,
  MailSettingsBody,
  ReasonBody,
  SetPasswordBody,
  UserQuery,
} from './users.schemas';
import type {
  OpenTaskResponse,
  ReassignmentOfferResponse,
  RoleAssignmentResponse,
  UserResponse,
} from './users.responses';
import {
  ReassignmentsService,
  ReassignmentTarget,
  type ReassignmentPlan,
} from '../reassignments/reassignments.service';

/**
 * POST /users/:id/disable: why, and optionally whom to hand the user's own tasks to at once (issue 14 §2): the target
 * of POST /task-reassignments.
 */
export const DisableUserBody = z
  .object({ reason: ReasonBody.shape.reason, reassignTo: ReassignmentTarget.optional() })
  .strict();

type Org = Pick<OrganisationEntity, 'id' | 'path' | 'name'>;

export type RoleAssignmentView = z.infer<typeof RoleAssignmentResponse>;

/** A user as the API shows it: never the password hash. */
export type UserView = z.infer<typeof UserResponse>;

/** The offer of POST /users/:id/disable to move the user's own tasks (issue 14 §2). */
export type ReassignmentOffer = z.infer<typeof ReassignmentOfferResponse>;

/** An open task named for the disabled user's member id, to be reassigned. */
export type OpenTaskView = z.infer<typeof OpenTaskResponse>;

const today = () => todayLocal(Date.now());
const firstProblem = (problems: FieldProblem[]) => {
  if (problems.length) throw ApiError.badRequest(problems[0].field, problems[0].message);
};
const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';
/** The list's order and the cursor's key (issue 13 §3): the username (unique, its index serves it), then the id. */
const USER_ORDER = new Keyset([
  { sql: 'u.username', type: 'text' },
  { sql: 'u.id', type: 'uuid' },
]);
const actorOf = (user: AuthUser) => ({ userId: user.userId, name: user.fullName });
const inForce = (a: RoleAssignmentEntity, day: string) =>
  isRoleInForce({ validFrom: a.validFrom, validUntil: a.validUntil, revoked: a.revokedAt !== null }, day);

/**
 * Users and roles (issue 9 §3): create a user for a member or for staff, set the password, grant
 * and revoke roles per organisation with a reason and validity dates, disable and enable a user.
 * Rights are the rules of libs/domain users/user-access.rules.ts; every change is written with its
 * audit row (who, when, why) in one transaction.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reassignments: ReassignmentsService,
  ) {}

  async create(actor: AuthUser, body: unknown): Promise<UserView> {
    const input = parseOrThrow(CreateUserBody, normaliseNfc(body));
    const username = input.username;
    let org: Org;
    let member: MemberEntity | null = null;
    if (input.memberId) {
      member = await this.dataSource.getRepository(MemberEntity).findOneBy({ id: input.memberId });
      if (!member) throw ApiError.notFound('đảng viên, quần chúng', input.memberId);
      org = await this.org(member.organisationId, 'memberId');
    } else {
      org = await this.org(input.organisationId as string, 'organisationId');
    }
    if (!canGrantRoleAt(actor.roles, org.path)) throw userErrors.forbiddenOrg(org.name);
    firstProblem(checkPassword(input.password, username));
    if (member) {
      const existing = await this.dataSource.getRepository(UserEntity).findOneBy({ memberId: member.id });
      if (existing) throw userErrors.memberHasUser(member.fullName, existing.username);
    }
    if (await this.dataSource.getRepository(UserEntity).existsBy({ username }))
      throw userErrors.usernameTaken(username);
    const id = randomUUID();
    const fullName = input.fullName ?? (member as MemberEntity).fullName;
    const passwordHash = await hashPassword(input.password);
    await this.dataSource
      .transaction(async (em) => {
        await em.insert(UserEntity, {
          id,
          username,
          passwordHash,
          fullName,
          memberId: member?.id ?? null,
          organisationId: org.id,
          email: input.email ?? null,
          mailPreference: input.mailPreference ?? 'immediate',
        });
        await appendAudit(em, {
          eventKey: `user:${id}:created`,
          at: new Date(),
          action: 'user.created',
          actor: actorOf(actor),
          comment: input.reason,
          details: { userId: id, username, fullName, memberId: member?.id ?? null, orgId: org.id, orgName: org.name },
        });
      })
      .catch(async (e: unknown) => {
        if (!isUniqueViolation(e)) throw e;
        // A request that raced this one took the username or the member.
        if ((e as { constraint?: string }).constraint !== 'ux_app_user_member' || !member)
          throw userErrors.usernameTaken(username);
        const other = await this.dataSource.getRepository(UserEntity).findOneBy({ memberId: member.id });
        throw userErrors.memberHasUser(member.fullName, other?.username ?? username);
      });
    return this.get(actor, id);
  }

  /**
   * The users whose own organisation lies in the actor's administered subtrees, ordered by
   * username; `q` matches the username or the name without diacritics. A page after the cursor, with the total.
   */
  async list(actor: AuthUser, query: unknown): Promise<CursorPage<UserView>> {
    const q = parseOrThrow(UserQuery, query ?? {}, 'query');
    const after = USER_ORDER.decode(q.cursor);
    const roots = administeredRoots(actor.roles);
    if (!roots.length) throw userErrors.forbiddenList();
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(OrganisationEntity, 'o', 'o.id = u.organisation_id')
      .where(new Brackets((w) => roots.forEach((p, i) => w.orWhere(`o.path LIKE :p${i}`, { [`p${i}`]: `${p}%` }))));
    if (q.orgId) qb.andWhere('o.id = :orgId', { orgId: q.orgId });
    if (q.disabled) qb.andWhere(`u.disabled_at IS ${q.disabled === 'true' ? 'NOT ' : ''}NULL`);
    const key = q.q === undefined ? '' : searchKey(q.q);
    if (key) {
      const like = `%${escapeLikePattern(key)}%`;
      qb.andWhere('(member_search_key(u.full_name) LIKE :like OR u.username LIKE :like)', { like });
    }
    const total = await countQueryCapped(qb);
    const { raw, entities } = await USER_ORDER.apply(qb, after, q.pageSize).getRawAndEntities();
    const { next } = USER_ORDER.cut(raw, q.pageSize);
    const items: UserView[] = [];
    for (const user of entities.slice(0, q.pageSize)) {
      const home = await this.org(user.organisationId as string, 'id');
      items.push(this.view(user, home, await this.assignments(user.id)));
    }
    return { items, pageSize: q.pageSize, next, ...total };
  }

  async get(actor: AuthUser, rawId: string): Promise<UserView> {
    const user = await this.user(rawId);
    const home = user.organisationId ? await this.org(user.organisationId, 'id') : null;
    const assignments = await this.assignments(user.id);
    const visible =
      (home && canGrantRoleAt(actor.roles, home.path)) ||
      assignments.some((a) => canGrantRoleAt(actor.roles, a.org.path));
    if (!visible) throw userErrors.forbiddenUser(user.username);
    return this.view(user, home, assignments);
  }

  async setPassword(actor: AuthUser, rawId: string, body: unknown): Promise<UserView> {
    const user = await this.manageable(actor, rawId);
    const input = parseOrThrow(SetPasswordBody, normaliseNfc(body));
    firstProblem(checkPassword(input.password, user.username));
    const passwordHash = await hashPassword(input.password);
    await this.dataSource.transaction(async (em) => {
      // The user's sessions end (tokens carry whole seconds: those of this second before the reset stay valid).
      const sessionsValidFrom = new Date(Math.floor(Date.now() / 1000) * 1000);
      await em.update(UserEntity, { id: user.id }, { passwordHash, sessionsValidFrom });
      await appendAudit(em, {
        eventKey: `user:${user.id}:password:${randomUUID()}`,
        at: new Date(),
        action: 'user.password_set',
        actor: actorOf(actor),
        ...placeOfUser(user),
        comment: input.reason,
        details: { userId: user.id, username: user.username },
      });
    });
    return this.get(actor, user.id);
  }

  async grant(actor: AuthUser, rawId: string, body: unknown): Promise<RoleAssignmentView> {
    const user = await this.user(rawId);
    const input = parseOrThrow(GrantRoleBody, normaliseNfc(body));
    const org = await this.org(input.organisationId, 'organisationId');
    if (!canGrantRoleAt(actor.roles, org.path)) throw userErrors.forbiddenOrg(org.name);
    if (user.disabledAt) throw userErrors.userDisabled(user.username);
    const validity = { validFrom: input.validFrom ?? today(), validUntil: input.validUntil ?? null };
    firstProblem(checkRoleValidity(validity, today()));
    const id = randomUUID();
    await this.dataSource.transaction(async (em) => {
      // One grant at a time per user: the overlap check and the insert see the same rows.
      await em.getRepository(UserEntity).findOne({ where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
      const same = await em.getRepository(RoleAssignmentEntity).findBy({
        userId: user.id,
        organisationId: org.id,
        role: input.role,
      });
      const clash = same.find((a) => a.revokedAt === null && validityOverlaps(a, validity));
      if (clash) throw userErrors.roleAlreadyGranted(input.role, org.name, clash.validFrom, clash.validUntil);
      await em.insert(RoleAssignmentEntity, {
        id,
        userId: user.id,
        organisationId: org.id,
        role: input.role,
        ...validity,
        grantedAt: new Date(),
        grantedByUserId: actor.userId,
        grantReason: input.reason,
      });
      await appendAudit(em, {
        eventKey: `role:${id}:granted`,
        at: new Date(),
        action: 'role.granted',
        actor: actorOf(actor),
        comment: input.reason,
        details: {
          assignmentId: id,
          userId: user.id,
          username: user.username,
          orgId: org.id,
          orgName: org.name,
          role: input.role,
          ...validity,
        },
      });
    });
    return this.assignmentView(await this.dataSource.getRepository(RoleAssignmentEntity).findOneByOrFail({ id }), org);
  }

  async revoke(actor: AuthUser, rawId: string, rawAssignmentId: string, body: unknown): Promise<RoleAssignmentView> {
    const user = await this.user(rawId);
    const assignmentId = parseUuid(rawAssignmentId, 'assignmentId');
    const input = parseOrThrow(ReasonBody, normaliseNfc(body));
    const row = await this.dataSource
      .getRepository(RoleAssignmentEntity)
      .findOneBy({ id: assignmentId, userId: user.id });
    if (!row) throw userErrors.assignmentNotFound(assignmentId);
    const org = await this.org(row.organisationId, 'organisationId');
    if (!canGrantRoleAt(actor.roles, org.path)) throw userErrors.forbiddenOrg(org.name);
    await this.dataSource.transaction(async (em) => {
      const done = await em
        .createQueryBuilder()
        .update(RoleAssignmentEntity)
        .set({ revokedAt: new Date(), revokedByUserId: actor.userId, revokeReason: input.reason })
        .where('id = :id AND revoked_at IS NULL', { id: row.id })
        .execute();
      if (!done.affected) throw userErrors.alreadyRevoked();
      await appendAudit(em, {
        eventKey: `role:${row.id}:revoked`,
        at: new Date(),
        action: 'role.revoked',
        actor: actorOf(actor),
        comment: input.reason,
        details: {
          assignmentId: row.id,
          userId: user.id,
          username: user.username,
          orgId: org.id,
          orgName: org.name,
          role: row.role,
          validFrom: row.validFrom,
          validUntil: row.validUntil,
        },
      });
    });
    return this.assignmentView(
      await this.dataSource.getRepository(RoleAssignmentEntity).findOneByOrFail({ id: row.id }),
      org,
    );
  }

  /**
   * Disables the user (their tokens stop working on the next request), lists their open named tasks and offers the
   * bulk reassignment of their own tasks (issue 14 §2); with `reassignTo`, checked before anything is written, starts
   * it once the user is disabled.
   */
  async disable(
    actor: AuthUser,
    rawId: string,
    body: unknown,
  ): Promise<{ user: UserView; openTasks: OpenTaskView[]; reassignment: ReassignmentOffer | null }> {
    const user = await this.manageable(actor, rawId);
    const input = parseOrThrow(DisableUserBody, normaliseNfc(body));
    if (user.id === actor.userId) throw userErrors.cannotDisableSelf();
    const offer = await this.reassignmentOffer(actor, user, input.reason);
    const plan = input.reassignTo ? await this.reassignmentPlan(actor, offer, input.reassignTo) : null;
    await this.dataSource.transaction(async (em) => {
      const done = await em
        .createQueryBuilder()
        .update(UserEntity)
        .set({ disabledAt: new Date(), disabledByUserId: actor.userId, disabledReason: input.reason })
        .where('id = :id AND disabled_at IS NULL', { id: user.id })
        .execute();
      if (!done.affected) throw userErrors.alreadyDisabled(user.username);
      await appendAudit(em, {
        eventKey: `user:${user.id}:disabled:${randomUUID()}`,
        at: new Date(),
        action: 'user.disabled',
        actor: actorOf(actor),
        ...placeOfUser(user),
        comment: input.reason,
        details: { userId: user.id, username: user.username },
      });
    });
    const operation = plan ? await this.reassignments.launch(actor, plan) : null;
    const openTasks = user.memberId ? await this.openTasksOf(this.dataSource.manager, user.memberId) : [];
    return {
      user: await this.get(actor, user.id),
      openTasks,
      reassignment: offer && { ...offer, operationId: operation?.id ?? null },
    };
  }

  /**
   * The POST /task-reassignments request that moves the user's own open tasks (named for them, or of a role they
   * alone hold), within the actor's administered subtree that holds the user's organisation; null when they have none.
   */
  private async reassignmentOffer(
    actor: AuthUser,
    user: UserEntity,
    reason: string,
  ): Promise<Omit<ReassignmentOffer, 'operationId'> | null> {
    const assignees = await this.reassignments.ownAssignees(user);
    if (!assignees.length) return null;
    const home = user.organisationId ? await this.org(user.organisationId, 'id') : null;
    const anchor = home?.path ?? (await this.assignments(user.id))[0]?.org.path ?? '';
    const rootPath = administeredRoots(actor.roles)
      .filter((root) => anchor.startsWith(root))
      .sort((a, b) => a.length - b.length)[0];
    const scope = rootPath
      ? await this.dataSource.getRepository(OrganisationEntity).findOneBy({ path: rootPath })
      : null;
    if (!scope) return null;
    const openTaskCount = await this.dataSource
      .getRepository(HumanTaskEntity)
      .createQueryBuilder('t')
      .where("t.status IN ('open','overdue') AND starts_with(t.org_path, :path)", { path: scope.path })
      .andWhere(
        new Brackets((w) =>
          assignees.forEach((a, i) =>
            a.kind === 'member'
              ? w.orWhere(`t.assignee_member_id = :m${i}`, { [`m${i}`]: a.memberId })
              : w.orWhere(
                  `(t.assignee_member_id IS NULL AND t.assignee_org_id = :o${i} AND t.assignee_role = :r${i})`,
                  {
                    [`o${i}`]: a.orgId,
                    [`r${i}`]: a.role,
                  },
                ),
          ),
        ),
      )
      .getCount();
    return {
      openTaskCount,
      request: {
        method: 'POST',
        path: '/task-reassignments',
        body: { orgId: scope.id, assigneeUserId: user.id, reason },
        needs: ['to'],
      },
    };
  }

  /** The reassignment `reassignTo` asks for, checked in full before the user is disabled; errors name `reassignTo`. */
  private async reassignmentPlan(
    actor: AuthUser,
    offer: Omit<ReassignmentOffer, 'operationId'> | null,
    to: NonNullable<z.infer<typeof DisableUserBody>['reassignTo']>,
  ): Promise<ReassignmentPlan> {
    if (!offer)
      throw ApiError.badRequest(
        'reassignTo',
        'người này không có nhiệm vụ đích danh và không một mình giữ vai trò nào: không có nhiệm vụ nào để chuyển',
      );
    try {
      return await this.reassignments.plan(actor, { ...offer.request.body, to });
    } catch (e) {
      if (!(e instanceof ApiError) || !e.field?.startsWith('to')) throw e;
      const field = `reassignTo${e.field.slice('to'.length)}`;
      throw new ApiError(e.status, e.code, e.message.replace(e.field, field), field);
    }
  }

  /** The user's e-mail address and preference (issue 12 §5), with a reason; audited as user.mail_set. */
  async setMail(actor: AuthUser, rawId: string, body: unknown): Promise<UserView> {
    const user = await this.manageable(actor, rawId);
    const input = parseOrThrow(MailSettingsBody, normaliseNfc(body));
    await this.dataSource.transaction(async (em) => {
      await em.update(UserEntity, { id: user.id }, { email: input.email, mailPreference: input.mailPreference });
      await appendAudit(em, {
        eventKey: `user:${user.id}:mail:${randomUUID()}`,
        at: new Date(),
        action: 'user.mail_set',
        actor: actorOf(actor),
        ...placeOfUser(user),
        comment: input.reason,
        details: {
          userId: user.id,
          username: user.username,
          before: { email: user.email, mailPreference: user.mailPreference },
          after: { email: input.email, mailPreference: input.mailPreference },
        },
      });
    });
    return this.get(actor, user.id);
  }

  async enable(actor: AuthUser, rawId: string, body: unknown): Promise<UserView> {
    const user = await this.manageable(actor, rawId);
    const input = parseOrThrow(ReasonBody, normaliseNfc(body));
    await this.dataSource.transaction(async (em) => {
      const done = await em
        .createQueryBuilder()
        .update(UserEntity)
        .set({ disabledAt: null, disabledByUserId: null, disabledReason: null })
        .where('id = :id AND disabled_at IS NOT NULL', { id: user.id })
        .execute();
      if (!done.affected) throw userErrors.notDisabled(user.username);
      await appendAudit(em, {
        eventKey: `user:${user.id}:enabled:${randomUUID()}`,
        at: new Date(),
        action: 'user.enabled',
        actor: actorOf(actor),
        ...placeOfUser(user),
        comment: input.reason,
        details: { userId: user.id, username: user.username },
      });
    });
    return this.get(actor, user.id);
  }

  private async openTasksOf(em: EntityManager, memberId: string): Promise<OpenTaskView[]> {
    const rows = await em.getRepository(HumanTaskEntity).find({
      where: { assigneeMemberId: memberId, status: In(['open', 'overdue']) },
      order: { dueAt: 'ASC', id: 'ASC' },
    });
    return rows.map((t) => ({
      id: t.id,
      title: t.title,
      process: t.process,
      step: t.step,
      caseId: t.caseId,
      workflowId: t.workflowId,
      status: t.status,
      assigneeOrgId: t.assigneeOrgId,
      dueOn: toLocalDate(t.dueAt.getTime()),
    }));
  }

  /** The user, when the actor administers their organisation and every role they hold in force. */
  private async manageable(actor: AuthUser, rawId: string): Promise<UserEntity> {
    const user = await this.user(rawId);
    const home = user.organisationId ? await this.org(user.organisationId, 'id') : null;
    const day = today();
    const rolePaths = (await this.assignments(user.id)).filter((a) => inForce(a.row, day)).map((a) => a.org.path);
    if (!canManageUser(actor.roles, { homeOrgPath: home?.path ?? null, rolePaths })) {
      throw userErrors.forbiddenUser(user.username);
    }
    return user;
  }

  private async user(rawId: string): Promise<UserEntity> {
    const id = parseUuid(rawId, 'id');
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw userErrors.notFound(id);
    return user;
  }

  private async org(id: string, field: string): Promise<Org> {
    const org = await this.dataSource
      .getRepository(OrganisationEntity)
      .findOne({ where: { id }, select: ['id', 'path', 'name'] });
    if (!org) {
      if (field === 'id') throw new Error(`user organisation ${id} missing`);
      throw new ApiError(404, 'NOT_FOUND', `${field}: không tìm thấy tổ chức '${id}'`, field);
    }
    return org;
  }

  private async assignments(userId: string): Promise<{ row: RoleAssignmentEntity; org: Org }[]> {
    const rows = await this.dataSource
      .getRepository(RoleAssignmentEntity)
      .find({ where: { userId }, order: { grantedAt: 'ASC', id: 'ASC' } });
    const orgs = rows.length
      ? await this.dataSource.getRepository(OrganisationEntity).find({
          where: { id: In([...new Set(rows.map((r) => r.organisationId))]) },
          select: ['id', 'path', 'name'],
        })
      : [];
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return rows.map((row) => ({ row, org: byId.get(row.organisationId) as Org }));
  }

  private view(user: UserEntity, home: Org | null, assignments: { row: RoleAssignmentEntity; org: Org }[]): UserView {
    return {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      memberId: user.memberId,
      orgId: home?.id ?? null,
      orgName: home?.name ?? null,
      disabled: user.disabledAt !== null,
      disabledAt: user.disabledAt?.toISOString() ?? null,
      disabledReason: user.disabledReason,
      email: user.email,
      mailPreference: user.mailPreference,
      roles: assignments.map((a) => this.assignmentView(a.row, a.org)),
    };
  }

  private assignmentView(a: RoleAssignmentEntity, org: Org): RoleAssignmentView {
    return {
      id: a.id,
      orgId: org.id,
      orgName: org.name,
      role: a.role,
      roleLabel: labelVi(a.role),
      validFrom: a.validFrom,
      validUntil: a.validUntil,
      inForce: inForce(a, today()),
      grantedAt: a.grantedAt?.toISOString() ?? null,
      grantReason: a.grantReason,
      revokedAt: a.revokedAt?.toISOString() ?? null,
      revokeReason: a.revokeReason,
    };
  }
}
