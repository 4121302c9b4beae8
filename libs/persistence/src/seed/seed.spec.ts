import type { DataSource } from 'typeorm';
import { DEFAULT_DEADLINE_POLICIES, evaluateLocalCriteria, ROLES, type YearGrading } from '@partyflow/domain';
import { CriteriaSetEntity } from '../entities/authority.entity';
import { DeadlinePolicyEntity, HolidayEntity } from '../entities/deadline-policy.entity';
import { MemberGradingEntity } from '../entities/member-grading.entity';
import { MemberEntity } from '../entities/member.entity';
import { OrganisationEntity } from '../entities/organisation.entity';
import { RoleAssignmentEntity, UserEntity } from '../entities/user.entity';
import { verifyPassword } from '../security/password';
import { useScratchDatabase } from '../testing/postgres-process';
import { DEMO_PASSWORD, demoOrgId, seedDemoData, seedReferenceData, type DemoSeedResult } from './index';

const isNfc = (text: string): boolean => text === text.normalize('NFC');

describe('seed', () => {
  const scratch = useScratchDatabase('seed_test');
  let ds: DataSource;
  let first: DemoSeedResult;
  let second: DemoSeedResult;

  beforeAll(async () => {
    ds = scratch.ds;
    await seedReferenceData(ds.manager);
    // Seeded as in 2026, the year the demo data is written for (a later year shifts every date).
    first = await seedDemoData(ds, { today: '2026-06-01' });
    await seedReferenceData(ds.manager);
    second = await seedDemoData(ds, { today: '2026-06-01' });
  });

  // Issue 7 §1: a `date` column is a local date and must come back as 'YYYY-MM-DD', from raw queries too
  // (node-postgres turns OID 1082 into a JS Date at host midnight by default), whatever the host zone.
  it("should read date columns as 'YYYY-MM-DD' strings from raw queries, arrays and entities", async () => {
    const [raw] = (await ds.query(
      `SELECT birth_date, ARRAY[birth_date, birth_date + 1] AS dates FROM member WHERE full_name = $1`,
      ['Nguyễn Thu Trang'],
    )) as { birth_date: unknown; dates: unknown }[];
    expect(raw).toEqual({ birth_date: '2001-04-12', dates: ['2001-04-12', '2001-04-13'] });
    const entity = await ds.getRepository(MemberEntity).findOneByOrFail({ fullName: 'Nguyễn Thu Trang' });
    expect(entity.birthDate).toBe('2001-04-12');
    const [edge] = (await ds.query(
      `SELECT DATE '2026-12-31' AS eve, DATE '2027-01-01' AS new_year, NULL::date AS none`,
    )) as Record<string, unknown>[];
    expect(edge).toEqual({ eve: '2026-12-31', new_year: '2027-01-01', none: null });
  });

  it('is idempotent: the second run inserts nothing and returns the same result', async () => {
    expect(second).toEqual(first);
    expect(await ds.getRepository(OrganisationEntity).count()).toBe(first.counts.organisations);
    expect(await ds.getRepository(MemberEntity).count()).toBe(first.counts.members);
    expect(await ds.getRepository(UserEntity).count()).toBe(first.counts.users);
  });

  it('builds the organisation tree with consistent materialised paths', async () => {
    const orgs = await ds.getRepository(OrganisationEntity).find();
    const byId = new Map(orgs.map((org) => [org.id, org]));
    expect(orgs.filter((org) => org.kind === 'grassroots_committee').length).toBeGreaterThanOrEqual(3);
    expect(orgs.filter((org) => org.kind === 'cell').length).toBeGreaterThanOrEqual(8);
    for (const org of orgs) {
      if (org.parentId === null) {
        expect(org.path).toBe(`/${org.id}/`);
        expect(org.depth).toBe(0);
      } else {
        const parent = byId.get(org.parentId);
        expect(parent).toBeDefined();
        expect(org.path).toBe(`${parent?.path}${org.id}/`);
        expect(org.depth).toBe((parent?.depth ?? -1) + 1);
      }
    }
    expect(byId.get(demoOrgId('HN'))?.code).toBe('HN');
    expect(orgs.map((org) => org.code)).toEqual(
      expect.arrayContaining(['HN', 'HN-HM', 'HN-HM-HL', 'HN-HM-DC', 'HN-HM-THPT', 'HN-HM-HL-TDP5', 'HN-LB']),
    );
  });

  it('seeds at least 200 party members, 15–40 per cell, with gradings 2022–2025', async () => {
    const members = await ds.getRepository(MemberEntity).find();
    const party = members.filter((member) => member.status !== 'candidate');
    expect(party.length).toBeGreaterThanOrEqual(200);
    const cells = await ds.getRepository(OrganisationEntity).findBy({ kind: 'cell' });
    for (const cell of cells) {
      const count = party.filter((member) => member.organisationId === cell.id).length;
      expect(count).toBeGreaterThanOrEqual(15);
      expect(count).toBeLessThanOrEqual(40);
    }
    for (const status of ['official', 'probationary', 'exempt'] as const) {
      expect(party.some((member) => member.status === status)).toBe(true);
    }
    expect(
      party.some((member) => member.residenceOrgId !== null && member.residenceOrgId !== member.organisationId),
    ).toBe(true);
    const gradings = await ds.getRepository(MemberGradingEntity).find();
    const years = new Map<string, number[]>();
    for (const grading of gradings) years.set(grading.memberId, [...(years.get(grading.memberId) ?? []), grading.year]);
    for (const member of party) expect((years.get(member.id) ?? []).sort()).toEqual([2022, 2023, 2024, 2025]);
  });

  it('stores every name in NFC', async () => {
    const texts = [
      ...(await ds.getRepository(OrganisationEntity).find()).map((org) => org.name),
      ...(await ds.getRepository(MemberEntity).find()).flatMap((member) => [
        member.fullName,
        ...member.massOrganisations.map((org) => org.name),
      ]),
      ...(await ds.getRepository(UserEntity).find()).map((user) => user.fullName),
      ...(await ds.getRepository(HolidayEntity).find()).map((holiday) => holiday.name),
      ...(await ds.getRepository(DeadlinePolicyEntity).find()).map((policy) => policy.source),
      ...(await ds.getRepository(CriteriaSetEntity).find()).map((set) => set.name),
      ...first.users.map((user) => user.description),
    ];
    expect(texts.length).toBeGreaterThan(200);
    expect(texts.filter((text) => !isNfc(text))).toEqual([]);
  });

  it('gives every role to at least one user and each grassroots committee a roster of 3', async () => {
    const assignments = await ds.getRepository(RoleAssignmentEntity).find();
    for (const role of ROLES) expect(assignments.some((assignment) => assignment.role === role)).toBe(true);
    const grassroots = await ds.getRepository(OrganisationEntity).findBy({ kind: 'grassroots_committee' });
    for (const committee of grassroots) {
      const roster = assignments.filter(
        (a) => a.organisationId === committee.id && a.role === 'grassroots_committee_member',
      );
      expect(roster.length).toBeGreaterThanOrEqual(3);
    }
    for (const user of first.users) expect(user.username).toMatch(/^[a-z0-9.]+$/);
    const secretary = await ds.getRepository(UserEntity).findOneByOrFail({ username: 'bithu.tdp5' });
    expect(await verifyPassword(DEMO_PASSWORD, secretary.passwordHash)).toBe(true);
    expect(secretary.memberId).not.toBeNull();
  });

  it('seeds candidates of whom exactly one fails the Hoàng Mai [seed:001] rule', async () => {
    const candidates = await ds.getRepository(MemberEntity).findBy({ status: 'candidate' });
    expect(candidates.length).toBeGreaterThanOrEqual(6);
    expect(candidates.some((candidate) => candidate.specialCases.includes('religious_believer'))).toBe(true);
    const set = await ds.getRepository(CriteriaSetEntity).findOneByOrFail({ organisationId: demoOrgId('HN-HM') });
    expect(set.name).toBe('Tiêu chuẩn kết nạp của Quận ủy Hoàng Mai [seed:001]');
    const failing: string[] = [];
    for (const candidate of candidates) {
      expect(Number(candidate.birthDate.slice(0, 4))).toBeGreaterThanOrEqual(1996);
      expect(Number(candidate.birthDate.slice(0, 4))).toBeLessThanOrEqual(2006);
      expect(candidate.courseCertificateIssuedOn).not.toBeNull();
      const rows = await ds.getRepository(MemberGradingEntity).findBy({ memberId: candidate.id });
      const gradings: YearGrading[] = rows.map((row) => ({ year: row.year, grading: row.grading, award: row.award }));
      const results = evaluateLocalCriteria({ set: set.definition, gradings, onDate: '2026-06-01' });
      if (results.some((result) => !result.passed)) failing.push(candidate.fullName);
    }
    expect(failing).toEqual(['Vũ Văn Hải']);
  });

  it('seeds the default deadline policies and the holidays without overwriting changes', async () => {
    expect(await ds.getRepository(DeadlinePolicyEntity).count()).toBe(DEFAULT_DEADLINE_POLICIES.length);
    expect(await ds.getRepository(HolidayEntity).existsBy({ date: '2026-09-02' })).toBe(true);
    expect(await ds.getRepository(HolidayEntity).existsBy({ date: '2025-01-27' })).toBe(true);

    const policies = ds.getRepository(DeadlinePolicyEntity);
    const { process, step } = DEFAULT_DEADLINE_POLICIES[0];
    await policies.update({ process, step }, { dueAmount: 99, version: 2, updatedBy: 'quantri' });
    await seedReferenceData(ds.manager);
    const changed = await policies.findOneByOrFail({ process, step });
    expect(changed.dueAmount).toBe(99);
    expect(changed.version).toBe(2);
    expect(await policies.count()).toBe(DEFAULT_DEADLINE_POLICIES.length);
  });
});
