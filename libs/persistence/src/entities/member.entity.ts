import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import type { MemberStatus } from '@partyflow/domain';

export type MassOrganisationMembership = { key: string; name: string };

/** A party member, or a candidate (quần chúng ưu tú) while the admission case runs. */
@Entity({ name: 'member' })
@Index('ix_member_org_status', ['organisationId', 'status'])
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
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
