import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  addMonths,
  toLocalDate,
  type CriteriaSet,
  type EducationLevel,
  type Grading,
  type MemberStatus,
  type OrgKind,
  type Role,
} from '@partyflow/domain';
import { CriteriaSetEntity } from '../entities/authority.entity';
import { MemberGradingEntity } from '../entities/member-grading.entity';
import { MemberEntity, type MassOrganisationMembership } from '../entities/member.entity';
import { OrganisationEntity } from '../entities/organisation.entity';
import { RoleAssignmentEntity, UserEntity } from '../entities/user.entity';
import { hashPassword } from '../security/password';
import { deterministicUuid, SeededRandom } from './deterministic';

/** Password of every demo user. */
export const DEMO_PASSWORD = 'matkhau123';

export type DemoUser = {
  username: string;
  password: string;
  fullName: string;
  roles: { orgCode: string; role: Role }[];
  description: string;
};

export type DemoCounts = { organisations: number; members: number; users: number };
export type DemoSeedResult = { users: DemoUser[]; counts: DemoCounts };

/** Id of a demo organisation, derived from its code. */
export const demoOrgId = (code: string): string => deterministicUuid(`org:${code}`);
const memberId = (key: string): string => deterministicUuid(`member:${key}`);
const userId = (username: string): string => deterministicUuid(`user:${username}`);

const nfc = (text: string): string => text.normalize('NFC');

// ---------------------------------------------------------------------------------------------
// Organisation tree
// ---------------------------------------------------------------------------------------------

type OrgSpec = {
  code: string;
  name: string;
  kind: OrgKind;
  parentCode: string | null;
  /** Username suffix of the users of this organisation (bithu.<suffix>, danguy.<suffix>). */
  suffix?: string;
  /** Cells: number of party members (candidates come on top). */
  memberCount?: number;
  /** Cells: a residential cell (tổ dân phố, khu đô thị) that can be a residence cell. */
  residential?: boolean;
};

const ORG_SPECS: readonly OrgSpec[] = [
  { code: 'HN', name: 'Đảng bộ Thành phố Hà Nội', kind: 'provincial_committee', parentCode: null, suffix: 'hanoi' },
  { code: 'HN-HM', name: 'Đảng bộ Quận Hoàng Mai', kind: 'district_committee', parentCode: 'HN', suffix: 'hoangmai' },
  {
    code: 'HN-HM-HL',
    name: 'Đảng bộ phường Hoàng Liệt',
    kind: 'grassroots_committee',
    parentCode: 'HN-HM',
    suffix: 'hoangliet',
  },
  {
    code: 'HN-HM-HL-TDP5',
    name: 'Chi bộ Tổ dân phố số 5',
    kind: 'cell',
    parentCode: 'HN-HM-HL',
    suffix: 'tdp5',
    memberCount: 32,
    residential: true,
  },
  {
    code: 'HN-HM-HL-LD',
    name: 'Chi bộ Khu đô thị Linh Đàm',
    kind: 'cell',
    parentCode: 'HN-HM-HL',
    suffix: 'linhdam',
    memberCount: 28,
    residential: true,
  },
  {
    code: 'HN-HM-HL-TDP12',
    name: 'Chi bộ Tổ dân phố số 12',
    kind: 'cell',
    parentCode: 'HN-HM-HL',
    suffix: 'tdp12',
    memberCount: 22,
    residential: true,
  },
  {
    code: 'HN-HM-DC',
    name: 'Đảng bộ phường Định Công',
    kind: 'grassroots_committee',
    parentCode: 'HN-HM',
    suffix: 'dinhcong',
  },
  {
    code: 'HN-HM-DC-TDP3',
    name: 'Chi bộ Tổ dân phố số 3',
    kind: 'cell',
    parentCode: 'HN-HM-DC',
    suffix: 'tdp3',
    memberCount: 26,
    residential: true,
  },
  {
    code: 'HN-HM-DC-KTT',
    name: 'Chi bộ Khu tập thể Định Công',
    kind: 'cell',
    parentCode: 'HN-HM-DC',
    suffix: 'ktdinhcong',
    memberCount: 24,
    residential: true,
  },
  {
    code: 'HN-HM-DC-TDP18',
    name: 'Chi bộ Tổ dân phố số 18',
    kind: 'cell',
    parentCode: 'HN-HM-DC',
    suffix: 'tdp18',
    memberCount: 19,
    residential: true,
  },
  {
    code: 'HN-HM-THPT',
    name: 'Đảng bộ Trường THPT Hoàng Mai',
    kind: 'grassroots_committee',
    parentCode: 'HN-HM',
    suffix: 'thpthoangmai',
  },
  {
    code: 'HN-HM-THPT-GV',
    name: 'Chi bộ Giáo viên',
    kind: 'cell',
    parentCode: 'HN-HM-THPT',
    suffix: 'giaovien',
    memberCount: 30,
    residential: false,
  },
  {
    code: 'HN-HM-THPT-HC',
    name: 'Chi bộ Hành chính – Phục vụ',
    kind: 'cell',
    parentCode: 'HN-HM-THPT',
    suffix: 'hanhchinh',
    memberCount: 16,
    residential: false,
  },
  { code: 'HN-LB', name: 'Đảng bộ Quận Long Biên', kind: 'district_committee', parentCode: 'HN', suffix: 'longbien' },
  { code: 'HN-LB-BD', name: 'Đảng bộ phường Bồ Đề', kind: 'grassroots_committee', parentCode: 'HN-LB', suffix: 'bode' },
  {
    code: 'HN-LB-BD-TDP1',
    name: 'Chi bộ Tổ dân phố số 1',
    kind: 'cell',
    parentCode: 'HN-LB-BD',
    suffix: 'longbien',
    memberCount: 18,
    residential: true,
  },
];

