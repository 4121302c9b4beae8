import type { MigrationInterface, QueryRunner } from 'typeorm';

const UUID_TEXT = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

/**
 * The actions whose rows were written without their organisation until the API named it (issue 9 §7), each with the
 * key of its details that leads to it and the organisation that key names now: an account's home organisation, a
 * member's cell, a criteria set's organisation, a transfer's sending organisation, a detection run's organisation.
 */
const SOURCES = [
  {
    actions: ['user.password_set', 'user.disabled', 'user.enabled', 'user.mail_set', 'user.updated'],
    key: 'userId',
    place: (id: string) => `(SELECT u.organisation_id FROM app_user u WHERE u.id = ${id})`,
  },
  {
    actions: ['member.registered', 'member.updated', 'member.status_changed', 'records.recorded'],
    key: 'memberId',
    place: (id: string) => `(SELECT m.organisation_id FROM member m WHERE m.id = ${id})`,
  },
  {
    actions: ['criteria_set.adopted', 'criteria_set.edited', 'criteria_set.retired'],
    key: 'criteriaSetId',
    place: (id: string) => `(SELECT s.organisation_id FROM criteria_set s WHERE s.id = ${id})`,
  },
  {
    actions: ['transfer.issued', 'transfer.start_failed'],
    key: 'transferId',
    place: (id: string) => `(SELECT t.from_org_id FROM party_transfer t WHERE t.id = ${id})`,
  },
  {
    actions: ['detection.completed'],
    key: 'runId',
    place: (id: string) => `(SELECT r.organisation_id FROM detection_run r WHERE r.id = ${id})`,
  },
] as const;

/** Runs `change` in one transaction of its own with audit_log's append-only trigger held off, and only there. */
async function appendOnlyHeldOff(q: QueryRunner, change: () => Promise<void>): Promise<void> {
  await q.startTransaction();
  try {
    await q.query(`ALTER TABLE audit_log DISABLE TRIGGER tr_audit_log_append_only`);
    await change();
    await q.query(`ALTER TABLE audit_log ENABLE TRIGGER tr_audit_log_append_only`);
    await q.commitTransaction();
  } catch (e) {
    await q.rollbackTransaction();
    throw e;
  }
}

const list = (actions: readonly string[]) => actions.map((a) => `'${a}'`).join(', ');

/** The rows of `actions` written without a place: no organisation, case or task, and none named in their details. */
const UNPLACED = `scope_org_id IS NULL AND org_id IS NULL AND case_id IS NULL AND task_id IS NULL`;

/**
 * Issue 9 §7, a reader sees the audit entries of their subtree: an account's, a member's, a criteria set's, a
 * transfer's and a detection run's rows used to name no organisation, and GET /audit showed every row of no place to
 * every reader. The API now names their organisation when it writes them, and shows a row of no place to readers at
 * a root only (unless it is national). The rows written before are placed here, by what their details name, so that
 * those who watch the organisation keep seeing them: `scope_org_id` only (it is not part of a row's seal, issue 14
 * §5), the append-only trigger held off inside this one transaction, as migration 1765238400200 did. A row whose
 * account, member, set, transfer or run is gone stays unplaced (readers at a root see it).
 */
export class AuditLogPlaceOlder1765324800700 implements MigrationInterface {
  name = 'AuditLogPlaceOlder1765324800700';

  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await appendOnlyHeldOff(q, async () => {
      for (const { actions, key, place } of SOURCES) {
        await q.query(`
          UPDATE audit_log a SET scope_org_id = ${place(`(a.details->>'${key}')::uuid`)}
           WHERE ${UNPLACED} AND action IN (${list(actions)}) AND a.details->>'${key}' ~ ${UUID_TEXT}`);
      }
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await appendOnlyHeldOff(q, async () => {
      await q.query(`
        UPDATE audit_log SET scope_org_id = NULL
         WHERE org_id IS NULL AND case_id IS NULL AND task_id IS NULL AND audit_log_details_org(details) IS NULL
           AND action IN (${list(SOURCES.flatMap((s) => s.actions))})`);
    });
  }
}
