import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import {
  checkRecordDates,
  EDUCATION_LEVEL_LABELS,
  EDUCATION_LEVELS,
  GENDER_LABELS,
  GENDERS,
  headerKey,
  MASS_ORGANISATION_KINDS,
  MASS_ORGANISATION_LABELS,
  todayLocal,
  type ImportColumnSpec,
} from '@partyflow/domain';
import { AdmissionCaseEntity, AuditLogEntity, MemberEntity, OrganisationEntity } from '@partyflow/persistence';
import { hasRoleAtOrAbove, type AuthUser } from '../auth/auth-user';
import { RegisterCandidateBody, type RegisterCandidateInput } from '../members/members.schemas';
import { auditable, courseColumns, massOrganisationsOf } from '../members/members.service';
import { ImportRowError } from './imports.errors';
import type { ImportContext, ImportCounts, ImportKind, ImportRow, ImportWriter } from './import-registry';

/**
 * The members import (issue 9 §4): a roll of candidates and members, one person a row, validated
 * with the schema of `POST /members` (the same body the single registration takes). The natural key
 * is the national ID (CCCD): a person not yet recorded is registered as a candidate; one already
 * recorded has the columns the file carries updated (an empty cell clears an optional field; a
 * column the file lacks is left as it is). Status is never set by an import: status changes keep
 * their own endpoint and rules.
 */
export const MEMBER_COLUMNS: readonly ImportColumnSpec[] = [
  { name: 'full_name', aliases: ['Họ và tên', 'Họ tên', 'Họ và tên khai sinh'], required: true },
  { name: 'birth_date', aliases: ['Ngày sinh', 'Ngày tháng năm sinh'], required: true },
  { name: 'gender', aliases: ['Giới tính'], required: true },
  {
    name: 'national_id',
    aliases: ['Số CCCD', 'Số căn cước công dân', 'CCCD', 'Số căn cước', 'Số định danh cá nhân'],
    required: true,
  },
  { name: 'workplace_cell', aliases: ['Chi bộ', 'Mã chi bộ', 'Chi bộ nơi làm việc'], required: true },
  { name: 'residence_cell', aliases: ['Chi bộ nơi cư trú', 'Mã chi bộ nơi cư trú'], required: false },
  { name: 'education_level', aliases: ['Trình độ học vấn', 'Trình độ'], required: true },
  { name: 'mass_organisations', aliases: ['Đoàn thể', 'Tổ chức chính trị - xã hội'], required: false },
  { name: 'course_started_on', aliases: ['Ngày bắt đầu lớp bồi dưỡng', 'Ngày bắt đầu học'], required: false },
  { name: 'course_ended_on', aliases: ['Ngày kết thúc lớp bồi dưỡng', 'Ngày kết thúc học'], required: false },
  { name: 'certificate_issued_on', aliases: ['Ngày cấp giấy chứng nhận', 'Ngày cấp chứng nhận'], required: false },
  { name: 'certificate_number', aliases: ['Số giấy chứng nhận'], required: false },
  {
    name: 'certificate_issued_by',
    aliases: ['Nơi cấp giấy chứng nhận', 'Cơ quan cấp giấy chứng nhận'],
    required: false,
  },
];

const COURSE_COLUMNS = [
  'course_started_on',
  'course_ended_on',
  'certificate_issued_on',
  'certificate_number',
  'certificate_issued_by',
];

/** Where each field of the schema comes from, to name the column of a refused field. */
const FIELD_COLUMN: Record<string, string> = {
  fullName: 'full_name',
  birthDate: 'birth_date',
  gender: 'gender',
  nationalId: 'national_id',
  workplaceCellId: 'workplace_cell',
  residenceCellId: 'residence_cell',
  educationLevel: 'education_level',
  massOrganisations: 'mass_organisations',
  'courseCertificate.courseStartedOn': 'course_started_on',
  'courseCertificate.courseEndedOn': 'course_ended_on',
  'courseCertificate.issuedOn': 'certificate_issued_on',
  'courseCertificate.number': 'certificate_number',
  'courseCertificate.issuedBy': 'certificate_issued_by',
};

