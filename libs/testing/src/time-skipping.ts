import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { createActivities } from '@partyflow/activities';
import { withTracing } from '@partyflow/tracing';
import type { MailConfig } from '@partyflow/config';
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
  /**
   * A worker with every workflow (or the workflows of `workflowBundle`, e.g. a test-only fixture) and the real
   * activities over this test's database, on a fresh task queue; stopped after the test, whatever the test did.
   */
  createWorker(
    prefix: string,
    options?: { workflowBundle?: WorkflowBundle; mail?: MailConfig },
  ): Promise<{ worker: Worker; taskQueue: string }>;
};

export type TimeSkippingOptions = {
  /**
   * 'per-test' (the default): a new server for every test. 'per-file': one server for the tests of the file or
   * `describe` block that registers the hooks (issue 8 §4), for tests that never skip time. Skipped time is global to
   * a server while the activities, the fixtures and the test read the real clock, so a test that skips time needs a
   * server of its own: `env.sleep()` on a shared server throws, and a test that let the server skip time otherwise (by
   * awaiting a result while a timer was due) leaves its server behind, so that the next test gets a new one. What a
   * test leaves running is terminated after it; the database stays one per test, the task queue one per worker.
   */
  server?: 'per-test' | 'per-file';
};

let tqCounter = 0;

/**
 * Debug mode lifts the SDK's 5 s limit on a workflow task (a blocked workflow would hang the test): this puts it back.
 * The option is read by the SDK but not in WorkerOptions' type ("not exposed at the moment"), hence the spread;
 * createWorker checks that the worker got it.
 */
const PRODUCTION_DEADLOCK_LIMIT: object = { isolateExecutionTimeout: '5s' };

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

async function startServer(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
  if (process.env.FAKETIME) await alignServerClock(env);
  await registerSearchAttributes(env.connection);
  return env;
}

/** A shared server's clock may run this far ahead of this process's before it counts as skipped. */
const SKIPPED_MS = 1_000;

/**
 * After a test on a shared server: terminates the workflows it left open (their tasks would otherwise wait on the
 * server for a worker that has gone) and tells whether the server can serve the next test: not if its clock has
 * been skipped ahead of this process's.
 */
async function reusable(env: TestWorkflowEnvironment): Promise<boolean> {
  const { workflowService } = env.connection;
  const namespace = env.namespace ?? 'default';
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await workflowService.listOpenWorkflowExecutions({ namespace, maximumPageSize: 100, nextPageToken });
    for (const { execution } of page.executions ?? []) {
      if (!execution?.workflowId) continue;
      await env.client.workflow
        .getHandle(execution.workflowId, execution.runId ?? undefined)
        .terminate('the test is over')
        .catch(() => undefined); // already closed (a child whose parent was terminated just before)
    }
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return (await env.currentTimeMs()) - Date.now() <= SKIPPED_MS;
}

const SHARED_SLEEP_WHY =
  'env.sleep() on a time-skipping server shared by the tests of a file (useTimeSkipping({ server: ' +
  "'per-file' })): skipped time is global to a server, so a test that skips time needs a server of its own. " +
  'Put it in a describe block with the default per-test server.';

/** The shared server as a test sees it: everything but `sleep`. */
const withoutSleep = (env: TestWorkflowEnvironment): TestWorkflowEnvironment =>
  new Proxy(env, {
    get: (target, key, receiver) =>
      key === 'sleep' ? () => Promise.reject(new Error(SHARED_SLEEP_WHY)) : Reflect.get(target, key, receiver),
  });

export function useTimeSkipping({ server = 'per-test' }: TimeSkippingOptions = {}): TimeSkipping {
  let env: TestWorkflowEnvironment | undefined;
  /** The server as the test sees it: without `sleep` when it is shared. */
  let view: TestWorkflowEnvironment | undefined;
  let db: TestDatabase | undefined;
  let bundle: WorkflowBundle | undefined;
  /** The file's server ('per-file'), kept between tests while it can serve the next one. */
  let shared: TestWorkflowEnvironment | undefined;
  const workers: Worker[] = [];
  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only available inside a test`);
    return value;
  };

  beforeAll(async () => {
    bundle = await testWorkflowBundle();
  });
  beforeEach(async () => {
    env = server === 'per-file' ? (shared ??= await startServer()) : await startServer();
    view = env === shared ? withoutSleep(env) : env;
    db = await createTestDatabase();
  });
  afterEach(async () => {
    const [e, d] = [env, db];
    env = undefined;
    view = undefined;
    db = undefined;
    await stopWorkers(workers.splice(0));
    if (e && e === shared) {
      let keep = false;
      await bounded('settling the shared time-skipping server', async () => {
        keep = await reusable(e);
      });
      if (!keep) {
        shared = undefined;
        await bounded('the time-skipping server', () => e.teardown());
      }
    } else await bounded('the time-skipping server', async () => e?.teardown());
    await bounded('the test database', async () => d?.drop());
  });
  if (server === 'per-file')
    afterAll(async () => {
      const e = shared;
      shared = undefined;
      await bounded('the shared time-skipping server', async () => e?.teardown());
    });

  const ts: TimeSkipping = {
    get env() {
      return must(view, 'env');
    },
    get db() {
      return must(db, 'db');
    },
    get bundle() {
      return must(bundle, 'bundle');
    },
    async createWorker(prefix, options) {
      const taskQueue = `${prefix}-${++tqCounter}`;
      const worker = await Worker.create(
        withTracing({
          connection: ts.env.nativeConnection,
          taskQueue,
          workflowBundle: options?.workflowBundle ?? ts.bundle,
          activities: createActivities({ dataSource: ts.db.dataSource, mail: options?.mail }),
          // A shutdown that waits on a hung activity gives up after this, so the teardown's wait is enough.
          shutdownForceTime: '10s',
          // The workflows run in this process's own isolate, as the SDK's replay worker runs them, not in a worker
          // thread of their own: the thread's start cost about 0.4 s of CPU per test (issue 8 §4). The end-to-end,
          // browser and cluster tests run the worker process as production does (apps/worker's factory), threads
          // included.
          debugMode: true,
          ...PRODUCTION_DEADLOCK_LIMIT,
        }),
      );
      if (worker.options.isolateExecutionTimeoutMs !== 5_000) {
        throw new Error('the test worker lost the 5 s limit of a workflow task (PRODUCTION_DEADLOCK_LIMIT)');
      }
      workers.push(worker);
      return { worker, taskQueue };
    },
  };
  return ts;
}
