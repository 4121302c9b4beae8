import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ZodType, ZodTypeDef } from 'zod';
import {
  canGrantRoleAt,
  canManageUser,
  checkPassword,
  checkRoleValidity,
  headerKey,
  isRoleInForce,
  ROLE_LABELS,
  ROLES,
  todayLocal,
  validityOverlaps,
  type ImportColumnSpec,
  type Role,
} from '@partyflow/domain';
import {
  hashPassword,
  MemberEntity,
  OrganisationEntity,
  RoleAssignmentEntity,
  UserEntity,
} from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { normaliseNfc } from '../common/validation';
import { placeOfUser } from '../common/audit-place';
import { EmailField, FullNameField, LocalDateField, RoleField, UsernameField } from '../users/users.schemas';
import { ImportRowError } from './imports.errors';
import type { ImportContext, ImportCounts, ImportKind, ImportRow, ImportWriter } from './import-registry';
import { isoDate } from './members.import';

/**
 * The users import (issue 9 §4): accounts and their role assignments, one (user, role, organisation)
 * a row; a user with several roles has several rows. The natural key is the username, and a grant's
 * is (username, role, organisation): a re-import updates the user's name and the grant's validity,
 * never adds a second grant. Rights and checks are those of `POST /users` and `POST /users/:id/roles`.
 * A password cell is the user's initial password (hashed as the users service hashes it, never written to
 * the audit, a log or an error message); a new user without one gets no usable password until an
 * administrator sets it (`POST /users/:id/password`); an existing user's password is never changed by an import.
 */
export const USER_COLUMNS: readonly ImportColumnSpec[] = [
  { name: 'username', aliases: ['Tên đăng nhập', 'Tài khoản'], required: true },
  { name: 'full_name', aliases: ['Họ và tên', 'Họ tên'], required: false },
  {
    name: 'national_id',
    aliases: ['Số CCCD', 'Số căn cước công dân', 'CCCD', 'Số căn cước', 'Số định danh cá nhân'],
    required: false,
  },
  { name: 'password', aliases: ['Mật khẩu', 'Mật khẩu ban đầu'], required: false },
  { name: 'email', aliases: ['Thư điện tử', 'Địa chỉ thư điện tử', 'Email', 'E-mail'], required: false },
  { name: 'role', aliases: ['Vai trò'], required: true },
  { name: 'organisation_code', aliases: ['Mã tổ chức', 'Tổ chức', 'Mã tổ chức đảng'], required: true },
  { name: 'valid_from', aliases: ['Hiệu lực từ ngày', 'Từ ngày', 'Hiệu lực từ'], required: false },
  { name: 'valid_until', aliases: ['Hiệu lực đến ngày', 'Đến ngày', 'Hiệu lực đến'], required: false },
  { name: 'reason', aliases: ['Lý do', 'Căn cứ'], required: false },
];

/** A stored "hash" no password matches (verifyPassword reads only `scrypt$…`): set by an administrator later. */
export const NO_PASSWORD = 'unset$imported-without-password';

const ROLE_BY_KEY = new Map<string, Role>(
  ROLES.flatMap((r) => [r, ROLE_LABELS[r].vi].map((t) => [headerKey(t), r] as const)),
);

/** A role written as its key or its Vietnamese label, in any case, with or without diacritics; else the text. */
export function roleOf(text: string): string {
  return ROLE_BY_KEY.get(headerKey(text)) ?? text;
}

export type ParsedUserRow = {
  rowNumber: number;
  username: string;
  fullName: string | null;
  nationalId: string | null;
  password: string | null;
  /** The e-mail address (issue 12 §5); null: the cell is empty (none for a new user, unchanged for an existing one). */
  email: string | null;
  role: Role;
  orgCode: string;
  /** null: the cell is empty (today for a new grant, unchanged for an existing one). */
  validFrom: string | null;
  validUntil: string | null;
  /** Whether the file has a valid_until column (an empty cell then clears the end). */
  hasValidUntil: boolean;
  reason: string | null;
};

/**
 * One row, validated with the fields of the users schemas (400 naming the column). The password is
 * checked by the users rule [checkPassword] and never quoted in a message.
 */
