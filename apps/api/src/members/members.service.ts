import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  checkMemberStatusChange,
  checkRecordDates,
  checkStatusEffectiveDate,
  EDUCATION_LEVEL_LABELS,
  escapeLikePattern,
  GENDER_LABELS,
  labelVi,
  MASS_ORGANISATION_LABELS,
  maskNationalId,
  searchKey,
  todayLocal,
  type CourseCertificateDates,
  type EducationLevel,
  type FieldProblem,
  type MassOrganisationKind,
  type RunningCases,
} from '@partyflow/domain';
import { AdmissionCaseEntity, MemberEntity, OrganisationEntity, ScreeningCaseEntity } from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { countQueryCapped, Keyset, type CursorPage } from '../common/keyset';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import {
  canManageMembersOf,
  canReadMembersOf,
  canRecordCommitteeDecisionFor,
  canSeePersonalDataOf,
} from './members-access';
import { memberErrors } from './members.errors';
import { proxyCovers } from '../proxies/proxies.service';
import type { MemberResponse } from './members.responses';
import {
  EditMemberBody,
  MemberQuery,
  RegisterCandidateBody,
  StatusChangeBody,
  type EditMemberInput,
  type RegisterCandidateInput,
} from './members.schemas';

type Cell = Pick<OrganisationEntity, 'id' | 'path' | 'name' | 'kind'>;

/** A member or candidate as the API shows it; personal fields are null for readers without access to them. */
export type MemberView = z.infer<typeof MemberResponse>;

const OPEN_ADMISSION: AdmissionCaseEntity['status'][] = ['in_progress', 'probationary'];
const today = () => todayLocal(Date.now());
const firstProblem = (problems: FieldProblem[]) => {
  if (problems.length) throw ApiError.badRequest(problems[0].field, problems[0].message);
};
const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/**
 * The list's order and the cursor's key (issue 13 §3): the name without diacritics (as searched, the stored
 * search_key), then the name as written, then the id, so that namesakes keep one order; ix_member_list_order serves it.
 */
const MEMBER_ORDER = new Keyset([
  { sql: 'm.search_key', type: 'text' },
  { sql: 'm.full_name', type: 'text' },
  { sql: 'm.id', type: 'uuid' },
]);

/**
 * Members and candidates (issue 9 §2): register a candidate, list and search, read, edit, change
 * status. Every change is written with its audit row (who, when, why) in one transaction.
 */
