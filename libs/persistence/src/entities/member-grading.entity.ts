import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Grading } from '@partyflow/domain';

/** Annual grading (xếp loại chất lượng) of a member or candidate, one row per year. */
@Entity({ name: 'member_grading' })
export class MemberGradingEntity {
  @PrimaryColumn({ name: 'member_id', type: 'uuid' }) memberId!: string;
  @PrimaryColumn({ type: 'int' }) year!: number;
  @Column({ type: 'text' }) grading!: Grading;
  @Column({ type: 'boolean', default: false }) award!: boolean;
}
