import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { CalendarDayKind, DurationUnit } from '@partyflow/domain';
import type { PolicyOperationCounts, PolicyOperationFailure } from '@partyflow/contracts';
import { OrganisationEntity } from './organisation.entity';

/** The deadline of one process step; `version` grows on every change so running cases can re-time. */
@Entity({ name: 'deadline_policy' })
@Index('ux_deadline_policy_step', ['process', 'step'], { unique: true })
@Check('deadline_policy_anchor_check', "(anchor = ANY (ARRAY['task_opened'::text, 'case_event'::text]))")
@Check('deadline_policy_due_amount_check', '(due_amount >= 0)')
@Check('deadline_policy_escalate_amount_check', '(escalate_amount > 0)')
@Check('deadline_policy_max_escalation_level_check', '(max_escalation_level >= 0)')
@Check('deadline_policy_remind_amount_check', '(remind_amount >= 0)')
export class DeadlinePolicyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text' }) process!: string;
  @Column({ type: 'text' }) step!: string;
  @Column({ name: 'due_amount', type: 'int' }) dueAmount!: number;
  @Column({ name: 'due_unit', type: 'text' }) dueUnit!: DurationUnit;
  @Column({ name: 'remind_amount', type: 'int' }) remindAmount!: number;
  @Column({ name: 'remind_unit', type: 'text' }) remindUnit!: DurationUnit;
  @Column({ name: 'escalate_amount', type: 'int' }) escalateAmount!: number;
  @Column({ name: 'escalate_unit', type: 'text' }) escalateUnit!: DurationUnit;
  @Column({ name: 'max_escalation_level', type: 'int' }) maxEscalationLevel!: number;
  @Column({ type: 'text' }) anchor!: 'task_opened' | 'case_event';
  @Column({ type: 'text' }) source!: string;
  @Column({ type: 'int', default: 1 }) version!: number;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'updated_by', type: 'text', nullable: true }) updatedBy!: string | null;
}

/**
 * An organisation's own deadline of one step (issue 11 §2), applying to its subtree in place of the national default
 * (`deadline_policy`) and of any override above it; `version` is in the step's one sequence (libs/domain
 * policy-overrides.ts). A cleared override keeps its row (`clearedAt`) and the version of its clearing.
 */
@Entity({ name: 'deadline_policy_override' })
@Index('ix_deadline_policy_override_step', ['process', 'step'])
@Unique('ux_deadline_policy_override_org_step', ['organisationId', 'process', 'step'])
@Check('deadline_policy_override_due_amount_check', '(due_amount >= 0)')
@Check('deadline_policy_override_escalate_amount_check', '(escalate_amount > 0)')
@Check('deadline_policy_override_max_escalation_level_check', '(max_escalation_level >= 0)')
@Check('deadline_policy_override_remind_amount_check', '(remind_amount >= 0)')
export class DeadlinePolicyOverrideEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'deadline_policy_override_organisation_id_fkey' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;
  @Column({ type: 'text' }) process!: string;
  @Column({ type: 'text' }) step!: string;
  @Column({ name: 'due_amount', type: 'int' }) dueAmount!: number;
  @Column({ name: 'due_unit', type: 'text' }) dueUnit!: DurationUnit;
  @Column({ name: 'remind_amount', type: 'int' }) remindAmount!: number;
  @Column({ name: 'remind_unit', type: 'text' }) remindUnit!: DurationUnit;
  @Column({ name: 'escalate_amount', type: 'int' }) escalateAmount!: number;
  @Column({ name: 'escalate_unit', type: 'text' }) escalateUnit!: DurationUnit;
  @Column({ name: 'max_escalation_level', type: 'int' }) maxEscalationLevel!: number;
  @Column({ type: 'text' }) source!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ name: 'cleared_at', type: 'timestamptz', nullable: true }) clearedAt!: Date | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'updated_by', type: 'text', nullable: true }) updatedBy!: string | null;
}

/** The terms of a step's policy, as a preview proposes them and a pin keeps them (issue 14 §1). */
export type PolicyTerms = {
  due: { amount: number; unit: DurationUnit };
  remindBefore: { amount: number; unit: DurationUnit };
  escalateEvery: { amount: number; unit: DurationUnit };
  maxEscalationLevel: number;
};