@Injectable()
export class MembersService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Members and candidates in the organisations the user holds a role in, and below (and, as a proxy, where its
   * principals hold theirs); `q` matches
   * the name without diacritics. A page of `pageSize` rows after the cursor, in name order, with the total.
   */
  async list(user: AuthUser, query: unknown): Promise<CursorPage<MemberView>> {
    const q = parseOrThrow(MemberQuery, query ?? {}, 'query');
    const after = MEMBER_ORDER.decode(q.cursor);
    // Issue 14 §6: a proxy also reads where its principals hold their roles, to fill their tasks' forms.
    const proxies = await proxyCovers(this.dataSource, {
      proxyUserId: user.userId,
      at: new Date(),
      today: todayLocal(Date.now()),
    });
    const paths = [...user.roles.map((r) => r.orgPath), ...proxies.flatMap((c) => c.roles.map((r) => r.orgPath))];
    if (!paths.length) return { items: [], pageSize: q.pageSize, next: null, total: 0, totalExact: true };
    const qb = this.dataSource
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .innerJoin(OrganisationEntity, 'o', 'o.id = m.organisation_id')
      .where(
        new Brackets((w) => paths.forEach((path, i) => w.orWhere(`o.path LIKE :p${i}`, { [`p${i}`]: `${path}%` }))),
      );
    if (q.status) qb.andWhere('m.status = :status', { status: q.status });
    if (q.orgId) qb.andWhere('o.id = :orgId', { orgId: q.orgId });
    const key = q.q === undefined ? '' : searchKey(q.q);
    if (key) qb.andWhere('m.search_key LIKE :name', { name: `%${escapeLikePattern(key)}%` });
    const total = await countQueryCapped(qb);
    const { raw, entities } = await MEMBER_ORDER.apply(
      qb.addSelect(['o.id', 'o.path', 'o.name', 'o.kind']),
      after,
      q.pageSize,
    ).getRawAndEntities();
    const { rows, next } = MEMBER_ORDER.cut(raw as Record<string, string>[], q.pageSize);
    const cells = new Map(
      rows.map((r) => [r.o_id, { id: r.o_id, path: r.o_path, name: r.o_name, kind: r.o_kind } as Cell]),
    );
    const items = entities.slice(0, q.pageSize).map((m) => this.view(user, m, cells.get(m.organisationId) as Cell));
    return { items, pageSize: q.pageSize, next, ...total };
  }

  async get(user: AuthUser, rawId: string): Promise<MemberView> {
    const { member, cell } = await this.readable(user, rawId);
    return this.view(user, member, cell);
  }

  async register(user: AuthUser, body: unknown): Promise<MemberView> {
    const input = parseOrThrow(RegisterCandidateBody, normaliseNfc(body));
    const cell = await this.cell(input.workplaceCellId, 'workplaceCellId');
    if (!canManageMembersOf(user, cell)) throw memberErrors.forbiddenManage(cell.name);
    if (input.residenceCellId) await this.cell(input.residenceCellId, 'residenceCellId');
    firstProblem(
      checkRecordDates({ birthDate: input.birthDate, course: input.courseCertificate ?? null, today: today() }),
    );
    await this.assertNationalIdFree(input.nationalId);
    const id = randomUUID();
    const row: Partial<MemberEntity> = {
      id,
      organisationId: cell.id,
      fullName: input.fullName,
      birthDate: input.birthDate,
      status: 'candidate',
      gender: input.gender,
      nationalId: input.nationalId,
      residenceOrgId: input.residenceCellId ?? null,
      educationLevel: input.educationLevel,
      massOrganisations: massOrganisationsOf(input.massOrganisations),
      specialCases: input.specialCases,
      joinedOn: null,
      officialSince: null,
      ...courseColumns(input.courseCertificate ?? null),
    };
    await this.dataSource
      .transaction(async (em) => {
        await em.insert(MemberEntity, row);
        await appendAudit(em, {
          eventKey: `member:${id}:registered`,
          at: new Date(),
          action: 'member.registered',
          actor: { userId: user.userId, name: user.fullName },
          orgId: cell.id,
          comment: input.reason,
          details: {
            memberId: id,
            fullName: input.fullName,
            cellId: cell.id,
            cellName: cell.name,
            record: auditable(row),
          },
        });
      })
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? memberErrors.nationalIdTaken() : e;
      });
    return this.view(user, await this.dataSource.getRepository(MemberEntity).findOneByOrFail({ id }), cell);
  }

  async edit(user: AuthUser, rawId: string, body: unknown): Promise<MemberView> {
    const { member, cell } = await this.readable(user, rawId);
    if (!canManageMembersOf(user, cell)) throw memberErrors.forbiddenManage(cell.name);
    const input: EditMemberInput = parseOrThrow(EditMemberBody, normaliseNfc(body));
    let newCell: Cell = cell;
    if (input.workplaceCellId && input.workplaceCellId !== member.organisationId) {
      newCell = await this.cell(input.workplaceCellId, 'workplaceCellId');
      if (member.status !== 'candidate') throw memberErrors.transferRequired(member.fullName);
      if ((await this.runningCases(this.dataSource.manager, member.id)).admission)
        throw memberErrors.cellOwnedByAdmission(member.fullName);
      if (!canManageMembersOf(user, newCell)) throw memberErrors.forbiddenManage(newCell.name);
    }
    if (input.residenceCellId) await this.cell(input.residenceCellId, 'residenceCellId');
    firstProblem(
      checkRecordDates({
        birthDate: input.birthDate ?? member.birthDate,
        course: input.courseCertificate !== undefined ? input.courseCertificate : storedCourseDates(member),
        today: today(),
      }),
    );
    if (input.nationalId && input.nationalId !== member.nationalId) await this.assertNationalIdFree(input.nationalId);

    const changes: Partial<MemberEntity> = {
      ...(input.fullName !== undefined && { fullName: input.fullName }),
      ...(input.birthDate !== undefined && { birthDate: input.birthDate }),
      ...(input.gender !== undefined && { gender: input.gender }),
      ...(input.nationalId !== undefined && { nationalId: input.nationalId }),
      ...(input.workplaceCellId !== undefined && { organisationId: newCell.id }),
      ...(input.residenceCellId !== undefined && { residenceOrgId: input.residenceCellId }),
      ...(input.educationLevel !== undefined && { educationLevel: input.educationLevel }),
      ...(input.massOrganisations !== undefined && { massOrganisations: massOrganisationsOf(input.massOrganisations) }),
      ...(input.specialCases !== undefined && { specialCases: input.specialCases }),
      ...(input.courseCertificate !== undefined && courseColumns(input.courseCertificate)),
    };
    const before = auditable(member);
    const after = auditable({ ...member, ...changes });
    const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    await this.dataSource
      .transaction(async (em) => {
        if (changed.length) await em.update(MemberEntity, { id: member.id }, changes);
        await appendAudit(em, {
          eventKey: `member:${member.id}:updated:${randomUUID()}`,
          at: new Date(),
          action: 'member.updated',
          actor: { userId: user.userId, name: user.fullName },
          orgId: cell.id,
          comment: input.reason,
          details: {
            memberId: member.id,
            fullName: member.fullName,
            changes: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])),
          },
        });
      })
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? memberErrors.nationalIdTaken() : e;
      });
    return this.view(
      user,
      await this.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: member.id }),
      newCell,
    );
  }

  /**
   * A status change by hand, with its effective date and reason. Refused (409) when the transition
   * does not exist or a running case owns it; recorded only by those who may record that decision.
   */
  async changeStatus(user: AuthUser, rawId: string, body: unknown): Promise<MemberView> {
    const { member, cell } = await this.readable(user, rawId);
    const input = parseOrThrow(StatusChangeBody, normaliseNfc(body));
    const running = await this.runningCases(this.dataSource.manager, member.id);
    const check = checkMemberStatusChange({ from: member.status, to: input.status, running });
    if (!check.allowed) throw memberErrors.statusChangeRefused(check.code, check.reason, check.source);
    if (check.decidedBy === 'cell' ? !canManageMembersOf(user, cell) : !canRecordCommitteeDecisionFor(user, cell)) {
      throw check.decidedBy === 'cell'
        ? memberErrors.forbiddenManage(cell.name)
        : memberErrors.forbiddenCommitteeDecision(cell.name);
    }
    const problem = checkStatusEffectiveDate({
      member,
      to: input.status,
      effectiveOn: input.effectiveOn,
      today: today(),
    });
    if (problem) throw ApiError.badRequest(problem.field, problem.message);

    const on = input.effectiveOn;
    const changes: Partial<MemberEntity> = { status: input.status };
    if (input.status === 'probationary') changes.joinedOn = on;
    if (input.status === 'official' && member.status === 'probationary') changes.officialSince = on;
    if (input.status === 'exempt') Object.assign(changes, { exemptSince: on, exemptReason: input.reason });
    if (input.status === 'official' && member.status === 'exempt')
      Object.assign(changes, { exemptSince: null, exemptReason: null });
    if (input.status === 'removed') changes.removedOn = on;
    await this.dataSource.transaction(async (em) => {
      const res = await em.update(MemberEntity, { id: member.id, status: member.status }, changes);
      if (!res.affected) throw memberErrors.statusChangedMeanwhile();
      await appendAudit(em, {
        eventKey: `member:${member.id}:status:${randomUUID()}`,
        at: new Date(),
        action: 'member.status_changed',
        actor: { userId: user.userId, name: user.fullName },
        orgId: member.organisationId,
        comment: input.reason,
        details: {
          memberId: member.id,
          fullName: member.fullName,
          from: member.status,
          to: input.status,
          effectiveOn: on,
          decisionRef: input.decisionRef ?? null,
          decidedBy: check.decidedBy,
          source: check.source,
        },
      });
    });
    return this.view(user, await this.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: member.id }), cell);
  }

  /** The member and its cell: 400 for a malformed id, 404 for an unknown one, 403 outside the user's subtree. */
  private async readable(user: AuthUser, rawId: string): Promise<{ member: MemberEntity; cell: Cell }> {
    const id = parseUuid(rawId, 'id');
    const member = await this.dataSource.getRepository(MemberEntity).findOneBy({ id });
    if (!member) throw ApiError.notFound('đảng viên, quần chúng', id);
    const cell = await this.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: member.organisationId });
    if (!canReadMembersOf(user, cell)) throw memberErrors.forbiddenRead(cell.name);
    return { member, cell };
  }

  /** A cell named in a body: 400 on the field when it is unknown or not a cell. */
  private async cell(id: string, field: string): Promise<Cell> {
    const org = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id });
    if (!org) throw ApiError.badRequest(field, `không có tổ chức đảng '${id}'`);
    if (org.kind !== 'cell') throw ApiError.badRequest(field, `${org.name} không phải là chi bộ`);
    return org;
  }

  private async assertNationalIdFree(nationalId: string): Promise<void> {
    if (await this.dataSource.getRepository(MemberEntity).existsBy({ nationalId }))
      throw memberErrors.nationalIdTaken();
  }

  private async runningCases(em: EntityManager, memberId: string): Promise<RunningCases> {
    const [admission, screening] = await Promise.all([
      em.findOne(AdmissionCaseEntity, {
        where: { candidateMemberId: memberId, status: In(OPEN_ADMISSION) },
        order: { startedAt: 'DESC' },
      }),
      em.findOne(ScreeningCaseEntity, {
        where: { memberId, status: 'in_progress' },
        order: { startedAt: 'DESC' },
      }),
    ]);
    return {
      admission: admission && {
        caseId: admission.id,
        step: admission.currentStep ?? (admission.status === 'probationary' ? 'probation' : null),
      },
      screening: screening && { caseId: screening.id, step: screening.currentStep },
    };
  }

  private view(user: AuthUser, m: MemberEntity, cell: Cell): MemberView {
    const full = canSeePersonalDataOf(user, cell);
    const personal = <T>(value: T): T | null => (full ? value : null);
    const course = courseOf(m);
    return {
      id: m.id,
      fullName: m.fullName,
      status: m.status,
      statusLabel: labelVi(m.status),
      orgId: cell.id,
      orgName: cell.name,
      personalData: full ? 'full' : 'restricted',
      nationalId: m.nationalId && (full ? m.nationalId : maskNationalId(m.nationalId)),
      birthDate: personal(m.birthDate),
      gender: personal(m.gender),
      genderLabel: personal(m.gender && GENDER_LABELS[m.gender].vi),
      residenceOrgId: personal(m.residenceOrgId),
      educationLevel: personal(m.educationLevel),
      educationLevelLabel: personal(
        m.educationLevel && (EDUCATION_LEVEL_LABELS[m.educationLevel as EducationLevel]?.vi ?? m.educationLevel),
      ),
      massOrganisations: personal(m.massOrganisations),
      courseCertificate: personal(course),
      specialCases: personal(m.specialCases),
      joinedOn: m.joinedOn,
      officialSince: m.officialSince,
      exemptSince: m.exemptSince,
      exemptReason: personal(m.exemptReason),
      removedOn: m.removedOn,
    };
  }
}

