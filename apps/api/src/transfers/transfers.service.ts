import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { z } from 'zod';
import { localDateSchema, transferWorkflowId, type TransferInput } from '@partyflow/contracts';
import {
  addDuration,
  localDateOf,
  startOfLocalDay,
  todayLocal,
  TRANSFER_PRESENTATION_LIMIT,
  transferIssuedDateProblem,
} from '@partyflow/domain';
import { appendAudit } from '@partyflow/audit';
import {
  resolveDeadlinePolicy,
  loadHolidayCalendar,
  MemberEntity,
  OrganisationEntity,
  PartyTransferEntity,
} from '@partyflow/persistence';
import { hasRoleAtOrAbove, hasRoleIn, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { normaliseNfc, parseOrThrow, parseUuid } from '../common/validation';
import { TemporalCallFailed, workflowStartFailedError } from '../common/workflow-start';
import { TransferClient } from './transfer.client';
import { transferErrors } from './transfers.errors';

const localDate = localDateSchema;
export const IssueTransferBody = z
  .object({
    memberId: z.string({ required_error: 'bắt buộc' }).uuid('phải là UUID'),
    kind: z.enum(['official', 'temporary'], { errorMap: () => ({ message: "phải là 'official' hoặc 'temporary'" }) }),
    toOrgId: z.string({ required_error: 'bắt buộc' }).uuid('phải là UUID'),
    issuedOn: localDate,
    /** Temporary transfers: 3 months to under 1 year away, or up to 2 years of full-time study [R29]. */
    periodMonths: z
      .number()
      .int('phải là số nguyên')
      .min(3, 'tối thiểu 3 tháng [R29]')
      .max(24, 'tối đa 24 tháng [R29]')
      .optional(),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.kind === 'temporary' && b.periodMonths === undefined)
      ctx.addIssue({ code: 'custom', path: ['periodMonths'], message: 'bắt buộc với chuyển sinh hoạt tạm thời' });
    if (b.kind === 'official' && b.periodMonths !== undefined)
      ctx.addIssue({ code: 'custom', path: ['periodMonths'], message: 'chỉ dùng cho chuyển sinh hoạt tạm thời' });
  });

const SENDERS = ['cell_secretary', 'cell_committee_member'] as const;

/**
 * Party-activity transfers (chuyển sinh hoạt đảng): the sending side issues; the receiving cell confirms through its
 * task.
 */