/** Administrators and the organisation department import rolls, for the organisations at or below theirs. */
export const MEMBER_IMPORTERS = ['administrator', 'organisation_department'] as const;

export type OrgRef = Pick<OrganisationEntity, 'id' | 'code' | 'path' | 'name' | 'kind'>;
export type OrgLookup = Map<string, OrgRef>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** A date as written in a Vietnamese sheet (DD/MM/YYYY) or as ISO YYYY-MM-DD; anything else is left for the schema. */
export function isoDate(text: string): string {
  const m = DMY.exec(text);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : text;
}

/** A vocabulary value written as its key or its Vietnamese label, in any case, with or without diacritics. */
function vocabulary<T extends string>(keys: readonly T[], label: (k: T) => string): (text: string) => string {
  const byKey = new Map<string, T>();
  for (const k of keys) {
    byKey.set(headerKey(k), k);
    byKey.set(headerKey(label(k)), k);
  }
  return (text) => byKey.get(headerKey(text)) ?? text;
}
const genderOf = vocabulary(GENDERS, (k) => GENDER_LABELS[k].vi);
const educationOf = vocabulary(EDUCATION_LEVELS, (k) => EDUCATION_LEVEL_LABELS[k].vi);
const massOrgOf = vocabulary(MASS_ORGANISATION_KINDS, (k) => MASS_ORGANISATION_LABELS[k].vi);

export type ParsedMember = { rowNumber: number; input: RegisterCandidateInput; present: ReadonlySet<string> };

/**
 * One row as the body of `POST /members`, parsed by its zod schema and the record's date rules
 * [issue 9 §8], with the cells looked up by code or id and the importer's reach checked: every
 * organisation a row names must be at or below one where the user is an administrator or in the
 * organisation department (403 naming the row and column).
 */
export function parseMemberRow(row: ImportRow, orgs: OrgLookup, user: AuthUser, today: string): ParsedMember {
  const v = row.values;
  const fail = (column: string, reason: string, status: 400 | 403 = 400): never => {
    throw new ImportRowError(row.rowNumber, column, v[column] ? `'${v[column]}': ${reason}` : reason, status);
  };
  const cell = (column: string): string | undefined => {
    const ref = v[column];
    if (!ref) return undefined;
    const org = orgs.get(UUID.test(ref) ? ref.toLowerCase() : ref) ?? fail(column, 'không có tổ chức đảng này');
    if (org.kind !== 'cell') fail(column, `${org.name} không phải là chi bộ`);
    if (!hasRoleAtOrAbove(user, org.path, MEMBER_IMPORTERS))
      fail(column, `${org.name} ngoài phạm vi quản trị hoặc Ban Tổ chức của người nhập`, 403);
    return org.id;
  };
  const text = (column: string) => (v[column] ? v[column] : undefined);
  const date = (column: string) => (v[column] ? isoDate(v[column]) : undefined);
  const hasCourse = COURSE_COLUMNS.some((c) => v[c]);
  const body = {
    fullName: text('full_name'),
    birthDate: date('birth_date'),
    gender: v.gender ? genderOf(v.gender) : undefined,
    nationalId: text('national_id'),
    workplaceCellId: cell('workplace_cell'),
    residenceCellId: cell('residence_cell') ?? null,
    educationLevel: v.education_level ? educationOf(v.education_level) : undefined,
    massOrganisations: v.mass_organisations
      ? v.mass_organisations
          .split(/[;\n]/)
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) => ({ key: massOrgOf(s) }))
      : [],
    courseCertificate: hasCourse
      ? {
          courseStartedOn: date('course_started_on'),
          courseEndedOn: date('course_ended_on') ?? null,
          issuedOn: date('certificate_issued_on'),
          number: text('certificate_number') ?? null,
          issuedBy: text('certificate_issued_by') ?? null,
        }
      : null,
  };
  const parsed = RegisterCandidateBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.filter((p) => typeof p === 'string').join('.');
    const column =
      FIELD_COLUMN[path] ??
      FIELD_COLUMN[String(issue.path[0])] ??
      (path === 'courseCertificate' ? 'course_started_on' : null);
    if (column === null) throw new ImportRowError(row.rowNumber, null, issue.message);
    return fail(column, issue.message);
  }
  const input = parsed.data;
  const problem = checkRecordDates({ birthDate: input.birthDate, course: input.courseCertificate ?? null, today })[0];
  if (problem) fail(FIELD_COLUMN[problem.field] ?? 'birth_date', problem.message);
  return { rowNumber: row.rowNumber, input, present: row.present };
}

