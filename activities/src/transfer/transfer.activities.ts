import type { DataSource, EntityManager } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { toLocalDate, TRANSFER_PROCESS } from '@partyflow/domain';
import { ACTIVITY_FAILURES, transferWorkflowId, type TransferActivities } from '@partyflow/contracts';
import { HumanTaskEntity, MemberEntity, OrganisationEntity, PartyTransferEntity } from '@partyflow/persistence';
import { appendAudit, notify, SYSTEM_ACTOR } from '@partyflow/audit';
import { ancestors } from '../shared/organisations';

export type TransferDeps = { dataSource: DataSource };

async function loadTransfer(em: EntityManager, transferId: string): Promise<PartyTransferEntity> {
  const row = await em.findOneBy(PartyTransferEntity, { id: transferId });
  if (!row)
    throw ApplicationFailure.create({
      type: ACTIVITY_FAILURES.transferNotFound,
      nonRetryable: true,
      message: `No transfer ${transferId}`,
    });
  return row;
}

const actorOf = (a: { userId: string; name: string }) => ({ userId: a.userId || null, name: a.name });

/** Activities of the transfer workflow over the party_transfer row; idempotent by key and by status. */
export function createTransferActivities({ dataSource }: TransferDeps): TransferActivities {
  return {
    async notifyTransferOverdue({ transferId, level, at }) {
      await dataSource.transaction(async (em) => {
        const t = await loadTransfer(em, transferId);
        const member = await em.findOneByOrFail(MemberEntity, { id: t.memberId });
        const [to, chain] = await Promise.all([
          em.findOneByOrFail(OrganisationEntity, { id: t.toOrgId }),
          ancestors(em, t.fromOrgId),
        ]);
        const target = chain[Math.min(level, chain.length) - 1];
        const workflowId = transferWorkflowId(transferId);
        if (target) {
          await notify(em, {
            key: `${workflowId}:sending-escalated:${level}`,
            at: new Date(at),
            kind: 'task_escalated',
            orgId: target.id,
            role: 'supervisor',
            taskId: null,
            message: `Quá hạn (mức ${level}): đảng viên ${member.fullName} chưa đến sinh hoạt tại ${to.name} (giới thiệu ngày ${t.issuedOn}, hạn ${t.presentBy}).`,
          });
        }
        await appendAudit(em, {
          eventKey: `${workflowId}:sending-escalated:${level}`,
          at: new Date(at),
          action: 'transfer.overdue_notified',
          actor: SYSTEM_ACTOR,
          process: TRANSFER_PROCESS,
          caseId: transferId,
          step: 'confirm_arrival',
          details: { level, notifiedOrgId: target?.id ?? null, notifiedOrgName: target?.name ?? null, side: 'sending' },
        });
      });
    },

    async recordArrival({ transferId, presentedOn, returnDue, actor, at }) {
      return dataSource.transaction(async (em) => {
        const t = await loadTransfer(em, transferId);
        const task = await em.findOneBy(HumanTaskEntity, {
          workflowId: transferWorkflowId(transferId),
          taskKey: 'confirm_arrival',
        });
        const late = presentedOn > (task ? toLocalDate(task.dueAt.toISOString()) : t.presentBy);
        if (t.status === 'issued') {
          await em.update(PartyTransferEntity, { id: t.id }, { status: 'presented', presentedOn, returnDue });
          // An official transfer moves the member's records; a temporary one keeps them at the sending cell [R28][R29].
          if (t.kind === 'official') await em.update(MemberEntity, { id: t.memberId }, { organisationId: t.toOrgId });
        }
        await appendAudit(em, {
          eventKey: `${transferWorkflowId(transferId)}:presented`,
          at: new Date(at),
          action: 'transfer.presented',
          actor: actorOf(actor),
          process: TRANSFER_PROCESS,
          caseId: transferId,
          step: 'confirm_arrival',
          outcome: late ? 'late' : 'on_time',
          details: { presentedOn, presentBy: t.presentBy, returnDue, kind: t.kind, toOrgId: t.toOrgId },
        });
        return { late };
      });
    },

    async recordReturn({ transferId, returnedOn, actor, at }) {
      await dataSource.transaction(async (em) => {
        const t = await loadTransfer(em, transferId);
        if (t.status === 'presented')
          await em.update(PartyTransferEntity, { id: t.id }, { status: 'returned', returnedOn });
        await appendAudit(em, {
          eventKey: `${transferWorkflowId(transferId)}:returned`,
          at: new Date(at),
          action: 'transfer.returned',
          actor: actorOf(actor),
          process: TRANSFER_PROCESS,
          caseId: transferId,
          step: 'confirm_return',
          details: { returnedOn, returnDue: t.returnDue },
        });
      });
    },
  };
}
