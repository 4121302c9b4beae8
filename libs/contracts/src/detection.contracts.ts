import { defineQuery } from '@temporalio/workflow';
import type { Actor } from './human-task.contracts';

/** Workflow id of an on-demand detection run; scheduled runs get their id from the Schedule. */
export const detectionRunWorkflowId = (runId: string): string => `detection-${runId}`;
export const detectionScheduleId = (orgCode: string): string => `detection-monthly-${orgCode}`;

export type DetectionRunInput = {
  /** Given by the API for on-demand runs; scheduled runs draw one in the workflow. */
  runId?: string;
  orgId: string;
  trigger: 'on_demand' | 'schedule';
  startedBy: Actor;
  /** Carried across continue-as-new: where the member scan stands. */
  cursor?: DetectionCursor;
  /** Members read per activity call, and pages per workflow run before continue-as-new. */
  paging?: { pageSize: number; pagesPerRun: number };
};

export type DetectionCursor = {
  runId: string;
  asOf: string;
  afterMemberId: string | null;
  processed: number;
  findings: number;
  casesOpened: number;
  duplicatesSkipped: number;
};

export type DetectionProgress = DetectionCursor & { total: number; status: 'running' | 'completed' };
export const detectionProgressQuery = defineQuery<DetectionProgress>('detectionProgress');

export type DetectedFinding = {
  memberId: string;
  ground: string;
  summary: string;
  evidence: Record<string, unknown>;
  source: string;
};

export type DetectionActivities = {
  /** Creates the run row (idempotent) and counts the members of the subtree. */
  beginDetectionRun(input: {
    runId: string;
    workflowId: string;
    orgId: string;
    trigger: 'on_demand' | 'schedule';
    asOf: string;
    startedBy: Actor;
    at: string;
  }): Promise<{ total: number; orgCodes?: string[] }>;
  /**
   * Evaluates the detection rules for the next page of members over their records. `afterMemberId` and
   * `lastMemberId` are the page cursor, opaque here: `p1:<organisation path>|<member id>` since issue 13 §4 (pages in
   * that order), or a bare member id for a run begun before (pages in id order).
   */
  detectPage(input: {
    orgId: string;
    asOf: string;
    afterMemberId: string | null;
    limit: number;
  }): Promise<{ findings: DetectedFinding[]; lastMemberId: string | null; scanned: number }>;
  recordDetectionProgress(input: { runId: string; cursor: DetectionCursor; done: boolean; at: string }): Promise<void>;
};
