import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { toLocalDate, type Role } from '@partyflow/domain';
import { demoOrgId, MemberEntity, MemberGradingEntity } from '@partyflow/persistence';

/**
 * Candidates and the step plan of the benchmark-style runs that drive many admission cases over HTTP (npm run bench,
 * npm run chaos): the demo data has only 8 candidates.
 */

/** The cells of the Hoàng Liệt grassroots committee; cases are spread over them in turn. */
export const BENCH_CELL_CODES = ['HN-HM-HL-TDP5', 'HN-HM-HL-LD', 'HN-HM-HL-TDP12'] as const;
const GRASSROOTS_CODE = 'HN-HM-HL';
const COMPETENT_CODE = 'HN-HM';
export const BENCH_MASS_ORG = { key: 'doan_thanh_nien', name: 'Đoàn TNCS Hồ Chí Minh'.normalize('NFC') };

export type BenchCandidate = { memberId: string; fullName: string; cellOrgId: string };

/**
 * Candidates who pass every eligibility check: aged 18–60, university education, a course
 * certificate issued two months ago, and gradings 'good', 'excellent', 'good' for the three
 * years before the current one ([seed:001] rule of the Hoàng Mai criteria set). No residence
 * cell and one mass organisation, so every case has the same human steps. `label` starts their names.
 */
export async function createBenchCandidates(
  dataSource: DataSource,
  count: number,
  runTag: string,
  label = 'Quần chúng thử tải',
): Promise<BenchCandidate[]> {
  const today = toLocalDate(Date.now());
  const year = Number(today.slice(0, 4));
  const certificate = toLocalDate(Date.now() - 60 * 86_400_000);
  const members = Array.from({ length: count }, (_, i) => {
    const cellOrgId = demoOrgId(BENCH_CELL_CODES[i % BENCH_CELL_CODES.length]);
    return {
      id: randomUUID(),
      organisationId: cellOrgId,
      fullName: `${label} ${runTag}-${String(i + 1).padStart(3, '0')}`.normalize('NFC'),
      birthDate: `${1990 + (i % 12)}-0${1 + (i % 9)}-15`,
      status: 'candidate' as const,
      educationLevel: 'university',
      courseCertificateIssuedOn: certificate,
      residenceOrgId: null,
      massOrganisations: [BENCH_MASS_ORG],
      specialCases: [],
      joinedOn: null,
      officialSince: null,
    };
  });
  const gradings = members.flatMap((m) =>
    (['good', 'excellent', 'good'] as const).map((grading, offset) => ({
      memberId: m.id,
      year: year - 3 + offset,
      grading,
      award: false,
    })),
  );
  await dataSource.transaction(async (em) => {
    await em.getRepository(MemberEntity).insert(members);
    await em.getRepository(MemberGradingEntity).insert(gradings);
  });
  return members.map((m) => ({ memberId: m.id, fullName: m.fullName, cellOrgId: m.organisationId }));
}

export type BenchOrgSlot = 'cell' | 'grassroots' | 'competent';
export type BenchStep = { taskKey: string; org: BenchOrgSlot; role: Role };

/** Every human step of a bench candidate's case up to the helper assignment, with the assignee the workflow gives. */
export const BENCH_STEPS_TO_HELPER: readonly BenchStep[] = [
  { taskKey: 'introducers', org: 'cell', role: 'cell_secretary' },
  { taskKey: 'background_check', org: 'grassroots', role: 'grassroots_committee_member' },
  { taskKey: `opinion_mass_org:${BENCH_MASS_ORG.key}`, org: 'cell', role: 'cell_committee_member' },
  { taskKey: 'cell_vote', org: 'cell', role: 'cell_secretary' },
  { taskKey: 'grassroots_vote', org: 'grassroots', role: 'grassroots_committee_member' },
  { taskKey: 'appraisal', org: 'competent', role: 'organisation_department' },
  // No delegation grant in the demo data: the standing committee of the district decides [R5].
  { taskKey: 'decision', org: 'competent', role: 'standing_committee_member' },
  { taskKey: 'ceremony', org: 'cell', role: 'cell_secretary' },
  { taskKey: 'assign_helper', org: 'cell', role: 'cell_secretary' },
];

/** After the probation (PARTYFLOW_PROBATION_MONTHS=0 ends it at once): the cell's recognition vote, the decision. */
export const BENCH_RECOGNITION_STEPS: readonly BenchStep[] = [
  { taskKey: 'recognition_cell_vote', org: 'cell', role: 'cell_secretary' },
  { taskKey: 'recognition_decision', org: 'competent', role: 'standing_committee_member' },
];

/** The organisation of a step's assignee for a candidate of `cellOrgId`. */
export function benchOrgId(slot: BenchOrgSlot, cellOrgId: string): string {
  return slot === 'cell' ? cellOrgId : demoOrgId(slot === 'grassroots' ? GRASSROOTS_CODE : COMPETENT_CODE);
}
