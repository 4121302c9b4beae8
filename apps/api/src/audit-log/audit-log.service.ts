import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { localDateSchema } from '@partyflow/contracts';
import { addDays, escapeLikePattern, isAtOrBelow, pathIds, startOfLocalDay } from '@partyflow/domain';
import { OrganisationEntity } from '@partyflow/persistence';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { countCapped, CURSOR_PARAMS, Keyset, type CursorPage } from '../common/keyset';
import { parseOrThrow } from '../common/validation';

/** Who reads the audit log: supervisors and administrators, each of their own subtree (issue 9 §7). */
export const AUDIT_READERS = ['supervisor', 'administrator'] as const;

/**
 * The actions of national scope, which name no organisation, case or task and are seen by every reader: the holiday
 * calendar and the national deadline policies, with the re-timing of running tasks they start (issue 11 §2: both are
 * kept by administrators at a root organisation). Any other row that names no place (a lockout of a username no
 * account has, a row an older version wrote without its organisation) is seen by readers at a root organisation only.
 */
export const SYSTEM_WIDE_AUDIT_ACTIONS = [
  'holiday.added',
  'holiday.changed',
  'holiday.removed',
  'policy.calendar_changed',
  'policy.changed',
  'policy.retiming_completed',
  'policy.retiming_start_failed',
] as const;

const localDate = () => localDateSchema;
const uuid = () => z.string({ invalid_type_error: 'phải là UUID' }).uuid('phải là UUID');

export const AuditQuery = z
  .object({
    caseId: uuid().optional(),
    actorUserId: uuid().optional(),
    action: z
      .string()
      .regex(
        /^[a-z_]+(\.[a-z_]+)*(\.\*)?$/,
        "phải là tên hành động (ví dụ 'policy.changed') hoặc tiền tố ('delegation.*')",
      )
      .optional(),
    orgId: uuid().optional(),
    from: localDate().optional(),
    to: localDate().optional(),
    ...CURSOR_PARAMS,
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'phải từ ngày from trở đi' });
  });

export type AuditEntryView = {
  id: string;
  at: Date;
  action: string;
  actor: { userId: string | null; name: string };
  process: string | null;
  caseId: string | null;
  taskId: string | null;
  step: string | null;
  outcome: string | null;
  /** The reason given for a change, or the comment given with a step. */
  comment: string | null;
  details: object | null;
  /** The organisation the entry concerns (its own, or its case's); null for a system-wide change. */
  orgId: string | null;
};

/** Newest first; the cursor's key (issue 13 §3). */
const ORDER = new Keyset(
  [
    { sql: 'a.at', type: 'timestamptz' },
    { sql: 'a.id', type: 'bigint' },
  ],
  'DESC',
);

/**
 * The organisation path each audit row is read under: the organisation it names (`org_id`), else its case's
 * (admission, screening, cell inspection, inspection round, transfer), else its task's, else an `orgId` in its
 * details (a quota).
 *
 * Issue 13 §2: most rows are placed when written. The trigger of migration 1765238400200 stores the organisation
 * (`scope_org_id`), so a reader's subtree is a join on the organisation tree (ix_audit_log_scope_org_at), and its
 * path follows a move of the organisation as the tree does. A row whose place its write could not settle (a case or
 * task the case tables did not hold yet, or a task's, which follows the task's reassignment) is left unplaced and
 * resolved here, when read, as every row once was: one index lookup after another, only as far as the first hit.
 */
const UNPLACED_PATH = `coalesce(
    (SELECT o.path FROM organisation o WHERE o.id = a.org_id),
    (SELECT c.org_path FROM admission_case c WHERE c.id = a.case_id),
    (SELECT c.org_path FROM screening_case c WHERE c.id = a.case_id),
    (SELECT c.org_path FROM cell_inspection c WHERE c.id = a.case_id),
    (SELECT o.path FROM inspection_round ir JOIN inspection_programme ip ON ip.id = ir.programme_id
       JOIN organisation o ON o.id = ip.inspecting_org_id WHERE ir.id = a.case_id),
    (SELECT o.path FROM party_transfer pt JOIN organisation o ON o.id = pt.from_org_id WHERE pt.id = a.case_id),
    (SELECT t.org_path FROM human_task t WHERE t.id = a.task_id),
    (SELECT o.path FROM organisation o WHERE o.id = audit_log_details_org(a.details)))`;

/** The answer's columns of an audit row `a`, read under the path `path`, with the sort key (µs since 1970, then id). */
const columns = (path: string) => `
  a.id::text AS id, a.at, a.action, a.actor_user_id AS "actorUserId", a.actor_name AS "actorName", a.process,
  a.case_id AS "caseId", a.task_id AS "taskId", a.step, a.outcome, a.comment, a.details, ${path} AS "scopePath",
  (extract(epoch FROM a.at) * 1000000)::bigint::text AS "atMicros", ${ORDER.selects()}`;

type Row = Omit<AuditEntryView, 'actor' | 'orgId'> & {
  actorUserId: string | null;
  actorName: string;
  scopePath: string | null;
  atMicros: string;
};

/** Newest first, then the higher id: the list's order (ORDER), to merge the pages of the two halves. */
const newestFirst = (x: Row, y: Row): number => {
  const at = BigInt(y.atMicros) - BigInt(x.atMicros);
  if (at !== 0n) return at > 0n ? 1 : -1;
  const id = BigInt(y.id) - BigInt(x.id);
  return id === 0n ? 0 : id > 0n ? 1 : -1;
};

/**
 * The audit log as its readers may see it (issue 9 §7): filtered by case, actor, action and local-date period,
 * paged, newest first. A reader sees the entries of the subtrees where they supervise or administer; the national
 * entries that concern no organisation and no case (SYSTEM_WIDE_AUDIT_ACTIONS: a deadline-policy or holiday change)
 * are seen by every reader; any other entry whose place cannot be resolved only by readers at a root organisation.
 */
