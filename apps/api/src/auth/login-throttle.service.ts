import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { appendAudit, SYSTEM_ACTOR } from '@partyflow/audit';
import type { AppConfig } from '@partyflow/config';
import {
  afterLoginFailure,
  afterLoginSuccess,
  countLoginAttempt,
  loginRefusal,
  type LoginCounter,
  type LoginRefusal,
} from '@partyflow/domain';
import { LoginThrottleEntity } from '@partyflow/persistence';
import { ApiError } from '../common/api-error';
import { APP_CONFIG } from '../tokens';

/** Rows untouched this long (and not locked) are deleted by the next login. */
const KEEP_MS = 24 * 3600 * 1000;

const keyOf = (kind: 'account' | 'address', value: string): string =>
  createHash('sha256').update(`${kind}:${value}`).digest('hex');

const waitText = (seconds: number): string => (seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`);

/**
 * The per-username and per-address limits of POST /auth/login and the lockout after failures in a row (issue 11
 * §4; the rules are libs/domain login-throttle.rules.ts). The counters are rows of `login_throttle` updated under
 * a row lock, so every API instance on the database counts the same attempts.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts this attempt for the username and the address; throws 429 (with Retry-After) when it is refused. */
  async admit(username: string, address: string): Promise<void> {
    const limits = this.config.auth.login;
    const now = Date.now();
    await this.dataSource.getRepository(LoginThrottleEntity).delete({
      updatedAt: LessThan(new Date(now - Math.max(KEEP_MS, limits.windowSeconds * 1000, limits.lockoutSeconds * 1000))),
    });
    const refusal = await this.dataSource.transaction(async (em) => {
      // Always the username's row first, then the address's: two logins never wait for each other in a cycle.
      const account = await this.update(em, keyOf('account', username), now, (c) =>
        countLoginAttempt(c, now, limits.windowSeconds),
      );
      const byAddress = await this.update(em, keyOf('address', address), now, (c) =>
        countLoginAttempt(c, now, limits.windowSeconds),
      );
      return loginRefusal(account, byAddress, limits, now);
    });
    if (refusal) throw this.refusalError(refusal);
  }

  /** A wrong password (or an unknown username): one more failure in a row; the Nth locks it, audited. */
  async recordFailure(
    username: string,
    user: { id: string; organisationId: string | null } | null,
    address: string,
  ): Promise<void> {
    const limits = this.config.auth.login;
    const now = Date.now();
    await this.dataSource.transaction(async (em) => {
      let locked = false;
      const key = keyOf('account', username);
      const counter = await this.update(em, key, now, (c) => {
        const next = afterLoginFailure(c, limits, now);
        locked = next.locked;
        return next.counter;
      });
      if (!locked) return;
      const until = new Date(counter.lockedUntil as number);
      await appendAudit(em, {
        eventKey: `auth:lockout:${key}:${until.getTime()}`,
        at: new Date(now),
        action: 'auth.account_locked',
        actor: SYSTEM_ACTOR,
        comment:
          `Tạm khóa tên đăng nhập '${username}' đến ${until.toISOString()} sau ${limits.lockoutFailures} lần ` +
          'đăng nhập sai liên tiếp',
        details: {
          username,
          userId: user?.id ?? null,
          failures: limits.lockoutFailures,
          lockedUntil: until.toISOString(),
          address,
        },
        ...(user?.organisationId ? { orgId: user.organisationId } : {}),
      });
    });
  }

  /** A successful login clears the username's failures and lockout. */
  async recordSuccess(username: string): Promise<void> {
    const now = Date.now();
    await this.dataSource.transaction((em) => this.update(em, keyOf('account', username), now, afterLoginSuccess));
  }

  /** Reads the counter under a row lock (a new one has no attempts yet), writes `change(counter)`, returns it. */
  private async update(
    em: EntityManager,
    key: string,
    now: number,
    change: (counter: LoginCounter) => LoginCounter,
  ): Promise<LoginCounter> {
    const repo = em.getRepository(LoginThrottleEntity);
    // Two first attempts at once: one inserts, the other waits for its row lock below and counts after it.
    await repo
      .createQueryBuilder()
      .insert()
      .values({
        key,
        windowStartedAt: new Date(now),
        attempts: 0,
        failures: 0,
        lockedUntil: null,
        updatedAt: new Date(now),
      })
      .orIgnore()
      .execute();
    const row = await repo.findOneOrFail({ where: { key }, lock: { mode: 'pessimistic_write' } });
    const next = change({
      windowStartedAt: row.windowStartedAt.getTime(),
      attempts: row.attempts,
      failures: row.failures,
      lockedUntil: row.lockedUntil?.getTime() ?? null,
    });
    await repo.update(
      { key },
      {
        windowStartedAt: new Date(next.windowStartedAt),
        attempts: next.attempts,
        failures: next.failures,
        lockedUntil: next.lockedUntil === null ? null : new Date(next.lockedUntil),
        updatedAt: new Date(now),
      },
    );
    return next;
  }

  private refusalError({ reason, retryAfterSeconds }: LoginRefusal): ApiError {
    const wait = waitText(retryAfterSeconds);
    if (reason === 'locked') {
      return ApiError.tooManyRequests(
        'ACCOUNT_LOCKED',
        `Tài khoản tạm thời bị khóa vì đăng nhập sai ${this.config.auth.login.lockoutFailures} lần liên tiếp; ` +
          `thử lại sau ${wait}`,
        retryAfterSeconds,
        'username',
      );
    }
    return reason === 'account'
      ? ApiError.tooManyRequests(
          'TOO_MANY_REQUESTS',
          `Quá nhiều lần đăng nhập vào tài khoản này; thử lại sau ${wait}`,
          retryAfterSeconds,
          'username',
        )
      : ApiError.tooManyRequests(
          'TOO_MANY_REQUESTS',
          `Quá nhiều lần đăng nhập từ địa chỉ này; thử lại sau ${wait}`,
          retryAfterSeconds,
        );
  }
}
