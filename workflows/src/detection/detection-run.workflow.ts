import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { toLocalDate } from '@partyflow/domain';
import {
  detectionProgressQuery,
  SA_ORG_CODES,
  type DetectionActivities,
  type DetectionCursor,
  type DetectionProgress,
  type DetectionRunInput,
  type ScreeningActivities,
  type ScreeningIntakeInput,
} from '@partyflow/contracts';
import { DETECTION_PAGE_ACTIVITY } from '../shared/activity-options';
import { openScreeningCase, startScreeningCase } from '../screening/open-screening-case';

// A page reads the records of a few hundred members: allow it more time than a row write (bounded retries).
const acts = proxyActivities<DetectionActivities>(DETECTION_PAGE_ACTIVITY);
// A page's findings (up to a page of members, a few per member) are registered in one transaction: allow it the same.
const intake = proxyActivities<Pick<ScreeningActivities, 'registerScreeningCases'>>(DETECTION_PAGE_ACTIVITY);

/** 200 members a page; 25 pages per run before continue-as-new, so a run over a province keeps its history bounded. */
const DEFAULT_PAGING = { pageSize: 200, pagesPerRun: 25 };

/**
 * A detection wave over an organisation subtree (02-HD/BTCTƯ step 1, "rà soát, phát hiện"):
 * pages through the members, evaluates the detection rules over their activity records, and opens
 * one screening case per finding — never a second open case for the same member and ground.
 * Progress is queryable and written to the run row after every page.
 */
export async function detectionRunWorkflow(input: DetectionRunInput): Promise<DetectionProgress> {
  const cursor: DetectionCursor = input.cursor ?? {
    runId: input.runId ?? uuid4(),
    asOf: toLocalDate(Date.now()),
    afterMemberId: null,
    processed: 0,
    findings: 0,
    casesOpened: 0,
    duplicatesSkipped: 0,
  };
  let total = 0;
  let status: DetectionProgress['status'] = 'running';
  setHandler(detectionProgressQuery, () => ({ ...cursor, total, status }));

  const begun = await acts.beginDetectionRun({
    runId: cursor.runId,
    workflowId: workflowInfo().workflowId,
    orgId: input.orgId,
    trigger: input.trigger,
    asOf: cursor.asOf,
    startedBy: input.startedBy,
    at: new Date().toISOString(),
  });
  ({ total } = begun);
  if (begun.orgCodes?.length && patched('detection-org-codes'))
    upsertSearchAttributes([{ key: SA_ORG_CODES, value: begun.orgCodes }]);
  // Runs started before this change register findings one activity each, and continue as new only at the page limit.
  const batched = patched('detection-page-batch-register');

  const { pageSize, pagesPerRun } = input.paging ?? DEFAULT_PAGING;
  for (let page = 0; page < pagesPerRun; page++) {
    const { findings, lastMemberId, scanned } = await acts.detectPage({
      orgId: input.orgId,
      asOf: cursor.asOf,
      afterMemberId: cursor.afterMemberId,
      limit: pageSize,
    });
    if (batched) {
      // One activity registers the page's findings (deduplicated by the open-case index); the new
      // cases start in parallel.
      const intakes: ScreeningIntakeInput[] = findings.map((f) => ({
        memberId: f.memberId,
        ground: f.ground,
        source: 'detection',
        startedBy: input.startedBy,
        evidence: { summary: f.summary, source: f.source, runId: cursor.runId, asOf: cursor.asOf, ...f.evidence },
      }));
      const at = new Date().toISOString();
      const regs = await intake.registerScreeningCases({ cases: intakes.map((c) => ({ ...c, caseId: uuid4(), at })) });
      await Promise.all(regs.map((reg, i) => (reg.created ? startScreeningCase(intakes[i], reg) : undefined)));
      const created = regs.filter((r) => r.created).length;
      cursor.casesOpened += created;
      cursor.duplicatesSkipped += regs.length - created;
    }
    for (const f of batched ? [] : findings) {
      const opened = await openScreeningCase({
        memberId: f.memberId,
        ground: f.ground,
        source: 'detection',
        startedBy: input.startedBy,
        evidence: { summary: f.summary, source: f.source, runId: cursor.runId, asOf: cursor.asOf, ...f.evidence },
      });
      if (opened.created) cursor.casesOpened += 1;
      else cursor.duplicatesSkipped += 1;
    }
    cursor.processed += scanned;
    cursor.findings += findings.length;
    cursor.afterMemberId = lastMemberId;
    const done = scanned < pageSize;
    await acts.recordDetectionProgress({ runId: cursor.runId, cursor, done, at: new Date().toISOString() });
    if (done) {
      status = 'completed';
      return { ...cursor, total, status };
    }
    // The server asks for a fresh history (its size or event count) before the page limit: continue as new now.
    if (batched && workflowInfo().continueAsNewSuggested) break;
  }
  if (batched) await condition(allHandlersFinished);
  return continueAsNew<typeof detectionRunWorkflow>({ ...input, cursor });
}
