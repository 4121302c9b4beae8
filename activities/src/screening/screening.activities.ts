import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import {
  addDuration,
  caseOrgChain,
  formatLocalDateVi,
  labelVi,
  localDateOf,
  SCREENING_PROCESS,
  startOfLocalDay,
  type MemberStatus,
} from '@partyflow/domain';
import {
  ACTIVITY_FAILURES,
  screeningWorkflowId,
  type AuthorityHolderView,
  type RegisteredScreeningCase,
  type ScreeningActivities,
} from '@partyflow/contracts';
import {
  AuditLogEntity,
  DisciplineRecordEntity,
  MemberEntity,
  OrganisationEntity,
  ScreeningCaseEntity,
} from '@partyflow/persistence';
import { resolveAuthority } from '../shared/authority';
import { appendAudit, notify, SYSTEM_ACTOR } from '@partyflow/audit';
import { loadHolidays } from '../shared/deadlines';

export type ScreeningDeps = { dataSource: DataSource };

const notFound = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

async function loadCase(em: EntityManager, caseId: string): Promise<ScreeningCaseEntity> {
  const row = await em.findOneBy(ScreeningCaseEntity, { id: caseId });
  if (!row) throw notFound(ACTIVITY_FAILURES.caseNotFound, `No screening case ${caseId}`);
  return row;
}

const actorOf = (a: { userId: string; name: string }) => ({ userId: a.userId || null, name: a.name });

/** The case as registered, with the organisations the workflow needs (cell → grassroots → competent). */
async function describe(
  em: EntityManager,
  row: ScreeningCaseEntity,
  created: boolean,
): Promise<RegisteredScreeningCase> {
  const member = await em.findOneByOrFail(MemberEntity, { id: row.memberId });
  const ids = row.orgPath.split('/').filter(Boolean);
  const orgs = await em.createQueryBuilder(OrganisationEntity, 'o').where('o.id IN (:...ids)', { ids }).getMany();
  const chain = ids.map((id) => orgs.find((o) => o.id === id)).filter((o): o is OrganisationEntity => !!o);
  // A path too short for a level falls back to its root, as the tree has no fixed depth.
  const { grassroots, competent } = caseOrgChain(chain);
  return {
    caseId: row.id,
    created,
    member: { memberId: member.id, fullName: member.fullName },
    cellOrgId: row.cellOrgId,
    grassrootsOrgId: (grassroots ?? chain[0]).id,
    competentOrgId: (competent ?? chain[0]).id,
    orgCodes: chain.map((o) => o.code),
  };
}

/**
 * Activities of the screening workflow (HD 02-HD/BTCTƯ): the case read model, authority,
 * help-period reminders and notes, and the removal's effect on the member. Idempotent: audit
 * events and notifications are keyed, and times come from the workflow.
 */