@Injectable()
export class TransfersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: TransferClient,
  ) {}

  async issue(user: AuthUser, body: unknown): Promise<{ transferId: string; workflowId: string; presentBy: string }> {
    const input = normaliseNfc(parseOrThrow(IssueTransferBody, body));
    // The letter is recorded once issued: its date is not in the future (issue 11 §3) [R28][R30].
    const undated = transferIssuedDateProblem({ issuedOn: input.issuedOn, today: todayLocal(Date.now()) });
    if (undated) throw ApiError.badRequest(undated.field, undated.message);
    const member = await this.dataSource.getRepository(MemberEntity).findOneBy({ id: input.memberId });
    if (!member) throw ApiError.notFound('đảng viên', input.memberId);
    const orgs = this.dataSource.getRepository(OrganisationEntity);
    const from = await orgs.findOneByOrFail({ id: member.organisationId });
    const to = await orgs.findOneBy({ id: input.toOrgId });
    if (!to) throw ApiError.notFound('tổ chức đảng nơi chuyển đến', input.toOrgId);
    if (to.kind !== 'cell') throw ApiError.badRequest('toOrgId', 'phải là một chi bộ');
    if (to.id === from.id) throw ApiError.badRequest('toOrgId', 'trùng với chi bộ hiện tại');
    if (!(
      SENDERS.some((r) => hasRoleIn(user, from.id, r)) ||
      hasRoleAtOrAbove(user, from.path, ['grassroots_committee_member', 'administrator'])
    )) {
      throw ApiError.forbidden(`Chỉ chi ủy ${from.name} hoặc đảng ủy cấp trên được giới thiệu chuyển sinh hoạt`);
    }
    if (member.status !== 'official' && member.status !== 'probationary') {
      throw transferErrors.notTransferable(member);
    }
    const presentBy = await this.presentBy(input.issuedOn, to.path);
    const chain = await orgs.findBy({ id: In(to.path.split('/').filter(Boolean)) });
    const transferId = randomUUID();
    const workflowId = transferWorkflowId(transferId);
    const wfInput: TransferInput = {
      transferId,
      member: { memberId: member.id, fullName: member.fullName },
      kind: input.kind,
      fromOrgId: from.id,
      toOrgId: to.id,
      issuedOn: input.issuedOn,
      periodMonths: input.periodMonths ?? null,
      orgCodes: to.path
        .split('/')
        .filter(Boolean)
        .map((id) => chain.find((o) => o.id === id)?.code)
        .filter((c): c is string => !!c),
      startedBy: { userId: user.userId, name: user.fullName },
    };
    // Issue 7 §3: commit the row and its audit entry first, then start the workflow (never inside the transaction).
    await this.dataSource.transaction(async (em) => {
      await em.insert(PartyTransferEntity, {
        id: transferId,
        memberId: member.id,
        kind: input.kind,
        fromOrgId: from.id,
        toOrgId: to.id,
        issuedOn: input.issuedOn,
        presentBy,
        presentedOn: null,
        periodMonths: input.periodMonths ?? null,
        returnDue: null,
        returnedOn: null,
        status: 'issued',
        workflowId,
        issuedBy: user.fullName,
        note: input.note ?? null,
      });
      await appendAudit(em, {
        eventKey: `${workflowId}:issued`,
        at: new Date(),
        action: 'transfer.issued',
        actor: { userId: user.userId, name: user.fullName },
        orgId: from.id,
        process: 'transfer',
        details: {
          transferId,
          member: member.fullName,
          from: from.name,
          to: to.name,
          kind: input.kind,
          issuedOn: input.issuedOn,
          presentBy,
        },
      });
    });
    try {
      await this.client.start(workflowId, wfInput);
    } catch (e) {
      if (!(e instanceof TemporalCallFailed)) throw e;
      // The transfer never started: it is cancelled, with the reason audited, so it blocks nothing.
      await this.dataSource.transaction(async (em) => {
        const res = await em.update(PartyTransferEntity, { id: transferId, status: 'issued' }, { status: 'cancelled' });
        if (!res.affected) return;
        await appendAudit(em, {
          eventKey: `${workflowId}:start-failed`,
          at: new Date(),
          action: 'transfer.start_failed',
          actor: { userId: user.userId, name: user.fullName },
          orgId: from.id,
          process: 'transfer',
          details: { transferId, reason: e.message },
        });
      });
      throw workflowStartFailedError(`chuyển sinh hoạt đảng của ${member.fullName}`);
    }
    return { transferId, workflowId, presentBy };
  }

  async get(user: AuthUser, rawId: string) {
    const id = parseUuid(rawId, 'id');
    const t = await this.dataSource.getRepository(PartyTransferEntity).findOneBy({ id });
    if (!t) throw ApiError.notFound('chuyển sinh hoạt', id);
    const orgs = await this.dataSource.getRepository(OrganisationEntity).findBy({ id: In([t.fromOrgId, t.toOrgId]) });
    if (
      !orgs.some((o) =>
        hasRoleAtOrAbove(user, o.path, [
          ...SENDERS,
          'grassroots_committee_member',
          'organisation_department',
          'standing_committee_member',
          'supervisor',
          'administrator',
        ]),
      )
    ) {
      throw ApiError.forbidden('Bạn không có quyền xem hồ sơ chuyển sinh hoạt này');
    }
    let state = null;
    if (t.workflowId) state = await this.client.state(t.workflowId).catch(() => null);
    return { ...t, workflowState: state };
  }

  /** The last day to present at the destination: the transfer policy's limit from the issue date [R30]. */
  /**
   * The date the member must present the letter by: the letter's date plus the arrival step's deadline as the
   * destination cell's own confirm_arrival task will be timed (its nearest ancestor's override, else the national
   * default, issue 11 §2), or the regulation's limit when no policy exists.
   */
  private async presentBy(issuedOn: string, toOrgPath: string): Promise<string> {
    const loaded = await resolveDeadlinePolicy(this.dataSource.manager, 'transfer', 'confirm_arrival', toOrgPath);
    const holidays = await loadHolidayCalendar(this.dataSource.manager);
    const due = loaded
      ? loaded.policy.due
      : { amount: TRANSFER_PRESENTATION_LIMIT.amount, unit: TRANSFER_PRESENTATION_LIMIT.unit };
    return localDateOf(addDuration({ from: startOfLocalDay(issuedOn), duration: due, holidays }));
  }
}
