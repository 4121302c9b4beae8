import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { MemberEntity } from './member.entity';
import { OrganisationEntity } from './organisation.entity';

export type AttendanceStatus = 'present' | 'absent_with_reason' | 'absent_without_reason';
export type TransferKind = 'official' | 'temporary';
export type TransferStatus = 'issued' | 'presented' | 'returned' | 'cancelled';
export type DisciplineForm =
  'reprimand' | 'warning' | 'dismissal' | 'expulsion' | 'state_salary_reduction' | 'state_demotion' | 'state_dismissal';
export type ResidenceAssessment = 'exemplary' | 'fulfilled' | 'not_fulfilled';
export type DisciplineBody =
  'cell' | 'grassroots_committee' | 'superior_committee' | 'inspection_commission' | 'state_agency';

/** Attendance at the monthly cell meeting (sinh hoạt chi bộ), one row per member and month. */
@Entity({ name: 'meeting_attendance' })
@Index('ix_meeting_attendance_org_month', ['organisationId', 'month'])
@Check('meeting_attendance_month_check', '(EXTRACT(day FROM month) = (1)::numeric)')
@Check(
  'meeting_attendance_status_check',
  "(status = ANY (ARRAY['present'::text, 'absent_with_reason'::text, 'absent_without_reason'::text]))",
)
export class MeetingAttendanceEntity {
  @ForeignKey(() => MemberEntity, { name: 'meeting_attendance_member_id_fkey' })
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId!: string;
  /** First day of the month. */
  @PrimaryColumn({ type: 'date' }) month!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'meeting_attendance_organisation_id_fkey' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;
  @Column({ type: 'text' }) status!: AttendanceStatus;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'recorded_by', type: 'text' }) recordedBy!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt!: Date;
}

/** Party dues (đảng phí) of one month; `paidOn` null means unpaid. */
@Entity({ name: 'dues_payment' })
@Check('dues_payment_amount_vnd_check', '(amount_vnd >= 0)')
@Check('dues_payment_month_check', '(EXTRACT(day FROM month) = (1)::numeric)')
export class DuesPaymentEntity {
  @ForeignKey(() => MemberEntity, { name: 'dues_payment_member_id_fkey' })
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId!: string;
  @PrimaryColumn({ type: 'date' }) month!: string;
  @Column({ name: 'amount_vnd', type: 'int' }) amountVnd!: number;
  @Column({ name: 'paid_on', type: 'date', nullable: true }) paidOn!: string | null;
  @Column({ name: 'recorded_by', type: 'text' }) recordedBy!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt!: Date;
}

/** A party-activity transfer (chuyển sinh hoạt đảng), official or temporary. */
@Entity({ name: 'party_transfer' })
@Index('ix_party_transfer_member', ['memberId', 'issuedOn'])
@Index('ix_party_transfer_open', ['status', 'presentBy'])
@Check('party_transfer_check', "((kind = 'temporary'::text) = (period_months IS NOT NULL))")
@Check('party_transfer_kind_check', "(kind = ANY (ARRAY['official'::text, 'temporary'::text]))")
@Check('party_transfer_period_months_check', '((period_months IS NULL) OR (period_months > 0))')
@Check(
  'party_transfer_status_check',
  "(status = ANY (ARRAY['issued'::text, 'presented'::text, 'returned'::text, 'cancelled'::text]))",
)
export class PartyTransferEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => MemberEntity, { name: 'party_transfer_member_id_fkey' })
  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;
  @Column({ type: 'text' }) kind!: TransferKind;
  @ForeignKey(() => OrganisationEntity, { name: 'party_transfer_from_org_id_fkey' })
  @Column({ name: 'from_org_id', type: 'uuid' })
  fromOrgId!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'party_transfer_to_org_id_fkey' })
  @Column({ name: 'to_org_id', type: 'uuid' })
  toOrgId!: string;
  @Column({ name: 'issued_on', type: 'date' }) issuedOn!: string;
  /** The last day the member may present the transfer at the destination. */
  @Column({ name: 'present_by', type: 'date' }) presentBy!: string;
  @Column({ name: 'presented_on', type: 'date', nullable: true }) presentedOn!: string | null;
  @Column({ name: 'period_months', type: 'int', nullable: true }) periodMonths!: number | null;
  @Column({ name: 'return_due', type: 'date', nullable: true }) returnDue!: string | null;
  @Column({ name: 'returned_on', type: 'date', nullable: true }) returnedOn!: string | null;
  @Column({ type: 'text' }) status!: TransferStatus;
  @Column({ name: 'workflow_id', type: 'text', nullable: true, unique: true }) workflowId!: string | null;
  @Column({ name: 'issued_by', type: 'text' }) issuedBy!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
}

/** A Party or State discipline with its period (thời hạn kỷ luật). */
@Entity({ name: 'discipline_record' })
@Index('ix_discipline_record_member', ['memberId', 'decidedOn'])
@Check('discipline_record_check', '((ends_on IS NULL) OR (ends_on >= decided_on))')
@Check(
  'discipline_record_form_check',
  "(form = ANY (ARRAY['reprimand'::text, 'warning'::text, 'dismissal'::text, 'expulsion'::text, 'state_salary_reduction'::text, 'state_demotion'::text, 'state_dismissal'::text]))",
)
@Check(
  'discipline_record_decided_by_check',
  "(decided_by = ANY (ARRAY['cell'::text, 'grassroots_committee'::text, 'superior_committee'::text, 'inspection_commission'::text, 'state_agency'::text]))",
)
export class DisciplineRecordEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => MemberEntity, { name: 'discipline_record_member_id_fkey' })
  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;
  @Column({ type: 'text' }) form!: DisciplineForm;
  @Column({ name: 'decided_on', type: 'date' }) decidedOn!: string;
  @Column({ name: 'ends_on', type: 'date', nullable: true }) endsOn!: string | null;
  @Column({ type: 'text' }) authority!: string;
  /** The body that decided it (issue 9 §8); NULL for records written before it was asked. */
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy!: DisciplineBody | null;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'recorded_by', type: 'text' }) recordedBy!: string;
}

/** The annual comment of the residence cell committee (QĐ 213-QĐ/TW). */
@Entity({ name: 'residence_comment' })
@Check(
  'residence_comment_assessment_check',
  "(assessment = ANY (ARRAY['exemplary'::text, 'fulfilled'::text, 'not_fulfilled'::text]))",
)
export class ResidenceCommentEntity {
  @ForeignKey(() => MemberEntity, { name: 'residence_comment_member_id_fkey' })
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId!: string;
  @PrimaryColumn({ type: 'int' }) year!: number;
  @ForeignKey(() => OrganisationEntity, { name: 'residence_comment_residence_org_id_fkey' })
  @Column({ name: 'residence_org_id', type: 'uuid' })
  residenceOrgId!: string;
  @Column({ type: 'text' }) assessment!: ResidenceAssessment;
  @Column({ type: 'text' }) comment!: string;
  @Column({ name: 'given_by', type: 'text' }) givenBy!: string;
}
