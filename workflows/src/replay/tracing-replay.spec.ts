import path from 'node:path';
import type { History } from '@temporalio/common/lib/proto-utils';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { eventually, useTimeSkipping } from '@partyflow/testing';
import { withTracing } from '@partyflow/tracing';
import { bundleWorkflows } from '../../../apps/worker/src/workflow-bundle';
import { pingSignal } from './fixtures/random-draws';

/**
 * Issue 12 §4: the tracing interceptors bundled with every workflow must not draw on the workflow's random source,
 * or a case recorded before they were bundled gets other `uuid4()` values on replay than it had when it ran (a
 * screening case's id, a detection run's): the case's state would no longer match its rows. The fixture turns such a
 * draw into a nondeterminism error (an activity id drawn after a traced signal), and a history recorded without any
 * interceptors is replayed with ours (no draw: it replays) and with the library's own (the control: it draws).
 */
const h = useTimeSkipping({ server: 'per-file' });
const FIXTURE = path.resolve(__dirname, 'fixtures/random-draws.ts');
const LIBRARY_INTERCEPTORS = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

async function replay(workflowBundle: WorkflowBundle, history: History): Promise<Error | undefined> {
  for await (const result of Worker.runReplayHistories(withTracing({ workflowBundle }), [
    { workflowId: 'random-draws', history },
  ])) {
    return result.error;
  }
  throw new Error('nothing replayed');
}

describe('workflow tracing interceptors: replay of a history recorded before they were bundled', () => {
  it('should replay a history recorded without interceptors with ours, and fail with the library’s own tracer (the control)', async () => {
    const untraced = await bundleWorkflows({ workflowsPath: FIXTURE, interceptorModules: [] });
    const { worker, taskQueue } = await h.createWorker('random-draws', { workflowBundle: untraced });
    const history = await worker.runUntil(async () => {
      const handle = await h.env.client.workflow.start('randomDrawsWorkflow', {
        workflowId: 'random-draws',
        taskQueue,
      });
      await handle.signal(pingSignal);
      // Recorded up to the activity scheduled under the drawn id; the activity itself is not registered.
      await eventually(
        async () => (await handle.fetchHistory()).events?.some((e) => e.activityTaskScheduledEventAttributes),
        'the activity scheduled',
      );
      const recorded = await handle.fetchHistory();
      await handle.terminate('recorded');
      return recorded;
    });

    expect(await replay(await bundleWorkflows({ workflowsPath: FIXTURE }), history)).toBeUndefined();
    const control = await bundleWorkflows({ workflowsPath: FIXTURE, interceptorModules: [LIBRARY_INTERCEPTORS] });
    expect(await replay(control, history)).toBeInstanceOf(DeterminismViolationError);
  });
});