export function parseUserRow(row: ImportRow): ParsedUserRow {
  const v = normaliseNfc(row.values);
  const fail = (column: string, reason: string, quote = true): never => {
    throw new ImportRowError(row.rowNumber, column, quote && v[column] ? `'${v[column]}': ${reason}` : reason);
  };
  const field = <T>(column: string, schema: ZodType<T, ZodTypeDef, unknown>, value: unknown = v[column]): T => {
    const r = schema.safeParse(value || undefined);
    return r.success ? r.data : fail(column, r.error.issues[0].message);
  };
  const username = field('username', UsernameField);
  const fullName = v.full_name ? field('full_name', FullNameField) : null;
  const nationalId = v.national_id || null;
  if (nationalId !== null && !/^\d{12}$/.test(nationalId)) fail('national_id', 'phải gồm đúng 12 chữ số');
  const password = v.password ? v.password : null;
  if (password !== null) {
    const problem = checkPassword(password, username)[0];
    if (problem) fail('password', problem.message, false);
  }
  const email = v.email ? field('email', EmailField) : null;
  const role = field('role', RoleField, v.role ? roleOf(v.role) : undefined);
  const orgCode = v.organisation_code ? v.organisation_code.toUpperCase() : fail('organisation_code', 'bắt buộc');
  const date = (column: string) => (v[column] ? field(column, LocalDateField, isoDate(v[column])) : null);
  const validFrom = date('valid_from');
  const validUntil = date('valid_until');
  if (validFrom && validUntil && validUntil < validFrom)
    fail('valid_until', `không được trước ngày bắt đầu hiệu lực ${validFrom}`);
  const reason = v.reason ? v.reason.slice(0, 1000) : null;
  return {
    rowNumber: row.rowNumber,
    username,
    fullName,
    nationalId,
    password,
    email,
    role,
    orgCode,
    validFrom,
    validUntil,
    hasValidUntil: row.present.has('valid_until'),
    reason,
  };
}

type Org = Pick<OrganisationEntity, 'id' | 'code' | 'path' | 'name'>;
type Fail = (column: string, reason: string, status?: 400 | 403 | 409) => never;

export type UserImportCounts = ImportCounts & { rolesGranted: number; rolesChanged: number; passwordsToSet: number };

class UsersWriter implements ImportWriter {
  private readonly today: string;
  /** username → the first row of it and what that row said. */
  private readonly firstRow = new Map<string, ParsedUserRow>();
  private readonly grantRows = new Map<string, number>();
  /** What happened to each user of the file: counted once per user at the end. */
  private readonly outcome = new Map<string, 'created' | 'updated' | 'unchanged'>();
  private readonly extra = { rolesGranted: 0, rolesChanged: 0, passwordsToSet: 0 };

  constructor(
    private readonly ctx: ImportContext,
    private readonly orgs: Map<string, Org>,
  ) {
    this.today = todayLocal(ctx.at.getTime());
  }

  async add(row: ImportRow): Promise<void> {
    const p = parseUserRow(row);
    const fail: Fail = (column, reason, status = 400) => {
      throw new ImportRowError(p.rowNumber, column, reason, status);
    };
    const { em, user: actor } = this.ctx;
    const org = this.orgs.get(p.orgCode) ?? fail('organisation_code', `'${p.orgCode}': không có tổ chức đảng mã này`);
    if (!canGrantRoleAt(actor.roles, org.path))
      fail('organisation_code', `${org.name} ngoài phạm vi quản trị của người nhập`, 403);
    this.ctx.place(org.path);
    const grantKey = `${p.username}|${p.role}|${org.id}`;
    const again = this.grantRows.get(grantKey);
    if (again !== undefined) fail('role', `trùng tài khoản, vai trò và tổ chức với dòng ${again}`, 409);
    this.grantRows.set(grantKey, p.rowNumber);
    const first = this.firstRow.get(p.username);
    if (first) {
      if (p.fullName && first.fullName && p.fullName !== first.fullName)
        fail('full_name', `'${p.fullName}': khác họ tên của tài khoản này ở dòng ${first.rowNumber}`);
      if (p.email && first.email && p.email !== first.email)
        fail('email', `'${p.email}': khác địa chỉ thư điện tử của tài khoản này ở dòng ${first.rowNumber}`);
      if (p.nationalId && p.nationalId !== first.nationalId)
        fail('national_id', `'${p.nationalId}': khác số CCCD của tài khoản này ở dòng ${first.rowNumber}`);
    } else this.firstRow.set(p.username, p);

    // Locked, as the users service locks it for a grant: the overlap check and the write see the same rows.
    let user = await em.findOne(UserEntity, { where: { username: p.username }, lock: { mode: 'pessimistic_write' } });
    if (!user) user = await this.createUser(p, org, fail);
    else if (!first) await this.updateUser(p, user, fail);
    await this.grant(p, user, org, fail);
  }

