import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 §4: the progress and outcome of each spreadsheet import, written as the import runs from outside its data
 * transaction (so pollers see it while that transaction is open) and kept after an API restart. An import left
 * queued, counting or running by a process that died is marked failed (IMPORT_INTERRUPTED) when the API starts.
 */
export class Imports1764720000100 implements MigrationInterface {
  name = 'Imports1764720000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        format text NOT NULL CHECK (format IN ('csv','xlsx')),
        status text NOT NULL CHECK (status IN ('queued','counting','running','succeeded','failed')),
        rows_total int NULL,
        rows_done int NOT NULL DEFAULT 0,
        user_id uuid NOT NULL CONSTRAINT imports_user_id_fkey REFERENCES app_user(id),
        started_at timestamptz NOT NULL,
        finished_at timestamptz NULL,
        outcome jsonb NULL,
        error_status int NULL,
        error jsonb NULL
      )`);
    await q.query(`CREATE INDEX ix_imports_user_started ON imports (user_id, started_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE imports`);
  }
}
