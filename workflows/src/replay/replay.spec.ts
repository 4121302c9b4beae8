import fs from 'node:fs';
import path from 'node:path';
import { Worker, type ReplayResult, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import * as deployedWorkflows from '../index';
import { testWorkflowBundle } from '@partyflow/testing';
import { withTracing } from '@partyflow/tracing';
import { bundleWorkflows } from '../../../apps/worker/src/workflow-bundle';
import { parseHistoryFileName } from './history-files';

/**
 * Replays every saved history in workflows/histories/ against the workflow bundle the worker
 * deploys (STYLE.md: "a replay test over saved histories catches nondeterminism before
 * production does"). No server: the replay worker runs the workflow code on the recorded events.
 * A change that would break a case already under way — a step, activity or timer added, removed
 * or reordered without `patched()` — fails here. Histories are recorded by
 * infra/scripts/record-histories.sh, never in CI.
 */
const HISTORY_DIR = path.resolve(__dirname, '../../histories');

const CLOSED = new Set([
  'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_FAILED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT',
  'EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW',
]);

type SavedHistory = {
  file: string;
  scenario: string;
  workflowId: string;
  json: {
    events: { eventType: string; workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } } }[];
  };
};

const saved: SavedHistory[] = (fs.existsSync(HISTORY_DIR) ? fs.readdirSync(HISTORY_DIR) : [])
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({
    file,
    ...parseHistoryFileName(file),
    json: JSON.parse(fs.readFileSync(path.join(HISTORY_DIR, file), 'utf8')),
  }));

const workflowTypeOf = (h: SavedHistory): string | undefined =>
  h.json.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;

async function replay(workflowBundle: WorkflowBundle, h: SavedHistory): Promise<ReplayResult> {
  const results: ReplayResult[] = [];
  // The worker decodes the ProtoJSON itself (the SDK's historyFromJSON). runReplayHistories reports a
  // nondeterminism error in the result instead of throwing it.
  for await (const result of Worker.runReplayHistories(withTracing({ workflowBundle, replayName: h.scenario }), [
    { workflowId: h.workflowId, history: h.json },
  ])) {
    results.push(result);
  }
  expect(results).toHaveLength(1);
  return results[0];
}

const describeRun = (h: SavedHistory): string =>
  `${CLOSED.has(h.json.events.at(-1)?.eventType ?? '') ? 'closed' : 'RUNNING'}, ${h.json.events.length} events`;

let bundle: WorkflowBundle;
beforeAll(async () => {
  bundle = await testWorkflowBundle();
});

describe('replay of saved workflow histories against the current workflow code (workflows/histories/*.json)', () => {
  it('should have saved histories to replay, including cases that are still running', () => {
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.filter((h) => describeRun(h).startsWith('RUNNING')).length).toBeGreaterThan(0);
  });

  // Issue 7 §6: a workflow type without a recorded history has no replay guard at all.
  it('should have a recorded history for exactly the workflow types the worker registers (workflows/src/index.ts)', () => {
    const recorded = [...new Set(saved.map(workflowTypeOf))].sort();
    expect(recorded).toEqual(Object.keys(deployedWorkflows).sort());
  });

  // Negative control: the guard must catch an unguarded change, or its passes prove nothing.
  it('should fail with a DeterminismViolationError when a recorded admission history meets an unguarded change', async () => {
    const broken = await bundleWorkflows({
      workflowsPath: path.resolve(__dirname, 'fixtures/nondeterministic-admission.ts'),
    });
    const h = saved.find((s) => s.scenario === 'admission-official-happy-path');
    if (!h) throw new Error('the admission-official-happy-path history is missing');
    const { error } = await replay(broken, h);
    expect(error).toBeInstanceOf(DeterminismViolationError);
  });

  // Issue 13 §5: cases started before the change schedule every activity through the server; cases started after
  // it run the task bookkeeping (openTask, closeTask) and the admission's activities as local activities (a marker
  // in the history each). Both kinds are recorded, so both paths replay.
  it('should hold admission histories of both activity paths: scheduled activities (v1) and local ones (v2)', () => {
    const activities = (scenario: string) => {
      const h = saved.find((s) => s.scenario === scenario);
      if (!h) throw new Error(`the ${scenario} history is missing`);
      const events = h.json.events as {
        activityTaskScheduledEventAttributes?: unknown;
        markerRecordedEventAttributes?: { markerName?: string };
      }[];
      return {
        events: events.length,
        scheduled: events.filter((e) => e.activityTaskScheduledEventAttributes).length,
        local: events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length,
      };
    };
    expect(activities('admission-official-happy-path')).toEqual({ events: 365, scheduled: 43, local: 0 });
    expect(activities('admission-official-happy-path-v2')).toEqual({ events: 170, scheduled: 0, local: 44 });
  });

  for (const h of saved) {
    it(`should replay ${h.scenario} (${describeRun(h)}) without nondeterminism`, async () => {
      const { error } = await replay(bundle, h);
      if (error) {
        throw new Error(
          `Replaying ${h.file} failed with ${error.name}: ${error.message}\n` +
            'The workflow code is no longer compatible with cases recorded at this point. Guard the change with patched() ' +
            '(keep the old path for running cases), or make it compatible; never re-record over this history.',
        );
      }
    });
  }
});
