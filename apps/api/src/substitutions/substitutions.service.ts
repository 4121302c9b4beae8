import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { z } from 'zod';
import { localDateSchema } from '@partyflow/contracts';
import {
  isSameOrHigherRole,
  labelVi,
  substitutionStatusOn,
  todayLocal,
  validityOverlaps,
  type GrantStatus,
  type Role,
} from '@partyflow/domain';
import {
  OrganisationEntity,
  roleInForceSql,
  rolesHeldAlone,
  SubstitutionEntity,
  UserEntity,
} from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { hasRoleAtOrAbove, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { clashUnderLock, reasonField, uuidField } from '../common/body-fields';
import { revokeWithAudit } from '../common/revocation';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import { substitutionErrors } from './substitutions.errors';

export const SubstitutionBody = z
  .object({
    orgId: uuidField(),
    absentUserId: uuidField()
      .optional()
      .describe('mặc định: người gọi; quản trị viên cấp trên có thể cử cho người khác'),
    substituteUserId: uuidField(),
    validFrom: localDateSchema,
    validUntil: localDateSchema,
    reason: reasonField('lý do vắng mặt (nghỉ phép, đi công tác, ốm đau…)'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.validUntil < b.validFrom)
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'không được trước validFrom' });
  });
export const SubstitutionRevokeBody = z.object({ reason: reasonField('lý do thu hồi') }).strict();
export const SubstitutionListQuery = z.object({ orgId: uuidField() }).strict();

export type SubstituteCandidate = { userId: string; fullName: string; roles: { role: Role; label: string }[] };

export type SubstitutionView = {
  id: string;
  status: GrantStatus;
  statusLabel: string;
  org: { id: string; code: string; name: string };
  absent: { userId: string; fullName: string };
  substitute: { userId: string; fullName: string };
  validFrom: string;
  validUntil: string;
  reason: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
};

const statusOf = (s: SubstitutionEntity, day: string) =>
  substitutionStatusOn({ validFrom: s.validFrom, validUntil: s.validUntil, revoked: s.revokedAt !== null }, day);

/** The roles in force on `day` that `userId` holds in the organisation `orgId`. */
async function rolesIn(dataSource: DataSource, userId: string, orgId: string, day: string): Promise<Role[]> {
  const rows = (await dataSource.query(
    `SELECT DISTINCT r.role FROM role_assignment r
      WHERE r.user_id = $1 AND r.organisation_id = $2 AND ${roleInForceSql('r', '$3')} ORDER BY r.role`,
    [userId, orgId, day],
  )) as { role: Role }[];
  return rows.map((r) => r.role);
}

/**
 * Out-of-office substitutes (issue 14 §2): a role holder names, for a range of local dates, a substitute in the same
 * organisation holding the same or a higher role (`isSameOrHigherRole`); for that range the substitute's inbox shows
 * the absent person's tasks there (tasks.service.ts, `substitutionCovers`), and a completion records whom it was for.
 */
@Injectable()
export class SubstitutionsService {
  constructor(private readonly dataSource: DataSource) {}

