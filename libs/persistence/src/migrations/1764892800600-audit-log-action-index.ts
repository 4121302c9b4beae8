import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 §4: the reminder and escalation gauges of /metrics count the audit log's `task.reminded` and
 * `task.escalated` rows by process at every scrape; this index lets PostgreSQL count them from the index alone,
 * whatever the size of the rest of the log.
 */
export class AuditLogActionIndex1764892800600 implements MigrationInterface {
  name = 'AuditLogActionIndex1764892800600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_audit_log_action_process ON audit_log (action, process)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_audit_log_action_process`);
  }
}
