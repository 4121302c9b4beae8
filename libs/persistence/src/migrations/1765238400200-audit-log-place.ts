import type { MigrationInterface, QueryRunner } from 'typeorm';

const UUID_TEXT = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

/**
 * Issue 13 §2, the audit log at scale: each row is read under an organisation's path (issue 9 §7), which the API
 * resolved for every row it read, through ten joins (the organisation named, else the case's, else the task's, else
 * one named in the details). Counting a district's entries among 1.5 million rows took 2.3 s (bench:scale): every
 * case and task table was hashed whole.
 *
 * The organisation a row concerns is now stored with it, in `scope_org_id`, by a BEFORE INSERT trigger, whoever
 * writes the row. An organisation id, not a path: the path is read from the tree, so it follows a move of the
 * organisation and the row itself never changes (audit_log stays append-only; the rows written before are placed
 * here, the append-only trigger held off inside this one transaction). A row is left unplaced (NULL) where its write
 * cannot settle its place for good: a case or a task the case tables do not hold yet, or a task's, which follows the
 * task's reassignment. The API resolves those rows when read, as before (audit-log.service.ts).
 */
export class AuditLogPlace1765238400200 implements MigrationInterface {
  name = 'AuditLogPlace1765238400200';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.startTransaction();
    try {
      await q.query(`ALTER TABLE audit_log ADD COLUMN scope_org_id uuid NULL`);
      // The organisation an `orgId` (or `organisationId`) of the details names, as its id is written: no cast of a
      // text that is not a UUID, and an index lookup, not a comparison of every organisation's id as text.
      await q.query(`
        CREATE FUNCTION audit_log_details_org(details jsonb) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN CASE WHEN coalesce(details->>'orgId', details->>'organisationId') ~ ${UUID_TEXT}
                    THEN coalesce(details->>'orgId', details->>'organisationId')::uuid END`);
      await q.query(`
        CREATE FUNCTION audit_log_place(p_org uuid, p_case uuid, p_task uuid, p_details jsonb) RETURNS uuid
        LANGUAGE sql STABLE PARALLEL SAFE
        RETURN coalesce(
          (SELECT o.id FROM organisation o WHERE o.id = p_org),
          CASE WHEN p_case IS NOT NULL THEN coalesce(
            (SELECT c.cell_org_id FROM admission_case c WHERE c.id = p_case),
            (SELECT c.cell_org_id FROM screening_case c WHERE c.id = p_case),
            (SELECT c.cell_org_id FROM cell_inspection c WHERE c.id = p_case),
            (SELECT ip.inspecting_org_id FROM inspection_round ir
               JOIN inspection_programme ip ON ip.id = ir.programme_id WHERE ir.id = p_case),
            (SELECT pt.from_org_id FROM party_transfer pt WHERE pt.id = p_case)) END,
          CASE WHEN p_case IS NULL AND p_task IS NULL THEN
            (SELECT o.id FROM organisation o WHERE o.id = audit_log_details_org(p_details)) END)`);
      await q.query(`
        CREATE FUNCTION audit_log_set_place() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.scope_org_id := audit_log_place(NEW.org_id, NEW.case_id, NEW.task_id, NEW.details);
          RETURN NEW;
        END $$`);
      await q.query(`
        CREATE TRIGGER tr_audit_log_place BEFORE INSERT ON audit_log
          FOR EACH ROW EXECUTE FUNCTION audit_log_set_place()`);
      await q.query(`ALTER TABLE audit_log DISABLE TRIGGER tr_audit_log_append_only`);
      await q.query(`UPDATE audit_log SET scope_org_id = audit_log_place(org_id, case_id, task_id, details)`);
      await q.query(`ALTER TABLE audit_log ENABLE TRIGGER tr_audit_log_append_only`);
      await q.commitTransaction();
    } catch (e) {
      await q.rollbackTransaction();
      throw e;
    }
    await q.query(`CREATE INDEX CONCURRENTLY ix_audit_log_scope_org_at ON audit_log (scope_org_id, at)`);
    // The list's order (newest first, then the id) on both halves, so that a page of a wide subtree walks the rows
    // in that order and stops after pageSize + 1, merging the two, instead of sorting every row of the subtree.
    await q.query(`CREATE INDEX CONCURRENTLY ix_audit_log_at_id ON audit_log (at, id)`);
    await q.query(`DROP INDEX CONCURRENTLY ix_audit_log_at`);
    await q.query(
      `CREATE INDEX CONCURRENTLY ix_audit_log_unplaced_at_id ON audit_log (at, id) WHERE scope_org_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY ix_audit_log_unplaced_at_id`);
    await q.query(`CREATE INDEX CONCURRENTLY ix_audit_log_at ON audit_log (at)`);
    await q.query(`DROP INDEX CONCURRENTLY ix_audit_log_at_id`);
    await q.query(`DROP INDEX CONCURRENTLY ix_audit_log_scope_org_at`);
    await q.query(`DROP TRIGGER tr_audit_log_place ON audit_log`);
    await q.query(`DROP FUNCTION audit_log_set_place()`);
    await q.query(`DROP FUNCTION audit_log_place(uuid, uuid, uuid, jsonb)`);
    await q.query(`DROP FUNCTION audit_log_details_org(jsonb)`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN scope_org_id`);
  }
}
