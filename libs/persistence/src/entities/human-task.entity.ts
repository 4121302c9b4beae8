import type { ProxyAttestation } from './authority.entity';
import type {
  Assignee,
  ReassignmentCounts,
  ReassignmentFailure,
  ReassignmentFilter,
  ReassignmentMove,
} from '@partyflow/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { MemberEntity } from './member.entity';
import { OrganisationEntity } from './organisation.entity';

export type TaskStatus = 'open' | 'overdue' | 'completed' | 'cancelled';

/**
 * The inbox read model of one human step. Temporal owns where the case stands; this row is
 * what people see. Written only by activities, keyed by (workflow id, task key) so every write
 * is idempotent under activity retries.
 */
@Entity({ name: 'human_task' })
@Index('ux_human_task_workflow_key', ['workflowId', 'taskKey'], { unique: true })
@Index('ix_human_task_assignee', ['assigneeOrgId', 'assigneeRole', 'status'])
@Index('ix_human_task_org_path_status_due', ['orgPath', 'status', 'dueAt'])
@Index('ix_human_task_case', ['caseId'])
@Index('ix_human_task_step_status', ['step', 'status'])
// Issue 13 §2 (migration 1764979200100): the open inbox, the overdue view and the on-time reports (org_path with
// text_pattern_ops, and the report's INCLUDE columns, are in the migration; TypeORM cannot declare them).
@Index('ix_human_task_open_assignee', ['assigneeOrgId', 'assigneeRole', 'dueAt'], {
  where: "status IN ('open','overdue')",
})
@Index('ix_human_task_open_member', ['assigneeMemberId', 'dueAt'], {
  where: "status IN ('open','overdue') AND assignee_member_id IS NOT NULL",
})
@Index('ix_human_task_open_path_due', ['orgPath', 'dueAt'], { where: "status IN ('open','overdue')" })
// Issue 13 §3 (migration 1765152000100): the overdue view's page order over a province or the nation.
@Index('ix_human_task_open_due_id', ['dueAt', 'id'], { where: "status IN ('open','overdue')" })
// Its INCLUDE columns read back as indexed ones: left out of synchronisation, as the schema builder cannot compare it.
@Index('ix_human_task_path_due', { synchronize: false })
@Check(
  'human_task_status_check',
  "(status = ANY (ARRAY['open'::text, 'overdue'::text, 'completed'::text, 'cancelled'::text]))",
)
export class HumanTaskEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'workflow_id', type: 'text' }) workflowId!: string;
  @Column({ type: 'text' }) process!: string;
  @Column({ type: 'text' }) step!: string;
  /** The step, plus an attempt suffix when a step repeats (e.g. 'recognition_cell_vote#2'). */
  @Column({ name: 'task_key', type: 'text' }) taskKey!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ type: 'text' }) title!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'human_task_assignee_org_id_fkey' })
  @Column({ name: 'assignee_org_id', type: 'uuid' })
  assigneeOrgId!: string;
  @Column({ name: 'assignee_role', type: 'text', nullable: true }) assigneeRole!: string | null;
  @ForeignKey(() => MemberEntity, { name: 'human_task_assignee_member_id_fkey' })
  @Column({ name: 'assignee_member_id', type: 'uuid', nullable: true })
  assigneeMemberId!: string | null;
  /** Path of the assignee organisation, copied so supervisors' subtree queries need no join. */
  @Column({ name: 'org_path', type: 'text' }) orgPath!: string;
  @Column({ type: 'text' }) status!: TaskStatus;
  @Column({ name: 'allowed_outcomes', type: 'text', array: true }) allowedOutcomes!: string[];
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'remind_at', type: 'timestamptz', nullable: true }) remindAt!: Date | null;
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true }) remindedAt!: Date | null;
  @Column({ name: 'escalation_level', type: 'int', default: 0 }) escalationLevel!: number;
  @Column({ name: 'policy_version', type: 'int' }) policyVersion!: number;
  /** The organisation whose deadline-policy override timed the task; null for the national default (issue 11 §2). */
  @Column({ name: 'policy_org_id', type: 'uuid', nullable: true }) policyOrgId!: string | null;
  @Column({ type: 'text', nullable: true }) outcome!: string | null;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @Column({ type: 'jsonb', nullable: true }) data!: object | null;
  /** What the task was opened with, shown in the inbox (an incident: the failed step and the error). */
  @Column({ type: 'jsonb', nullable: true }) payload!: object | null;
  /** The case event a `case_event` policy counts from, as the task was opened (issue 14 §1); null before. */
  @Column({ name: 'anchor_at', type: 'timestamptz', nullable: true }) anchorAt!: Date | null;
  /** Issue 14 §6: whom a proxy completed the task for (completed_by_* is the proxy), and the minutes attesting it. */
  @Column({ name: 'acted_for_user_id', type: 'uuid', nullable: true }) actedForUserId!: string | null;
  @Column({ name: 'acted_for_name', type: 'text', nullable: true }) actedForName!: string | null;
  @Column({ name: 'proxy_attestation', type: 'jsonb', nullable: true }) proxyAttestation!: ProxyAttestation | null;
  /** Issue 14 §3: the first due date of a re-promised task (due_at is the date promised), how often, and why. */
  @Column({ name: 'original_due_at', type: 'timestamptz', nullable: true }) originalDueAt!: Date | null;
  @Column({ name: 'repromise_count', type: 'int', default: 0 }) repromiseCount!: number;
  @Column({ name: 'repromise_reason', type: 'text', nullable: true }) repromiseReason!: string | null;
  @Column({ name: 'completed_by_user_id', type: 'uuid', nullable: true }) completedByUserId!: string | null;
  @Column({ name: 'completed_by_name', type: 'text', nullable: true }) completedByName!: string | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
}

/**
 * A bulk reassignment (issue 14 §2): the filter and the target, its progress and what moved (the first
 * MAX_LISTED moves and failures; the counts stay exact), written by the taskReassignmentWorkflow's activities.
 */
@Entity({ name: 'task_reassignment' })
@Check(
  'task_reassignment_status_check',
  "(status = ANY (ARRAY['starting'::text, 'running'::text, 'completed'::text, 'start_failed'::text]))",
)
export class TaskReassignmentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_task_reassignment' }) id!: string;
  @Column({ type: 'jsonb' }) filter!: ReassignmentFilter;
  @Column({ type: 'jsonb' }) target!: Assignee;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'text' }) status!: 'starting' | 'running' | 'completed' | 'start_failed';
  @Column({ type: 'jsonb' }) counts!: ReassignmentCounts;
  @Column({ type: 'jsonb' }) moves!: ReassignmentMove[];
  @Column({ type: 'jsonb' }) failures!: ReassignmentFailure[];
  @Column({ name: 'started_by_user_id', type: 'uuid' }) startedByUserId!: string;
  @Column({ name: 'started_by', type: 'text' }) startedBy!: string;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
