import { Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { z } from 'zod';
import { MEMBER_STATUSES, labelVi } from '@partyflow/domain';
import { MemberEntity, OrganisationEntity } from '@partyflow/persistence';
import type { AuthUser } from '../auth/auth-user';
import { parseOrThrow } from '../common/validation';

export const MemberQuery = z
  .object({
    status: z.enum(MEMBER_STATUSES).optional(),
    orgId: z.string().uuid('phải là UUID').optional(),
    q: z.string().max(100).optional(),
  })
  .strict();

/** Members and candidates in the organisations the user holds a role in, and below them. */
@Injectable()
export class MembersService {
  constructor(private readonly dataSource: DataSource) {}

  async list(user: AuthUser, query: unknown) {
    const q = parseOrThrow(MemberQuery, query ?? {}, 'query');
    if (!user.roles.length) return [];
    const qb = this.dataSource
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .innerJoin(OrganisationEntity, 'o', 'o.id = m.organisation_id')
      .select([
        'm.id AS id',
        'm.full_name AS "fullName"',
        'm.status AS status',
        'm.birth_date AS "birthDate"',
        'o.id AS "orgId"',
        'o.name AS "orgName"',
      ])
      .where(
        new Brackets((w) =>
          user.roles.forEach((r, i) => w.orWhere(`o.path LIKE :p${i}`, { [`p${i}`]: `${r.orgPath}%` })),
        ),
      );
    if (q.status) qb.andWhere('m.status = :status', { status: q.status });
    if (q.orgId) qb.andWhere('o.id = :orgId', { orgId: q.orgId });
    if (q.q) qb.andWhere('m.full_name ILIKE :name', { name: `%${q.q.normalize('NFC')}%` });
    const rows = await qb.orderBy('m.full_name', 'ASC').limit(500).getRawMany<{
      id: string;
      fullName: string;
      status: string;
      birthDate: string;
      orgId: string;
      orgName: string;
    }>();
    return rows.map((r) => ({ ...r, statusLabel: labelVi(r.status) }));
  }
}
