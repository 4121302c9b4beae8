import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { MemberEntity } from './member.entity';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

export type ScreeningCaseStatus = 'in_progress' | 'dismissed' | 'improved' | 'removed' | 'kept' | 'cancelled';
export type ScreeningSource = 'detection' | 'manual_flag' | 'transfer';
export type RemovalForm = 'strike_off' | 'expel' | 'release';

/** A flag raised by a cell committee member, with the criterion and the evidence. */
@Entity({ name: 'screening_flag' })
@Index('ix_screening_flag_member', ['memberId'])
export class ScreeningFlagEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => MemberEntity, { name: 'screening_flag_member_id_fkey' })
  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;
  @Column({ type: 'text' }) criterion!: string;
  @Column({ type: 'text' }) evidence!: string;
  @ForeignKey(() => UserEntity, { name: 'screening_flag_raised_by_user_id_fkey' })
  @Column({ name: 'raised_by_user_id', type: 'uuid' })
  raisedByUserId!: string;
  @Column({ name: 'raised_by_name', type: 'text' }) raisedByName!: string;
  @Column({ name: 'raised_at', type: 'timestamptz' }) raisedAt!: Date;
}

/** Read model of one screening case (02-HD/BTCTƯ); at most one open case per member and ground. */
@Entity({ name: 'screening_case' })
@Index('ux_screening_case_open', ['memberId', 'ground'], { unique: true, where: "status = 'in_progress'" })
@Index('ix_screening_case_org_path', ['orgPath', 'status'])
// Issue 13 §4: the detection run's help history of a page of members.
@Index('ix_screening_case_member', ['memberId'])
@Check(
  'screening_case_removal_form_check',
  "((removal_form IS NULL) OR (removal_form = ANY (ARRAY['strike_off'::text, 'expel'::text, 'release'::text])))",
)
@Check(
  'screening_case_source_check',
  "(source = ANY (ARRAY['detection'::text, 'manual_flag'::text, 'transfer'::text]))",
)
@Check(
  'screening_case_status_check',
  "(status = ANY (ARRAY['in_progress'::text, 'dismissed'::text, 'improved'::text, 'removed'::text, 'kept'::text, 'cancelled'::text]))",
)
export class ScreeningCaseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'workflow_id', type: 'text', unique: true }) workflowId!: string;
  @ForeignKey(() => MemberEntity, { name: 'screening_case_member_id_fkey' })
  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'screening_case_cell_org_id_fkey' })
  @Column({ name: 'cell_org_id', type: 'uuid' })
  cellOrgId!: string;
  @Column({ name: 'org_path', type: 'text' }) orgPath!: string;
  @Column({ type: 'text' }) ground!: string;
  @Column({ type: 'jsonb' }) evidence!: object;
  @Column({ type: 'text' }) source!: ScreeningSource;
  @Column({ type: 'text' }) status!: ScreeningCaseStatus;
  @Column({ name: 'current_step', type: 'text', nullable: true }) currentStep!: string | null;
  @Column({ name: 'removal_form', type: 'text', nullable: true }) removalForm!: RemovalForm | null;
  @Column({ name: 'end_reason', type: 'text', nullable: true }) endReason!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'started_by', type: 'text' }) startedBy!: string;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
}

/** A monthly progress note during the help period (giáo dục, giúp đỡ). */
@Entity({ name: 'screening_progress_note' })
@Unique('screening_progress_note_case_id_month_key', ['caseId', 'month'])
export class ScreeningProgressNoteEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => ScreeningCaseEntity, { name: 'screening_progress_note_case_id_fkey' })
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;
  @Column({ type: 'date' }) month!: string;
  @Column({ type: 'text' }) note!: string;
  @Column({ name: 'recorded_by', type: 'text' }) recordedBy!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}

/** One detection wave over an organisation subtree, with its progress and counts. */
@Entity({ name: 'detection_run' })
@Check('detection_run_status_check', "(status = ANY (ARRAY['running'::text, 'completed'::text, 'failed'::text]))")
@Check('detection_run_trigger_check', "(trigger = ANY (ARRAY['on_demand'::text, 'schedule'::text]))")
export class DetectionRunEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'workflow_id', type: 'text', unique: true }) workflowId!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'detection_run_organisation_id_fkey' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;
  @Column({ type: 'text' }) trigger!: 'on_demand' | 'schedule';
  @Column({ name: 'as_of', type: 'date' }) asOf!: string;
  @Column({ type: 'text' }) status!: 'running' | 'completed' | 'failed';
  @Column({ name: 'total_members', type: 'int', default: 0 }) totalMembers!: number;
  @Column({ name: 'processed_members', type: 'int', default: 0 }) processedMembers!: number;
  @Column({ type: 'int', default: 0 }) findings!: number;
  @Column({ name: 'cases_opened', type: 'int', default: 0 }) casesOpened!: number;
  @Column({ name: 'duplicates_skipped', type: 'int', default: 0 }) duplicatesSkipped!: number;
  @Column({ name: 'started_by', type: 'text' }) startedBy!: string;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