  async create(user: AuthUser, body: unknown): Promise<SubstitutionView> {
    const input = normaliseNfc(parseOrThrow(SubstitutionBody, body));
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: input.orgId.toLowerCase() });
    if (!org) throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy tổ chức '${input.orgId}'`, 'orgId');
    const absentField = input.absentUserId ? 'absentUserId' : 'orgId';
    const absentId = input.absentUserId?.toLowerCase() ?? user.userId;
    if (absentId !== user.userId && !hasRoleAtOrAbove(user, org.path, ['administrator']))
      throw ApiError.forbidden(`Chỉ quản trị viên của ${org.name} hoặc cấp trên được cử người thay cho người khác`);
    const users = this.dataSource.getRepository(UserEntity);
    const absent = await users.findOneBy({ id: absentId });
    if (!absent) throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy người dùng '${absentId}'`, 'absentUserId');
    const substituteId = input.substituteUserId.toLowerCase();
    if (substituteId === absent.id)
      throw ApiError.badRequest('substituteUserId', 'phải là người khác với người vắng mặt');
    const substitute = await users.findOneBy({ id: substituteId });
    if (!substitute)
      throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy người dùng '${substituteId}'`, 'substituteUserId');
    if (substitute.disabledAt) throw ApiError.badRequest('substituteUserId', 'tài khoản này đã bị khóa');
    const today = todayLocal(Date.now());
    const absentRoles = await rolesIn(this.dataSource, absent.id, org.id, today);
    if (!absentRoles.length)
      throw ApiError.badRequest(
        absentField,
        `${absent.fullName} không giữ vai trò nào đang hiệu lực trong ${org.name}`,
      );
    const substituteRoles = await rolesIn(this.dataSource, substitute.id, org.id, today);
    if (!substituteRoles.some((role) => absentRoles.some((than) => isSameOrHigherRole({ role, than }))))
      throw ApiError.badRequest(
        'substituteUserId',
        `phải giữ trong ${org.name} vai trò bằng hoặc cao hơn một vai trò của ${absent.fullName} ` +
          `(${absentRoles.map((r) => labelVi(r)).join(', ')})`,
      );
    if (input.validUntil < today) throw ApiError.badRequest('validUntil', `đã qua (hôm nay ${today})`);
    const saved = await this.dataSource.transaction(async (em) => {
      // Serialise the substitutions of one absent person in one organisation: two overlapping cannot both pass.
      const clash = await clashUnderLock(
        em,
        `substitution:${absent.id}:${org.id}`,
        () => em.findBy(SubstitutionEntity, { absentUserId: absent.id, orgId: org.id }),
        (s) => !s.revokedAt && validityOverlaps(s, input),
      );
      if (clash) throw substitutionErrors.overlaps(clash.id, clash.validFrom, clash.validUntil);
      const row: SubstitutionEntity = {
        id: randomUUID(),
        orgId: org.id,
        absentUserId: absent.id,
        substituteUserId: substitute.id,
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        reason: input.reason,
        createdByUserId: user.userId,
        createdBy: user.fullName,
        createdAt: new Date(),
        revokedAt: null,
        revokedBy: null,
        revokeReason: null,
      };
      await em.insert(SubstitutionEntity, row);
      await appendAudit(em, {
        eventKey: `substitution:${row.id}:created`,
        at: row.createdAt,
        action: 'substitution.created',
        actor: { userId: user.userId, name: user.fullName },
        orgId: org.id,
        comment: input.reason,
        details: {
          substitutionId: row.id,
          absent: { userId: absent.id, fullName: absent.fullName },
          substitute: { userId: substitute.id, fullName: substitute.fullName },
          validFrom: row.validFrom,
          validUntil: row.validUntil,
        },
      });
      return row;
    });
    return (await this.views([saved]))[0];
  }

  /** The absent person, the substitute, whoever recorded it, or an administrator at or above may revoke. */
  async revoke(user: AuthUser, rawId: string, body: unknown): Promise<SubstitutionView> {
    const id = parseUuid(rawId, 'id');
    const input = normaliseNfc(parseOrThrow(SubstitutionRevokeBody, body));
    const saved = await this.dataSource.transaction(async (em) => {
      const row = await em.findOne(SubstitutionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw ApiError.notFound('việc thay thế', id);
      const org = await em.findOneByOrFail(OrganisationEntity, { id: row.orgId });
      const own = [row.absentUserId, row.substituteUserId, row.createdByUserId].includes(user.userId);
      if (!own && !hasRoleAtOrAbove(user, org.path, ['administrator']))
        throw ApiError.forbidden(
          `Chỉ người vắng mặt, người thay, người ghi hoặc quản trị viên của ${org.name} hay cấp trên được thu hồi`,
        );
      const details = {
        substitutionId: row.id,
        absentUserId: row.absentUserId,
        substituteUserId: row.substituteUserId,
      };
      const { reason } = input;
      return revokeWithAudit(em, row, {
        user,
        reason,
        alreadyRevoked: substitutionErrors.revoked,
        kind: 'substitution',
        orgId: org.id,
        details,
      });
    });
    return (await this.views([saved]))[0];
  }

  /** The substitutions at or below `orgId`, for those holding a role there and administrators or supervisors above. */
  async list(user: AuthUser, query: unknown): Promise<SubstitutionView[]> {
    const q = parseOrThrow(SubstitutionListQuery, query ?? {}, 'query');
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: q.orgId.toLowerCase() });
    if (!org) throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy tổ chức '${q.orgId}'`, 'query.orgId');
    if (
      !user.roles.some((r) => r.orgId === org.id) &&
      !hasRoleAtOrAbove(user, org.path, ['administrator', 'supervisor'])
    )
      throw ApiError.forbidden(`Bạn không giữ vai trò trong ${org.name}, không quản trị hay giám sát tổ chức này`);
    const rows = await this.dataSource
      .getRepository(SubstitutionEntity)
      .createQueryBuilder('s')
      .innerJoin(OrganisationEntity, 'o', 'o.id = s.org_id')
      .where('starts_with(o.path, :path)', { path: org.path })
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .limit(1000)
      .getMany();
    return this.views(rows);
  }

  /**
   * Who may stand in for me in `orgId` (the page's choice of a substitute): the other enabled users holding there,
   * today, a role the same as or higher than one of mine, with those roles. 400 if I hold no role there.
   */
  async candidates(user: AuthUser, query: unknown): Promise<SubstituteCandidate[]> {
    const q = parseOrThrow(SubstitutionListQuery, query ?? {}, 'query');
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: q.orgId.toLowerCase() });
    if (!org) throw new ApiError(404, 'NOT_FOUND', `Không tìm thấy tổ chức '${q.orgId}'`, 'query.orgId');
    const today = todayLocal(Date.now());
    const mine = await rolesIn(this.dataSource, user.userId, org.id, today);
    if (!mine.length)
      throw ApiError.badRequest('query.orgId', `bạn không giữ vai trò nào đang hiệu lực trong ${org.name}`);
    const rows = (await this.dataSource.query(
      `SELECT u.id AS "userId", u.full_name AS "fullName", array_agg(DISTINCT r.role ORDER BY r.role) AS roles
         FROM role_assignment r JOIN app_user u ON u.id = r.user_id
        WHERE r.organisation_id = $1 AND u.id <> $2 AND u.disabled_at IS NULL AND ${roleInForceSql('r', '$3')}
        GROUP BY u.id, u.full_name ORDER BY u.full_name, u.id`,
      [org.id, user.userId, today],
    )) as { userId: string; fullName: string; roles: Role[] }[];
    return rows
      .map((r) => ({ ...r, roles: r.roles.filter((role) => mine.some((than) => isSameOrHigherRole({ role, than }))) }))
      .filter((r) => r.roles.length)
      .map((r) => ({ ...r, roles: r.roles.map((role) => ({ role, label: labelVi(role) })) }));
  }

  /** The substitutions in force or to come where I am the absent person or the substitute. */
  async mine(user: AuthUser): Promise<SubstitutionView[]> {
    const rows = await this.dataSource.getRepository(SubstitutionEntity).find({
      where: [{ absentUserId: user.userId }, { substituteUserId: user.userId }],
      order: { validFrom: 'ASC', createdAt: 'ASC' },
    });
    return (await this.views(rows)).filter((s) => s.status === 'active' || s.status === 'future');
  }

  private async views(rows: SubstitutionEntity[]): Promise<SubstitutionView[]> {
    const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
    const orgs = byId(
      await this.dataSource.getRepository(OrganisationEntity).findBy({ id: In(rows.map((r) => r.orgId)) }),
    );
    const people = byId(
      await this.dataSource
        .getRepository(UserEntity)
        .findBy({ id: In(rows.flatMap((r) => [r.absentUserId, r.substituteUserId])) }),
    );
    const person = (userId: string) => ({ userId, fullName: people.get(userId)?.fullName ?? '' });
    const today = todayLocal(Date.now());
    return rows.map((r) => {
      const org = orgs.get(r.orgId);
      const status = statusOf(r, today);
      return {
        id: r.id,
        status,
        statusLabel: labelVi(status),
        org: { id: r.orgId, code: org?.code ?? '', name: org?.name ?? '' },
        absent: person(r.absentUserId),
        substitute: person(r.substituteUserId),
        validFrom: r.validFrom,
        validUntil: r.validUntil,
        reason: r.reason,
        createdBy: r.createdBy,
        createdAt: r.createdAt,
        revokedAt: r.revokedAt,
        revokedBy: r.revokedBy,
        revokeReason: r.revokeReason,
      };
    });
  }
}

