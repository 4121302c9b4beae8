import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DISCIPLINE_BODY_LABELS, labelVi } from '@partyflow/domain';
import {
  DisciplineRecordEntity,
  DuesPaymentEntity,
  MeetingAttendanceEntity,
  MemberEntity,
  MemberGradingEntity,
  OrganisationEntity,
  PartyTransferEntity,
  ResidenceCommentEntity,
} from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import { disciplinePowerOf, loadExpulsionGrants } from './discipline-power';
import { canReadRecordsOf, canWriteRecordsOf } from './records-access';
import { AttendanceBody, DisciplineBody, DuesBody, GradingBody, ResidenceCommentBody } from './records.schemas';
import {
  insertDisciplines,
  upsertAttendance,
  upsertDues,
  upsertGradings,
  upsertResidenceComments,
} from './records.writer';

type MemberInCell = { member: MemberEntity; cell: OrganisationEntity };
const yearMonth = (date: string) => date.slice(0, 7);

/** One activity record at a time for one member, and all of a member's records. */
@Injectable()
export class RecordsService {
  constructor(private readonly dataSource: DataSource) {}

  async recordAttendance(user: AuthUser, rawId: string, body: unknown) {
    const input = parseOrThrow(AttendanceBody, normaliseNfc(body));
    return this.write(user, rawId, 'attendance', `${input.month}`, async (em, { member }, at) => {
      const created = !(await em.existsBy(MeetingAttendanceEntity, {
        memberId: member.id,
        month: `${input.month}-01`,
      }));
      await upsertAttendance(
        em,
        [{ ...input, memberId: member.id, organisationId: member.organisationId }],
        user.fullName,
        at,
      );
      return {
        created,
        record: {
          memberId: member.id,
          month: input.month,
          status: input.status,
          statusLabel: labelVi(input.status),
          reason: input.reason ?? null,
        },
      };
    });
  }

  async recordDues(user: AuthUser, rawId: string, body: unknown) {
    const input = parseOrThrow(DuesBody, body);
    return this.write(user, rawId, 'dues', input.month, async (em, { member }, at) => {
      const created = !(await em.existsBy(DuesPaymentEntity, { memberId: member.id, month: `${input.month}-01` }));
      await upsertDues(em, [{ ...input, memberId: member.id }], user.fullName, at);
      return {
        created,
        record: { memberId: member.id, month: input.month, amountVnd: input.amountVnd, paidOn: input.paidOn },
      };
    });
  }

  async recordGrading(user: AuthUser, rawId: string, body: unknown) {
    const input = parseOrThrow(GradingBody, body);
    return this.write(user, rawId, 'gradings', String(input.year), async (em, { member }) => {
      const created = !(await em.existsBy(MemberGradingEntity, { memberId: member.id, year: input.year }));
      await upsertGradings(em, [{ ...input, memberId: member.id }]);
      return { created, record: { memberId: member.id, ...input, gradingLabel: labelVi(input.grading) } };
    });
  }

  async recordDiscipline(user: AuthUser, rawId: string, body: unknown) {
    const input = parseOrThrow(DisciplineBody, normaliseNfc(body));
    return this.write(user, rawId, 'disciplines', input.decidedOn, async (em, { member, cell }) => {
      const grants = input.form === 'expulsion' ? await loadExpulsionGrants(em) : [];
      const power = disciplinePowerOf({ input, cellPath: cell.path, grants });
      if (!power.passed) throw ApiError.badRequest('form', `${power.reason} (${power.source})`);
      const [id] = await insertDisciplines(em, [{ ...input, memberId: member.id }], user.fullName);
      return { created: true, record: { id, memberId: member.id, ...input, formLabel: labelVi(input.form) } };
    });
  }

  async recordResidenceComment(user: AuthUser, rawId: string, body: unknown) {
    const input = parseOrThrow(ResidenceCommentBody, normaliseNfc(body));
    return this.write(
      user,
      rawId,
      'residence-comments',
      String(input.year),
      async (em, { member }) => {
        const residenceOrgId = input.residenceOrgId ?? member.residenceOrgId;
        if (!residenceOrgId)
          throw ApiError.badRequest('residenceOrgId', 'bắt buộc: đảng viên chưa có chi bộ nơi cư trú');
        if (!(await em.existsBy(OrganisationEntity, { id: residenceOrgId })))
          throw ApiError.badRequest('residenceOrgId', 'không có tổ chức đảng này');
        const created = !(await em.existsBy(ResidenceCommentEntity, { memberId: member.id, year: input.year }));
        await upsertResidenceComments(
          em,
          [
            {
              memberId: member.id,
              year: input.year,
              residenceOrgId,
              assessment: input.assessment,
              comment: input.comment,
            },
          ],
          user.fullName,
        );
        return {
          created,
          record: {
            memberId: member.id,
            year: input.year,
            residenceOrgId,
            assessment: input.assessment,
            assessmentLabel: labelVi(input.assessment),
            comment: input.comment,
          },
        };
      },
      { residence: true },
    );
  }

