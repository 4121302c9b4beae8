import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In } from 'typeorm';
import { z } from 'zod';
import { grantStatusAt, isAtOrBelow, labelVi, periodsOverlap, todayLocal, type GrantStatus } from '@partyflow/domain';
import { OrganisationEntity, ProxyGrantEntity, roleInForceSql, UserEntity } from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { hasRoleAtOrAbove, hasRoleIn, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { clashUnderLock, instantField, reasonField, uuidField } from '../common/body-fields';
import { revokeWithAudit } from '../common/revocation';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import { proxyErrors } from './proxies.errors';

const uuid = uuidField;
const instant = instantField;
const reason = reasonField;

export const ProxyGrantBody = z
  .object({
    grassrootsOrgId: uuid(),
    principalUserId: uuid(),
    proxyUserId: uuid(),
    validFrom: instant(),
    validUntil: instant().optional(),
    reason: reason('căn cứ ủy nhiệm (nghị quyết, biên bản của đảng ủy cơ sở)'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.validUntil && Date.parse(b.validUntil) <= Date.parse(b.validFrom))
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'phải sau validFrom' });
    if (b.principalUserId.toLowerCase() === b.proxyUserId.toLowerCase())
      ctx.addIssue({ code: 'custom', path: ['proxyUserId'], message: 'phải là người khác với người được làm thay' });
  });
export const ProxyRevokeBody = z.object({ reason: reason('lý do thu hồi') }).strict();
export const ProxyListQuery = z.object({ orgId: uuid() }).strict();

export type ProxyCandidates = {
  principals: { userId: string; fullName: string; roles: { role: string; label: string }[] }[];
  proxies: { userId: string; fullName: string }[];
};

export type ProxyGrantView = {
  id: string;
  status: GrantStatus;
  statusLabel: string;
  grassrootsOrg: { id: string; code: string; name: string };
  principal: { userId: string; fullName: string };
  proxy: { userId: string; fullName: string };
  validFrom: Date;
  validUntil: Date | null;
  reason: string;
  grantedBy: string;
  grantedAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
};

/** Who records and revokes a grassroots committee's proxy grants: its members, or an administrator at or above. */
const canGrant = (user: AuthUser, org: OrganisationEntity) =>
  hasRoleIn(user, org.id, 'grassroots_committee_member') || hasRoleAtOrAbove(user, org.path, ['administrator']);

/**
 * Standing proxy grants (issue 14 §6): a grassroots committee lets an officer complete, on behalf of someone who
 * cannot use the system, the tasks that person may complete in its subtree. The completion itself is checked in
 * tasks.service.ts (`proxyActor`) against the grant in force.
 */
@Injectable()
export class ProxiesService {
  constructor(private readonly dataSource: DataSource) {}

