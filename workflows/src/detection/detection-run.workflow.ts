import { continueAsNew, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { toLocalDate } from '@partyflow/domain';
import {
  detectionProgressQuery,
  type DetectionActivities,
  type DetectionCursor,
  type DetectionProgress,
  type DetectionRunInput,
} from '@partyflow/contracts';
import { DETECTION_PAGE_ACTIVITY } from '../shared/activity-options';
import { openScreeningCase } from '../screening/open-screening-case';

// A page reads the records of a few hundred members: allow it more time than a row write (bounded retries).
const acts = proxyActivities<DetectionActivities>(DETECTION_PAGE_ACTIVITY);

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

  ({ total } = await acts.beginDetectionRun({
    runId: cursor.runId, workflowId: workflowInfo().workflowId, orgId: input.orgId, trigger: input.trigger,
    asOf: cursor.asOf, startedBy: input.startedBy, at: new Date().toISOString(),
  }));

  const { pageSize, pagesPerRun } = input.paging ?? DEFAULT_PAGING;
  for (let page = 0; page < pagesPerRun; page++) {
    const { findings, lastMemberId, scanned } = await acts.detectPage({ orgId: input.orgId, asOf: cursor.asOf, afterMemberId: cursor.afterMemberId, limit: pageSize });
    for (const f of findings) {
      const opened = await openScreeningCase({
        memberId: f.memberId, ground: f.ground, source: 'detection', startedBy: input.startedBy,
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
  }
  return continueAsNew<typeof detectionRunWorkflow>({ ...input, cursor });
}
