import { randomUUID } from 'node:crypto';
import type { HumanTaskEntity } from '@partyflow/persistence';

const DAY = 86_400_000;

/**
 * A human_task row as the human-task activities write it (open, never reminded nor escalated, no workflow behind
 * it), for a test that fills an inbox or a supervision list directly; `over` gives what the test is about.
 */
export function taskRow(
  over: Partial<HumanTaskEntity> &
    Pick<HumanTaskEntity, 'process' | 'step' | 'assigneeOrgId' | 'orgPath' | 'status' | 'dueAt'>,
): HumanTaskEntity {
  const caseId = over.caseId ?? randomUUID();
  return {
    id: randomUUID(),
    workflowId: `${over.process}-${caseId}`,
    caseId,
    taskKey: over.step,
    title: over.step,
    assigneeRole: 'cell_committee_member',
    assigneeMemberId: null,
    allowedOutcomes: ['done'],
    openedAt: new Date(over.dueAt.getTime() - 10 * DAY),
    remindAt: null,
    remindedAt: null,
    escalationLevel: 0,
    policyVersion: 1,
    policyOrgId: null,
    payload: null,
    anchorAt: null,
    actedForUserId: null,
    actedForName: null,
    proxyAttestation: null,
    originalDueAt: null,
    repromiseCount: 0,
    repromiseReason: null,
    outcome: null,
    comment: null,
    data: null,
    completedByUserId: null,
    completedByName: null,
    completedAt: null,
    ...over,
  };
}
