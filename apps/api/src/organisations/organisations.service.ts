import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import type { Assignee, CasePlace } from '@partyflow/contracts';
import {
  caseOrgChain,
  creatableKindProblem,
  isAtOrBelow,
  labelVi,
  ORG_KINDS,
  parentProblem,
  rebasePath,
  pathIds,
  relocatedAncestor,
  ROLES,
  type OrgKind,
} from '@partyflow/domain';
import { OrganisationEntity } from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { hasRoleAtOrAbove, isRootAdministrator, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { countQueryCapped, CURSOR_PARAMS, Keyset, type CursorPage } from '../common/keyset';
import { boolQueryParam } from '../common/list-page';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import { HumanTaskClient } from '../tasks/human-task.client';
import { CasePlaceClient } from './case-place.client';
import { organisationErrors, type OpenWork } from './organisations.errors';

const reason = (what: string) =>
  z
    .string({ required_error: `bắt buộc: ${what}`, invalid_type_error: 'phải là chuỗi' })
    .trim()
    .min(3, `bắt buộc: ${what}`)
    .max(2000, 'tối đa 2000 ký tự');
const orgName = () =>
  z
    .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi' })
    .trim()
    .min(3, 'tối thiểu 3 ký tự')
    .max(200, 'tối đa 200 ký tự');
const uuid = () => z.string({ required_error: 'bắt buộc', invalid_type_error: 'phải là UUID' }).uuid('phải là UUID');

export const CreateOrganisationBody = z
  .object({
    code: z
      .string({ required_error: 'bắt buộc', invalid_type_error: 'phải là chuỗi' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9][A-Z0-9._-]{0,63}$/, 'chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang; tối đa 64 ký tự'),
    name: orgName(),
    kind: z.enum(ORG_KINDS, { errorMap: () => ({ message: `phải là một trong: ${ORG_KINDS.join(', ')}` }) }),
    /** null only for a provincial committee, a root of the tree. */
    parentId: uuid().nullable(),
    reason: reason('căn cứ thành lập (số quyết định, lý do)'),
  })
  .strict();

export const RenameOrganisationBody = z.object({ name: orgName(), reason: reason('lý do đổi tên') }).strict();

export const MoveOrganisationBody = z
  .object({
    parentId: z.string({ required_error: 'bắt buộc', invalid_type_error: 'phải là UUID' }).uuid('phải là UUID'),
    reason: reason('căn cứ chuyển (số quyết định, lý do)'),
  })
  .strict();

export const CloseOrganisationBody = z.object({ reason: reason('căn cứ giải thể, sáp nhập') }).strict();

export const OrganisationListQuery = z
  .object({
    rootId: uuid().optional(),
    kind: z.enum(ORG_KINDS, { errorMap: () => ({ message: `phải là một trong: ${ORG_KINDS.join(', ')}` }) }).optional(),
    q: z.string({ invalid_type_error: 'phải là một chuỗi' }).trim().max(100, 'tối đa 100 ký tự').optional(),
    includeClosed: boolQueryParam().default('false'),
    ...CURSOR_PARAMS,
  })
  .strict();

/** The list's order, the tree's (by depth then code: parents before children), and the cursor's key (issue 13 §3). */
const LIST_ORDER = new Keyset([
  { sql: 'o.depth', type: 'int' },
  { sql: 'o.code', type: 'text' },
  { sql: 'o.id', type: 'uuid' },
]);

export const OrganisationTreeQuery = z
  .object({ rootId: uuid().optional(), includeClosed: boolQueryParam().default('false') })
  .strict();

/** The organisations one request may return as a tree; a larger subtree is read page by page from the flat list. */
const TREE_LIMIT = 5000;
const MOVE_DEADLINE_MS = 15_000;
const TREE_LOCK = 'organisation-tree';

export type OrganisationView = {
  id: string;
  code: string;
  name: string;
  kind: OrgKind;
  kindLabel: string;
  parentId: string | null;
  depth: number;
  path: string;
  status: 'active' | 'closed';
  statusLabel: string;
  createdAt: Date;
  closedAt: Date | null;
  closedBy: string | null;
  closeReason: string | null;
};
export type OrganisationNode = OrganisationView & { children: OrganisationNode[] };

export type MovedTask = { taskId: string; workflowId: string; from: Assignee; to: Assignee };
export type MoveResult = {
  organisation: OrganisationView;
  from: { parentId: string | null; path: string };
  to: { parentId: string; path: string };
  /** Rows whose materialised path was rewritten, per table. */
  updated: {
    organisations: number;
    humanTasks: number;
    admissionCases: number;
    screeningCases: number;
    cellInspections: number;
  };
  movedTasks: MovedTask[];
  failedMoves: { taskId: string; workflowId: string; reason: string }[];
  /** Running cases told their new place (the steps they open from now on go there). */
  relocatedCases: Relocation[];
  failedRelocations: { caseId: string; workflowId: string; reason: string }[];
};

export const toView = (o: OrganisationEntity): OrganisationView => ({
  id: o.id,
  code: o.code,
  name: o.name,
  kind: o.kind,
  kindLabel: labelVi(o.kind),
  parentId: o.parentId,
  depth: o.depth,
  path: o.path,
  status: o.closedAt ? 'closed' : 'active',
  statusLabel: o.closedAt ? 'Đã đóng (giải thể, sáp nhập)' : 'Đang hoạt động',
  createdAt: o.createdAt,
  closedAt: o.closedAt,
  closedBy: o.closedBy,
  closeReason: o.closeReason,
});

type Relocation = { caseId: string; workflowId: string } & Required<CasePlace>;
type PlannedMove = { taskId: string; workflowId: string; taskKey: string; from: Assignee; to: Assignee };

/** A move done inside a transaction, with what must follow it after the commit [followMove]. */
export type MoveDone = {
  org: OrganisationEntity;
  fromParentId: string | null;
  from: string;
  to: string;
  updated: MoveResult['updated'];
  planned: PlannedMove[];
  relocations: Relocation[];
};

/** Serialises the tree's changes (create, move, close, an organisations import) for the transaction. */
/** Only an administrator of a top-level organisation may found another top-level one. */
export function mayCreateTopLevel(user: AuthUser): boolean {
  return isRootAdministrator(user);
}

/**
 * Writes a new organisation under `parent` (its materialised path and depth from the parent's) with its audit row;
 * the caller has checked the rights, the kind and the parent. Serves POST /organisations and the organisations import
 * (whose audit details name the import).
 */
export async function insertOrganisation(
  em: EntityManager,
  user: AuthUser,
  org: { code: string; name: string; kind: OrganisationEntity['kind']; parent: OrganisationEntity | null },
  audit: { at: Date; comment?: string; details?: Record<string, unknown> },
): Promise<OrganisationEntity> {
  const { parent } = org;
  const id = randomUUID();
  const row = em.create(OrganisationEntity, {
    id,
    code: org.code,
    name: org.name,
    kind: org.kind,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    depth: parent ? parent.depth + 1 : 0,
    closedAt: null,
    closedBy: null,
    closeReason: null,
  });
  await em.insert(OrganisationEntity, row);
  await appendAudit(em, {
    eventKey: `organisation:${id}:created`,
    at: audit.at,
    action: 'organisation.created',
    actor: { userId: user.userId, name: user.fullName },
    orgId: id,
    comment: audit.comment,
    details: {
      code: row.code,
      name: row.name,
      kind: row.kind,
      parentId: row.parentId,
      parentCode: parent?.code ?? null,
      ...audit.details,
    },
  });
  return em.findOneByOrFail(OrganisationEntity, { id });
}

export async function lockTree(em: EntityManager): Promise<void> {
  await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [TREE_LOCK]);
}