type OrgRow = Pick<OrganisationEntity, 'id' | 'code' | 'name' | 'kind' | 'parentId' | 'path' | 'depth'>;

function buildOrganisations(): Map<string, OrgRow> {
  const rows = new Map<string, OrgRow>();
  for (const spec of ORG_SPECS) {
    const id = demoOrgId(spec.code);
    const parent = spec.parentCode === null ? undefined : rows.get(spec.parentCode);
    if (spec.parentCode !== null && !parent)
      throw new Error(`Parent ${spec.parentCode} of ${spec.code} must come first`);
    rows.set(spec.code, {
      id,
      code: spec.code,
      name: nfc(spec.name),
      kind: spec.kind,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 30],
  ['Trần', 10],
  ['Lê', 9],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Huỳnh', 2],
  ['Phan', 4],
  ['Vũ', 5],
  ['Võ', 2],
  ['Đặng', 3],
  ['Bùi', 3],
  ['Đỗ', 3],
  ['Hồ', 2],
  ['Ngô', 3],
  ['Dương', 2],
  ['Lý', 1],
];
const MIDDLE_NAMES = {
  male: ['Văn', 'Đức', 'Hữu', 'Quang', 'Minh', 'Thanh', 'Xuân'],
  female: ['Thị', 'Thu', 'Ngọc', 'Minh', 'Thanh', 'Xuân'],
} as const;
const GIVEN_NAMES = {
  male: ['Anh', 'Bình', 'Dũng', 'Giang', 'Hải', 'Hùng', 'Khánh', 'Long', 'Nam', 'Quân', 'Sơn', 'Tâm', 'Tuấn', 'Việt'],
  female: [
    'Anh',
    'Bình',
    'Chi',
    'Giang',
    'Hà',
    'Hạnh',
    'Hương',
    'Khánh',
    'Lan',
    'Mai',
    'Nga',
    'Phương',
    'Tâm',
    'Thảo',
    'Trang',
    'Yến',
  ],
} as const;

class NameGenerator {
  private readonly used = new Set<string>();

  constructor(private readonly rng: SeededRandom) {}

  reserve(name: string): void {
    this.used.add(nfc(name));
  }

  next(): string {
    for (;;) {
      const gender = this.rng.chance(0.5) ? 'male' : 'female';
      const name = nfc(
        `${this.rng.weighted(FAMILY_NAMES)} ${this.rng.pick(MIDDLE_NAMES[gender])} ${this.rng.pick(GIVEN_NAMES[gender])}`,
      );
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Members, candidates, gradings
// ---------------------------------------------------------------------------------------------

type MemberRow = Pick<
  MemberEntity,
  | 'id'
  | 'organisationId'
  | 'fullName'
  | 'birthDate'
  | 'status'
  | 'educationLevel'
  | 'courseCertificateIssuedOn'
  | 'residenceOrgId'
  | 'massOrganisations'
  | 'specialCases'
  | 'joinedOn'
  | 'officialSince'
>;
type GradingRow = Pick<MemberGradingEntity, 'memberId' | 'year' | 'grading' | 'award'>;

const GRADING_YEARS = [2022, 2023, 2024, 2025] as const;

const MASS_ORGS = {
  doan_thanh_nien: { key: 'doan_thanh_nien', name: 'Đoàn TNCS Hồ Chí Minh' },
  cong_doan: { key: 'cong_doan', name: 'Công đoàn cơ sở' },
  hoi_phu_nu: { key: 'hoi_phu_nu', name: 'Hội Liên hiệp Phụ nữ' },
} as const satisfies Record<string, MassOrganisationMembership>;
type MassOrgKey = keyof typeof MASS_ORGS;

type CandidateSpec = {
  key: string;
  fullName: string;
  cellCode: string;
  birthDate: string;
  educationLevel: EducationLevel;
  courseCertificateIssuedOn: string;
  residenceCellCode: string | null;
  massOrganisations: MassOrgKey[];
  specialCases: string[];
  /** Gradings 2023, 2024, 2025 (with an award flag where it applies). */
  gradings: readonly [Grading, Grading, Grading];
  awardYear?: number;
  /** Whether the [seed:001] 3-year rule passes (for the descriptions; the data decides). */
  passesSeed001: boolean;
};

/** Candidates (quần chúng ưu tú) ready for an admission case; all but one pass the [seed:001] rule. */
const CANDIDATE_SPECS: readonly CandidateSpec[] = [
  {
    key: 'trang',
    fullName: 'Nguyễn Thu Trang',
    cellCode: 'HN-HM-HL-TDP5',
    birthDate: '2001-04-12',
    educationLevel: 'university',
    courseCertificateIssuedOn: '2025-09-15',
    residenceCellCode: 'HN-HM-HL-LD',
    massOrganisations: ['doan_thanh_nien'],
    specialCases: [],
    gradings: ['good', 'excellent', 'good'],
    passesSeed001: true,
  },
  {
    key: 'quan',
    fullName: 'Trần Minh Quân',
    cellCode: 'HN-HM-HL-TDP5',
    birthDate: '1998-11-03',
    educationLevel: 'college',
    courseCertificateIssuedOn: '2025-05-20',
    residenceCellCode: null,
    massOrganisations: ['cong_doan'],
    specialCases: [],
    gradings: ['good', 'good', 'excellent'],
    passesSeed001: true,
  },
  {
    key: 'huong',
    fullName: 'Lê Thị Hương',
    cellCode: 'HN-HM-HL-LD',
    birthDate: '1999-07-21',
    educationLevel: 'university',
    courseCertificateIssuedOn: '2025-10-02',
    residenceCellCode: 'HN-HM-HL-TDP12',
    massOrganisations: ['hoi_phu_nu'],
    specialCases: ['religious_believer'],
    gradings: ['good', 'excellent', 'good'],
    passesSeed001: true,
  },
  {
    key: 'long',
    fullName: 'Phạm Đức Long',
    cellCode: 'HN-HM-DC-TDP3',
    birthDate: '2003-02-14',
    educationLevel: 'upper_secondary',
    courseCertificateIssuedOn: '2026-03-10',
    residenceCellCode: null,
    massOrganisations: ['doan_thanh_nien'],
    specialCases: [],
    gradings: ['good', 'good', 'good'],
    awardYear: 2025,
    passesSeed001: true,
  },
  {
    key: 'hai',
    fullName: 'Vũ Văn Hải',
    cellCode: 'HN-HM-DC-KTT',
    birthDate: '1997-05-30',
    educationLevel: 'vocational',
    courseCertificateIssuedOn: '2025-06-18',
    residenceCellCode: null,
    massOrganisations: ['cong_doan'],
    specialCases: [],
    gradings: ['good', 'completed', 'good'],
    passesSeed001: false,
  },
  {
    key: 'mai',
    fullName: 'Hoàng Ngọc Mai',
    cellCode: 'HN-HM-THPT-GV',
    birthDate: '1996-09-09',
    educationLevel: 'postgraduate',
    courseCertificateIssuedOn: '2025-11-25',
    residenceCellCode: 'HN-HM-DC-KTT',
    massOrganisations: ['cong_doan', 'hoi_phu_nu'],
    specialCases: [],
    gradings: ['excellent', 'good', 'excellent'],
    passesSeed001: true,
  },
  {
    key: 'yen',
    fullName: 'Đặng Thị Yến',
    cellCode: 'HN-HM-HL-TDP12',
    birthDate: '2006-01-18',
    educationLevel: 'upper_secondary',
    courseCertificateIssuedOn: '2026-04-08',
    residenceCellCode: null,
    massOrganisations: ['doan_thanh_nien'],
    specialCases: [],
    gradings: ['good', 'good', 'excellent'],
    passesSeed001: true,
  },
  {
    key: 'tam',
    fullName: 'Bùi Thanh Tâm',
    cellCode: 'HN-LB-BD-TDP1',
    birthDate: '2000-12-05',
    educationLevel: 'university',
    courseCertificateIssuedOn: '2025-08-22',
    residenceCellCode: null,
    massOrganisations: ['doan_thanh_nien'],
    specialCases: [],
    gradings: ['excellent', 'good', 'good'],
    passesSeed001: true,
  },
];

const EDUCATION_RESIDENTIAL: readonly (readonly [EducationLevel, number])[] = [
  ['university', 40],
  ['upper_secondary', 25],
  ['college', 12],
  ['vocational', 10],
  ['postgraduate', 8],
  ['lower_secondary', 5],
];
const EDUCATION_ELDERLY: readonly (readonly [EducationLevel, number])[] = [
  ['lower_secondary', 20],
  ['upper_secondary', 35],
  ['vocational', 15],
  ['university', 30],
];
const EDUCATION_SCHOOL_TEACHERS: readonly (readonly [EducationLevel, number])[] = [
  ['university', 70],
  ['postgraduate', 30],
];
const EDUCATION_SCHOOL_STAFF: readonly (readonly [EducationLevel, number])[] = [
  ['university', 45],
  ['college', 25],
  ['vocational', 20],
  ['upper_secondary', 10],
];
const GRADING_WEIGHTS: readonly (readonly [Grading, number])[] = [
  ['excellent', 15],
  ['good', 70],
  ['completed', 12],
  ['not_completed', 3],
];

/** Number of leading members of each cell that are always official (they back the demo users). */
const LEADING_OFFICIALS = 4;

type DemoPlan = {
  organisations: OrgRow[];
  members: MemberRow[];
  gradings: GradingRow[];
  /** Official members of each cell, in order (cell code → member rows). */
  officialsByCell: Map<string, MemberRow[]>;
  candidates: { spec: CandidateSpec; row: MemberRow }[];
  names: NameGenerator;
};

function memberStatus(rng: SeededRandom, index: number, count: number): MemberStatus {
  if (index < LEADING_OFFICIALS) return 'official';
  // Every cell has one exempt and one probationary member; a few more at random.
  if (index === count - 1) return 'exempt';
  if (index === count - 2) return 'probationary';
  return rng.weighted<MemberStatus>([
    ['official', 90],
    ['probationary', 5],
    ['exempt', 5],
  ]);
}

function buildMembers(orgs: Map<string, OrgRow>): DemoPlan {
  const rng = new SeededRandom('partyflow-demo-members-v1');
  const names = new NameGenerator(rng);
  for (const candidate of CANDIDATE_SPECS) names.reserve(candidate.fullName);
  const org = (code: string): OrgRow => {
    const row = orgs.get(code);
    if (!row) throw new Error(`Unknown organisation ${code}`);
    return row;
  };
  const cells = ORG_SPECS.filter((spec) => spec.kind === 'cell');
  const residentialHoangMai = cells.filter((spec) => spec.residential === true && spec.code.startsWith('HN-HM-'));

  const members: MemberRow[] = [];
  const gradings: GradingRow[] = [];
  const officialsByCell = new Map<string, MemberRow[]>();

  for (const cell of cells) {
    const count = cell.memberCount ?? 0;
    const school = cell.code.startsWith('HN-HM-THPT');
    const officials: MemberRow[] = [];
    for (let index = 0; index < count; index += 1) {
      const status = memberStatus(rng, index, count);
      const birthYear =
        // Exempt (miễn công tác và sinh hoạt): elderly residents; at the school, long illness.
        status === 'exempt'
          ? school
            ? rng.int(1966, 1975)
            : rng.int(1950, 1958)
          : status === 'probationary'
            ? rng.int(1988, 2000)
            : index < LEADING_OFFICIALS
              ? rng.int(1962, 1988)
              : school
                ? rng.int(1965, 2000)
                : rng.int(1950, 2000);
      const birthDate = rng.dateIn(birthYear);
      let joinedOn: string | null;
      let officialSince: string | null;
      if (status === 'probationary') {
        // Ceremonies between 11/2025 and 9/2026: probation ends between 11/2026 and 9/2027.
        const year = rng.chance(0.25) ? 2025 : 2026;
        joinedOn = year === 2025 ? rng.dateIn(2025, 11, 12) : rng.dateIn(2026, 1, 9);
        officialSince = null;
      } else {
        const joinYear = Math.min(birthYear + rng.int(20, 34), 2023);
        joinedOn = rng.dateIn(joinYear);
        officialSince = `${joinYear + 1}${joinedOn.slice(4)}`;
      }
      const educationLevel = school
        ? rng.weighted(cell.code.endsWith('-GV') ? EDUCATION_SCHOOL_TEACHERS : EDUCATION_SCHOOL_STAFF)
        : birthYear < 1960
          ? rng.weighted(EDUCATION_ELDERLY)
          : rng.weighted(EDUCATION_RESIDENTIAL);
      // Working members (QĐ 213) keep contact with the cell where they live.
      const otherResidential = residentialHoangMai.filter((spec) => spec.code !== cell.code);
      const residenceOrgId =
        (school && rng.chance(0.6)) || (!school && cell.code.startsWith('HN-HM-') && rng.chance(0.08))
          ? org(rng.pick(otherResidential).code).id
          : null;
      const row: MemberRow = {
        id: memberId(`${cell.code}:${index + 1}`),
        organisationId: org(cell.code).id,
        fullName: names.next(),
        birthDate,
        status,
        educationLevel,
        courseCertificateIssuedOn: null,
        residenceOrgId,
        massOrganisations: school && rng.chance(0.9) ? [MASS_ORGS.cong_doan] : [],
        specialCases: [],
        joinedOn,
        officialSince,
      };
      members.push(row);
      if (status === 'official') officials.push(row);
      for (const year of GRADING_YEARS) {
        const grading =
          index < LEADING_OFFICIALS
            ? rng.weighted<Grading>([
                ['excellent', 30],
                ['good', 70],
              ])
            : rng.weighted(GRADING_WEIGHTS);
        const award = (grading === 'excellent' || grading === 'good') && rng.chance(0.05);
        gradings.push({ memberId: row.id, year, grading, award });
      }
    }
    officialsByCell.set(cell.code, officials);
  }

  const candidates = CANDIDATE_SPECS.map((spec) => {
    const row: MemberRow = {
      id: memberId(`candidate:${spec.key}`),
      organisationId: org(spec.cellCode).id,
      fullName: nfc(spec.fullName),
      birthDate: spec.birthDate,
      status: 'candidate',
      educationLevel: spec.educationLevel,
      courseCertificateIssuedOn: spec.courseCertificateIssuedOn,
      residenceOrgId: spec.residenceCellCode === null ? null : org(spec.residenceCellCode).id,
      massOrganisations: spec.massOrganisations.map((key) => ({
        key: MASS_ORGS[key].key,
        name: nfc(MASS_ORGS[key].name),
      })),
      specialCases: spec.specialCases,
      joinedOn: null,
      officialSince: null,
    };
    members.push(row);
    spec.gradings.forEach((grading, offset) => {
      const year = 2023 + offset;
      gradings.push({ memberId: row.id, year, grading, award: spec.awardYear === year });
    });
    return { spec, row };
  });

  return { organisations: [...orgs.values()], members, gradings, officialsByCell, candidates, names };
}

// ---------------------------------------------------------------------------------------------
// Users
// ---------------------------------------------------------------------------------------------

type UserPlan = DemoUser & { id: string; memberId: string | null };

function buildUsers(plan: DemoPlan): UserPlan[] {
  const users: UserPlan[] = [];
  const taken = new Set<string>();
  const orgName = (code: string): string => {
    const spec = ORG_SPECS.find((entry) => entry.code === code);
    if (!spec) throw new Error(`Unknown organisation ${code}`);
    return nfc(spec.name);
  };
  /** The next official member of `cellCode` not yet linked to a user. */
  const takeOfficial = (cellCode: string): MemberRow => {
    const official = (plan.officialsByCell.get(cellCode) ?? []).find((row) => !taken.has(row.id));
    if (!official) throw new Error(`No free official member in ${cellCode}`);
    taken.add(official.id);
    return official;
  };
  const add = (username: string, member: MemberRow | null, roles: DemoUser['roles'], description: string): void => {
    users.push({
      id: userId(username),
      username,
      password: DEMO_PASSWORD,
      fullName: member ? member.fullName : plan.names.next(),
      memberId: member?.id ?? null,
      roles,
      description: nfc(description),
    });
  };
  const candidatesOf = (cellCode: string): string =>
    plan.candidates
      .filter((c) => c.spec.cellCode === cellCode)
      .map((c) => c.row.fullName)
      .join(', ');

  const cells = ORG_SPECS.filter((spec) => spec.kind === 'cell');
  for (const cell of cells) {
    const suffix = cell.suffix ?? cell.code.toLowerCase();
    const candidates = candidatesOf(cell.code);
    const note = candidates === '' ? '' : ` Quần chúng ưu tú của chi bộ: ${candidates}.`;
    add(
      `bithu.${suffix}`,
      takeOfficial(cell.code),
      [
        { orgCode: cell.code, role: 'cell_secretary' },
        { orgCode: cell.code, role: 'cell_committee_member' },
      ],
      `Bí thư ${orgName(cell.code)} (${cell.code}): mở hồ sơ kết nạp, chủ trì biểu quyết của chi bộ, tổ chức lễ kết nạp.${note} / ` +
        `Cell secretary: opens admission cases, runs the cell votes and the ceremony.`,
    );
    if (cell.code === 'HN-HM-HL-TDP5') {
      add(
        'chiuy.tdp5',
        takeOfficial(cell.code),
        [{ orgCode: cell.code, role: 'cell_committee_member' }],
        `Chi ủy viên ${orgName(cell.code)}: kiểm tra điều kiện, thu thập ý kiến, thẩm tra lý lịch. / ` +
          'Cell committee member: checks eligibility, collects opinions, does the background check.',
      );
    }
    if (cell.code === 'HN-HM-HL-LD') {
      add(
        'chiuy.linhdam',
        takeOfficial(cell.code),
        [{ orgCode: cell.code, role: 'cell_committee_member' }],
        `Chi ủy viên ${orgName(cell.code)}, chi bộ nơi cư trú của quần chúng Nguyễn Thu Trang: cho ý kiến nhận xét nơi cư trú. / ` +
          'Committee member of the residence cell: gives the residence opinion on candidates living in Linh Đàm.',
      );
    }
  }

  const grassroots = ORG_SPECS.filter((spec) => spec.kind === 'grassroots_committee');
  for (const committee of grassroots) {
    const suffix = committee.suffix ?? committee.code.toLowerCase();
    const ownCells = cells.filter((cell) => cell.parentCode === committee.code);
    for (let n = 1; n <= 3; n += 1) {
      const username = n === 1 ? `danguy.${suffix}` : `danguy${n}.${suffix}`;
      const cell = ownCells[(n - 1) % ownCells.length];
      add(
        username,
        takeOfficial(cell.code),
        [{ orgCode: committee.code, role: 'grassroots_committee_member' }],
        `Đảng ủy viên ${orgName(committee.code)} (${committee.code}): biểu quyết của đảng ủy cơ sở, chứng nhận lý lịch. / ` +
          'Grassroots committee member: votes in the grassroots committee, certifies the background check.',
      );
    }
  }
  add(
    'giamsat.hoangliet',
    null,
    [{ orgCode: 'HN-HM-HL', role: 'supervisor' }],
    'Cán bộ giám sát Đảng ủy phường Hoàng Liệt: theo dõi tiến độ các hồ sơ của đảng bộ, nhận cảnh báo quá hạn. / ' +
      'Supervisor of the Hoàng Liệt ward committee: watches progress and overdue tasks in its subtree.',
  );
  add(
    'bantochuc.hoangmai',
    null,
    [{ orgCode: 'HN-HM', role: 'organisation_department' }],
    'Chuyên viên Ban Tổ chức Quận ủy Hoàng Mai: thẩm định hồ sơ kết nạp, áp dụng tiêu chuẩn riêng [seed:001]. / ' +
      'Organisation department of the Hoàng Mai district committee: appraises admission dossiers.',
  );
  add(
    'thuongvu.hoangmai',
    null,
    [{ orgCode: 'HN-HM', role: 'standing_committee_member' }],
    'Ủy viên Ban Thường vụ Quận ủy Hoàng Mai: ra quyết định kết nạp và công nhận đảng viên chính thức. / ' +
      'Standing committee member of Hoàng Mai: decides admissions and recognitions.',
  );
  add(
    'giamsat.hoangmai',
    null,
    [{ orgCode: 'HN-HM', role: 'supervisor' }],
    'Cán bộ giám sát Quận ủy Hoàng Mai: theo dõi toàn bộ hồ sơ của quận, nhận cảnh báo quá hạn. / ' +
      'Supervisor of the Hoàng Mai district: sees every case and overdue task in the district.',
  );
  add(
    'giamsat.hanoi',
    null,
    [{ orgCode: 'HN', role: 'supervisor' }],
    'Cán bộ giám sát Thành ủy Hà Nội: theo dõi toàn thành phố (Hoàng Mai và Long Biên). / ' +
      'Supervisor of the Hà Nội city committee: sees the whole tree.',
  );
  add(
    'quantri',
    null,
    [{ orgCode: 'HN', role: 'administrator' }],
    'Quản trị hệ thống: cấu hình thời hạn, ngày nghỉ lễ, tiêu chuẩn riêng và phân quyền. / ' +
      'Administrator: configures deadline policies, holidays, local criteria and role assignments.',
  );
  return users;
}

// ---------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------

export const HOANG_MAI_CRITERIA_NAME = 'Tiêu chuẩn kết nạp của Quận ủy Hoàng Mai [seed:001]';

function buildCriteriaSet(): Pick<
  CriteriaSetEntity,
  'id' | 'organisationId' | 'name' | 'definition' | 'active' | 'documentRef' | 'effectiveFrom' | 'effectiveUntil'
> {
  const name = nfc(HOANG_MAI_CRITERIA_NAME);
  const definition: CriteriaSet = {
    id: 'hm-3-years',
    name,
    checks: [{ kind: 'consecutive_gradings', years: 3, minGrading: 'good', requireExcellentOrAward: true }],
  };
  return {
    id: deterministicUuid('criteria-set:hm-3-years'),
    organisationId: demoOrgId('HN-HM'),
    name,
    definition,
    active: true,
    documentRef: '52-CV/BTCĐU',
    effectiveFrom: '2019-01-01',
    effectiveUntil: null,
  };
}

type FullPlan = { plan: DemoPlan; users: UserPlan[] };

/** The year the demo data is written for; seeding in a later year moves every date along. */
const DEMO_BASE_YEAR = 2026;

const shiftDate = (d: string | null, years: number): string | null => (d && years ? addMonths(d, 12 * years) : d);

/**
 * Moves every date of the plan by whole years, so that the data seeded in any year looks as it
 * does in 2026: the [seed:001] rule looks at the three years before the year of consideration,
 * and certificates, probation and ages are all relative to today.
 */
function shiftPlan(plan: DemoPlan, years: number): void {
  if (!years) return;
  for (const m of plan.members) {
    m.birthDate = shiftDate(m.birthDate, years) as string;
    m.courseCertificateIssuedOn = shiftDate(m.courseCertificateIssuedOn, years);
    m.joinedOn = shiftDate(m.joinedOn, years);
    m.officialSince = shiftDate(m.officialSince, years);
  }
  for (const g of plan.gradings) g.year += years;
}

function buildPlan(seedYear: number): FullPlan {
  const plan = buildMembers(buildOrganisations());
  shiftPlan(plan, seedYear - DEMO_BASE_YEAR);
  return { plan, users: buildUsers(plan) };
}

const toDemoUser = ({ username, password, fullName, roles, description }: UserPlan): DemoUser => ({
  username,
  password,
  fullName,
  roles: roles.map((role) => ({ ...role })),
  description,
});

function resultOf({ plan, users }: FullPlan): DemoSeedResult {
  return {
    users: users.map(toDemoUser),
    counts: { organisations: plan.organisations.length, members: plan.members.length, users: users.length },
  };
}

const CHUNK = 500;
async function insertChunked<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await em
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(start, start + CHUNK))
      .execute();
  }
}

async function insertPlan(em: EntityManager, { plan, users }: FullPlan): Promise<void> {
  // Parents before children (the specs are in that order).
  await insertChunked(em, OrganisationEntity, plan.organisations);
  await insertChunked(em, MemberEntity, plan.members);
  await insertChunked(em, MemberGradingEntity, plan.gradings);
  await insertChunked(em, CriteriaSetEntity, [buildCriteriaSet()]);
  const userRows: Pick<UserEntity, 'id' | 'username' | 'passwordHash' | 'fullName' | 'memberId' | 'organisationId'>[] =
    [];
  const memberOrg = new Map(plan.members.map((m) => [m.id, m.organisationId]));
  // One hash per distinct password (all demo users share the public DEMO_PASSWORD): at the OWASP cost
  // (issue 11 §4, about 0.4 s a hash) one per user would make every seeding take seconds.
  const hashes = new Map<string, string>();
  for (const user of users) {
    const passwordHash = hashes.get(user.password) ?? (await hashPassword(user.password));
    hashes.set(user.password, passwordHash);
    userRows.push({
      id: user.id,
      username: user.username,
      passwordHash,
      fullName: user.fullName,
      memberId: user.memberId,
      // The member's cell, else the organisation of the user's first role (issue 9 §3).
      organisationId: (user.memberId && memberOrg.get(user.memberId)) || demoOrgId(user.roles[0].orgCode),
    });
  }
  await insertChunked(em, UserEntity, userRows);
  const assignments: Pick<RoleAssignmentEntity, 'id' | 'userId' | 'organisationId' | 'role'>[] = users.flatMap((user) =>
    user.roles.map(({ orgCode, role }) => ({
      id: deterministicUuid(`role:${user.username}:${orgCode}:${role}`),
      userId: user.id,
      organisationId: demoOrgId(orgCode),
      role,
    })),
  );
  await insertChunked(em, RoleAssignmentEntity, assignments);
}

/**
 * Seeds the Hà Nội demo: organisation tree (HN → Hoàng Mai → 3 grassroots committees → 8 cells,
 * plus Long Biên), 215 members with gradings 2022–2025, 8 candidates, the Hoàng Mai [seed:001]
 * criteria set and the demo users (password `matkhau123`). Deterministic and idempotent: when
 * organisation 'HN' exists nothing is inserted and the same result is returned.
 */
export async function seedDemoData(
  dataSource: DataSource,
  { today = toLocalDate(Date.now()) }: { today?: string } = {},
): Promise<DemoSeedResult> {
  const full = buildPlan(Number(today.slice(0, 4)));
  await dataSource.transaction(async (em) => {
    // Serialise concurrent seeders (the demo script and a test may start together).
    await em.query("SELECT pg_advisory_xact_lock(hashtext('partyflow:seed-demo-data'))");
    const existing: unknown[] = await em.query("SELECT 1 FROM organisation WHERE code = 'HN'");
    if (existing.length > 0) return;
    await insertPlan(em, full);
  });
  return resultOf(full);
}