/**
 * What one substitution hands its substitute: the absent person's tasks in the organisation `orgId`, those named for
 * their member record (`memberId`, tasks at or below the organisation [A]) and those of the roles they alone hold
 * there (`roles`, as of today).
 */
export type SubstitutionCover = {
  substitutionId: string;
  status: GrantStatus;
  absentUserId: string;
  absentName: string;
  orgId: string;
  orgPath: string;
  memberId: string | null;
  roles: Role[];
  validFrom: string;
  validUntil: string;
};

/**
 * The covers of the substitutions where `substituteUserId` is the substitute: by default only those in force on
 * `today` (the inbox, a completion); with `all`, every one, to explain a refusal.
 */
export async function substitutionCovers(
  dataSource: DataSource,
  c: { substituteUserId: string; today: string; all?: boolean },
): Promise<SubstitutionCover[]> {
  const rows = (
    await dataSource
      .getRepository(SubstitutionEntity)
      .find({ where: { substituteUserId: c.substituteUserId }, order: { createdAt: 'DESC' } })
  ).filter((s) => c.all || statusOf(s, c.today) === 'active');
  if (!rows.length) return [];
  const absent = new Map(
    (await dataSource.getRepository(UserEntity).findBy({ id: In(rows.map((r) => r.absentUserId)) })).map((u) => [
      u.id,
      u,
    ]),
  );
  const paths = new Map(
    (await dataSource.getRepository(OrganisationEntity).findBy({ id: In(rows.map((r) => r.orgId)) })).map((o) => [
      o.id,
      o.path,
    ]),
  );
  return Promise.all(
    rows.map(async (s) => ({
      substitutionId: s.id,
      status: statusOf(s, c.today),
      absentUserId: s.absentUserId,
      absentName: absent.get(s.absentUserId)?.fullName ?? '',
      orgId: s.orgId,
      orgPath: paths.get(s.orgId) ?? '\u0000',
      memberId: absent.get(s.absentUserId)?.memberId ?? null,
      roles: (await rolesHeldAlone(dataSource, { userId: s.absentUserId, today: c.today, orgId: s.orgId })).map(
        (r) => r.role,
      ),
      validFrom: s.validFrom,
      validUntil: s.validUntil,
    })),
  );
}

/** Whether the substitution hands this task to its substitute. */
export function coversTask(
  cover: SubstitutionCover,
  task: { assigneeOrgId: string; assigneeRole: string | null; assigneeMemberId: string | null; orgPath: string },
): boolean {
  if (task.assigneeMemberId) return task.assigneeMemberId === cover.memberId && task.orgPath.startsWith(cover.orgPath);
  return task.assigneeOrgId === cover.orgId && !!task.assigneeRole && cover.roles.includes(task.assigneeRole as Role);
}
