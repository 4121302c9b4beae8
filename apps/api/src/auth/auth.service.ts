import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { requireJwtKey, type AppConfig } from '@partyflow/config';
import {
  hashPassword,
  needsRehash,
  OrganisationEntity,
  RoleAssignmentEntity,
  roleInForceSql,
  UserEntity,
  verifyAgainstDummy,
  verifyPassword,
} from '@partyflow/persistence';
import { todayLocal, type Role } from '@partyflow/domain';
import { ApiError } from '../common/api-error';
import { APP_CONFIG } from '../tokens';
import type { AuthUser } from './auth-user';
import { LoginThrottleService } from './login-throttle.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class AuthService {
  /**
   * HS256 key, the decoded JWT_SECRET; the API does not start without one (issue 11 §1). Made a KeyObject once:
   * given the bytes, jsonwebtoken builds one on every verify, 450 µs of CPU for each request (issue 13 §5: 14 µs).
   */
  private readonly jwtKey: KeyObject;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly throttle: LoginThrottleService,
  ) {
    this.jwtKey = createSecretKey(requireJwtKey(config));
  }

  /**
   * Signs in: throttled per username and per client address, locked after failures in a row (issue 11 §4); an
   * unknown username costs one scrypt like a known one; a hash at older parameters is replaced on success.
   */
  async login(
    username: string,
    password: string,
    address: string,
  ): Promise<{ accessToken: string; expiresIn: number; user: AuthUser }> {
    const name = username.trim().toLowerCase();
    await this.throttle.admit(name, address);
    const row = await this.dataSource.getRepository(UserEntity).findOneBy({ username: name });
    const matches = row
      ? await verifyPassword(password, row.passwordHash)
      : await verifyAgainstDummy(password, this.config.auth.passwordHashing);
    if (!row || !matches) {
      await this.throttle.recordFailure(name, row, address);
      throw new ApiError(401, 'INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng');
    }
    await this.throttle.recordSuccess(name);
    if (row.disabledAt) throw disabledError();
    if (needsRehash(row.passwordHash, this.config.auth.passwordHashing)) {
      const rehashed = await hashPassword(password, this.config.auth.passwordHashing);
      // Only over the hash just checked: a password an administrator set meanwhile stays.
      await this.dataSource
        .getRepository(UserEntity)
        .update({ id: row.id, passwordHash: row.passwordHash }, { passwordHash: rehashed });
    }
    const expiresIn = this.config.auth.tokenTtlSeconds;
    const accessToken = jwt.sign({ sub: row.id }, this.jwtKey, { expiresIn, algorithm: 'HS256' });
    return { accessToken, expiresIn, user: await this.loadUser(row.id) };
  }

  /**
   * Verifies a bearer token; the user and their roles are read afresh on every request, so a
   * disabled user is refused at once and a withdrawn or expired role takes effect on the next request.
   */
  async authenticate(token: string): Promise<AuthUser> {
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.jwtKey, { algorithms: ['HS256'] });
    } catch {
      throw ApiError.unauthorized('Mã đăng nhập không hợp lệ hoặc đã hết hạn');
    }
    // A token that never expires, or whose subject is no user id, is refused like a bad one (issue 11 §1).
    if (typeof payload !== 'object' || typeof payload.exp !== 'number') {
      throw ApiError.unauthorized('Mã đăng nhập không hợp lệ: thiếu thời hạn (exp)');
    }
    // Without its signing time a token could outlive a password reset.
    if (typeof payload.iat !== 'number') {
      throw ApiError.unauthorized('Mã đăng nhập không hợp lệ: thiếu thời điểm cấp (iat)');
    }
    if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) {
      throw ApiError.unauthorized('Mã đăng nhập không hợp lệ: người dùng (sub) không đúng định dạng');
    }
    return this.loadUser(payload.sub, payload.iat);
  }

  /**
   * The user and their roles in force. With `issuedAt` (a token's `iat`, whole seconds), a token signed before the
   * user's sessions were ended (a password set by an administrator) is refused.
   */
  async loadUser(userId: string, issuedAt?: number): Promise<AuthUser> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw ApiError.unauthorized();
    if (user.disabledAt) throw disabledError();
    if (issuedAt !== undefined && user.sessionsValidFrom && issuedAt * 1000 < user.sessionsValidFrom.getTime()) {
      throw new ApiError(401, 'SESSION_ENDED', 'Mật khẩu của bạn đã được đặt lại: vui lòng đăng nhập lại');
    }
    // Only the roles in force today (local date): not revoked and within their validity (issue 9 §3).
    const roles = await this.dataSource
      .getRepository(RoleAssignmentEntity)
      .createQueryBuilder('r')
      .innerJoin(OrganisationEntity, 'o', 'o.id = r.organisation_id')
      .select(['r.organisation_id AS "orgId"', 'r.role AS role', 'o.path AS "orgPath"', 'o.name AS "orgName"'])
      .where('r.user_id = :id', { id: userId })
      .andWhere(roleInForceSql('r'), { today: todayLocal(Date.now()) })
      .orderBy('o.path', 'ASC')
      .addOrderBy('r.role', 'ASC')
      .getRawMany<{ orgId: string; role: Role; orgPath: string; orgName: string }>();
    return { userId: user.id, username: user.username, fullName: user.fullName, memberId: user.memberId, roles };
  }
}

const disabledError = () =>
  new ApiError(
    401,
    'USER_DISABLED',
    'Tài khoản này đã bị khóa; mọi phiên đăng nhập của tài khoản không còn hiệu lực. Liên hệ quản trị để được mở lại',
  );
