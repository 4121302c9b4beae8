import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { MemberEntity } from './member.entity';
import { OrganisationEntity } from './organisation.entity';
import type { Role } from '@partyflow/domain';

@Entity({ name: 'app_user' })
export class UserEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) username!: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash!: string;
  @Column({ name: 'full_name', type: 'text' }) fullName!: string;
  @ForeignKey(() => MemberEntity, { name: 'app_user_member_id_fkey' })
  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A role a user holds in one organisation; authority is always checked against these rows. */
@Entity({ name: 'role_assignment' })
@Index('ux_role_assignment', ['userId', 'organisationId', 'role'], { unique: true })
@Index('ix_role_assignment_org_role', ['organisationId', 'role'])
export class RoleAssignmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => UserEntity, { name: 'role_assignment_user_id_fkey' })
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;
  @ForeignKey(() => OrganisationEntity, { name: 'role_assignment_organisation_id_fkey' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;
  @Column({ type: 'text' }) role!: Role;
}
