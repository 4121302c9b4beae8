import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Six-monthly inspection of cells (DOMAIN.md §4, [seed:000][seed:004]): programmes (one Temporal
 * Schedule each), rounds, one inspection per cell, a finding per checklist item, remediation tasks.
 */
export class Inspections1764288000000 implements MigrationInterface {
  name = 'Inspections1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inspection_programme (
        id uuid PRIMARY KEY,
        inspecting_org_id uuid NOT NULL REFERENCES organisation(id),
        scope text NOT NULL CHECK (scope IN ('superior_of_grassroots','grassroots_own_cells')),
        interval_months int NOT NULL CHECK (interval_months IN (1,2,3,4,6,12)),
        max_remediation_attempts int NOT NULL DEFAULT 3 CHECK (max_remediation_attempts > 0),
        schedule_id text NOT NULL UNIQUE,
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      -- One programme per inspecting organisation and scope.
      CREATE UNIQUE INDEX ux_inspection_programme_org_scope ON inspection_programme (inspecting_org_id, scope);

      CREATE TABLE inspection_round (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES inspection_programme(id),
        workflow_id text NOT NULL UNIQUE,
        started_on date NOT NULL,
        review_from date NOT NULL,
        review_to date NOT NULL,
        ends_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('inspecting','remediating','closed')),
        started_at timestamptz NOT NULL,
        announced_at timestamptz NULL,
        closed_at timestamptz NULL,
        CHECK (review_from < review_to AND review_to < ends_on)
      );
      CREATE INDEX ix_inspection_round_programme_started ON inspection_round (programme_id, started_at);

      CREATE TABLE cell_inspection (
        id uuid PRIMARY KEY,
        round_id uuid NOT NULL REFERENCES inspection_round(id),
        cell_org_id uuid NOT NULL REFERENCES organisation(id),
        org_path text NOT NULL,
        workflow_id text NOT NULL UNIQUE,
        team_user_ids uuid[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('assigning','checking','checked','remediating','closed')),
        checked_at timestamptz NULL,
        closed_at timestamptz NULL
      );
      CREATE UNIQUE INDEX ux_cell_inspection_round_cell ON cell_inspection (round_id, cell_org_id);
      CREATE INDEX ix_cell_inspection_cell ON cell_inspection (cell_org_id);

      CREATE TABLE inspection_finding (
        id uuid PRIMARY KEY,
        inspection_id uuid NOT NULL REFERENCES cell_inspection(id),
        item text NOT NULL,
        result text NULL CHECK (result IS NULL OR result IN ('met','shortcoming','not_applicable')),
        prefilled_value text NULL,
        prefilled_result text NULL CHECK (prefilled_result IS NULL OR prefilled_result IN ('met','shortcoming','not_applicable')),
        prefill_source text NULL,
        carried_from_remediation_id uuid NULL,
        note text NULL,
        confirmed_by_user_id uuid NULL,
        confirmed_by_name text NULL,
        confirmed_at timestamptz NULL
      );
      CREATE UNIQUE INDEX ux_inspection_finding_item ON inspection_finding (inspection_id, item);

      CREATE TABLE remediation (
        id uuid PRIMARY KEY,
        finding_id uuid NOT NULL UNIQUE REFERENCES inspection_finding(id),
        cell_org_id uuid NOT NULL REFERENCES organisation(id),
        item text NOT NULL,
        status text NOT NULL CHECK (status IN ('open','overdue','fixed','verified','carried_over')),
        attempts int NOT NULL DEFAULT 0,
        escalated boolean NOT NULL DEFAULT false,
        carried_from_remediation_id uuid NULL REFERENCES remediation(id),
        action_taken text NULL,
        fixed_at timestamptz NULL,
        verified_by_name text NULL,
        verified_at timestamptz NULL,
        carried_over_at timestamptz NULL,
        opened_at timestamptz NOT NULL
      );
      CREATE INDEX ix_remediation_cell_status ON remediation (cell_org_id, status);
      ALTER TABLE inspection_finding ADD CONSTRAINT fk_inspection_finding_carried FOREIGN KEY (carried_from_remediation_id) REFERENCES remediation(id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE inspection_finding DROP CONSTRAINT fk_inspection_finding_carried;
      DROP TABLE remediation; DROP TABLE inspection_finding; DROP TABLE cell_inspection; DROP TABLE inspection_round; DROP TABLE inspection_programme;
    `);
  }
}
