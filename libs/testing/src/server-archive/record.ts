import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, Runtime, Worker } from '@temporalio/worker';
import { SEARCH_ATTRIBUTE_REGISTRY } from '@partyflow/contracts';
import { registerSearchAttributes } from '../search-attributes';
import { answerUpdate, failingWorkloadWorkflow, nudgeSignal, seenQuery, workloadWorkflow } from './workload.workflow';

/**
 * Drives the Java time-skipping server through a workflow test's requests, in small, while it records its class-data
 * archive (infra/scripts/ensure-test-server.sh, once per machine): an archive recorded at start alone leaves out the
 * classes loaded to serve, which every test-server then reads and links again from the jars (issue 8 §4: with them, a
 * quarter less of its CPU in the admission spec).
 *
 * Usage: node -r ./infra/scripts/register.js libs/testing/src/server-archive/record.ts <recording wrapper> <pid file>
 * The wrapper starts java in the background, writes its pid to the pid file and waits: the SDK SIGKILLs the wrapper at
 * teardown, which java survives; this then stops java with SIGTERM, on which it writes the archive and exits.
 */
async function main(wrapper: string, pidFile: string): Promise<void> {
  // The workload's failures are on purpose: only the SDK's errors are worth printing.
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: wrapper } },
  });
  try {
    await registerSearchAttributes(env.connection);
    await serve(env);
  } finally {
    await env.teardown();
    await stopJava(Number(readFileSync(pidFile, 'utf8').trim()));
  }
}

async function serve(env: TestWorkflowEnvironment): Promise<void> {
  const keyword = Object.entries(SEARCH_ATTRIBUTE_REGISTRY).find(([, type]) => type === 'KeywordList')?.[0];
  if (!keyword) throw new Error('no KeywordList search attribute in the registry');
  const taskQueue = 'server-archive';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: path.join(__dirname, 'workload.workflow.ts'),
      logger: new DefaultLogger('ERROR'),
    }),
    activities: {
      echo: async (text: string) => text.toUpperCase(),
      refuse: async () => {
        throw ApplicationFailure.nonRetryable('refused', 'Refused');
      },
    },
    debugMode: true,
  });
  const { client } = env;
  await worker.runUntil(async () => {
    for (const n of [1, 2]) {
      const handle = await client.workflow.start(workloadWorkflow, {
        taskQueue,
        workflowId: `workload-${n}`,
        args: [keyword],
      });
      await handle.signal(nudgeSignal, 'nudged');
      await handle.query(seenQuery);
      await handle.executeUpdate(answerUpdate, { args: [''] }).catch((e: unknown) => {
        if (!(e instanceof WorkflowUpdateFailedError)) throw e;
      });
      if (n === 1) await handle.executeUpdate(answerUpdate, { args: ['answered'] });
      await handle.describe();
      await env.sleep('1 day');
      await handle.fetchHistory();
      await handle.result();
      await client.workflow.getHandle(`workload-${n}`).describe();
    }
    const failing = await client.workflow.start(failingWorkloadWorkflow, { taskQueue, workflowId: 'workload-failing' });
    await failing.result().catch((e: unknown) => {
      if (!(e instanceof WorkflowFailedError)) throw e;
    });
    const open = await client.workflow.start(workloadWorkflow, {
      taskQueue,
      workflowId: 'workload-open',
      args: [keyword],
    });
    await client.workflowService.listOpenWorkflowExecutions({ namespace: 'default', maximumPageSize: 100 });
    await client.workflowService.listClosedWorkflowExecutions({ namespace: 'default', maximumPageSize: 100 });
    await open.terminate('the workload is over');
  });
}

/** SIGTERM, on which the JVM writes the archive (ArchiveClassesAtExit) and exits; waits for it, at most a minute. */
async function stopJava(pid: number): Promise<void> {
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 60_000; waited += 200) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the test server (pid ${pid}) did not exit a minute after SIGTERM`);
}

const [wrapper, pidFile] = process.argv.slice(2);
if (!wrapper || !pidFile) {
  console.error('usage: record.ts <recording wrapper> <pid file>');
  process.exit(2);
}
main(wrapper, pidFile).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
