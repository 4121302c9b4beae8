import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The login attempts of one username or client address (issue 11 §4; migration 1764806400100). */
@Entity({ name: 'login_throttle' })
@Index('ix_login_throttle_updated', ['updatedAt'])
export class LoginThrottleEntity {
  /** SHA-256 (hex) of 'account:<normalised username>' or 'address:<client ip>'. */
  @PrimaryColumn('text') key!: string;
  @Column({ name: 'window_started_at', type: 'timestamptz' }) windowStartedAt!: Date;
  @Column({ type: 'int' }) attempts!: number;
  /** Failed logins in a row (usernames only). */
  @Column({ type: 'int', default: 0 }) failures!: number;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
