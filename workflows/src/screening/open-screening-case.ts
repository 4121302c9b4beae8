import { ParentClosePolicy, proxyActivities, startChild, uuid4 } from '@temporalio/workflow';
import { SCREENING_DEFAULTS } from '@partyflow/domain';
import {
  screeningWorkflowId,
  type RegisteredScreeningCase,
  type ScreeningActivities,
  type ScreeningInput,
  type ScreeningIntakeInput,
  type ScreeningIntakeResult,
} from '@partyflow/contracts';
import { DATABASE_ACTIVITY } from '../shared/activity-options';
import { screeningWorkflow } from './screening.workflow';

const acts = proxyActivities<ScreeningActivities>(DATABASE_ACTIVITY);

const { listingVote, assessmentVote, delegatedDecision, standingDecision, helpPeriod, appealWindow } =
  SCREENING_DEFAULTS;
const plain = <T extends { source: string }>({ source: _source, ...rest }: T): Omit<T, 'source'> => rest;

/**
 * Opens a screening case from workflow code, durably and once: the activity inserts the case row
 * (or returns the open case of the same member and ground), and only a newly created case starts
 * its workflow as an abandoned child, so it outlives the caller (a transfer, a detection run).
 * The case id is drawn from the workflow's deterministic random source: a retried insert that
 * already committed is recognised as ours.
 */
export async function openScreeningCase(
  intake: ScreeningIntakeInput,
  onRegistered?: (reg: RegisteredScreeningCase) => void,
): Promise<ScreeningIntakeResult> {
  const caseId = uuid4();
  const reg = await acts.registerScreeningCase({ ...intake, caseId, at: new Date().toISOString() });
  onRegistered?.(reg);
  if (!reg.created) return { caseId: reg.caseId, created: false };
  await startScreeningCase(intake, reg);
  return { caseId: reg.caseId, created: true };
}

/** Starts the workflow of a newly registered case as an abandoned child (see openScreeningCase). */
export async function startScreeningCase(intake: ScreeningIntakeInput, reg: RegisteredScreeningCase): Promise<void> {
  const input: ScreeningInput = {
    caseId: reg.caseId,
    member: reg.member,
    ground: intake.ground,
    cellOrgId: reg.cellOrgId,
    grassrootsOrgId: reg.grassrootsOrgId,
    competentOrgId: reg.competentOrgId,
    orgCodes: reg.orgCodes,
    thresholds: {
      listingVote: plain(listingVote),
      assessmentVote: plain(assessmentVote),
      delegatedDecision: plain(delegatedDecision),
      standingDecision: plain(standingDecision),
    },
    helpPeriodMonths: helpPeriod.months,
    appealWindow: {
      strike_off: plain(appealWindow.strike_off),
      release: plain(appealWindow.release),
      expel: plain(appealWindow.expel),
    },
    startedBy: intake.startedBy,
  };
  await startChild(screeningWorkflow, {
    workflowId: screeningWorkflowId(reg.caseId),
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [input],
  });
}