/** A deadline change's impact preview as computed (issue 14 §1): what a change can name as the preview it followed. */
@Entity({ name: 'deadline_policy_preview' })
export class DeadlinePolicyPreviewEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_deadline_policy_preview' }) id!: string;
  @Column({ type: 'text' }) process!: string;
  @Column({ type: 'text' }) step!: string;
  /** The override's organisation; null for the national default. */
  @ForeignKey(() => OrganisationEntity, { name: 'deadline_policy_preview_organisation_id_fkey' })
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;
  /** The step's version when the preview was computed: a change after it makes the preview stale. */
  @Column({ name: 'policy_version', type: 'int' }) policyVersion!: number;
  @Column({ type: 'jsonb' }) proposed!: PolicyTerms;
  /** The counts, in all and by organisation. */
  @Column({ type: 'jsonb' }) summary!: object;
  @Column({ name: 'computed_at', type: 'timestamptz' }) computedAt!: Date;
  @Column({ name: 'computed_by', type: 'text' }) computedBy!: string;
}

/**
 * A running case that keeps the terms it had for one step when a change was applied to new cases only, or to other
 * chosen cases (issue 14 §1): its tasks of that step are timed by `terms` (human-task activities), until a later
 * change that reaches running cases removes the pin.
 */
@Entity({ name: 'deadline_policy_pin' })
@Index('ix_deadline_policy_pin_step', ['process', 'step'])
export class DeadlinePolicyPinEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid', primaryKeyConstraintName: 'pk_deadline_policy_pin' }) caseId!: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_deadline_policy_pin' }) process!: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_deadline_policy_pin' }) step!: string;
  @Column({ name: 'policy_version', type: 'int' }) policyVersion!: number;
  @Column({ name: 'policy_org_id', type: 'uuid', nullable: true }) policyOrgId!: string | null;
  @Column({ type: 'jsonb' }) terms!: PolicyTerms;
  /** The change (its fan-out operation id) that pinned the case. */
  @Column({ name: 'operation_id', type: 'text' }) operationId!: string;
  @Column({ name: 'pinned_at', type: 'timestamptz' }) pinnedAt!: Date;
}

/**
 * A day of a year's published holiday decision (issue 9 §5): a public holiday or compensatory day off that
 * working-day arithmetic skips, or a weekend day worked to make up for a bridge day. A year with no row uses
 * the computed calendar (libs/domain VietnamHolidayCalendar).
 */
@Entity({ name: 'holiday' })
@Check('holiday_kind_check', "(kind = ANY (ARRAY['holiday'::text, 'working_day'::text]))")
export class HolidayEntity {
  @PrimaryColumn({ type: 'date' }) date!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: 'holiday' }) kind!: CalendarDayKind;
  /** The decision the day comes from (e.g. 'Thông báo 6150/TB-BLĐTBXH'), or the computed rule it was copied from. */
  @Column({ type: 'text', nullable: true }) decision!: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'updated_by', type: 'text', nullable: true }) updatedBy!: string | null;
}

/** One fan-out of a deadline-policy change to the cases waiting on its step (issue 7 §4). */
@Entity({ name: 'deadline_policy_operation' })
@Check(
  'deadline_policy_operation_status_check',
  "(status = ANY (ARRAY['starting'::text, 'running'::text, 'completed'::text, 'start_failed'::text]))",
)
@Unique('ux_deadline_policy_operation_version', ['process', 'step', 'policyVersion'])
export class DeadlinePolicyOperationEntity {
  @PrimaryColumn('text') id!: string;
  @Column({ type: 'text' }) process!: string;
  @Column({ type: 'text' }) step!: string;
  @Column({ name: 'policy_version', type: 'int' }) policyVersion!: number;
  /** The override's organisation whose subtree the operation re-times; null for the national default (issue 11 §2). */
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true }) organisationId!: string | null;
  @Column({ type: 'text' }) status!: 'starting' | 'running' | 'completed' | 'start_failed';
  @Column({ type: 'jsonb', default: () => "'{}'" }) counts!: PolicyOperationCounts;
  @Column({ type: 'jsonb', default: () => "'[]'" }) failures!: PolicyOperationFailure[];
  @Column({ name: 'started_by', type: 'text' }) startedBy!: string;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
