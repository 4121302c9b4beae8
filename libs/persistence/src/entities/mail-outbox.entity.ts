import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

export type MailKind = 'task_assigned' | 'task_reminder' | 'task_escalated' | 'digest';
export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed';

/**
 * One mail to send (issue 12 §5; migration 1764892800700). `content` holds the facts the text is made of
 * (libs/domain mail-texts), captured when the notification was written; `mail_key` is the idempotency key and
 * the Message-ID. `queued` → `sending` (claimed by a send attempt) → `sent`, or back to `queued` after a
 * temporary SMTP refusal, or `failed` after a permanent one or the last attempt.
 */
@Entity({ name: 'mail_outbox' })
@Index('ux_mail_outbox_key', ['mailKey'], { unique: true })
@Index('ix_mail_outbox_status', ['status', 'id'])
@Check(
  'mail_outbox_kind_check',
  "(kind = ANY (ARRAY['task_assigned'::text, 'task_reminder'::text, 'task_escalated'::text, 'digest'::text]))",
)
@Check(
  'mail_outbox_status_check',
  "(status = ANY (ARRAY['queued'::text, 'sending'::text, 'sent'::text, 'failed'::text]))",
)
export class MailOutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'mail_key', type: 'text' }) mailKey!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'text' }) kind!: MailKind;
  @ForeignKey(() => UserEntity, { name: 'mail_outbox_user_id_fkey' })
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;
  @Column({ type: 'text' }) recipient!: string;
  @Column({ type: 'jsonb' }) content!: object;
  @Column({ type: 'text', default: 'queued' }) status!: MailStatus;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true }) claimedAt!: Date | null;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
}
