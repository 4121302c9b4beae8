import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import type {
  FindingResult,
  InspectionItem,
  InspectionRoundStatus,
  InspectionScope,
  RemediationStatus,
} from '@partyflow/domain';

export type CellInspectionStatus = 'assigning' | 'checking' | 'checked' | 'remediating' | 'closed';

/** Who inspects which cells, how often; each programme is one Temporal Schedule [seed:000][seed:004]. */
@Entity({ name: 'inspection_programme' })
@Index('ux_inspection_programme_org_scope', ['inspectingOrgId', 'scope'], { unique: true })
@Check('inspection_programme_interval_months_check', '(interval_months = ANY (ARRAY[1, 2, 3, 4, 6, 12]))')
@Check('inspection_programme_max_remediation_attempts_check', '(max_remediation_attempts > 0)')
@Check(
  'inspection_programme_scope_check',
  "(scope = ANY (ARRAY['superior_of_grassroots'::text, 'grassroots_own_cells'::text]))",
)
export class InspectionProgrammeEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'inspection_programme_inspecting_org_id_fkey' })
  @Column({ name: 'inspecting_org_id', type: 'uuid' })
  inspectingOrgId!: string;
  @Column({ type: 'text' }) scope!: InspectionScope;
  @Column({ name: 'interval_months', type: 'int' }) intervalMonths!: number;
  /** Fix/verify pairs per finding in one round before it waits for the next [A]. */
  @Column({ name: 'max_remediation_attempts', type: 'int', default: 3 }) maxRemediationAttempts!: number;
  @Column({ name: 'schedule_id', type: 'text', unique: true }) scheduleId!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** One inspection round: reviews [reviewFrom, reviewTo) and runs until `endsOn`, when open findings carry over. */
@Entity({ name: 'inspection_round' })
@Index('ix_inspection_round_programme_started', ['programmeId', 'startedAt'])
@Check('inspection_round_check', '((review_from < review_to) AND (review_to < ends_on))')
@Check(
  'inspection_round_status_check',
  "(status = ANY (ARRAY['inspecting'::text, 'remediating'::text, 'closed'::text]))",
)
export class InspectionRoundEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => InspectionProgrammeEntity, { name: 'inspection_round_programme_id_fkey' })
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;
  @Column({ name: 'workflow_id', type: 'text', unique: true }) workflowId!: string;
  @Column({ name: 'started_on', type: 'date' }) startedOn!: string;
  @Column({ name: 'review_from', type: 'date' }) reviewFrom!: string;
  @Column({ name: 'review_to', type: 'date' }) reviewTo!: string;
  @Column({ name: 'ends_on', type: 'date' }) endsOn!: string;
  @Column({ type: 'text' }) status!: InspectionRoundStatus;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'announced_at', type: 'timestamptz', nullable: true }) announcedAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
}

/** The inspection of one cell in a round (one child workflow). */
@Entity({ name: 'cell_inspection' })
@Index('ux_cell_inspection_round_cell', ['roundId', 'cellOrgId'], { unique: true })
@Index('ix_cell_inspection_cell', ['cellOrgId'])
@Check(
  'cell_inspection_status_check',
  "(status = ANY (ARRAY['assigning'::text, 'checking'::text, 'checked'::text, 'remediating'::text, 'closed'::text]))",
)
export class CellInspectionEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => InspectionRoundEntity, { name: 'cell_inspection_round_id_fkey' })
  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'cell_inspection_cell_org_id_fkey' })
  @Column({ name: 'cell_org_id', type: 'uuid' })
  cellOrgId!: string;
  @Column({ name: 'org_path', type: 'text' }) orgPath!: string;
  @Column({ name: 'workflow_id', type: 'text', unique: true }) workflowId!: string;
  @Column({ name: 'team_user_ids', type: 'uuid', array: true, default: () => "'{}'" }) teamUserIds!: string[];
  @Column({ type: 'text' }) status!: CellInspectionStatus;
  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true }) checkedAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
}

/** A finding per checklist item: the pre-filled value from the records, then what the team confirmed. */
@Entity({ name: 'inspection_finding' })
@Index('ux_inspection_finding_item', ['inspectionId', 'item'], { unique: true })
@Check(
  'inspection_finding_prefilled_result_check',
  "((prefilled_result IS NULL) OR (prefilled_result = ANY (ARRAY['met'::text, 'shortcoming'::text, 'not_applicable'::text])))",
)
@Check(
  'inspection_finding_result_check',
  "((result IS NULL) OR (result = ANY (ARRAY['met'::text, 'shortcoming'::text, 'not_applicable'::text])))",
)
export class InspectionFindingEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => CellInspectionEntity, { name: 'inspection_finding_inspection_id_fkey' })
  @Column({ name: 'inspection_id', type: 'uuid' })
  inspectionId!: string;
  @Column({ type: 'text' }) item!: InspectionItem;
  @Column({ type: 'text', nullable: true }) result!: FindingResult | null;
  @Column({ name: 'prefilled_value', type: 'text', nullable: true }) prefilledValue!: string | null;
  @Column({ name: 'prefilled_result', type: 'text', nullable: true }) prefilledResult!: FindingResult | null;
  @Column({ name: 'prefill_source', type: 'text', nullable: true }) prefillSource!: string | null;
  @ForeignKey(() => RemediationEntity, { name: 'fk_inspection_finding_carried' })
  @Column({ name: 'carried_from_remediation_id', type: 'uuid', nullable: true })
  carriedFromRemediationId!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'confirmed_by_user_id', type: 'uuid', nullable: true }) confirmedByUserId!: string | null;
  @Column({ name: 'confirmed_by_name', type: 'text', nullable: true }) confirmedByName!: string | null;
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true }) confirmedAt!: Date | null;
}

/** The remediation of one shortcoming, tracked until verified or carried over to the next round. */
@Entity({ name: 'remediation' })
@Index('ix_remediation_cell_status', ['cellOrgId', 'status'])
@Check(
  'remediation_status_check',
  "(status = ANY (ARRAY['open'::text, 'overdue'::text, 'fixed'::text, 'verified'::text, 'carried_over'::text]))",
)
export class RemediationEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => InspectionFindingEntity, { name: 'remediation_finding_id_fkey' })
  @Column({ name: 'finding_id', type: 'uuid', unique: true })
  findingId!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'remediation_cell_org_id_fkey' })
  @Column({ name: 'cell_org_id', type: 'uuid' })
  cellOrgId!: string;
  @Column({ type: 'text' }) item!: InspectionItem;
  @Column({ type: 'text' }) status!: RemediationStatus;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ type: 'boolean', default: false }) escalated!: boolean;
  @ForeignKey(() => RemediationEntity, { name: 'remediation_carried_from_remediation_id_fkey' })
  @Column({ name: 'carried_from_remediation_id', type: 'uuid', nullable: true })
  carriedFromRemediationId!: string | null;
  @Column({ name: 'action_taken', type: 'text', nullable: true }) actionTaken!: string | null;
  @Column({ name: 'fixed_at', type: 'timestamptz', nullable: true }) fixedAt!: Date | null;
  @Column({ name: 'verified_by_name', type: 'text', nullable: true }) verifiedByName!: string | null;
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true }) verifiedAt!: Date | null;
  @Column({ name: 'carried_over_at', type: 'timestamptz', nullable: true }) carriedOverAt!: Date | null;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
}
