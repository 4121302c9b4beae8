import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A password set by an administrator ends the user's sessions (issue 11 §1, noted in issue 9 §3): the tokens signed
 * before `sessions_valid_from` (their `iat`, whole seconds) are refused by the next request. NULL: none ended.
 */
export class SessionsValidFrom1764806400500 implements MigrationInterface {
  name = 'SessionsValidFrom1764806400500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN sessions_valid_from timestamptz NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN sessions_valid_from`);
  }
}
