import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@partyflow/config';
import {
  OrganisationEntity,
  RoleAssignmentEntity,
  roleInForceSql,
  UserEntity,
  verifyPassword,
} from '@partyflow/persistence';
import { todayLocal, type Role } from '@partyflow/domain';
import { ApiError } from '../common/api-error';
import { APP_CONFIG } from '../tokens';
import type { AuthUser } from './auth-user';

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<{ accessToken: string; expiresIn: number; user: AuthUser }> {
    const row = await this.dataSource.getRepository(UserEntity).findOneBy({ username: username.trim().toLowerCase() });
    if (!row || !(await verifyPassword(password, row.passwordHash))) {
      throw new ApiError(401, 'INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng');
    }
    if (row.disabledAt) throw disabledError();
    const expiresIn = this.config.auth.tokenTtlSeconds;
    const accessToken = jwt.sign({ sub: row.id }, this.config.auth.jwtSecret, { expiresIn, algorithm: 'HS256' });
    return { accessToken, expiresIn, user: await this.loadUser(row.id) };
  }

  /**
   * Verifies a bearer token; the user and their roles are read afresh on every request, so a
   * disabled user is refused at once and a withdrawn or expired role takes effect on the next request.
   */
  async authenticate(token: string): Promise<AuthUser> {
    let sub: string;
    try {
      const payload = jwt.verify(token, this.config.auth.jwtSecret, { algorithms: ['HS256'] }) as { sub?: string };
      if (!payload.sub) throw new Error('no subject');
      sub = payload.sub;
    } catch {
      throw ApiError.unauthorized('Mã đăng nhập không hợp lệ hoặc đã hết hạn');
    }
    return this.loadUser(sub);
  }

  async loadUser(userId: string): Promise<AuthUser> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw ApiError.unauthorized();
    if (user.disabledAt) throw disabledError();
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
