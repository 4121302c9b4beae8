import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 §4: the login attempts of each username and each client address in the current window, a username's
 * failures in a row and its lockout. In PostgreSQL, not in an API's memory, so every API instance behind the
 * proxy counts the same attempts. `key` is a SHA-256 of 'account:<username>' or 'address:<ip>' (no personal
 * data, bounded length); rows not touched for a day are deleted by the next login.
 */
export class LoginThrottle1764806400100 implements MigrationInterface {
  name = 'LoginThrottle1764806400100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        window_started_at timestamptz NOT NULL,
        attempts int NOT NULL,
        failures int NOT NULL DEFAULT 0,
        locked_until timestamptz NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_login_throttle_updated ON login_throttle (updated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
  }
}
