import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { MemberEntity } from './member.entity';
import type { Grading } from '@partyflow/domain';

/** Annual grading (xếp loại chất lượng) of a member or candidate, one row per year. */
@Entity({ name: 'member_grading' })
@Check(
  'member_grading_grading_check',
  "(grading = ANY (ARRAY['excellent'::text, 'good'::text, 'completed'::text, 'not_completed'::text]))",
)
export class MemberGradingEntity {
  @ForeignKey(() => MemberEntity, { name: 'member_grading_member_id_fkey' })
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId!: string;
  @PrimaryColumn({ type: 'int' }) year!: number;
  @Column({ type: 'text' }) grading!: Grading;
  @Column({ type: 'boolean', default: false }) award!: boolean;
}