  async grant(user: AuthUser, body: unknown): Promise<ProxyGrantView> {
    const input = normaliseNfc(parseOrThrow(ProxyGrantBody, body));
    const org = await this.dataSource
      .getRepository(OrganisationEntity)
      .findOneBy({ id: input.grassrootsOrgId.toLowerCase() });
    if (!org)
      throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy tổ chức '${input.grassrootsOrgId}'`, 'grassrootsOrgId');
    if (org.kind !== 'grassroots_committee') throw ApiError.badRequest('grassrootsOrgId', 'phải là một đảng ủy cơ sở');
    if (!canGrant(user, org))
      throw ApiError.forbidden(`Chỉ đảng ủy viên của ${org.name} hoặc quản trị viên cấp trên được ghi ủy nhiệm`);
    const users = this.dataSource.getRepository(UserEntity);
    const principal = await users.findOneBy({ id: input.principalUserId.toLowerCase() });
    if (!principal)
      throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy người dùng '${input.principalUserId}'`, 'principalUserId');
    const proxy = await users.findOneBy({ id: input.proxyUserId.toLowerCase() });
    if (!proxy) throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy người dùng '${input.proxyUserId}'`, 'proxyUserId');
    if (proxy.disabledAt) throw ApiError.badRequest('proxyUserId', 'tài khoản này đã bị khóa');
    const [{ n }] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM role_assignment r JOIN organisation o ON o.id = r.organisation_id
        WHERE r.user_id = $1 AND starts_with(o.path, $2) AND ${roleInForceSql('r', '$3')}`,
      [principal.id, org.path, todayLocal(Date.now())],
    )) as { n: number }[];
    if (!n) throw ApiError.badRequest('principalUserId', `không giữ vai trò nào trong ${org.name} hay cấp dưới`);
    const from = new Date(input.validFrom);
    const until = input.validUntil ? new Date(input.validUntil) : null;
    const saved = await this.dataSource.transaction(async (em) => {
      // Serialise the grants of one pair, so two overlapping grants cannot both pass the check.
      const clash = await clashUnderLock(
        em,
        `proxy:${principal.id}:${proxy.id}`,
        () => em.findBy(ProxyGrantEntity, { principalUserId: principal.id, proxyUserId: proxy.id }),
        (g) => !g.revokedAt && periodsOverlap({ a: { from, until }, b: { from: g.validFrom, until: g.validUntil } }),
      );
      if (clash) throw proxyErrors.overlaps(clash.id);
      const row: ProxyGrantEntity = {
        id: randomUUID(),
        grassrootsOrgId: org.id,
        principalUserId: principal.id,
        proxyUserId: proxy.id,
        validFrom: from,
        validUntil: until,
        reason: input.reason,
        grantedByUserId: user.userId,
        grantedBy: user.fullName,
        grantedAt: new Date(),
        revokedAt: null,
        revokedBy: null,
        revokeReason: null,
      };
      await em.insert(ProxyGrantEntity, row);
      await appendAudit(em, {
        eventKey: `proxy:${row.id}:granted`,
        at: row.grantedAt,
        action: 'proxy.granted',
        actor: { userId: user.userId, name: user.fullName },
        orgId: org.id,
        comment: input.reason,
        details: {
          grantId: row.id,
          principal: { userId: principal.id, fullName: principal.fullName },
          proxy: { userId: proxy.id, fullName: proxy.fullName },
          validFrom: from.toISOString(),
          validUntil: until?.toISOString() ?? null,
        },
      });
      return row;
    });
    return (await this.views([saved]))[0];
  }

  async revoke(user: AuthUser, rawId: string, body: unknown): Promise<ProxyGrantView> {
    const id = parseUuid(rawId, 'id');
    const input = normaliseNfc(parseOrThrow(ProxyRevokeBody, body));
    const saved = await this.dataSource.transaction(async (em) => {
      const grant = await em.findOne(ProxyGrantEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!grant) throw ApiError.notFound('ủy nhiệm', id);
      const org = await em.findOneByOrFail(OrganisationEntity, { id: grant.grassrootsOrgId });
      if (!canGrant(user, org))
        throw ApiError.forbidden(`Chỉ đảng ủy viên của ${org.name} hoặc quản trị viên cấp trên được thu hồi ủy nhiệm`);
      const details = { grantId: grant.id, principalUserId: grant.principalUserId, proxyUserId: grant.proxyUserId };
      return revokeWithAudit(em, grant, {
        user,
        reason: input.reason,
        alreadyRevoked: proxyErrors.revoked,
        kind: 'proxy',
        orgId: org.id,
        details,
      });
    });
    return (await this.views([saved]))[0];
  }

  /** The grants of the grassroots committees at or below `orgId`, for their members and supervisors above. */
  async list(user: AuthUser, query: unknown): Promise<ProxyGrantView[]> {
    const q = parseOrThrow(ProxyListQuery, query ?? {}, 'query');
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: q.orgId.toLowerCase() });
    if (!org) throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy tổ chức '${q.orgId}'`, 'query.orgId');
    if (!canGrant(user, org) && !hasRoleAtOrAbove(user, org.path, ['supervisor']))
      throw ApiError.forbidden(`Bạn không giám sát, quản trị hay thuộc đảng ủy của ${org.name}`);
    const rows = await this.dataSource
      .getRepository(ProxyGrantEntity)
      .createQueryBuilder('g')
      .innerJoin(OrganisationEntity, 'o', 'o.id = g.grassroots_org_id')
      .where(new Brackets((w) => w.where('starts_with(o.path, :path)', { path: org.path })))
      .orderBy('g.granted_at', 'DESC')
      .addOrderBy('g.id', 'ASC')
      .limit(1000)
      .getMany();
    return this.views(rows);
  }

  /**
   * Whom a grant of the grassroots committee `orgId` may name (the page's choices), for those who may record one:
   * `principals`, the users holding a role in force in its subtree, with those roles; `proxies`, the enabled accounts
   * of the subtree (by their organisation or a role in force there).
   */
  async candidates(user: AuthUser, query: unknown): Promise<ProxyCandidates> {
    const q = parseOrThrow(ProxyListQuery, query ?? {}, 'query');
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: q.orgId.toLowerCase() });
    if (!org) throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy tổ chức '${q.orgId}'`, 'query.orgId');
    if (org.kind !== 'grassroots_committee') throw ApiError.badRequest('query.orgId', 'phải là một đảng ủy cơ sở');
    if (!canGrant(user, org))
      throw ApiError.forbidden(`Chỉ đảng ủy viên của ${org.name} hoặc quản trị viên cấp trên được ghi ủy nhiệm`);
    const today = todayLocal(Date.now());
    const held = (await this.dataSource.query(
      `SELECT u.id AS "userId", u.full_name AS "fullName", array_agg(DISTINCT r.role ORDER BY r.role) AS roles
         FROM role_assignment r JOIN organisation o ON o.id = r.organisation_id JOIN app_user u ON u.id = r.user_id
        WHERE starts_with(o.path, $1) AND u.disabled_at IS NULL AND ${roleInForceSql('r', '$2')}
        GROUP BY u.id, u.full_name ORDER BY u.full_name, u.id`,
      [org.path, today],
    )) as { userId: string; fullName: string; roles: string[] }[];
    const staff = (await this.dataSource.query(
      `SELECT u.id AS "userId", u.full_name AS "fullName" FROM app_user u JOIN organisation o ON o.id = u.organisation_id
        WHERE starts_with(o.path, $1) AND u.disabled_at IS NULL ORDER BY u.full_name, u.id`,
      [org.path],
    )) as { userId: string; fullName: string }[];
    const proxies = new Map([...held, ...staff].map((p) => [p.userId, { userId: p.userId, fullName: p.fullName }]));
    return {
      principals: held.map((p) => ({ ...p, roles: p.roles.map((role) => ({ role, label: labelVi(role) })) })),
      proxies: [...proxies.values()].sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi')),
    };
  }

  /** The grants in force under which I may act for someone (the proxy's own list). */
  async mine(user: AuthUser): Promise<ProxyGrantView[]> {
    const rows = await this.dataSource
      .getRepository(ProxyGrantEntity)
      .find({ where: { proxyUserId: user.userId }, order: { grantedAt: 'DESC' } });
    return (await this.views(rows)).filter((g) => g.status === 'active');
  }

  private async views(rows: ProxyGrantEntity[]): Promise<ProxyGrantView[]> {
    const orgs = new Map(
      (
        await this.dataSource
          .getRepository(OrganisationEntity)
          .findBy({ id: In([...new Set(rows.map((r) => r.grassrootsOrgId))]) })
      ).map((o) => [o.id, o]),
    );
    const people = new Map(
      (
        await this.dataSource
          .getRepository(UserEntity)
          .findBy({ id: In([...new Set(rows.flatMap((r) => [r.principalUserId, r.proxyUserId]))]) })
      ).map((u) => [u.id, u.fullName]),
    );
    const now = new Date();
    return rows.map((r) => {
      const org = orgs.get(r.grassrootsOrgId);
      const status = grantStatusAt({ grant: r, at: now });
      return {
        id: r.id,
        status,
        statusLabel: labelVi(status),
        grassrootsOrg: { id: r.grassrootsOrgId, code: org?.code ?? '', name: org?.name ?? '' },
        principal: { userId: r.principalUserId, fullName: people.get(r.principalUserId) ?? '' },
        proxy: { userId: r.proxyUserId, fullName: people.get(r.proxyUserId) ?? '' },
        validFrom: r.validFrom,
        validUntil: r.validUntil,
        reason: r.reason,
        grantedBy: r.grantedBy,
        grantedAt: r.grantedAt,
        revokedAt: r.revokedAt,
        revokedBy: r.revokedBy,
        revokeReason: r.revokeReason,
      };
    });
  }
}