/** Rewrites `column` of `table` from the old path prefix to the new one; the number of rows changed. */
async function rebaseColumn(em: EntityManager, table: string, column: string, from: string, to: string) {
  const [row] = (await em.query(
    `WITH u AS (UPDATE ${table} SET ${column} = $2::text || substr(${column}, length($1::text) + 1)
                 WHERE ${column} LIKE $1::text || '%' RETURNING 1)
     SELECT count(*)::int AS n FROM u`,
    [from, to],
  )) as { n: number }[];
  return row.n;
}

/**
 * The organisation tree (issue 9 §1): list, read, create, rename, move under another parent and close
 * (an organisation is never deleted). Changes need an administrator at or above the organisation; each is
 * audited with who, when and the reason. A move rewrites the materialised paths of the whole subtree and of
 * the read models that copy them (tasks, cases, inspections) in one transaction, so supervision and reports
 * follow; the open tasks of moved cases held by the organisations the case left are then moved to the same
 * level of the new place.
 */
@Injectable()
export class OrganisationsService {
  private readonly logger = new Logger(OrganisationsService.name);
  constructor(
    private readonly dataSource: DataSource,
    private readonly humanTasks: HumanTaskClient,
    private readonly casePlaces: CasePlaceClient,
  ) {}

  async list(user: AuthUser, query: unknown): Promise<CursorPage<OrganisationView>> {
    const q = parseOrThrow(OrganisationListQuery, query ?? {}, 'query');
    const after = LIST_ORDER.decode(q.cursor);
    const qb = this.dataSource.getRepository(OrganisationEntity).createQueryBuilder('o');
    await this.scope(user, qb, q.rootId);
    if (q.kind) qb.andWhere('o.kind = :kind', { kind: q.kind });
    if (!q.includeClosed) qb.andWhere('o.closed_at IS NULL');
    if (q.q) {
      const term = `%${q.q.normalize('NFC')}%`;
      qb.andWhere(new Brackets((w) => w.where('o.name ILIKE :term', { term }).orWhere('o.code ILIKE :term', { term })));
    }
    const total = await countQueryCapped(qb);
    const { raw, entities } = await LIST_ORDER.apply(qb, after, q.pageSize).getRawAndEntities();
    const { next } = LIST_ORDER.cut(raw, q.pageSize);
    return { items: entities.slice(0, q.pageSize).map(toView), pageSize: q.pageSize, next, ...total };
  }

