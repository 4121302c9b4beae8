import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { addMonths, toLocalDate, type MemberStatus, type OrgKind, type Role } from '@partyflow/domain';
import {
  AdmissionCaseEntity,
  HumanTaskEntity,
  MemberEntity,
  MemberGradingEntity,
  OrganisationEntity,
  RoleAssignmentEntity,
  seedReferenceData,
  UserEntity,
} from '@partyflow/persistence';
import { eventually } from './eventually';

/** A small organisation tree for workflow tests: HN → HM → PL (grassroots) → cell A, cell B. */
export type Fixture = {
  orgs: Record<'province' | 'district' | 'grassroots' | 'cellA' | 'cellB' | 'otherGrassroots', OrganisationEntity>;
  officialIds: string[];
  candidateId: string;
  users: Record<string, { id: string; name: string }>;
};

export async function buildFixture(
  ds: DataSource,
  opts: { candidate?: Partial<MemberEntity>; officials?: number; exempt?: number } = {},
): Promise<Fixture> {
  await seedReferenceData(ds.manager);
  const mk = async (code: string, name: string, kind: OrgKind, parent?: OrganisationEntity) => {
    const id = randomUUID();
    const org = ds.getRepository(OrganisationEntity).create({
      id,
      code,
      name,
      kind,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: (parent?.depth ?? -1) + 1,
    });
    return ds.getRepository(OrganisationEntity).save(org);
  };
  const province = await mk('T-HN', 'Đảng bộ Thành phố Hà Nội', 'provincial_committee');
  const district = await mk('T-HM', 'Đảng bộ Quận Hoàng Mai', 'district_committee', province);
  const grassroots = await mk('T-HL', 'Đảng bộ phường Hoàng Liệt', 'grassroots_committee', district);
  const otherGrassroots = await mk('T-DC', 'Đảng bộ phường Định Công', 'grassroots_committee', district);
  const cellA = await mk('T-HL-5', 'Chi bộ Tổ dân phố số 5', 'cell', grassroots);
  const cellB = await mk('T-HL-LD', 'Chi bộ Khu đô thị Linh Đàm', 'cell', grassroots);

  const member = async (
    fullName: string,
    status: MemberStatus,
    org: OrganisationEntity,
    extra: Partial<MemberEntity> = {},
  ) => {
    const m = ds.getRepository(MemberEntity).create({
      id: randomUUID(),
      organisationId: org.id,
      fullName,
      birthDate: '1980-05-10',
      status,
      educationLevel: 'university',
      courseCertificateIssuedOn: null,
      residenceOrgId: null,
      massOrganisations: [],
      specialCases: [],
      joinedOn: null,
      officialSince: null,
      ...extra,
    });
    return ds.getRepository(MemberEntity).save(m);
  };
  const officialIds: string[] = [];
  for (let i = 0; i < (opts.officials ?? 9); i++)
    officialIds.push((await member(`Đảng viên ${i + 1}`, 'official', cellA)).id);
  for (let i = 0; i < (opts.exempt ?? 1); i++) await member(`Đảng viên miễn sinh hoạt ${i + 1}`, 'exempt', cellA);
  const candidate = await member('Nguyễn Thị Hạnh', 'candidate', cellA, {
    birthDate: '2000-03-15',
    educationLevel: 'university',
    courseCertificateIssuedOn: addMonths(toLocalDate(Date.now()), -6),
    residenceOrgId: cellB.id,
    massOrganisations: [{ key: 'doan_thanh_nien', name: 'Đoàn TNCS Hồ Chí Minh' }],
    ...opts.candidate,
  });
  // The [seed:001] rule looks at the three years before the year of consideration.
  const thisYear = Number(toLocalDate(Date.now()).slice(0, 4));
  for (const [offset, grading] of [
    [3, 'good'],
    [2, 'excellent'],
    [1, 'good'],
  ] as const) {
    await ds
      .getRepository(MemberGradingEntity)
      .save({ memberId: candidate.id, year: thisYear - offset, grading, award: false });
  }

  const users: Fixture['users'] = {};
  const user = async (key: string, name: string, grants: [OrganisationEntity, Role][]) => {
    const id = randomUUID();
    await ds.getRepository(UserEntity).save({
      id,
      username: key,
      passwordHash: 'x',
      fullName: name,
      memberId: null,
      organisationId: grants[0]?.[0].id ?? null,
    });
    for (const [org, role] of grants)
      await ds.getRepository(RoleAssignmentEntity).save({ id: randomUUID(), userId: id, organisationId: org.id, role });
    users[key] = { id, name };
  };
  await user('secretaryA', 'Trần Văn Bình', [
    [cellA, 'cell_secretary'],
    [cellA, 'cell_committee_member'],
  ]);
  await user('committeeB', 'Lê Thị Mai', [[cellB, 'cell_committee_member']]);
  await user('grassroots1', 'Phạm Quang Hùng', [[grassroots, 'grassroots_committee_member']]);
  await user('grassroots2', 'Vũ Thu Hà', [[grassroots, 'grassroots_committee_member']]);
  await user('grassroots3', 'Đỗ Minh Tuấn', [[grassroots, 'grassroots_committee_member']]);
  await user('orgDept', 'Hoàng Ngọc Lan', [[district, 'organisation_department']]);
  await user('standing', 'Ngô Xuân Sơn', [[district, 'standing_committee_member']]);
  await user('supervisorHL', 'Bùi Thanh Tâm', [[grassroots, 'supervisor']]);
  await user('supervisorHM', 'Dương Hữu Nam', [[district, 'supervisor']]);
  return {
    orgs: { province, district, grassroots, cellA, cellB, otherGrassroots },
    officialIds,
    candidateId: candidate.id,
    users,
  };
}

/** Inserts the case row the API would write before starting the workflow. */
export async function insertAdmissionCase(ds: DataSource, f: Fixture, caseId = randomUUID()): Promise<string> {
  await ds.getRepository(AdmissionCaseEntity).insert({
    id: caseId,
    workflowId: `admission-${caseId}`,
    candidateMemberId: f.candidateId,
    cellOrgId: f.orgs.cellA.id,
    grassrootsOrgId: f.orgs.grassroots.id,
    orgPath: f.orgs.cellA.path,
    status: 'in_progress',
    currentStep: 'eligibility',
    startedAt: new Date(),
    startedBy: 'test',
  });
  return caseId;
}

/** Polls the inbox read model until a task row exists (activities run in real time). */
export async function waitForTask(
  ds: DataSource,
  caseId: string,
  taskKey: string,
  timeoutMs = 20_000,
): Promise<HumanTaskEntity> {
  return eventually(
    () => ds.getRepository(HumanTaskEntity).findOneBy({ caseId, taskKey }),
    `Task ${taskKey} of case ${caseId} opening`,
    timeoutMs,
    50,
  );
}