/**
 * The grant in force `at` under which `proxyUserId` may act for `principalUserId` on a task of the organisation at
 * `taskOrgPath` (inside the grant's grassroots committee), or null.
 */
export async function proxyGrantInForce(
  dataSource: DataSource,
  c: { proxyUserId: string; principalUserId: string; taskOrgPath: string; at: Date },
): Promise<ProxyGrantEntity | null> {
  const grants = await dataSource
    .getRepository(ProxyGrantEntity)
    .findBy({ proxyUserId: c.proxyUserId, principalUserId: c.principalUserId });
  if (!grants.length) return null;
  const orgs = new Map(
    (
      await dataSource
        .getRepository(OrganisationEntity)
        .findBy({ id: In([...new Set(grants.map((g) => g.grassrootsOrgId))]) })
    ).map((o) => [o.id, o.path]),
  );
  return (
    grants.find(
      (g) =>
        grantStatusAt({ grant: g, at: c.at }) === 'active' &&
        isAtOrBelow({ path: c.taskOrgPath, ancestorPath: orgs.get(g.grassrootsOrgId) ?? '\u0000' }),
    ) ?? null
  );
}

/**
 * What one proxy grant in force hands its proxy to find in the inbox (issue 14 §6): the principal's open tasks in the
 * grant's grassroots subtree, those named for their member record and those of the roles they hold in force there.
 * The completion itself still names the principal and the paper minutes (`proxyActor` in tasks.service.ts).
 */