@Injectable()
export class AuditLogService {
  constructor(private readonly dataSource: DataSource) {}

  async list(user: AuthUser, query: unknown): Promise<CursorPage<AuditEntryView>> {
    const q = parseOrThrow(AuditQuery, query ?? {}, 'query');
    const after = ORDER.decode(q.cursor);
    const readerPaths = [
      ...new Set(user.roles.filter((r) => (AUDIT_READERS as readonly string[]).includes(r.role)).map((r) => r.orgPath)),
    ];
    if (!readerPaths.length)
      throw ApiError.forbidden('Chỉ người giám sát hoặc quản trị viên mới xem được nhật ký của tổ chức');

    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    let placed: (path: string) => string;
    let unplaced: (path: string) => string;
    if (q.orgId) {
      const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: q.orgId.toLowerCase() });
      if (!org) throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy tổ chức đảng '${q.orgId}'`, 'query.orgId');
      if (!readerPaths.some((r) => isAtOrBelow({ path: org.path, ancestorPath: r })))
        throw ApiError.forbidden(`Bạn không giám sát hoặc quản trị ${org.name} hay cấp trên của nó`);
      const orgPath = p(org.path);
      placed = unplaced = (path) => `${path} LIKE ${orgPath}::text || '%'`;
    } else {
      const prefixes = readerPaths.map((r) => p(r));
      const inSubtree = (path: string) => prefixes.map((r) => `${path} LIKE ${r}::text || '%'`).join(' OR ');
      const atRoot = readerPaths.some((r) => pathIds(r).length === 1);
      placed = (path) => `(${inSubtree(path)})`;
      // Unplaced national rows (no organisation, case or task) are seen by all; any other without a place, by the root.
      // Constants (letters, '.' and '_'), inlined: a parameter would go unused in the query of the placed rows.
      const systemWide = SYSTEM_WIDE_AUDIT_ACTIONS.map((a) => `'${a}'`).join(', ');
      unplaced = (path) =>
        `((${path} IS NOT NULL AND (${inSubtree(path)}))` +
        ` OR (${path} IS NULL AND u."caseId" IS NULL AND u."taskId" IS NULL AND u.action IN (${systemWide}))` +
        (atRoot ? ` OR ${path} IS NULL` : '') +
        ')';
    }
    if (q.caseId) where.push(`a.case_id = ${p(q.caseId.toLowerCase())}`);
    if (q.actorUserId) where.push(`a.actor_user_id = ${p(q.actorUserId.toLowerCase())}`);
    // The prefix matches literally: '_' in an action name is no wildcard (issue 11 §8).
    if (q.action?.endsWith('.*'))
      where.push(`a.action LIKE ${p(escapeLikePattern(q.action.slice(0, -1)))}::text || '%'`);
    else if (q.action) where.push(`a.action = ${p(q.action)}`);
    if (q.from) where.push(`a.at >= ${p(startOfLocalDay(q.from))}::timestamptz`);
    if (q.to) where.push(`a.at < ${p(startOfLocalDay(addDays(q.to, 1)))}::timestamptz`);

    // Two halves, each read by its own index in the list's order (issue 13 §2): the rows placed when written, a
    // join on the organisation tree; the few left unplaced, resolved as they are read. Counted apart, then added;
    // their pages merged. One query over both (a UNION ALL) was planned as a sort of every row of the subtree.
    const common = (extra: string[] = []) => [...where, ...extra].map((w) => ` AND ${w}`).join('');
    const placedFrom = (extra?: string[]) =>
      `FROM audit_log a JOIN organisation so ON so.id = a.scope_org_id WHERE ${placed('so.path')}${common(extra)}`;
    const unplacedFrom = (select: string, extra?: string[]) =>
      `FROM (SELECT ${select} FROM audit_log a WHERE a.scope_org_id IS NULL${common(extra)}) u ` +
      `WHERE ${unplaced('u."scopePath"')}`;
    const [placedTotal, unplacedTotal] = [
      await countCapped(this.dataSource, placedFrom(), params),
      await countCapped(
        this.dataSource,
        unplacedFrom(`a.action, a.case_id AS "caseId", a.task_id AS "taskId", ${UNPLACED_PATH} AS "scopePath"`),
        params,
      ),
    ];
    const total = {
      total: placedTotal.total + unplacedTotal.total,
      totalExact: placedTotal.totalExact && unplacedTotal.totalExact,
    };
    const cursor = after ? [ORDER.after(after, p)] : [];
    const page = `ORDER BY ${ORDER.orderBy()} LIMIT ${q.pageSize + 1}`;
    const halves = [
      (await this.dataSource.query(`SELECT ${columns('so.path')} ${placedFrom(cursor)} ${page}`, params)) as Row[],
      (await this.dataSource.query(
        `SELECT * ${unplacedFrom(columns(UNPLACED_PATH), cursor)} ORDER BY u."atMicros"::bigint DESC, u.id::bigint DESC LIMIT ${q.pageSize + 1}`,
        params,
      )) as Row[],
    ];
    const raw = halves
      .flat()
      .sort(newestFirst)
      .slice(0, q.pageSize + 1)
      .map(({ atMicros: _, ...r }) => r);
    const { rows, next } = ORDER.cut(raw, q.pageSize);
    return {
      items: rows.map(({ actorUserId, actorName, scopePath, ...r }) => ({
        ...r,
        actor: { userId: actorUserId, name: actorName },
        orgId: scopePath ? (pathIds(scopePath).pop() ?? null) : null,
      })),
      pageSize: q.pageSize,
      next,
      ...total,
    };
  }
}
