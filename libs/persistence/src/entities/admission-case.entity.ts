import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { MemberEntity } from './member.entity';
import { OrganisationEntity } from './organisation.entity';
import { CriteriaSetEntity } from './authority.entity';

/**
 * 'start_failed': the row was committed but its workflow could not be started (issue 7 §3); it
 * blocks nobody. 'cancelled': by an administrator from an incident.
 */
export type AdmissionCaseStatus =
  'in_progress' | 'probationary' | 'official' | 'rejected' | 'not_recognised' | 'cancelled' | 'start_failed';

/** Read model of one admission case (hồ sơ kết nạp); the workflow history is the truth. */
@Entity({ name: 'admission_case' })
@Index('ix_admission_case_cell', ['cellOrgId', 'status'])
// Issue 13 §2: quotas by path (text_pattern_ops in migration 1764979200100).
@Index('ix_admission_case_path_decided', ['orgPath', 'decidedOn'])
@Index('ix_admission_case_open_path', ['orgPath', 'currentStep'], { where: "status = 'in_progress'" })
@Index('ux_admission_case_open_candidate', ['candidateMemberId'], { unique: true, where: "status = 'in_progress'" })
@Check(
  'admission_case_status_check',
  "(status = ANY (ARRAY['in_progress'::text, 'probationary'::text, 'official'::text, 'rejected'::text, 'not_recognised'::text, 'cancelled'::text, 'start_failed'::text]))",
)
export class AdmissionCaseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'workflow_id', type: 'text', unique: true }) workflowId!: string;
  @ForeignKey(() => MemberEntity, { name: 'admission_case_candidate_member_id_fkey' })
  @Column({ name: 'candidate_member_id', type: 'uuid' })
  candidateMemberId!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'admission_case_cell_org_id_fkey' })
  @Column({ name: 'cell_org_id', type: 'uuid' })
  cellOrgId!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'admission_case_grassroots_org_id_fkey' })
  @Column({ name: 'grassroots_org_id', type: 'uuid' })
  grassrootsOrgId!: string;
  @Column({ name: 'org_path', type: 'text' }) orgPath!: string;
  @Column({ type: 'text' }) status!: AdmissionCaseStatus;
  @Column({ name: 'current_step', type: 'text', nullable: true }) currentStep!: string | null;
  @Column({ name: 'end_step', type: 'text', nullable: true }) endStep!: string | null;
  @Column({ name: 'end_reason', type: 'text', nullable: true }) endReason!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'started_by', type: 'text' }) startedBy!: string;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  @Column({ name: 'decided_on', type: 'date', nullable: true }) decidedOn!: string | null;
  @Column({ name: 'ceremony_on', type: 'date', nullable: true }) ceremonyOn!: string | null;
  @Column({ name: 'official_on', type: 'date', nullable: true }) officialOn!: string | null;
  /** The criteria set the latest eligibility check used (the day the cell vote opened); null: national only. */
  @ForeignKey(() => CriteriaSetEntity, { name: 'admission_case_criteria_set_id_fkey' })
  @Column({ name: 'criteria_set_id', type: 'uuid', nullable: true })
  criteriaSetId!: string | null;
  /** The day of that check (a local date). */
  @Column({ name: 'criteria_checked_on', type: 'date', nullable: true }) criteriaCheckedOn!: string | null;
}