  async finish(): Promise<UserImportCounts> {
    const counts = { created: 0, updated: 0, unchanged: 0 };
    for (const o of this.outcome.values()) counts[o]++;
    return { ...counts, ...this.extra };
  }

  private mark(username: string, what: 'created' | 'updated' | 'unchanged'): void {
    const now = this.outcome.get(username);
    if (now === 'created' || (now === 'updated' && what === 'unchanged')) return;
    this.outcome.set(username, what);
  }

  private comment(p: ParsedUserRow): string {
    return p.reason ?? `Nhập từ tệp (lần nhập ${this.ctx.importId})`;
  }

  private async createUser(p: ParsedUserRow, org: Org, fail: Fail): Promise<UserEntity> {
    const { em, user: actor, importId, at } = this.ctx;
    let member: MemberEntity | null = null;
    let home = org;
    if (p.nationalId) {
      member =
        (await em.findOneBy(MemberEntity, { nationalId: p.nationalId })) ??
        fail('national_id', `'${p.nationalId}': không có đảng viên, quần chúng với số CCCD này`);
      home = this.orgs.get(member.organisationId) ?? fail('national_id', 'chi bộ của đảng viên không còn');
      if (!canGrantRoleAt(actor.roles, home.path))
        fail(
          'national_id',
          `${member.fullName} sinh hoạt tại ${home.name}, ngoài phạm vi quản trị của người nhập`,
          403,
        );
      const other = await em.findOneBy(UserEntity, { memberId: member.id });
      if (other) fail('national_id', `${member.fullName} đã có tài khoản '${other.username}'`, 409);
    }
    const fullName = p.fullName ?? member?.fullName ?? fail('full_name', 'bắt buộc với người dùng là cán bộ');
    const passwordHash = p.password ? await hashPassword(p.password) : NO_PASSWORD;
    if (!p.password) this.extra.passwordsToSet++;
    const id = randomUUID();
    await em.insert(UserEntity, {
      id,
      username: p.username,
      passwordHash,
      fullName,
      memberId: member?.id ?? null,
      organisationId: home.id,
      email: p.email,
    });
    await appendAudit(em, {
      eventKey: `user:${id}:created`,
      at,
      action: 'user.created',
      actor: { userId: actor.userId, name: actor.fullName },
      comment: this.comment(p),
      details: {
        userId: id,
        username: p.username,
        fullName,
        memberId: member?.id ?? null,
        orgId: home.id,
        orgName: home.name,
        passwordSet: !!p.password,
        email: p.email,
        importId,
      },
    });
    this.mark(p.username, 'created');
    return em.findOneByOrFail(UserEntity, { id });
  }

  /** The first row of an existing user: the importer must manage them; the name and the e-mail address are updated. */
  private async updateUser(p: ParsedUserRow, user: UserEntity, fail: Fail): Promise<void> {
    const { em, user: actor, importId, at } = this.ctx;
    const home = user.organisationId ? this.byId(user.organisationId) : null;
    const held = await em.findBy(RoleAssignmentEntity, { userId: user.id });
    const rolePaths = held
      .filter((a) =>
        isRoleInForce({ validFrom: a.validFrom, validUntil: a.validUntil, revoked: a.revokedAt !== null }, this.today),
      )
      .map((a) => this.byId(a.organisationId)?.path)
      .filter((x): x is string => !!x);
    if (!canManageUser(actor.roles, { homeOrgPath: home?.path ?? null, rolePaths }))
      fail('username', `'${p.username}' có tổ chức hoặc vai trò ngoài phạm vi quản trị của người nhập`, 403);
    if (p.nationalId) {
      const member = user.memberId ? await em.findOneBy(MemberEntity, { id: user.memberId }) : null;
      if (member?.nationalId !== p.nationalId)
        fail(
          'national_id',
          member
            ? `'${p.nationalId}': tài khoản '${p.username}' đã gắn với đảng viên số CCCD khác`
            : `'${p.nationalId}': tài khoản '${p.username}' là tài khoản cán bộ; không gắn với đảng viên qua tệp nhập`,
          409,
        );
    }
    const changes: Record<string, { from: string | null; to: string }> = {};
    if (p.fullName && p.fullName !== user.fullName) changes.fullName = { from: user.fullName, to: p.fullName };
    if (p.email && p.email !== user.email) changes.email = { from: user.email, to: p.email };
    if (Object.keys(changes).length) {
      await em.update(
        UserEntity,
        { id: user.id },
        {
          ...(changes.fullName ? { fullName: p.fullName ?? user.fullName } : {}),
          ...(changes.email ? { email: p.email } : {}),
        },
      );
      await appendAudit(em, {
        eventKey: `user:${user.id}:renamed:${importId}`,
        at,
        action: 'user.updated',
        actor: { userId: actor.userId, name: actor.fullName },
        ...placeOfUser(user),
        comment: this.comment(p),
        details: { userId: user.id, username: user.username, changes, importId },
      });
      this.mark(p.username, 'updated');
    } else this.mark(p.username, 'unchanged');
  }