const BATCH = 500;
const OPEN_ADMISSION: AdmissionCaseEntity['status'][] = ['in_progress', 'probationary'];

/** The columns of a stored record that the row's present columns set. */
function changesOf(p: ParsedMember): Partial<MemberEntity> {
  const { input, present } = p;
  const has = (c: string) => present.has(c);
  return {
    fullName: input.fullName,
    birthDate: input.birthDate,
    gender: input.gender,
    nationalId: input.nationalId,
    organisationId: input.workplaceCellId,
    educationLevel: input.educationLevel,
    ...(has('residence_cell') && { residenceOrgId: input.residenceCellId ?? null }),
    ...(has('mass_organisations') && { massOrganisations: massOrganisationsOf(input.massOrganisations) }),
    ...(COURSE_COLUMNS.some(has) && courseColumns(input.courseCertificate ?? null)),
  };
}

class MembersWriter implements ImportWriter {
  private buffer: ParsedMember[] = [];
  private readonly seen = new Map<string, number>();
  private readonly counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  private readonly today: string;

  constructor(
    private readonly ctx: ImportContext,
    private readonly orgs: OrgLookup,
  ) {
    this.today = todayLocal(ctx.at.getTime());
  }

  async add(row: ImportRow): Promise<void> {
    let parsed: ParsedMember;
    try {
      parsed = parseMemberRow(row, this.orgs, this.ctx.user, this.today);
      const first = this.seen.get(parsed.input.nationalId);
      if (first !== undefined)
        throw new ImportRowError(row.rowNumber, 'national_id', `trùng số căn cước công dân với dòng ${first}`, 409);
    } catch (e) {
      // An earlier buffered row may be refused by the database checks: it is the first bad row.
      await this.flush();
      throw e;
    }
    this.seen.set(parsed.input.nationalId, row.rowNumber);
    const cell = this.orgs.get(parsed.input.workplaceCellId);
    if (cell) this.ctx.place(cell.path);
    this.buffer.push(parsed);
    if (this.buffer.length >= BATCH) await this.flush();
  }

  async finish(): Promise<ImportCounts> {
    await this.flush();
    return this.counts;
  }

