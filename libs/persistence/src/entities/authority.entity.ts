import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CriteriaSet } from '@partyflow/domain';

export type DelegatedPower = 'admission' | 'expulsion';

/** Delegation (ủy quyền) of a power from a competent committee to a grassroots committee; revocable. */
@Entity({ name: 'delegation_grant' })
@Index('ix_delegation_grantee_power', ['granteeOrgId', 'power'])
export class DelegationGrantEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'grantor_org_id', type: 'uuid' }) grantorOrgId!: string;
  @Column({ name: 'grantee_org_id', type: 'uuid' }) granteeOrgId!: string;
  @Column({ type: 'text' }) power!: DelegatedPower;
  @Column({ name: 'valid_from', type: 'timestamptz' }) validFrom!: Date;
  @Column({ name: 'valid_until', type: 'timestamptz', nullable: true }) validUntil!: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'granted_by', type: 'text', nullable: true }) grantedBy!: string | null;
  @Column({ name: 'revoked_by', type: 'text', nullable: true }) revokedBy!: string | null;
  @Column({ name: 'revoke_reason', type: 'text', nullable: true }) revokeReason!: string | null;
}

/** A yearly admission quota (chỉ tiêu kết nạp) passed down to an organisation [seed:003]. */
@Entity({ name: 'admission_quota' })
export class AdmissionQuotaEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @PrimaryColumn({ type: 'int' }) year!: number;
  @Column({ type: 'int' }) quota!: number;
  @Column({ name: 'set_by', type: 'text' }) setBy!: string;
  @Column({ name: 'set_at', type: 'timestamptz' }) setAt!: Date;
}

/** A committee's own admission criteria (tiêu chuẩn riêng) overlaying the national ones [seed:000]. */
@Entity({ name: 'criteria_set' })
@Index('ix_criteria_set_org', ['organisationId'])
export class CriteriaSetEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'jsonb' }) definition!: CriteriaSet;
  @Column({ type: 'boolean', default: true }) active!: boolean;
}
