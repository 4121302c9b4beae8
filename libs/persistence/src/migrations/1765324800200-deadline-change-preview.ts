import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 §1, a deadline change with an impact preview:
 * - `human_task.anchor_at`: the case event a `case_event` policy counts from (the cell's resolution for the
 *   decision…), as the workflow opened the task with it, so the preview re-times such a task from the read model
 *   alone. Tasks opened before this migration have none: the preview says so for each.
 * - `deadline_policy_preview`: each preview computed (its proposed terms and what it found), which a change names as
 *   the preview it was based on; kept for the audit.
 * - `deadline_policy_pin`: a running case that keeps the terms of a step it had when a change was applied to new
 *   cases only (or to chosen cases without it): the activities time its tasks of the step by the pin.
 */
export class DeadlineChangePreview1765324800200 implements MigrationInterface {
  name = 'DeadlineChangePreview1765324800200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE human_task ADD COLUMN anchor_at timestamptz NULL`);
    await q.query(`
      CREATE TABLE deadline_policy_preview (
        id uuid NOT NULL,
        process text NOT NULL,
        step text NOT NULL,
        organisation_id uuid NULL,
        policy_version integer NOT NULL,
        proposed jsonb NOT NULL,
        summary jsonb NOT NULL,
        computed_at timestamptz NOT NULL,
        computed_by text NOT NULL,
        CONSTRAINT pk_deadline_policy_preview PRIMARY KEY (id),
        CONSTRAINT deadline_policy_preview_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id)
      )`);
    await q.query(`
      CREATE TABLE deadline_policy_pin (
        case_id uuid NOT NULL,
        process text NOT NULL,
        step text NOT NULL,
        policy_version integer NOT NULL,
        policy_org_id uuid NULL,
        terms jsonb NOT NULL,
        operation_id text NOT NULL,
        pinned_at timestamptz NOT NULL,
        CONSTRAINT pk_deadline_policy_pin PRIMARY KEY (case_id, process, step)
      )`);
    await q.query(`CREATE INDEX ix_deadline_policy_pin_step ON deadline_policy_pin (process, step)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deadline_policy_pin`);
    await q.query(`DROP TABLE deadline_policy_preview`);
    await q.query(`ALTER TABLE human_task DROP COLUMN anchor_at`);
  }
}