  async tree(user: AuthUser, query: unknown): Promise<OrganisationNode[]> {
    const q = parseOrThrow(OrganisationTreeQuery, query ?? {}, 'query');
    const qb = this.dataSource.getRepository(OrganisationEntity).createQueryBuilder('o');
    await this.scope(user, qb, q.rootId);
    if (!q.includeClosed) qb.andWhere('o.closed_at IS NULL');
    const rows = await qb
      .orderBy('o.depth', 'ASC')
      .addOrderBy('o.code', 'ASC')
      .take(TREE_LIMIT + 1)
      .getMany();
    if (rows.length > TREE_LIMIT) {
      throw ApiError.badRequest(
        'query.rootId',
        `cây có hơn ${TREE_LIMIT} tổ chức; hãy chọn một gốc nhỏ hơn hoặc đọc danh sách theo trang`,
      );
    }
    const nodes = new Map<string, OrganisationNode>(rows.map((o) => [o.id, { ...toView(o), children: [] }]));
    const roots: OrganisationNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId ? nodes.get(node.parentId) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }

  async get(user: AuthUser, rawId: string): Promise<OrganisationView> {
    const org = await this.load(parseUuid(rawId, 'id'));
    if (!hasRoleAtOrAbove(user, org.path, ROLES))
      throw ApiError.forbidden('Bạn không có vai trò trong tổ chức này hoặc cấp trên');
    return toView(org);
  }