  private async flush(): Promise<void> {
    const rows = this.buffer;
    this.buffer = [];
    if (!rows.length) return;
    const { em } = this.ctx;
    const existing = new Map(
      (await em.find(MemberEntity, { where: { nationalId: In(rows.map((r) => r.input.nationalId)) } })).map((m) => [
        m.nationalId as string,
        m,
      ]),
    );
    const moving = rows.filter((r) => {
      const m = existing.get(r.input.nationalId);
      return m && m.organisationId !== r.input.workplaceCellId;
    });
    const admissions = moving.length
      ? new Set(
          (
            await em.find(AdmissionCaseEntity, {
              select: { candidateMemberId: true },
              where: {
                candidateMemberId: In(moving.map((r) => existing.get(r.input.nationalId)?.id as string)),
                status: In(OPEN_ADMISSION),
              },
            })
          ).map((a) => a.candidateMemberId),
        )
      : new Set<string>();

    const inserts: Partial<MemberEntity>[] = [];
    const updates: Array<{
      id: string;
      orgId: string;
      changes: Partial<MemberEntity>;
      before: Record<string, unknown>;
    }> = [];
    for (const r of rows) {
      const m = existing.get(r.input.nationalId);
      if (!m) {
        inserts.push({
          id: randomUUID(),
          status: 'candidate',
          specialCases: [],
          joinedOn: null,
          officialSince: null,
          residenceOrgId: null,
          massOrganisations: [],
          ...courseColumns(null),
          ...changesOf(r),
        });
        continue;
      }
      const fail = (column: string, reason: string, status: 403 | 409) => {
        throw new ImportRowError(r.rowNumber, column, reason, status);
      };
      const home = this.orgs.get(m.organisationId);
      if (!home || !hasRoleAtOrAbove(this.ctx.user, home.path, MEMBER_IMPORTERS))
        fail(
          'national_id',
          `${m.fullName} sinh hoạt tại ${home?.name ?? m.organisationId}, ngoài phạm vi của người nhập`,
          403,
        );
      if (home) this.ctx.place(home.path);
      if (m.organisationId !== r.input.workplaceCellId) {
        if (m.status !== 'candidate')
          fail(
            'workplace_cell',
            `${m.fullName} là đảng viên; chuyển sinh hoạt đảng qua thủ tục chuyển sinh hoạt (POST /transfers), không qua tệp nhập`,
            409,
          );
        if (admissions.has(m.id))
          fail('workplace_cell', `${m.fullName} đang có hồ sơ kết nạp; chi bộ xét kết nạp không đổi được`, 409);
      }
      const changes = changesOf(r);
      const before = auditable(m);
      const after = auditable({ ...m, ...changes });
      if (Object.keys(after).some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])))
        updates.push({ id: m.id, orgId: m.organisationId, changes, before });
      else this.counts.unchanged++;
    }

    if (inserts.length) await em.insert(MemberEntity, inserts);
    for (const u of updates) await em.update(MemberEntity, { id: u.id }, u.changes);
    this.counts.created += inserts.length;
    this.counts.updated += updates.length;
    await this.audit(inserts, updates);
  }

  /** One audit row per member created or updated, as the single endpoints write them, keyed by the import. */
  private async audit(
    inserts: Partial<MemberEntity>[],
    updates: Array<{ id: string; orgId: string; changes: Partial<MemberEntity>; before: Record<string, unknown> }>,
  ): Promise<void> {
    const { importId, user, em, at } = this.ctx;
    const actor = { actorUserId: user.userId, actorName: user.fullName };
    const comment = `Nhập từ tệp (lần nhập ${importId})`;
    const rows = [
      ...inserts.map((m) => ({
        eventKey: `member:${m.id}:imported:${importId}`,
        action: 'member.registered',
        // Read under the member's cell (issue 9 §7), as the single endpoints write them.
        orgId: m.organisationId ?? null,
        details: { memberId: m.id, fullName: m.fullName, cellId: m.organisationId, importId, record: auditable(m) },
      })),
      ...updates.map((u) => {
        const after = auditable({ ...u.before, ...u.changes } as Partial<MemberEntity>);
        const changed = Object.keys(after).filter((k) => JSON.stringify(u.before[k]) !== JSON.stringify(after[k]));
        return {
          eventKey: `member:${u.id}:imported:${importId}`,
          action: 'member.updated',
          orgId: u.orgId,
          details: {
            memberId: u.id,
            fullName: u.changes.fullName,
            importId,
            changes: Object.fromEntries(changed.map((k) => [k, { from: u.before[k], to: after[k] }])),
          },
        };
      }),
    ].map((r) => ({
      ...r,
      ...actor,
      at,
      comment,
      process: null,
      caseId: null,
      taskId: null,
      step: null,
      outcome: null,
    }));
    if (rows.length) await em.createQueryBuilder().insert().into(AuditLogEntity).values(rows).orIgnore().execute();
  }
}

/** Every organisation by id and by code: a committee's tree is small next to its roll. */
export async function loadOrgLookup(em: EntityManager): Promise<OrgLookup> {
  const orgs = await em.find(OrganisationEntity, {
    select: { id: true, code: true, path: true, name: true, kind: true },
  });
  return new Map(orgs.flatMap((o) => [[o.id, o] as [string, OrgRef], [o.code, o] as [string, OrgRef]]));
}

export const MEMBERS_IMPORT: ImportKind = {
  kind: 'members',
  label: 'đảng viên, quần chúng',
  columns: MEMBER_COLUMNS,
  mayImport: (user) => user.roles.some((r) => (MEMBER_IMPORTERS as readonly string[]).includes(r.role)),
  forbiddenMessage: 'Chỉ quản trị hoặc Ban Tổ chức được nhập danh sách đảng viên, quần chúng',
  writer: async (ctx) => new MembersWriter(ctx, await loadOrgLookup(ctx.em)),
};