type CourseInput = NonNullable<RegisterCandidateInput['courseCertificate']>;

export function courseColumns(course: CourseInput | null): Partial<MemberEntity> {
  return {
    courseStartedOn: course?.courseStartedOn ?? null,
    courseEndedOn: course?.courseEndedOn ?? null,
    courseCertificateIssuedOn: course?.issuedOn ?? null,
    courseCertificateNumber: course?.number ?? null,
    courseCertificateIssuer: course?.issuedBy ?? null,
  };
}

/** The stored course dates, when both the start and the certificate date are known (else nothing to check). */
function storedCourseDates(m: MemberEntity): CourseCertificateDates | null {
  if (!m.courseStartedOn || !m.courseCertificateIssuedOn) return null;
  return { courseStartedOn: m.courseStartedOn, courseEndedOn: m.courseEndedOn, issuedOn: m.courseCertificateIssuedOn };
}

/** The recorded certificate; rows from before issue 9 have only its issue date. */
function courseOf(m: MemberEntity): MemberView['courseCertificate'] {
  if (!m.courseCertificateIssuedOn) return null;
  return {
    courseStartedOn: m.courseStartedOn,
    courseEndedOn: m.courseEndedOn,
    issuedOn: m.courseCertificateIssuedOn,
    number: m.courseCertificateNumber,
    issuedBy: m.courseCertificateIssuer,
  };
}

export function massOrganisationsOf(
  list: { key: MassOrganisationKind; name?: string }[],
): { key: string; name: string }[] {
  return list.map((m) => ({ key: m.key, name: m.name ?? MASS_ORGANISATION_LABELS[m.key].vi }));
}

/** The record's fields as the audit log keeps them: the national ID masked (the log is read more widely). */
export function auditable(m: Partial<MemberEntity>): Record<string, unknown> {
  return {
    fullName: m.fullName,
    birthDate: m.birthDate,
    gender: m.gender,
    nationalId: m.nationalId ? maskNationalId(m.nationalId) : null,
    organisationId: m.organisationId,
    residenceOrgId: m.residenceOrgId,
    educationLevel: m.educationLevel,
    massOrganisations: m.massOrganisations,
    specialCases: m.specialCases,
    courseStartedOn: m.courseStartedOn,
    courseEndedOn: m.courseEndedOn,
    courseCertificateIssuedOn: m.courseCertificateIssuedOn,
    courseCertificateNumber: m.courseCertificateNumber,
    courseCertificateIssuer: m.courseCertificateIssuer,
  };
}
