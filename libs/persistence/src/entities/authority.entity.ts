import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';
import type { CriteriaSet } from '@partyflow/domain';

export type DelegatedPower = 'admission' | 'expulsion';

/** Delegation (ủy quyền) of a power from a competent committee to a grassroots committee; revocable. */
@Entity({ name: 'delegation_grant' })
@Index('ix_delegation_grantee_power', ['granteeOrgId', 'power'])
@Check('delegation_grant_power_check', "(power = ANY (ARRAY['admission'::text, 'expulsion'::text]))")
export class DelegationGrantEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'delegation_grant_grantor_org_id_fkey' })
  @Column({ name: 'grantor_org_id', type: 'uuid' })
  grantorOrgId!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'delegation_grant_grantee_org_id_fkey' })
  @Column({ name: 'grantee_org_id', type: 'uuid' })
  granteeOrgId!: string;
  @Column({ type: 'text' }) power!: DelegatedPower;
  @Column({ name: 'valid_from', type: 'timestamptz' }) validFrom!: Date;
  @Column({ name: 'valid_until', type: 'timestamptz', nullable: true }) validUntil!: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'granted_by', type: 'text', nullable: true }) grantedBy!: string | null;
  @Column({ name: 'revoked_by', type: 'text', nullable: true }) revokedBy!: string | null;
  @Column({ name: 'revoke_reason', type: 'text', nullable: true }) revokeReason!: string | null;
}

/**
 * What a completion for someone else rests on (`human_task.proxy_attestation`): a proxy's paper minutes, their
 * reference and local date (issue 14 §6, `kind` absent on the rows written before substitutes), or an out-of-office
 * substitution and its local dates (issue 14 §2).
 */
export type ProxyAttestation =
  | { kind?: 'proxy'; minutesRef: string; minutesDate: string; grantId: string }
  | { kind: 'substitute'; substitutionId: string; validFrom: string; validUntil: string };

/**
 * A standing proxy grant (issue 14 §6): recorded by a grassroots committee, it lets `proxyUserId` (a ward officer)
 * complete on behalf of `principalUserId` (who cannot use the system) the tasks the principal may complete, in the
 * committee's subtree, from `validFrom` until `validUntil` (open when null) or its revocation.
 */
@Entity({ name: 'proxy_grant' })
@Index('ix_proxy_grant_proxy', ['proxyUserId'])
@Index('ix_proxy_grant_org', ['grassrootsOrgId'])
@Check('ck_proxy_grant_people', '(principal_user_id <> proxy_user_id)')
export class ProxyGrantEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_proxy_grant' }) id!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'proxy_grant_grassroots_org_id_fkey' })
  @Column({ name: 'grassroots_org_id', type: 'uuid' })
  grassrootsOrgId!: string;
  @ForeignKey(() => UserEntity, { name: 'proxy_grant_principal_user_id_fkey' })
  @Column({ name: 'principal_user_id', type: 'uuid' })
  principalUserId!: string;
  @ForeignKey(() => UserEntity, { name: 'proxy_grant_proxy_user_id_fkey' })
  @Column({ name: 'proxy_user_id', type: 'uuid' })
  proxyUserId!: string;
  @Column({ name: 'valid_from', type: 'timestamptz' }) validFrom!: Date;
  @Column({ name: 'valid_until', type: 'timestamptz', nullable: true }) validUntil!: Date | null;
  @Column({ type: 'text' }) reason!: string;
  @ForeignKey(() => UserEntity, { name: 'proxy_grant_granted_by_user_id_fkey' })
  @Column({ name: 'granted_by_user_id', type: 'uuid' })
  grantedByUserId!: string;
  @Column({ name: 'granted_by', type: 'text' }) grantedBy!: string;
  @Column({ name: 'granted_at', type: 'timestamptz' }) grantedAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoked_by', type: 'text', nullable: true }) revokedBy!: string | null;
  @Column({ name: 'revoke_reason', type: 'text', nullable: true }) revokeReason!: string | null;
}

