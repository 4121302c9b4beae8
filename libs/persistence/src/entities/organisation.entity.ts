import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { OrgKind } from '@partyflow/domain';

/** A party organisation (tổ chức đảng) at any depth; `path` is the materialised chain of ids. */
@Entity({ name: 'organisation' })
@Index('ix_organisation_parent', ['parentId'])
@Index('ix_organisation_path', ['path'])
// The list's order (issue 13 §3, migration 1765065600200).
@Index('ix_organisation_list_order', ['depth', 'code', 'id'])
@Check(
  'organisation_kind_check',
  "(kind = ANY (ARRAY['provincial_committee'::text, 'district_committee'::text, 'grassroots_committee'::text, 'cell'::text]))",
)
export class OrganisationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: OrgKind;
  @ForeignKey(() => OrganisationEntity, { name: 'organisation_parent_id_fkey' })
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;
  /** '/<root id>/…/<own id>/' so a subtree is `path LIKE '<path>%'`. */
  @Column({ type: 'text' }) path!: string;
  @Column({ type: 'int' }) depth!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** Closed (giải thể, sáp nhập) organisations stay for their history; none is ever deleted. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'closed_by', type: 'text', nullable: true }) closedBy!: string | null;
  @Column({ name: 'close_reason', type: 'text', nullable: true }) closeReason!: string | null;
}
