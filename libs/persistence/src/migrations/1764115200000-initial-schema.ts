import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisation tree, people and roles, deadline policies, the task inbox, the audit log, admission cases. */
export class InitialSchema1764115200000 implements MigrationInterface {
  name = 'InitialSchema1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('provincial_committee','district_committee','grassroots_committee','cell')),
        parent_id uuid NULL REFERENCES organisation(id),
        path text NOT NULL,
        depth int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_organisation_parent ON organisation (parent_id);
      CREATE INDEX ix_organisation_path ON organisation (path text_pattern_ops);

      CREATE TABLE member (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        full_name text NOT NULL,
        birth_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('candidate','probationary','official','exempt','removed')),
        education_level text NULL,
        course_certificate_issued_on date NULL,
        residence_org_id uuid NULL REFERENCES organisation(id),
        mass_organisations jsonb NOT NULL DEFAULT '[]',
        special_cases text[] NOT NULL DEFAULT '{}',
        joined_on date NULL,
        official_since date NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_member_org_status ON member (organisation_id, status);

      CREATE TABLE member_grading (
        member_id uuid NOT NULL REFERENCES member(id),
        year int NOT NULL,
        grading text NOT NULL CHECK (grading IN ('excellent','good','completed','not_completed')),
        award boolean NOT NULL DEFAULT false,
        PRIMARY KEY (member_id, year)
      );

      CREATE TABLE app_user (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        full_name text NOT NULL,
        member_id uuid NULL REFERENCES member(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE role_assignment (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id),
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        role text NOT NULL
      );
      CREATE UNIQUE INDEX ux_role_assignment ON role_assignment (user_id, organisation_id, role);
      CREATE INDEX ix_role_assignment_org_role ON role_assignment (organisation_id, role);

      CREATE TABLE deadline_policy (
        id uuid PRIMARY KEY,
        process text NOT NULL,
        step text NOT NULL,
        due_amount int NOT NULL CHECK (due_amount >= 0),
        due_unit text NOT NULL,
        remind_amount int NOT NULL CHECK (remind_amount >= 0),
        remind_unit text NOT NULL,
        escalate_amount int NOT NULL CHECK (escalate_amount > 0),
        escalate_unit text NOT NULL,
        max_escalation_level int NOT NULL CHECK (max_escalation_level >= 0),
        anchor text NOT NULL CHECK (anchor IN ('task_opened','case_event')),
        source text NOT NULL,
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NULL
      );
      CREATE UNIQUE INDEX ux_deadline_policy_step ON deadline_policy (process, step);

      CREATE TABLE holiday (date date PRIMARY KEY, name text NOT NULL);

      CREATE TABLE human_task (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL,
        process text NOT NULL,
        step text NOT NULL,
        task_key text NOT NULL,
        case_id uuid NOT NULL,
        title text NOT NULL,
        assignee_org_id uuid NOT NULL REFERENCES organisation(id),
        assignee_role text NULL,
        assignee_member_id uuid NULL REFERENCES member(id),
        org_path text NOT NULL,
        status text NOT NULL CHECK (status IN ('open','overdue','completed','cancelled')),
        allowed_outcomes text[] NOT NULL,
        opened_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        remind_at timestamptz NULL,
        reminded_at timestamptz NULL,
        escalation_level int NOT NULL DEFAULT 0,
        policy_version int NOT NULL,
        outcome text NULL,
        comment text NULL,
        data jsonb NULL,
        completed_by_user_id uuid NULL,
        completed_by_name text NULL,
        completed_at timestamptz NULL
      );
      CREATE UNIQUE INDEX ux_human_task_workflow_key ON human_task (workflow_id, task_key);
      CREATE INDEX ix_human_task_assignee ON human_task (assignee_org_id, assignee_role, status);
      CREATE INDEX ix_human_task_org_path_status_due ON human_task (org_path text_pattern_ops, status, due_at);
      CREATE INDEX ix_human_task_case ON human_task (case_id);

      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        event_key text NOT NULL,
        action text NOT NULL,
        actor_user_id uuid NULL,
        actor_name text NOT NULL,
        process text NULL,
        case_id uuid NULL,
        task_id uuid NULL,
        step text NULL,
        outcome text NULL,
        comment text NULL,
        details jsonb NULL
      );
      CREATE UNIQUE INDEX ux_audit_log_event_key ON audit_log (event_key);
      CREATE INDEX ix_audit_log_case_at ON audit_log (case_id, at);
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
      CREATE TRIGGER tr_audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

      CREATE TABLE notification (
        id bigserial PRIMARY KEY,
        notification_key text NOT NULL,
        created_at timestamptz NOT NULL,
        kind text NOT NULL,
        recipient_org_id uuid NOT NULL REFERENCES organisation(id),
        recipient_role text NULL,
        recipient_member_id uuid NULL,
        task_id uuid NULL,
        message text NOT NULL
      );
      CREATE UNIQUE INDEX ux_notification_key ON notification (notification_key);
      CREATE INDEX ix_notification_recipient ON notification (recipient_org_id, recipient_role, created_at);

      CREATE TABLE admission_case (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        candidate_member_id uuid NOT NULL REFERENCES member(id),
        cell_org_id uuid NOT NULL REFERENCES organisation(id),
        grassroots_org_id uuid NOT NULL REFERENCES organisation(id),
        org_path text NOT NULL,
        status text NOT NULL CHECK (status IN ('in_progress','probationary','official','rejected','not_recognised')),
        current_step text NULL,
        end_step text NULL,
        end_reason text NULL,
        started_at timestamptz NOT NULL,
        started_by text NOT NULL,
        ended_at timestamptz NULL,
        decided_on date NULL,
        ceremony_on date NULL,
        official_on date NULL
      );
      CREATE INDEX ix_admission_case_cell ON admission_case (cell_org_id, status);
      CREATE UNIQUE INDEX ux_admission_case_open_candidate ON admission_case (candidate_member_id)
        WHERE status = 'in_progress';

      CREATE TABLE delegation_grant (
        id uuid PRIMARY KEY,
        grantor_org_id uuid NOT NULL REFERENCES organisation(id),
        grantee_org_id uuid NOT NULL REFERENCES organisation(id),
        power text NOT NULL CHECK (power IN ('admission','expulsion')),
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NULL,
        revoked_at timestamptz NULL,
        reason text NOT NULL
      );
      CREATE INDEX ix_delegation_grantee_power ON delegation_grant (grantee_org_id, power);

      CREATE TABLE criteria_set (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        name text NOT NULL,
        definition jsonb NOT NULL,
        active boolean NOT NULL DEFAULT true
      );
      CREATE INDEX ix_criteria_set_org ON criteria_set (organisation_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE criteria_set; DROP TABLE delegation_grant; DROP TABLE admission_case;
      DROP TABLE notification; DROP TRIGGER tr_audit_log_append_only ON audit_log; DROP TABLE audit_log;
      DROP FUNCTION audit_log_append_only(); DROP TABLE human_task; DROP TABLE holiday;
      DROP TABLE deadline_policy; DROP TABLE role_assignment; DROP TABLE app_user;
      DROP TABLE member_grading; DROP TABLE member; DROP TABLE organisation;
    `);
  }
}
