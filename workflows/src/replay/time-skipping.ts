import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '@partyflow/activities';
import { createTestDatabase, registerSearchAttributes, testServerPath, type TestDatabase } from '@partyflow/testing';
import { bundleWorkflows } from '../../../apps/worker/src/workflow-bundle';

/**
 * The Jest hooks every workflow test shares: the workflow bundle once per file; a Java
 * time-skipping server (skipped time is global to a server) and a PostgreSQL database per test.
 * Test-only: nothing in workflows/src/index.ts reaches this file, so it is never bundled.
 */
export type TimeSkipping = {
  readonly env: TestWorkflowEnvironment;
  readonly db: TestDatabase;
  readonly bundle: WorkflowBundleWithSourceMap;
  /** A worker with every workflow and the real activities over this test's database, on a fresh task queue. */
  createWorker(prefix: string): Promise<{ worker: Worker; taskQueue: string }>;
};

let tqCounter = 0;

/**
 * The SDK gives the Java server 5 s to listen. Under libfaketime (the clock-point runs of issue 7 §1) the JVM starts
 * several times slower, and on a loaded machine that can pass 5 s: try again, twice at most, on that error only.
 */
async function startTimeSkippingServer(attempt = 1): Promise<TestWorkflowEnvironment> {
  try {
    return await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } });
  } catch (e) {
    if (attempt >= 3 || !/did not start within/.test(String((e as Error).message))) throw e;
    return startTimeSkippingServer(attempt + 1);
  }
}

export function useTimeSkipping(): TimeSkipping {
  let env: TestWorkflowEnvironment | undefined;
  let db: TestDatabase | undefined;
  let bundle: WorkflowBundleWithSourceMap | undefined;
  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only available inside a test`);
    return value;
  };

  beforeAll(async () => {
    bundle = await bundleWorkflows();
  });
  beforeEach(async () => {
    env = await startTimeSkippingServer();
    await registerSearchAttributes(env.connection);
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await env?.teardown();
    await db?.drop();
    env = undefined;
    db = undefined;
  });

  const ts: TimeSkipping = {
    get env() { return must(env, 'env'); },
    get db() { return must(db, 'db'); },
    get bundle() { return must(bundle, 'bundle'); },
    async createWorker(prefix) {
      const taskQueue = `${prefix}-${++tqCounter}`;
      const worker = await Worker.create({
        connection: ts.env.nativeConnection, taskQueue, workflowBundle: ts.bundle, activities: createActivities({ dataSource: ts.db.dataSource }),
      });
      return { worker, taskQueue };
    },
  };
  return ts;
}
