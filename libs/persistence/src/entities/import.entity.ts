import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';

export type ImportStatus = 'queued' | 'counting' | 'running' | 'succeeded' | 'failed';

/** One spreadsheet import (issue 9 §4): its progress, written from outside its data transaction, and outcome. */
@Entity({ name: 'imports' })
@Check('imports_format_check', "(format = ANY (ARRAY['csv'::text, 'xlsx'::text]))")
@Check(
  'imports_status_check',
  "(status = ANY (ARRAY['queued'::text, 'counting'::text, 'running'::text, 'succeeded'::text, 'failed'::text]))",
)
@Index('ix_imports_user_started', ['userId', 'startedAt'])
export class ImportEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) format!: 'csv' | 'xlsx';
  @Column({ type: 'text' }) status!: ImportStatus;
  @Column({ name: 'rows_total', type: 'int', nullable: true }) rowsTotal!: number | null;
  @Column({ name: 'rows_done', type: 'int', default: 0 }) rowsDone!: number;
  @ForeignKey(() => UserEntity, { name: 'imports_user_id_fkey' })
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  /** When it succeeded: the counts of the kind's writer ({ created, updated, unchanged, … }). */
  @Column({ type: 'jsonb', nullable: true }) outcome!: Record<string, unknown> | null;
  /** When it failed: the HTTP status the problem would have alone (400, 403, 409, 500). */
  @Column({ name: 'error_status', type: 'int', nullable: true }) errorStatus!: number | null;
  @Column({ type: 'jsonb', nullable: true }) error!: Record<string, unknown> | null;
}