export type ProxyCover = {
  grantId: string;
  principalUserId: string;
  principalName: string;
  orgPath: string;
  memberId: string | null;
  roles: { orgId: string; orgPath: string; role: string }[];
};

/** The covers of the grants in force `at` where `proxyUserId` is the proxy; principals disabled since are left out. */
export async function proxyCovers(
  dataSource: DataSource,
  c: { proxyUserId: string; at: Date; today: string },
): Promise<ProxyCover[]> {
  const grants = (await dataSource.getRepository(ProxyGrantEntity).findBy({ proxyUserId: c.proxyUserId })).filter(
    (g) => grantStatusAt({ grant: g, at: c.at }) === 'active',
  );
  if (!grants.length) return [];
  const orgs = new Map(
    (
      await dataSource
        .getRepository(OrganisationEntity)
        .findBy({ id: In([...new Set(grants.map((g) => g.grassrootsOrgId))]) })
    ).map((o) => [o.id, o.path]),
  );
  const principals = new Map(
    (await dataSource.getRepository(UserEntity).findBy({ id: In(grants.map((g) => g.principalUserId)) }))
      .filter((u) => !u.disabledAt)
      .map((u) => [u.id, u]),
  );
  const covers = await Promise.all(
    grants.map(async (g): Promise<ProxyCover | null> => {
      const principal = principals.get(g.principalUserId);
      const orgPath = orgs.get(g.grassrootsOrgId);
      if (!principal || !orgPath) return null;
      const roles = (await dataSource.query(
        `SELECT DISTINCT r.organisation_id AS "orgId", o.path AS "orgPath", r.role FROM role_assignment r
           JOIN organisation o ON o.id = r.organisation_id
          WHERE r.user_id = $1 AND starts_with(o.path, $2) AND ${roleInForceSql('r', '$3')}`,
        [principal.id, orgPath, c.today],
      )) as { orgId: string; orgPath: string; role: string }[];
      return {
        grantId: g.id,
        principalUserId: principal.id,
        principalName: principal.fullName,
        orgPath,
        memberId: principal.memberId,
        roles,
      };
    }),
  );
  return covers.filter((x): x is ProxyCover => x !== null);
}

/** Whether the proxy grant hands this task to its proxy. */
export function proxyCoversTask(
  cover: ProxyCover,
  task: { assigneeOrgId: string; assigneeRole: string | null; assigneeMemberId: string | null; orgPath: string },
): boolean {
  if (!task.orgPath.startsWith(cover.orgPath)) return false;
  if (task.assigneeMemberId) return task.assigneeMemberId === cover.memberId;
  return cover.roles.some((r) => r.orgId === task.assigneeOrgId && r.role === task.assigneeRole);
}
