import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { DataSource } from 'typeorm';
import { MemberEntity } from './member.entity';
import { OrganisationEntity } from './organisation.entity';
import type { Role } from '@partyflow/domain';

export type MailPreference = 'immediate' | 'digest' | 'off';

@Entity({ name: 'app_user' })
@Check(
  'app_user_mail_preference_check',
  "(mail_preference = ANY (ARRAY['immediate'::text, 'digest'::text, 'off'::text]))",
)
@Index('ux_app_user_member', ['memberId'], { unique: true, where: '(member_id IS NOT NULL)' })
export class UserEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) username!: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash!: string;
  @Column({ name: 'full_name', type: 'text' }) fullName!: string;
  @ForeignKey(() => MemberEntity, { name: 'app_user_member_id_fkey' })
  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** The user's own organisation: the member's cell for a member's user, the staff member's organisation otherwise. */
  @ForeignKey(() => OrganisationEntity, { name: 'app_user_organisation_id_fkey' })
  @Index('ix_app_user_organisation')
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;
  /** A disabled user's tokens stop working at once: the guard re-reads the user on each request. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  @Column({ name: 'disabled_by_user_id', type: 'uuid', nullable: true }) disabledByUserId!: string | null;
  @Column({ name: 'disabled_reason', type: 'text', nullable: true }) disabledReason!: string | null;
  /** Tokens signed before this instant (whole seconds) are refused: set when an administrator sets the password. */
  @Column({ name: 'sessions_valid_from', type: 'timestamptz', nullable: true }) sessionsValidFrom!: Date | null;
  /** Where mails go (issue 12 §5): trimmed, lower-cased; none, no mail. */
  @Column({ type: 'text', nullable: true }) email!: string | null;
  /** `immediate`: every task mail and the daily digest; `digest`: the digest only; `off`: none. */
  @Column({ name: 'mail_preference', type: 'text', default: 'immediate' }) mailPreference!: MailPreference;
}

/**
 * A role a user holds in one organisation; authority is always checked against these rows, and only
 * while one is in force: not revoked, and today (local date) within valid_from..valid_until
 * (inclusive, NULL = open). See `isRoleInForce` (libs/domain) and `ROLE_IN_FORCE_SQL`.
 */
@Entity({ name: 'role_assignment' })
@Index('ix_role_assignment_user', ['userId', 'organisationId', 'role'])
@Check(
  'role_assignment_validity_check',
  '((valid_until IS NULL) OR (valid_from IS NULL) OR (valid_until >= valid_from))',
)
@Index('ix_role_assignment_org_role', ['organisationId', 'role'])
export class RoleAssignmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => UserEntity, { name: 'role_assignment_user_id_fkey' })
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'role_assignment_organisation_id_fkey' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;
  @Column({ type: 'text' }) role!: Role;
  @Column({ name: 'valid_from', type: 'date', nullable: true }) validFrom!: string | null;
  @Column({ name: 'valid_until', type: 'date', nullable: true }) validUntil!: string | null;
  @Column({ name: 'granted_at', type: 'timestamptz', nullable: true }) grantedAt!: Date | null;
  @Column({ name: 'granted_by_user_id', type: 'uuid', nullable: true }) grantedByUserId!: string | null;
  @Column({ name: 'grant_reason', type: 'text', nullable: true }) grantReason!: string | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoked_by_user_id', type: 'uuid', nullable: true }) revokedByUserId!: string | null;
  @Column({ name: 'revoke_reason', type: 'text', nullable: true }) revokeReason!: string | null;
}

/**
 * The SQL condition of a role assignment in force on the local date bound as `:today` (alias `r`
 * unless given): the one filter every role check uses, beside `isRoleInForce` of libs/domain.
 */
export const roleInForceSql = (alias = 'r', today = ':today'): string =>
  `${alias}.revoked_at IS NULL AND (${alias}.valid_from IS NULL OR ${alias}.valid_from <= ${today}) ` +
  `AND (${alias}.valid_until IS NULL OR ${alias}.valid_until >= ${today})`;

/**
 * The roles in force on `today` that `userId` alone holds (no other user holds the same role in force in the same
 * organisation), optionally in one organisation only: the tasks of those roles are the user's own (issue 14 §2,
 * bulk reassignment of a departed user's tasks and out-of-office substitutes).
 */
export async function rolesHeldAlone(
  db: Pick<DataSource, 'query'>,
  c: { userId: string; today: string; orgId?: string },
): Promise<{ orgId: string; role: Role }[]> {
  return (await db.query(
    `SELECT r.organisation_id AS "orgId", r.role FROM role_assignment r
      WHERE r.user_id = $1 AND ${roleInForceSql('r', '$2')} AND ($3::uuid IS NULL OR r.organisation_id = $3::uuid)
        AND NOT EXISTS (SELECT 1 FROM role_assignment o WHERE o.organisation_id = r.organisation_id
                         AND o.role = r.role AND o.user_id <> r.user_id AND ${roleInForceSql('o', '$2')})
      GROUP BY r.organisation_id, r.role
      ORDER BY r.organisation_id, r.role`,
    [c.userId, c.today, c.orgId ?? null],
  )) as { orgId: string; role: Role }[];
}