export function createScreeningActivities({ dataSource }: ScreeningDeps): ScreeningActivities {
  const audit = (
    em: EntityManager,
    caseId: string,
    key: string,
    e: Omit<Parameters<typeof appendAudit>[1], 'eventKey' | 'process' | 'caseId'>,
  ) => appendAudit(em, { ...e, eventKey: `${screeningWorkflowId(caseId)}:${key}`, process: SCREENING_PROCESS, caseId });

  return {
    async registerScreeningCase({ caseId, memberId, ground, evidence, source, startedBy, at }) {
      return dataSource.transaction(async (em) => {
        // A retry of an insert that already committed finds its own row: still "created".
        const own = await em.findOneBy(ScreeningCaseEntity, { id: caseId });
        if (own) return describe(em, own, true);
        const member = await em.findOneBy(MemberEntity, { id: memberId });
        if (!member) throw notFound(ACTIVITY_FAILURES.memberNotFound, `No member ${memberId}`);
        const cell = await em.findOneByOrFail(OrganisationEntity, { id: member.organisationId });
        const inserted: { id: string }[] = await em.query(
          `INSERT INTO screening_case (id, workflow_id, member_id, cell_org_id, org_path, ground, evidence, source, status, current_step, started_at, started_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'in_progress', 'screening_review', $9, $10)
           ON CONFLICT (member_id, ground) WHERE status = 'in_progress' DO NOTHING RETURNING id`,
          [
            caseId,
            screeningWorkflowId(caseId),
            memberId,
            cell.id,
            cell.path,
            ground,
            JSON.stringify(evidence),
            source,
            new Date(at),
            startedBy.name,
          ],
        );
        if (!inserted.length) {
          const open = await em.findOneByOrFail(ScreeningCaseEntity, { memberId, ground, status: 'in_progress' });
          await audit(em, open.id, `duplicate:${caseId}`, {
            at: new Date(at),
            action: 'screening.duplicate_skipped',
            actor: actorOf(startedBy),
            details: { ground, source, evidence },
          });
          return describe(em, open, false);
        }
        const row = await em.findOneByOrFail(ScreeningCaseEntity, { id: caseId });
        await audit(em, caseId, 'opened', {
          at: new Date(at),
          action: 'screening.case_opened',
          actor: actorOf(startedBy),
          step: 'screening_review',
          details: { memberId, memberName: member.fullName, ground, groundLabel: labelVi(ground), source, evidence },
        });
        return describe(em, row, true);
      });
    },

    async registerScreeningCases({ cases }) {
      if (!cases.length) return [];
      return dataSource.transaction(async (em) => {
        // A retry of a batch that already committed finds its own rows: still "created".
        const own = new Set(
          (
            (await em.query(`SELECT id FROM screening_case WHERE id = ANY($1::uuid[])`, [
              cases.map((c) => c.caseId),
            ])) as { id: string }[]
          ).map((r) => r.id),
        );
        const fresh = cases.filter((c) => !own.has(c.caseId));
        const members = fresh.length
          ? await em
              .createQueryBuilder(MemberEntity, 'm')
              .where('m.id IN (:...ids)', { ids: [...new Set(fresh.map((c) => c.memberId))] })
              .getMany()
          : [];
        const absent = fresh.find((c) => !members.some((m) => m.id === c.memberId));
        if (absent) throw notFound('MemberNotFound', `No member ${absent.memberId}`);
        const cellIds = [...new Set(members.map((m) => m.organisationId))];
        const cells = cellIds.length
          ? await em.createQueryBuilder(OrganisationEntity, 'o').where('o.id IN (:...ids)', { ids: cellIds }).getMany()
          : [];
        const memberOf = (id: string) => members.find((m) => m.id === id) as MemberEntity;
        const cellOf = (c: { memberId: string }) =>
          cells.find((o) => o.id === memberOf(c.memberId).organisationId) as OrganisationEntity;
        // One multi-row insert; the open-case index (one open case per member and ground) skips
        // duplicates, as for one case.
        const inserted = new Set(
          fresh.length
            ? (
                (await em.query(
                  `INSERT INTO screening_case (id, workflow_id, member_id, cell_org_id, org_path, ground, evidence, source, status, current_step, started_at, started_by)
           SELECT id, workflow_id, member_id, cell_org_id, org_path, ground, evidence, source, 'in_progress', 'screening_review', started_at, started_by
             FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, workflow_id text, member_id uuid, cell_org_id uuid, org_path text, ground text, evidence jsonb, source text, started_at timestamptz, started_by text)
           ON CONFLICT (member_id, ground) WHERE status = 'in_progress' DO NOTHING RETURNING id`,
                  [
                    JSON.stringify(
                      fresh.map((c) => ({
                        id: c.caseId,
                        workflow_id: screeningWorkflowId(c.caseId),
                        member_id: c.memberId,
                        cell_org_id: cellOf(c).id,
                        org_path: cellOf(c).path,
                        ground: c.ground,
                        evidence: c.evidence,
                        source: c.source,
                        started_at: new Date(c.at).toISOString(),
                        started_by: c.startedBy.name,
                      })),
                    ),
                  ],
                )) as { id: string }[]
              ).map((r) => r.id)
            : [],
        );
        const out: RegisteredScreeningCase[] = [];
        for (const c of cases) {
          if (own.has(c.caseId)) {
            out.push(await describe(em, await em.findOneByOrFail(ScreeningCaseEntity, { id: c.caseId }), true));
          } else if (inserted.has(c.caseId)) {
            const row = await em.findOneByOrFail(ScreeningCaseEntity, { id: c.caseId });
            await audit(em, c.caseId, 'opened', {
              at: new Date(c.at),
              action: 'screening.case_opened',
              actor: actorOf(c.startedBy),
              step: 'screening_review',
              details: {
                memberId: c.memberId,
                memberName: memberOf(c.memberId).fullName,
                ground: c.ground,
                groundLabel: labelVi(c.ground),
                source: c.source,
                evidence: c.evidence,
              },
            });
            out.push(await describe(em, row, true));
          } else {
            const open = await em.findOneByOrFail(ScreeningCaseEntity, {
              memberId: c.memberId,
              ground: c.ground,
              status: 'in_progress',
            });
            await audit(em, open.id, `duplicate:${c.caseId}`, {
              at: new Date(c.at),
              action: 'screening.duplicate_skipped',
              actor: actorOf(c.startedBy),
              details: { ground: c.ground, source: c.source, evidence: c.evidence },
            });
            out.push(await describe(em, open, false));
          }
        }
        return out;
      });
    },

    async resolveAuthority(input): Promise<AuthorityHolderView> {
      return resolveAuthority(dataSource, input);
    },

    async parentOrganisation({ orgId }) {
      const org = await dataSource.getRepository(OrganisationEntity).findOneBy({ id: orgId });
      if (!org) throw notFound(ACTIVITY_FAILURES.organisationNotFound, `No organisation ${orgId}`);
      return { orgId: org.parentId ?? org.id };
    },

    async recordScreeningStep({ caseId, step, at }) {
      await dataSource.transaction(async (em) => {
        await em.update(ScreeningCaseEntity, { id: caseId }, { currentStep: step });
        await audit(em, caseId, `step:${step}`, {
          at: new Date(at),
          action: 'case.step_entered',
          actor: SYSTEM_ACTOR,
          step,
          details: { label: labelVi(step) },
        });
      });
    },

    async recordHelpPlan({ caseId, helperMemberId, helpEndsAt, at }) {
      await dataSource.transaction(async (em) => {
        const c = await loadCase(em, caseId);
        const [member, helper] = await Promise.all([
          em.findOneByOrFail(MemberEntity, { id: c.memberId }),
          em.findOneBy(MemberEntity, { id: helperMemberId }),
        ]);
        if (!helper) throw notFound(ACTIVITY_FAILURES.memberNotFound, `No helper member ${helperMemberId}`);
        await audit(em, caseId, 'help-plan', {
          at: new Date(at),
          action: 'screening.help_started',
          actor: SYSTEM_ACTOR,
          step: 'screening_help_period',
          details: { helperMemberId, helperName: helper.fullName, helpEndsAt },
        });
        await notify(em, {
          key: `${c.workflowId}:help-plan:helper`,
          at: new Date(at),
          kind: 'case_notice',
          orgId: helper.organisationId,
          role: null,
          memberId: helper.id,
          taskId: null,
          message: `Đồng chí được phân công giúp đỡ đảng viên ${member.fullName} đến ${formatLocalDateVi(localDateOf(helpEndsAt))}; ghi nhận tiến bộ tại kỳ sinh hoạt hằng tháng.`,
        });
      });
    },

    async remindHelpPeriod({ caseId, month, helperMemberId, cellOrgId, at }) {
      await dataSource.transaction(async (em) => {
        const c = await loadCase(em, caseId);
        if (c.status !== 'in_progress') return;
        const member = await em.findOneByOrFail(MemberEntity, { id: c.memberId });
        const helper = await em.findOneBy(MemberEntity, { id: helperMemberId });
        const message = `Nhắc việc tháng thứ ${month} của thời gian giáo dục, giúp đỡ đảng viên ${member.fullName}: ghi nhận tiến bộ tại kỳ sinh hoạt chi bộ.`;
        await notify(em, {
          key: `${c.workflowId}:help:${month}:helper`,
          at: new Date(at),
          kind: 'task_reminder',
          orgId: helper?.organisationId ?? cellOrgId,
          role: null,
          memberId: helperMemberId,
          taskId: null,
          message,
        });
        await notify(em, {
          key: `${c.workflowId}:help:${month}:cell`,
          at: new Date(at),
          kind: 'task_reminder',
          orgId: cellOrgId,
          role: 'cell_secretary',
          memberId: null,
          taskId: null,
          message,
        });
        await audit(em, caseId, `help:${month}`, {
          at: new Date(at),
          action: 'screening.help_reminded',
          actor: SYSTEM_ACTOR,
          step: 'screening_help_period',
          details: { month, helperMemberId },
        });
      });
    },

    async recordProgressNote({ caseId, noteId, month, note, actor, at }) {
      await dataSource.transaction(async (em) => {
        await em.query(
          `INSERT INTO screening_progress_note (id, case_id, month, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id, month) DO NOTHING`,
          [noteId, caseId, `${month}-01`, note, actor.name, new Date(at)],
        );
        await audit(em, caseId, `note:${month}`, {
          at: new Date(at),
          action: 'screening.progress_noted',
          actor: actorOf(actor),
          step: 'screening_help_period',
          comment: note,
          details: { month },
        });
      });
    },

    async appealWindowClosesAt({ decidedOn, window }) {
      const holidays = await loadHolidays(dataSource.manager);
      return addDuration({ from: startOfLocalDay(decidedOn), duration: window, holidays });
    },

    async recordRemovalDecision({ caseId, form, decisionNumber, decidedOn, authority, appealClosesAt, at }) {
      return dataSource.transaction(async (em) => {
        const eventKey = `${screeningWorkflowId(caseId)}:removal-decided`;
        // A retry after commit must report the status the member had before, not 'removed'.
        const done = await em.findOneBy(AuditLogEntity, { eventKey });
        if (done) return { previousStatus: (done.details as { previousStatus: MemberStatus }).previousStatus };
        const c = await loadCase(em, caseId);
        const member = await em.findOneByOrFail(MemberEntity, { id: c.memberId });
        const decider = await em.findOneByOrFail(OrganisationEntity, { id: authority.orgId });
        await em.update(ScreeningCaseEntity, { id: caseId }, { removalForm: form });
        if (form === 'expel') {
          // Discipline applies at once, also while an appeal is pending [R26: Charter Art. 39(7),(9)].
          await em.update(MemberEntity, { id: member.id }, { status: 'removed' });
          await em.insert(DisciplineRecordEntity, {
            id: randomUUID(),
            memberId: member.id,
            form: 'expulsion',
            // Issue 9 §8: who decided (a delegated grassroots committee, or the superior committee's standing members).
            decidedBy: authority.role === 'grassroots_committee_member' ? 'grassroots_committee' : 'superior_committee',
            decidedOn,
            endsOn: null,
            authority: `${labelVi(authority.role)} ${decider.name} (quyết định ${decisionNumber})`,
            reason: `Rà soát, sàng lọc: ${labelVi(c.ground)}`,
            recordedBy: 'Hệ thống',
          });
        }
        await appendAudit(em, {
          eventKey,
          at: new Date(at),
          action: 'screening.removal_decided',
          actor: SYSTEM_ACTOR,
          process: SCREENING_PROCESS,
          caseId,
          step: 'screening_removal_decision',
          outcome: form,
          details: {
            previousStatus: member.status,
            decisionNumber,
            decidedOn,
            authority,
            deciderName: decider.name,
            appealClosesAt,
            effectiveNow: form === 'expel',
          },
        });
        const message = `Quyết định ${decisionNumber} ngày ${formatLocalDateVi(decidedOn)} của ${decider.name}: ${labelVi(form)} đối với đảng viên ${member.fullName}. Thời hạn khiếu nại đến hết ngày ${formatLocalDateVi(localDateOf(appealClosesAt))}.`;
        await notify(em, {
          key: `${c.workflowId}:decision:member`,
          at: new Date(at),
          kind: 'case_notice',
          orgId: c.cellOrgId,
          role: null,
          memberId: member.id,
          taskId: null,
          message,
        });
        await notify(em, {
          key: `${c.workflowId}:decision:cell`,
          at: new Date(at),
          kind: 'case_notice',
          orgId: c.cellOrgId,
          role: 'cell_secretary',
          memberId: null,
          taskId: null,
          message,
        });
        return { previousStatus: member.status };
      });
    },

    async recordAppealFiled({ caseId, filedOn, grounds, actor, at }) {
      await dataSource.transaction(async (em) => {
        await audit(em, caseId, 'appeal-filed', {
          at: new Date(at),
          action: 'screening.appeal_filed',
          actor: actorOf(actor),
          step: 'screening_appeal_window',
          comment: grounds,
          details: { filedOn },
        });
      });
    },

    async applyMemberStatus({ caseId, effect, previousStatus, at }) {
      await dataSource.transaction(async (em) => {
        const c = await loadCase(em, caseId);
        const status: MemberStatus = effect === 'remove' ? 'removed' : previousStatus;
        await em.update(MemberEntity, { id: c.memberId }, { status });
        if (effect === 'restore') {
          // The annulled expulsion ends on the (Vietnamese) day the appeal is upheld: decided_on is a local date too,
          // and the UTC date of `at` is the day before between 00:00 and 07:00 in Vietnam (issue 7).
          await em.query(
            `UPDATE discipline_record SET ends_on = $2 WHERE member_id = $1 AND form = 'expulsion' AND ends_on IS NULL`,
            [c.memberId, localDateOf(at)],
          );
        }
        await audit(em, caseId, `member:${effect}`, {
          at: new Date(at),
          action: `screening.member_${effect === 'remove' ? 'removed' : 'restored'}`,
          actor: SYSTEM_ACTOR,
          details: { memberId: c.memberId, status, removalForm: c.removalForm },
        });
      });
    },

    async endScreeningCase({ caseId, result, at }) {
      await dataSource.transaction(async (em) => {
        await em.update(
          ScreeningCaseEntity,
          { id: caseId },
          {
            status: result.status,
            endReason: result.reason,
            endedAt: new Date(at),
            currentStep: null,
            ...(result.removalForm ? { removalForm: result.removalForm } : {}),
          },
        );
        await audit(em, caseId, 'ended', {
          at: new Date(at),
          action: 'case.ended',
          actor: SYSTEM_ACTOR,
          step: result.endStep,
          outcome: result.status,
          comment: result.reason,
        });
      });
    },
  };
}
