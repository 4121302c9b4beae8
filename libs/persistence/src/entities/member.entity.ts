import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import type { Gender, MemberStatus } from '@partyflow/domain';

export type MassOrganisationMembership = { key: string; name: string };

/** A party member, or a candidate (quần chúng ưu tú) while the admission case runs. */
@Entity({ name: 'member' })
@Index('ix_member_org_status', ['organisationId', 'status'])
@Index('ux_member_national_id', ['nationalId'], { unique: true, where: 'national_id IS NOT NULL' })
// Name search (issue 13 §2): a GIN trigram index on search_key (gin_trgm_ops), migration 1765238400100, which
// TypeORM cannot declare: the schema builder is told to leave it alone.
// The list's order (issue 13 §3): (search_key, full_name, id), migration 1765238400100.
@Index('ix_member_search_key_trgm', { synchronize: false })
@Index('ix_member_list_order', ['searchKey', 'fullName', 'id'])
@Check('member_gender_check', "(gender = ANY (ARRAY['male'::text, 'female'::text]))")
@Check('member_national_id_check', "(national_id ~ '^[0-9]{12}$'::text)")
@Check(
  'member_status_check',
  "(status = ANY (ARRAY['candidate'::text, 'probationary'::text, 'official'::text, 'exempt'::text, 'removed'::text]))",
)
export class MemberEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'member_organisation_id_fkey' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;
  @Column({ name: 'full_name', type: 'text' }) fullName!: string;
  /**
   * The name as searched and sorted: member_search_key(full_name), the same key as libs/domain `searchKey`. Kept by
   * the database's trigger member_search_key (migration 1765238400100) on every insert and update, so never written
   * here, and not read with the row.
   */
  @Column({ name: 'search_key', type: 'text', insert: false, update: false, select: false }) searchKey!: string;
  @Column({ name: 'birth_date', type: 'date' }) birthDate!: string;
  @Column({ type: 'text' }) status!: MemberStatus;
  @Column({ name: 'education_level', type: 'text', nullable: true }) educationLevel!: string | null;
  @Column({ name: 'course_certificate_issued_on', type: 'date', nullable: true }) courseCertificateIssuedOn!:
    string | null;
  @ForeignKey(() => OrganisationEntity, { name: 'member_residence_org_id_fkey' })
  @Column({ name: 'residence_org_id', type: 'uuid', nullable: true })
  residenceOrgId!: string | null;
  @Column({ name: 'mass_organisations', type: 'jsonb', default: () => "'[]'" })
  massOrganisations!: MassOrganisationMembership[];
  @Column({ name: 'special_cases', type: 'text', array: true, default: () => "'{}'" }) specialCases!: string[];
  @Column({ name: 'joined_on', type: 'date', nullable: true }) joinedOn!: string | null;
  @Column({ name: 'official_since', type: 'date', nullable: true }) officialSince!: string | null;
  @Column({ type: 'text', nullable: true }) gender!: Gender | null;
  /** CCCD, 12 digits; unique when given (issue 9 §2). Shown masked to readers without access to personal data. */
  @Column({ name: 'national_id', type: 'text', nullable: true }) nationalId!: string | null;
  @Column({ name: 'course_started_on', type: 'date', nullable: true }) courseStartedOn!: string | null;
  @Column({ name: 'course_ended_on', type: 'date', nullable: true }) courseEndedOn!: string | null;
  @Column({ name: 'course_certificate_number', type: 'text', nullable: true }) courseCertificateNumber!: string | null;
  @Column({ name: 'course_certificate_issuer', type: 'text', nullable: true }) courseCertificateIssuer!: string | null;
  @Column({ name: 'exempt_since', type: 'date', nullable: true }) exemptSince!: string | null;
  @Column({ name: 'exempt_reason', type: 'text', nullable: true }) exemptReason!: string | null;
  @Column({ name: 'removed_on', type: 'date', nullable: true }) removedOn!: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
