import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 §2: deadline policies become national defaults (deadline_policy) with overrides per organisation that
 * apply to its subtree. A cleared override keeps its row (cleared_at) and its version, one sequence per step across
 * every layer. A task records which layer timed it (policy_org_id, null for the national default, with its
 * policy_version); an operation records the scope it re-timed (organisation_id, null for the national default).
 */
export class DeadlinePolicyOverrides1764806400400 implements MigrationInterface {
  name = 'DeadlinePolicyOverrides1764806400400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deadline_policy_override (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL CONSTRAINT deadline_policy_override_organisation_id_fkey REFERENCES organisation(id),
        process text NOT NULL,
        step text NOT NULL,
        due_amount int NOT NULL CONSTRAINT deadline_policy_override_due_amount_check CHECK (due_amount >= 0),
        due_unit text NOT NULL,
        remind_amount int NOT NULL CONSTRAINT deadline_policy_override_remind_amount_check CHECK (remind_amount >= 0),
        remind_unit text NOT NULL,
        escalate_amount int NOT NULL CONSTRAINT deadline_policy_override_escalate_amount_check CHECK (escalate_amount > 0),
        escalate_unit text NOT NULL,
        max_escalation_level int NOT NULL
          CONSTRAINT deadline_policy_override_max_escalation_level_check CHECK (max_escalation_level >= 0),
        source text NOT NULL,
        version int NOT NULL,
        cleared_at timestamptz NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NULL,
        CONSTRAINT ux_deadline_policy_override_org_step UNIQUE (organisation_id, process, step)
      );
      CREATE INDEX ix_deadline_policy_override_step ON deadline_policy_override (process, step);
      ALTER TABLE human_task ADD COLUMN policy_org_id uuid NULL;
      ALTER TABLE deadline_policy_operation ADD COLUMN organisation_id uuid NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE deadline_policy_operation DROP COLUMN organisation_id;
      ALTER TABLE human_task DROP COLUMN policy_org_id;
      DROP TABLE deadline_policy_override;
    `);
  }
}
