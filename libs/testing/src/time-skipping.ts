import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { createActivities } from '@partyflow/activities';
import { createTestDatabase, type TestDatabase } from './database';
import { registerSearchAttributes } from './search-attributes';
import { bounded, stopWorkers } from './teardown';
import { testServerPath } from './tools';
import { testWorkflowBundle } from './workflow-bundle';

/**
 * The Jest hooks every workflow test shares: the run's workflow bundle (built once by the global setup); a Java
 * time-skipping server (skipped time is global to a server) and a PostgreSQL database per test.
 * Teardown is bounded and complete whatever the test did (issue 7 §8): workers still polling
 * (a test that timed out) are shut down first, then the server and the database go.
 * Test-only: nothing in workflows/src/index.ts reaches this file, so it is never bundled.
 */
export type TimeSkipping = {
  readonly env: TestWorkflowEnvironment;
  readonly db: TestDatabase;
  readonly bundle: WorkflowBundle;
  /** A worker with every workflow and the real activities over this test's database, on a fresh task queue; stopped after the test. */
  createWorker(prefix: string): Promise<{ worker: Worker; taskQueue: string }>;
};

let tqCounter = 0;

/**
 * The clock-point runs of issue 7 §1 (infra/scripts/test-clock-points.sh) fake this process's clock with
 * libfaketime (FAKETIME set) at an instant ahead of the wall clock. The Java server does not run under
 * libfaketime (its wrapper drops it: the JVM spins a core there), so before the test it is skipped forward
 * to this process's clock: the workflows, the activities and the test then agree on the instant.
 */
async function alignServerClock(env: TestWorkflowEnvironment): Promise<void> {
  const behind = Date.now() - (await env.currentTimeMs());
  if (behind > 1_000) await env.sleep(behind);
}

export function useTimeSkipping(): TimeSkipping {
  let env: TestWorkflowEnvironment | undefined;
  let db: TestDatabase | undefined;
  let bundle: WorkflowBundle | undefined;
  const workers: Worker[] = [];
  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only available inside a test`);
    return value;
  };

  beforeAll(async () => {
    bundle = await testWorkflowBundle();
  });
  beforeEach(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: testServerPath() } },
    });
    if (process.env.FAKETIME) await alignServerClock(env);
    await registerSearchAttributes(env.connection);
    db = await createTestDatabase();
  });
  afterEach(async () => {
    const [e, d] = [env, db];
    env = undefined;
    db = undefined;
    await stopWorkers(workers.splice(0));
    await bounded('the time-skipping server', async () => e?.teardown());
    await bounded('the test database', async () => d?.drop());
  });

  const ts: TimeSkipping = {
    get env() {
      return must(env, 'env');
    },
    get db() {
      return must(db, 'db');
    },
    get bundle() {
      return must(bundle, 'bundle');
    },
    async createWorker(prefix) {
      const taskQueue = `${prefix}-${++tqCounter}`;
      const worker = await Worker.create({
        connection: ts.env.nativeConnection,
        taskQueue,
        workflowBundle: ts.bundle,
        activities: createActivities({ dataSource: ts.db.dataSource }),
        // A shutdown that waits on a hung activity gives up after this, so the teardown's wait is enough.
        shutdownForceTime: '10s',
      });
      workers.push(worker);
      return { worker, taskQueue };
    },
  };
  return ts;
}
