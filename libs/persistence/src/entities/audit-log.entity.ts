import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/** Append-only record of who did what, when and why. A trigger refuses UPDATE and DELETE. */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_case_at', ['caseId', 'at'])
@Index('ux_audit_log_event_key', ['eventKey'], { unique: true })
@Index('ix_audit_log_org_at', ['orgId', 'at'])
@Index('ix_audit_log_actor_at', ['actorUserId', 'at'])
@Index('ix_audit_log_action_process', ['action', 'process'])
// Issue 13 §2 (migration 1765238400200): a reader's subtree; the list's order, of all rows and of those left unplaced.
@Index('ix_audit_log_scope_org_at', ['scopeOrgId', 'at'])
@Index('ix_audit_log_at_id', ['at', 'id'])
@Index('ix_audit_log_unplaced_at_id', ['at', 'id'], { where: 'scope_org_id IS NULL' })
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  /** Idempotency key of the event (activity retries must not write it twice). */
  @Column({ name: 'event_key', type: 'text' }) eventKey!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId!: string | null;
  @Column({ name: 'actor_name', type: 'text' }) actorName!: string;
  @Column({ type: 'text', nullable: true }) process!: string | null;
  @Column({ name: 'case_id', type: 'uuid', nullable: true }) caseId!: string | null;
  @Column({ name: 'task_id', type: 'uuid', nullable: true }) taskId!: string | null;
  @Column({ type: 'text', nullable: true }) step!: string | null;
  @Column({ type: 'text', nullable: true }) outcome!: string | null;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @Column({ type: 'jsonb', nullable: true }) details!: object | null;
  /** The organisation the event concerns, when it is not read off its case (issue 9 §7: readers see their subtree). */
  @Column({ name: 'org_id', type: 'uuid', nullable: true }) orgId!: string | null;
  /**
   * The organisation the row is read under (issue 13 §2): set by the database's trigger tr_audit_log_place when the
   * row is written (migration 1765238400200), never here; NULL when its write could not settle it.
   */
  @Column({ name: 'scope_org_id', type: 'uuid', nullable: true, insert: false, update: false, select: false })
  scopeOrgId!: string | null;
}

/**
 * The seal of one audit row (issue 14 §5, migration 1765324800100): its place and hash in the global chain and, for a
 * case's row, in its case's chain. Written by the database's trigger tr_audit_log_seal when the row's transaction
 * commits, never here; append-only.
 */
@Entity({ name: 'audit_seal' })
@Index('ux_audit_seal_seq', ['seq'], { unique: true })
@Index('ux_audit_seal_case_seq', ['caseId', 'caseSeq'], { unique: true })
@Check(
  'ck_audit_seal_case',
  '((((case_id IS NULL) = (case_seq IS NULL)) AND ((case_id IS NULL) = (case_hash IS NULL))))',
)
export class AuditSealEntity {
  @ForeignKey(() => AuditLogEntity, { name: 'audit_seal_audit_id_fkey' })
  @PrimaryColumn({ name: 'audit_id', type: 'bigint', primaryKeyConstraintName: 'pk_audit_seal' })
  auditId!: string;
  /** The row's place in the global chain: 1, 2, … without a gap, in the order the rows were committed. */
  @Column({ type: 'bigint' }) seq!: string;
  /** SHA-256(the previous row's hash, or 32 zero bytes for the first ‖ audit_row_message of this row). */
  @Column({ type: 'bytea' }) hash!: Buffer;
  @Column({ name: 'case_id', type: 'uuid', nullable: true }) caseId!: string | null;
  /** The row's place in its case's chain, and the hash of that chain. */
  @Column({ name: 'case_seq', type: 'integer', nullable: true }) caseSeq!: number | null;
  @Column({ name: 'case_hash', type: 'bytea', nullable: true }) caseHash!: Buffer | null;
}

/** The global chain's head as recorded once a day by the audit-chain-digest Schedule (issue 14 §5); append-only. */
@Entity({ name: 'audit_digest' })
export class AuditDigestEntity {
  /** The Vietnamese local date of the recording. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_audit_digest' }) day!: string;
  /** The head: the last sealed row's place (0 for an empty log) and hash (32 zero bytes for an empty log). */
  @Column({ type: 'bigint' }) seq!: string;
  @Column({ type: 'bytea' }) hash!: Buffer;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}

/** A message to an organisation role (or one user): assignment, reminder, escalation. */
@Entity({ name: 'notification' })
@Index('ux_notification_key', ['notificationKey'], { unique: true })
@Index('ix_notification_recipient', ['recipientOrgId', 'recipientRole', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'notification_key', type: 'text' }) notificationKey!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'text' }) kind!:
    'task_assigned' | 'task_reminder' | 'task_escalated' | 'task_repromised' | 'inspection_results' | 'case_notice';
  @ForeignKey(() => OrganisationEntity, { name: 'notification_recipient_org_id_fkey' })
  @Column({ name: 'recipient_org_id', type: 'uuid' })
  recipientOrgId!: string;
  @Column({ name: 'recipient_role', type: 'text', nullable: true }) recipientRole!: string | null;
  @Column({ name: 'recipient_member_id', type: 'uuid', nullable: true }) recipientMemberId!: string | null;
  @Column({ name: 'task_id', type: 'uuid', nullable: true }) taskId!: string | null;
  @Column({ type: 'text' }) message!: string;
}

/** One user's reading of a notification (a role's notification is read by each of its holders). */
@Entity({ name: 'notification_read' })
@Index('ix_notification_read_user', ['userId'])
export class NotificationReadEntity {
  @ForeignKey(() => NotificationEntity, { name: 'notification_read_notification_id_fkey' })
  @PrimaryColumn({ name: 'notification_id', type: 'bigint' })
  notificationId!: string;
  @ForeignKey(() => UserEntity, { name: 'notification_read_user_id_fkey' })
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;
  @Column({ name: 'read_at', type: 'timestamptz' }) readAt!: Date;
}