  /** All activity records of one member, oldest first; months as 'YYYY-MM'. */
  async memberRecords(user: AuthUser, rawId: string) {
    const { member, cell } = await this.memberInCell(rawId);
    if (!canReadRecordsOf(user, cell))
      throw ApiError.forbidden(`Không có quyền xem hồ sơ sinh hoạt của đảng viên thuộc ${cell.name}`);
    const em = this.dataSource.manager;
    const where = { memberId: member.id };
    const [attendance, dues, gradings, transfers, disciplines, residenceComments] = await Promise.all([
      em.find(MeetingAttendanceEntity, { where, order: { month: 'ASC' } }),
      em.find(DuesPaymentEntity, { where, order: { month: 'ASC' } }),
      em.find(MemberGradingEntity, { where, order: { year: 'ASC' } }),
      em.find(PartyTransferEntity, { where, order: { issuedOn: 'ASC' } }),
      em.find(DisciplineRecordEntity, { where, order: { decidedOn: 'ASC' } }),
      em.find(ResidenceCommentEntity, { where, order: { year: 'ASC' } }),
    ]);
    return {
      member: {
        id: member.id,
        fullName: member.fullName,
        status: member.status,
        organisationId: cell.id,
        organisationName: cell.name,
      },
      attendance: attendance.map((a) => ({
        month: yearMonth(a.month),
        status: a.status,
        statusLabel: labelVi(a.status),
        reason: a.reason,
        organisationId: a.organisationId,
        recordedBy: a.recordedBy,
        recordedAt: a.recordedAt,
      })),
      dues: dues.map((d) => ({
        month: yearMonth(d.month),
        amountVnd: d.amountVnd,
        paidOn: d.paidOn,
        recordedBy: d.recordedBy,
        recordedAt: d.recordedAt,
      })),
      gradings: gradings.map((g) => ({
        year: g.year,
        grading: g.grading,
        gradingLabel: labelVi(g.grading),
        award: g.award,
      })),
      transfers,
      disciplines: disciplines.map((d) => ({
        ...d,
        formLabel: labelVi(d.form),
        decidedByLabel: d.decidedBy && DISCIPLINE_BODY_LABELS[d.decidedBy].vi,
      })),
      residenceComments: residenceComments.map((c) => ({ ...c, assessmentLabel: labelVi(c.assessment) })),
    };
  }

  /** Loads the member and its cell: 400 for a malformed id, 404 for an unknown one. */
  async memberInCell(rawId: string, field = 'id'): Promise<MemberInCell> {
    const id = parseUuid(rawId, field);
    const member = await this.dataSource.getRepository(MemberEntity).findOneBy({ id });
    if (!member) throw ApiError.notFound('đảng viên', id);
    const cell = await this.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: member.organisationId });
    return { member, cell };
  }

  /** Authority, then the write and its audit row in one transaction. */
  private async write<R extends { created: boolean; record: Record<string, unknown> }>(
    user: AuthUser,
    rawId: string,
    kind: string,
    key: string,
    run: (em: EntityManager, target: MemberInCell, at: Date) => Promise<R>,
    { residence = false }: { residence?: boolean } = {},
  ): Promise<R> {
    const target = await this.memberInCell(rawId);
    if (!(await this.mayWrite(user, target, residence))) {
      throw ApiError.forbidden(
        `Chỉ chi ủy ${target.cell.name}, đảng ủy cấp trên hoặc quản trị được ghi hồ sơ sinh hoạt của đảng viên này`,
      );
    }
    const at = new Date();
    return this.dataSource.transaction(async (em) => {
      const result = await run(em, target, at);
      await appendAudit(em, {
        eventKey: `records:${kind}:${target.member.id}:${key}:${randomUUID()}`,
        at,
        action: 'records.recorded',
        actor: { userId: user.userId, name: user.fullName },
        orgId: target.cell.id,
        details: { kind, memberId: target.member.id, memberName: target.member.fullName, key, created: result.created },
      });
      return result;
    });
  }

  private async mayWrite(user: AuthUser, { member, cell }: MemberInCell, residence: boolean): Promise<boolean> {
    if (canWriteRecordsOf(user, cell)) return true;
    if (!residence || !member.residenceOrgId) return false;
    const home = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: member.residenceOrgId });
    return !!home && canWriteRecordsOf(user, home);
  }
}