/** A yearly admission quota (chỉ tiêu kết nạp) passed down to an organisation [seed:003]. */
@Entity({ name: 'admission_quota' })
@Check('admission_quota_quota_check', '(quota >= 0)')
@Check('admission_quota_year_check', '((year >= 2000) AND (year <= 2100))')
@Unique('ux_admission_quota_org_year', ['organisationId', 'year'])
export class AdmissionQuotaEntity {
  @ForeignKey(() => OrganisationEntity, { name: 'admission_quota_organisation_id_fkey' })
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;
  @PrimaryColumn({ type: 'int' }) year!: number;
  @Column({ type: 'int' }) quota!: number;
  @Column({ name: 'set_by', type: 'text' }) setBy!: string;
  @Column({ name: 'set_at', type: 'timestamptz', default: () => 'now()' }) setAt!: Date;
}

/**
 * A committee's own admission criteria (tiêu chuẩn riêng) overlaying the national ones [seed:000], adopted by a
 * document and in force from `effectiveFrom` to `effectiveUntil` (local dates, inclusive); `active` false once
 * retired (issue 9 §6).
 */
@Entity({ name: 'criteria_set' })
@Index('ix_criteria_set_org', ['organisationId'])
@Index('ux_criteria_set_org_document', ['organisationId', 'documentRef'], {
  unique: true,
  where: 'document_ref IS NOT NULL',
})
@Check('criteria_set_period_check', '((effective_until IS NULL) OR (effective_until >= effective_from))')
export class CriteriaSetEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'criteria_set_organisation_id_fkey' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'jsonb' }) definition!: CriteriaSet;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** The committee's document that adopted the set (e.g. 52-CV/BTCĐU); null only for rows older than issue 9. */
  @Column({ name: 'document_ref', type: 'text', nullable: true }) documentRef!: string | null;
  @Column({ name: 'effective_from', type: 'date' }) effectiveFrom!: string;
  @Column({ name: 'effective_until', type: 'date', nullable: true }) effectiveUntil!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'updated_by', type: 'text', nullable: true }) updatedBy!: string | null;
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true }) retiredAt!: Date | null;
  @Column({ name: 'retired_by', type: 'text', nullable: true }) retiredBy!: string | null;
  @Column({ name: 'retire_reason', type: 'text', nullable: true }) retireReason!: string | null;
}

/**
 * An out-of-office substitution (issue 14 §2): while `absentUserId` is away, from `validFrom` to `validUntil`
 * (Vietnamese local dates, both inclusive), `substituteUserId` (same organisation, the same or a higher role) sees
 * and completes the absent person's tasks in `orgId`: those named for them, and those of a role they alone hold.
 */
@Entity({ name: 'substitution' })
@Index('ix_substitution_substitute', ['substituteUserId'])
@Index('ix_substitution_absent_org', ['absentUserId', 'orgId'])
@Check('ck_substitution_people', '(absent_user_id <> substitute_user_id)')
@Check('ck_substitution_period', '(valid_until >= valid_from)')
export class SubstitutionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_substitution' }) id!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'substitution_org_id_fkey' })
  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;
  @ForeignKey(() => UserEntity, { name: 'substitution_absent_user_id_fkey' })
  @Column({ name: 'absent_user_id', type: 'uuid' })
  absentUserId!: string;
  @ForeignKey(() => UserEntity, { name: 'substitution_substitute_user_id_fkey' })
  @Column({ name: 'substitute_user_id', type: 'uuid' })
  substituteUserId!: string;
  @Column({ name: 'valid_from', type: 'date' }) validFrom!: string;
  @Column({ name: 'valid_until', type: 'date' }) validUntil!: string;
  @Column({ type: 'text' }) reason!: string;
  @ForeignKey(() => UserEntity, { name: 'substitution_created_by_user_id_fkey' })
  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId!: string;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoked_by', type: 'text', nullable: true }) revokedBy!: string | null;
  @Column({ name: 'revoke_reason', type: 'text', nullable: true }) revokeReason!: string | null;
}