  /**
   * The row's grant: none yet → granted as `POST /users/:id/roles` grants (validity from today by default); one
   * already → its validity set to the file's when it differs (the latest of several; another overlapping is a 409).
   */
  private async grant(p: ParsedUserRow, user: UserEntity, org: Org, fail: Fail): Promise<void> {
    const { em, user: actor, importId, at } = this.ctx;
    const same = await em.find(RoleAssignmentEntity, {
      where: { userId: user.id, organisationId: org.id, role: p.role },
      order: { validFrom: 'ASC', grantedAt: 'ASC' },
    });
    const live = same.filter((a) => a.revokedAt === null);
    const target = live.at(-1);
    const validity = {
      validFrom: p.validFrom ?? target?.validFrom ?? this.today,
      validUntil: p.hasValidUntil || !target ? p.validUntil : target.validUntil,
    };
    if (target && target.validFrom === validity.validFrom && target.validUntil === validity.validUntil) return;
    const column = (field: string) => (field === 'validFrom' ? 'valid_from' : 'valid_until');
    const problem = checkRoleValidity(validity, this.today)[0];
    if (problem) fail(column(problem.field), problem.message);
    if (user.disabledAt)
      fail('username', `tài khoản '${user.username}' đang bị khóa; mở khóa trước khi phân quyền`, 409);
    const clash = live.find((a) => a !== target && validityOverlaps(a, validity));
    if (clash)
      fail(
        'valid_from',
        `người dùng đã giữ vai trò ${p.role} tại ${org.name} trong thời gian trùng (${clash.validFrom ?? '…'} – ${clash.validUntil ?? '…'})`,
        409,
      );
    const actorRef = { userId: actor.userId, name: actor.fullName };
    const base = { userId: user.id, username: user.username, orgId: org.id, orgName: org.name, role: p.role };
    if (!target) {
      const id = randomUUID();
      await em.insert(RoleAssignmentEntity, {
        id,
        userId: user.id,
        organisationId: org.id,
        role: p.role,
        ...validity,
        grantedAt: at,
        grantedByUserId: actor.userId,
        grantReason: this.comment(p),
      });
      await appendAudit(em, {
        eventKey: `role:${id}:granted`,
        at,
        action: 'role.granted',
        actor: actorRef,
        comment: this.comment(p),
        details: { assignmentId: id, ...base, ...validity, importId },
      });
      this.extra.rolesGranted++;
    } else {
      await em.update(RoleAssignmentEntity, { id: target.id }, validity);
      await appendAudit(em, {
        eventKey: `role:${target.id}:validity:${importId}`,
        at,
        action: 'role.validity_changed',
        actor: actorRef,
        comment: this.comment(p),
        details: {
          assignmentId: target.id,
          ...base,
          from: { validFrom: target.validFrom, validUntil: target.validUntil },
          to: validity,
          importId,
        },
      });
      this.extra.rolesChanged++;
    }
    this.mark(p.username, 'updated');
  }

  private byId(id: string): Org | undefined {
    return this.orgs.get(id);
  }
}

async function loadOrgs(em: EntityManager): Promise<Map<string, Org>> {
  const orgs = await em.find(OrganisationEntity, { select: { id: true, code: true, path: true, name: true } });
  return new Map(orgs.flatMap((o) => [[o.id, o] as [string, Org], [o.code, o] as [string, Org]]));
}

export const USERS_IMPORT: ImportKind = {
  kind: 'users',
  label: 'người dùng và phân quyền',
  columns: USER_COLUMNS,
  mayImport: (user) => user.roles.some((r) => r.role === 'administrator'),
  forbiddenMessage: 'Chỉ quản trị hệ thống được nhập người dùng và phân quyền',
  writer: async (ctx) => new UsersWriter(ctx, await loadOrgs(ctx.em)),
};
