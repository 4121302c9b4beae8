import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Activity records (attendance, dues, transfers, discipline, residence comments), manual screening
 * flags, screening cases and detection runs (issue: the 4-step screening procedure, 02-HD/BTCTƯ).
 */
export class ActivityRecordsAndScreening1764201600000 implements MigrationInterface {
  name = 'ActivityRecordsAndScreening1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_attendance (
        member_id uuid NOT NULL REFERENCES member(id),
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        status text NOT NULL CHECK (status IN ('present','absent_with_reason','absent_without_reason')),
        reason text NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (member_id, month)
      );
      CREATE INDEX ix_meeting_attendance_org_month ON meeting_attendance (organisation_id, month);

      CREATE TABLE dues_payment (
        member_id uuid NOT NULL REFERENCES member(id),
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        amount_vnd int NOT NULL CHECK (amount_vnd >= 0),
        paid_on date NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (member_id, month)
      );

      CREATE TABLE party_transfer (
        id uuid PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member(id),
        kind text NOT NULL CHECK (kind IN ('official','temporary')),
        from_org_id uuid NOT NULL REFERENCES organisation(id),
        to_org_id uuid NOT NULL REFERENCES organisation(id),
        issued_on date NOT NULL,
        present_by date NOT NULL,
        presented_on date NULL,
        period_months int NULL CHECK (period_months IS NULL OR period_months > 0),
        return_due date NULL,
        returned_on date NULL,
        status text NOT NULL CHECK (status IN ('issued','presented','returned','cancelled')),
        workflow_id text NULL UNIQUE,
        issued_by text NOT NULL,
        note text NULL,
        CHECK ((kind = 'temporary') = (period_months IS NOT NULL))
      );
      CREATE INDEX ix_party_transfer_member ON party_transfer (member_id, issued_on);
      CREATE INDEX ix_party_transfer_open ON party_transfer (status, present_by);

      CREATE TABLE discipline_record (
        id uuid PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member(id),
        form text NOT NULL CHECK (form IN ('reprimand','warning','dismissal','expulsion','state_salary_reduction','state_demotion','state_dismissal')),
        decided_on date NOT NULL,
        ends_on date NULL,
        authority text NOT NULL,
        reason text NOT NULL,
        recorded_by text NOT NULL,
        CHECK (ends_on IS NULL OR ends_on >= decided_on)
      );
      CREATE INDEX ix_discipline_record_member ON discipline_record (member_id, decided_on);

      CREATE TABLE residence_comment (
        member_id uuid NOT NULL REFERENCES member(id),
        year int NOT NULL,
        residence_org_id uuid NOT NULL REFERENCES organisation(id),
        assessment text NOT NULL CHECK (assessment IN ('exemplary','fulfilled','not_fulfilled')),
        comment text NOT NULL,
        given_by text NOT NULL,
        PRIMARY KEY (member_id, year)
      );

      CREATE TABLE screening_flag (
        id uuid PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member(id),
        criterion text NOT NULL,
        evidence text NOT NULL,
        raised_by_user_id uuid NOT NULL REFERENCES app_user(id),
        raised_by_name text NOT NULL,
        raised_at timestamptz NOT NULL
      );
      CREATE INDEX ix_screening_flag_member ON screening_flag (member_id);

      CREATE TABLE screening_case (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        member_id uuid NOT NULL REFERENCES member(id),
        cell_org_id uuid NOT NULL REFERENCES organisation(id),
        org_path text NOT NULL,
        ground text NOT NULL,
        evidence jsonb NOT NULL,
        source text NOT NULL CHECK (source IN ('detection','manual_flag','transfer')),
        status text NOT NULL CHECK (status IN ('in_progress','dismissed','improved','removed','kept')),
        current_step text NULL,
        removal_form text NULL CHECK (removal_form IS NULL OR removal_form IN ('strike_off','expel','release')),
        end_reason text NULL,
        started_at timestamptz NOT NULL,
        started_by text NOT NULL,
        ended_at timestamptz NULL
      );
      -- Never a second open case for the same member and ground.
      CREATE UNIQUE INDEX ux_screening_case_open ON screening_case (member_id, ground) WHERE status = 'in_progress';
      CREATE INDEX ix_screening_case_org_path ON screening_case (org_path text_pattern_ops, status);

      CREATE TABLE screening_progress_note (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES screening_case(id),
        month date NOT NULL,
        note text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        UNIQUE (case_id, month)
      );

      CREATE TABLE detection_run (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        trigger text NOT NULL CHECK (trigger IN ('on_demand','schedule')),
        as_of date NOT NULL,
        status text NOT NULL CHECK (status IN ('running','completed','failed')),
        total_members int NOT NULL DEFAULT 0,
        processed_members int NOT NULL DEFAULT 0,
        findings int NOT NULL DEFAULT 0,
        cases_opened int NOT NULL DEFAULT 0,
        duplicates_skipped int NOT NULL DEFAULT 0,
        started_by text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE detection_run; DROP TABLE screening_progress_note; DROP TABLE screening_case; DROP TABLE screening_flag;
      DROP TABLE residence_comment; DROP TABLE discipline_record; DROP TABLE party_transfer; DROP TABLE dues_payment;
      DROP TABLE meeting_attendance;
    `);
  }
}