  async create(user: AuthUser, body: unknown): Promise<OrganisationView> {
    const input = normaliseNfc(parseOrThrow(CreateOrganisationBody, body));
    const kindProblem = creatableKindProblem(input.kind);
    if (kindProblem) throw ApiError.badRequest(kindProblem.field, kindProblem.message);
    const saved = await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [TREE_LOCK]);
      const parent = input.parentId
        ? await em.findOneBy(OrganisationEntity, { id: input.parentId.toLowerCase() })
        : null;
      if (input.parentId && !parent) throw ApiError.notFound('tổ chức cấp trên', input.parentId);
      if (parent) this.assertAdministrator(user, parent);
      else if (!mayCreateTopLevel(user))
        throw ApiError.forbidden('Chỉ quản trị viên của một tổ chức cấp cao nhất được lập tổ chức cấp cao nhất mới');
      const problem = parentProblem({ kind: input.kind, parent: parent && { ...parent, closed: !!parent.closedAt } });
      if (problem) throw ApiError.badRequest(problem.field, problem.message);
      if (await em.existsBy(OrganisationEntity, { code: input.code })) throw organisationErrors.codeTaken(input.code);
      return insertOrganisation(em, user, { ...input, parent }, { at: new Date(), comment: input.reason });
    });
    return toView(saved);
  }

  async rename(user: AuthUser, rawId: string, body: unknown): Promise<OrganisationView> {
    const id = parseUuid(rawId, 'id');
    const input = normaliseNfc(parseOrThrow(RenameOrganisationBody, body));
    const saved = await this.dataSource.transaction(async (em) => {
      const org = await em.findOne(OrganisationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!org) throw ApiError.notFound('tổ chức đảng', id);
      this.assertAdministrator(user, org);
      if (org.closedAt) throw organisationErrors.closed(org);
      const before = org.name;
      await em.update(OrganisationEntity, { id }, { name: input.name });
      const at = new Date();
      await appendAudit(em, {
        eventKey: `organisation:${id}:renamed:${at.toISOString()}:${randomUUID()}`,
        at,
        action: 'organisation.renamed',
        actor: { userId: user.userId, name: user.fullName },
        orgId: id,
        comment: input.reason,
        details: { code: org.code, before, after: input.name },
      });
      return em.findOneByOrFail(OrganisationEntity, { id });
    });
    return toView(saved);
  }

  async close(user: AuthUser, rawId: string, body: unknown): Promise<OrganisationView> {
    const id = parseUuid(rawId, 'id');
    const input = normaliseNfc(parseOrThrow(CloseOrganisationBody, body));
    const saved = await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [TREE_LOCK]);
      const org = await em.findOneBy(OrganisationEntity, { id });
      if (!org) throw ApiError.notFound('tổ chức đảng', id);
      this.assertAdministrator(user, org);
      if (org.closedAt) throw organisationErrors.closed(org);
      const open = await this.openWork(em, id);
      if (open.children || open.members || open.openTasks || open.runningCases)
        throw organisationErrors.notEmpty(org, open);
      const at = new Date();
      await em.update(OrganisationEntity, { id }, { closedAt: at, closedBy: user.fullName, closeReason: input.reason });
      await appendAudit(em, {
        eventKey: `organisation:${id}:closed`,
        at,
        action: 'organisation.closed',
        actor: { userId: user.userId, name: user.fullName },
        orgId: id,
        comment: input.reason,
        details: { code: org.code, name: org.name },
      });
      return em.findOneByOrFail(OrganisationEntity, { id });
    });
    return toView(saved);
  }

  async move(user: AuthUser, rawId: string, body: unknown): Promise<MoveResult> {
    const id = parseUuid(rawId, 'id');
    const input = normaliseNfc(parseOrThrow(MoveOrganisationBody, body));
    const parentId = input.parentId.toLowerCase();
    const done = await this.dataSource.transaction(async (em) => {
      // One tree change at a time: two moves must not each read a path the other is rewriting.
      await lockTree(em);
      const org = await em.findOneBy(OrganisationEntity, { id });
      if (!org) throw ApiError.notFound('tổ chức đảng', id);
      const parent = await em.findOneBy(OrganisationEntity, { id: parentId });
      if (!parent) throw ApiError.notFound('tổ chức cấp trên', input.parentId);
      return this.moveWithin(em, user, org, parent, input.reason);
    });
    const followed = await this.followMove(user, done, input.reason);
    return {
      organisation: toView(done.org),
      from: { parentId: done.fromParentId, path: done.from },
      to: { parentId: parentId, path: done.to },
      updated: done.updated,
      ...followed,
    };
  }

  /**
   * A move inside the caller's transaction, which holds the tree lock [lockTree] (the move endpoint's, or an
   * organisations import's): the rights and rules checked (ApiError 400 naming parentId, 403, 409), the materialised
   * paths of the subtree and of the read models that copy them rewritten, the move audited (`details` added to the
   * audit row's). What must follow after the commit is in the answer, for `followMove`.
   */
  async moveWithin(
    em: EntityManager,
    user: AuthUser,
    org: OrganisationEntity,
    parent: OrganisationEntity,
    reason: string,
    details: Record<string, unknown> = {},
  ): Promise<MoveDone> {
    const id = org.id;
    this.assertAdministrator(user, org);
    this.assertAdministrator(user, parent);
    if (org.closedAt) throw organisationErrors.closed(org);
    if (org.parentId === parent.id) throw ApiError.badRequest('parentId', `đã trực thuộc ${parent.name}`);
    const problem = parentProblem({
      kind: org.kind,
      parent: { ...parent, closed: !!parent.closedAt },
      subjectPath: org.path,
    });
    if (problem) throw ApiError.badRequest(problem.field, problem.message);

    // A delegation is given by the directly superior committee [R5]; it does not follow the grantee elsewhere.
    const grants = (await em.query(
      `SELECT id FROM delegation_grant WHERE grantee_org_id = $1::uuid AND grantor_org_id = $2::uuid
          AND revoked_at IS NULL AND (valid_until IS NULL OR valid_until > now()) ORDER BY valid_from`,
      [org.id, org.parentId],
    )) as { id: string }[];
    if (grants.length)
      throw organisationErrors.breaksDelegation(
        org,
        grants.map((g) => g.id),
      );

    const from = org.path;
    const to = `${parent.path}${org.id}/`;
    const shift = parent.depth + 1 - org.depth;
    const [{ n: organisations }] = (await em.query(
      `WITH u AS (UPDATE organisation SET path = $2::text || substr(path, length($1::text) + 1), depth = depth + $3::int,
                     parent_id = CASE WHEN id = $4::uuid THEN $5::uuid ELSE parent_id END
                   WHERE path LIKE $1::text || '%' RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [from, to, shift, org.id, parent.id],
    )) as { n: number }[];
    const updated = {
      organisations,
      humanTasks: await rebaseColumn(em, 'human_task', 'org_path', from, to),
      admissionCases: await rebaseColumn(em, 'admission_case', 'org_path', from, to),
      screeningCases: await rebaseColumn(em, 'screening_case', 'org_path', from, to),
      cellInspections: await rebaseColumn(em, 'cell_inspection', 'org_path', from, to),
    };
    // A running admission case of a cell that changed grassroots committee belongs to the new one.
    await em.query(
      `UPDATE admission_case ac SET grassroots_org_id = c.parent_id FROM organisation c
        WHERE c.id = ac.cell_org_id AND ac.status = 'in_progress' AND ac.org_path LIKE $1::text || '%'
          AND c.parent_id IS NOT NULL AND ac.grassroots_org_id <> c.parent_id`,
      [to],
    );
    const planned = await this.plannedTaskMoves(em, from, to);
    const relocations = await this.relocatedCases(em, to);
    const stranded = planned.filter((p) => p.to === null);
    if (stranded.length) throw organisationErrors.strandsTasks(stranded.length);
    const at = new Date();
    await appendAudit(em, {
      eventKey: `organisation:${org.id}:moved:${at.toISOString()}:${randomUUID()}`,
      at,
      action: 'organisation.moved',
      actor: { userId: user.userId, name: user.fullName },
      orgId: org.id,
      comment: reason,
      details: {
        code: org.code,
        fromParentId: org.parentId,
        toParentId: parent.id,
        toParentCode: parent.code,
        fromPath: from,
        toPath: to,
        updated,
        tasksToMove: planned.map((p) => p.taskId),
        casesToRelocate: relocations.map((c) => c.caseId),
        ...details,
      },
    });
    return {
      org: await em.findOneByOrFail(OrganisationEntity, { id }),
      fromParentId: org.parentId,
      from,
      to,
      updated,
      planned: planned as PlannedMove[],
      relocations,
    };
  }

  /**
   * After a move's commit, each case moves its own task (the workflow's update writes the row, the audit note and
   * the notification), bounded: a case that does not answer is reported, not waited for; running cases are told
   * their new place.
   */
  async followMove(
    user: AuthUser,
    done: MoveDone,
    reason: string,
  ): Promise<Pick<MoveResult, 'movedTasks' | 'failedMoves' | 'relocatedCases' | 'failedRelocations'>> {
    const id = done.org.id;
    const actor = { userId: user.userId, name: user.fullName };
    const movedTasks: MovedTask[] = [];
    const failedMoves: MoveResult['failedMoves'] = [];
    for (const p of done.planned) {
      try {
        const answer = await this.humanTasks.reassign(
          p.workflowId,
          { taskKey: p.taskKey, assignee: p.to, reason: `Chuyển tổ chức: ${reason}`, actor },
          { deadlineMs: MOVE_DEADLINE_MS },
        );
        if (answer.moved)
          movedTasks.push({ taskId: p.taskId, workflowId: p.workflowId, from: answer.from, to: answer.to });
      } catch (e) {
        this.logger.warn(`Could not move task ${p.taskId} of ${p.workflowId}: ${(e as Error).message}`);
        failedMoves.push({ taskId: p.taskId, workflowId: p.workflowId, reason: (e as Error).message });
      }
    }
    const relocatedCases: MoveResult['relocatedCases'] = [];
    const failedRelocations: MoveResult['failedRelocations'] = [];
    for (const c of done.relocations) {
      const place = { grassrootsOrgId: c.grassrootsOrgId, competentOrgId: c.competentOrgId, orgCodes: c.orgCodes };
      try {
        await this.casePlaces.signal(c.workflowId, place, { deadlineMs: MOVE_DEADLINE_MS });
        relocatedCases.push(c);
      } catch (e) {
        this.logger.warn(`Could not signal the new place to ${c.workflowId}: ${(e as Error).message}`);
        failedRelocations.push({ caseId: c.caseId, workflowId: c.workflowId, reason: (e as Error).message });
      }
    }
    if (done.planned.length || done.relocations.length) {
      await appendAudit(this.dataSource.manager, {
        eventKey: `organisation:${id}:tasks-moved:${new Date().toISOString()}:${randomUUID()}`,
        at: new Date(),
        action: 'organisation.tasks_moved',
        actor,
        orgId: id,
        details: {
          moved: movedTasks.map((m) => ({ taskId: m.taskId, from: m.from, to: m.to })),
          failed: failedMoves,
          relocatedCases,
          failedRelocations,
        },
      });
    }
    return { movedTasks, failedMoves, relocatedCases, failedRelocations };
  }

  /**
   * The open role tasks of the cases now under `to` whose organisation the case has left: each goes to the
   * organisation at the same level above the case's cell on the new path [relocatedAncestor]; `to: null`
   * when the new path has no such level.
   */
  private async plannedTaskMoves(
    em: EntityManager,
    from: string,
    to: string,
  ): Promise<(Omit<PlannedMove, 'to'> & { to: Assignee | null })[]> {
    const rows = (await em.query(
      `SELECT t.id, t.workflow_id AS "workflowId", t.task_key AS "taskKey", t.assignee_org_id AS "orgId",
              t.assignee_role AS role, coalesce(ac.org_path, sc.org_path, ci.org_path) AS "casePath"
         FROM human_task t
         LEFT JOIN admission_case ac ON ac.id = t.case_id
         LEFT JOIN screening_case sc ON sc.id = t.case_id
         LEFT JOIN cell_inspection ci ON ci.id = t.case_id
        WHERE t.status IN ('open','overdue') AND t.assignee_role IS NOT NULL
          AND coalesce(ac.org_path, sc.org_path, ci.org_path) LIKE $1::text || '%'
          AND t.org_path NOT LIKE $1::text || '%'
        ORDER BY t.opened_at`,
      [to],
    )) as { id: string; workflowId: string; taskKey: string; orgId: string; role: string; casePath: string }[];
    const moves: (Omit<PlannedMove, 'to'> & { to: Assignee | null })[] = [];
    for (const r of rows) {
      const target = relocatedAncestor({
        oldCasePath: rebasePath({ path: r.casePath, from: to, to: from }),
        newCasePath: r.casePath,
        assigneeOrgId: r.orgId,
      });
      if (target === undefined) continue;
      const fromAssignee = { kind: 'role', orgId: r.orgId, role: r.role } as Assignee;
      moves.push({
        taskId: r.id,
        workflowId: r.workflowId,
        taskKey: r.taskKey,
        from: fromAssignee,
        to: target === null ? null : ({ kind: 'role', orgId: target, role: r.role } as Assignee),
      });
    }
    return moves;
  }

  /**
   * The running admission and screening cases now under `to`, each with its new place: the grassroots and the
   * competent committee read off the cell's new path [caseOrgChain], and the codes of the path (PartyOrgCodes).
   * A case whose new path is too short for a level keeps the one it has.
   */
  private async relocatedCases(em: EntityManager, to: string): Promise<Relocation[]> {
    const rows = (await em.query(
      `SELECT c.id AS "caseId", c.workflow_id AS "workflowId", c.org_path AS "casePath",
              array(SELECT a.code FROM organisation a WHERE c.org_path LIKE a.path || '%' ORDER BY a.depth) AS codes
         FROM (SELECT id, workflow_id, org_path FROM admission_case WHERE status = 'in_progress'
               UNION ALL SELECT id, workflow_id, org_path FROM screening_case WHERE status = 'in_progress') c
        WHERE c.org_path LIKE $1::text || '%'
        ORDER BY 1`,
      [to],
    )) as { caseId: string; workflowId: string; casePath: string; codes: string[] }[];
    const out: Relocation[] = [];
    for (const r of rows) {
      const after = caseOrgChain(pathIds(r.casePath));
      if (!after.grassroots || !after.competent) continue;
      out.push({
        caseId: r.caseId,
        workflowId: r.workflowId,
        grassrootsOrgId: after.grassroots,
        competentOrgId: after.competent,
        orgCodes: r.codes,
      });
    }
    return out;
  }

  private async openWork(em: EntityManager, id: string): Promise<OpenWork> {
    const [row] = (await em.query(
      `SELECT
         (SELECT count(*)::int FROM organisation WHERE parent_id = $1 AND closed_at IS NULL) AS children,
         (SELECT count(*)::int FROM member WHERE organisation_id = $1 AND status <> 'removed') AS members,
         (SELECT count(*)::int FROM human_task WHERE assignee_org_id = $1 AND status IN ('open','overdue')) AS "openTasks",
         (SELECT count(*)::int FROM admission_case WHERE (cell_org_id = $1 OR grassroots_org_id = $1)
             AND status = 'in_progress')
           + (SELECT count(*)::int FROM screening_case WHERE cell_org_id = $1 AND status = 'in_progress')
           AS "runningCases"`,
      [id],
    )) as OpenWork[];
    return row;
  }

  /** Limits `qb` (alias o) to the subtrees the user holds a role in, or to `rootId`'s when given. */
  private async scope(user: AuthUser, qb: SelectQueryBuilder<OrganisationEntity>, rootId: string | undefined) {
    if (rootId) {
      const root = await this.load(rootId.toLowerCase(), 'query.rootId');
      if (!hasRoleAtOrAbove(user, root.path, ROLES))
        throw ApiError.forbidden('Bạn không có vai trò trong tổ chức này hoặc cấp trên');
      qb.where('o.path LIKE :root', { root: `${root.path}%` });
      return;
    }
    const paths = [...new Set(user.roles.map((r) => r.orgPath))].filter(
      (p, _, all) => !all.some((q) => q !== p && isAtOrBelow({ path: p, ancestorPath: q })),
    );
    if (!paths.length) {
      qb.where('false');
      return;
    }
    qb.where(new Brackets((w) => paths.forEach((p, i) => w.orWhere(`o.path LIKE :p${i}`, { [`p${i}`]: `${p}%` }))));
  }

  private async load(id: string, field = 'id'): Promise<OrganisationEntity> {
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id });
    if (!org) throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy tổ chức đảng '${id}'`, field);
    return org;
  }

  private assertAdministrator(user: AuthUser, org: OrganisationEntity): void {
    if (!hasRoleAtOrAbove(user, org.path, ['administrator']))
      throw ApiError.forbidden(`Chỉ quản trị viên của ${org.name} hoặc cấp trên được thay đổi tổ chức này`);
  }
}
