import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 §5. A holiday row is a day of a year's published decision: a day off (`holiday`) or a weekend day
 * worked to make up for a bridge day (`working_day`), with the decision it comes from and who changed it last.
 * Existing rows (the 2025–2027 seed) are days off.
 */
export class HolidayCalendar1764633600200 implements MigrationInterface {
  name = 'HolidayCalendar1764633600200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE holiday
        ADD COLUMN kind text NOT NULL DEFAULT 'holiday',
        ADD COLUMN decision text,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_by text,
        ADD CONSTRAINT holiday_kind_check CHECK (kind = ANY (ARRAY['holiday'::text, 'working_day'::text]))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM holiday WHERE kind = 'working_day'`);
    await q.query(`
      ALTER TABLE holiday
        DROP CONSTRAINT holiday_kind_check,
        DROP COLUMN kind,
        DROP COLUMN decision,
        DROP COLUMN updated_at,
        DROP COLUMN updated_by`);
  }
}
