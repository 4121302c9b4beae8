import { spawn } from 'node:child_process';
import net from 'node:net';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '@partyflow/activities';
import { bounded, createTestDatabase, registerSearchAttributes, stopWorkers, testServerPath, type TestDatabase } from '@partyflow/testing';
import { bundleWorkflows } from '../../../apps/worker/src/workflow-bundle';

/**
 * The Jest hooks every workflow test shares: the workflow bundle once per file; a Java
 * time-skipping server (skipped time is global to a server) and a PostgreSQL database per test.
 * Teardown is bounded and complete whatever the test did (issue 7 §8): workers still polling
 * (a test that timed out) are shut down first, then the server and the database go.
 * Test-only: nothing in workflows/src/index.ts reaches this file, so it is never bundled.
 */
export type TimeSkipping = {
  readonly env: TestWorkflowEnvironment;
  readonly db: TestDatabase;
  readonly bundle: WorkflowBundleWithSourceMap;
  /** A worker with every workflow and the real activities over this test's database, on a fresh task queue; stopped after the test. */
  createWorker(prefix: string): Promise<{ worker: Worker; taskQueue: string }>;
};

let tqCounter = 0;

/** A Java time-skipping server started here rather than by the SDK (see `startOwnTimeSkippingServer`). */
type OwnServer = { env: TestWorkflowEnvironment; stop(): Promise<void> };

const freePort = () => new Promise<number>((resolve, reject) => {
  const probe = net.createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(port));
  });
});

const listening = (port: number) => new Promise<boolean>((resolve) => {
  const socket = net.connect({ port, host: '127.0.0.1' }, () => { socket.end(); resolve(true); });
  socket.once('error', () => resolve(false));
});

/**
 * The SDK gives the Java server 5 s to answer and kills it after that. Under libfaketime (the clock-point runs of
 * issue 7 §1, infra/scripts/test-clock-points.sh, which set FAKETIME) the JVM starts several times slower, and on a
 * loaded machine that passes 5 s. There the server is started here, inheriting the faked clock, given 60 s, and the
 * test environment connects to it as the time-skipping server it is.
 */
async function startOwnTimeSkippingServer(): Promise<OwnServer> {
  const port = await freePort();
  // The same arguments as the SDK gives it: the port only (time skipping stays locked until the test client unlocks it).
  const child = spawn(testServerPath(), [String(port)], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Also when Jest is stopped before afterEach runs: never leave a server behind.
  const killOnExit = () => { child.kill('SIGKILL'); };
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  try {
    const deadline = Date.now() + 60_000;
    while (!(await listening(port))) {
      if (child.exitCode !== null) throw new Error(`the time-skipping server exited (${child.exitCode}) before listening on ${port}`);
      if (Date.now() > deadline) throw new Error(`the time-skipping server did not listen on ${port} within 60 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // `create` is the SDK's own constructor path (createTimeSkipping calls it too); only the server start differs.
    const create = (TestWorkflowEnvironment as unknown as { create(opts: object): Promise<TestWorkflowEnvironment> }).create.bind(TestWorkflowEnvironment);
    const env = await create({ server: { type: 'existing' }, address: `127.0.0.1:${port}`, namespace: 'default', supportsTimeSkipping: true });
    return { env, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

export function useTimeSkipping(): TimeSkipping {
  let env: TestWorkflowEnvironment | undefined;
  let own: OwnServer | undefined;
  let db: TestDatabase | undefined;
  let bundle: WorkflowBundleWithSourceMap | undefined;
  const workers: Worker[] = [];
  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only available inside a test`);
    return value;
  };

  beforeAll(async () => {
    bundle = await bundleWorkflows();
  });
  beforeEach(async () => {
    if (process.env.FAKETIME) {
      own = await startOwnTimeSkippingServer();
      env = own.env;
    } else {
      env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } });
    }
    await registerSearchAttributes(env.connection);
    db = await createTestDatabase();
  });
  afterEach(async () => {
    const [e, d, o] = [env, db, own];
    own = undefined;
    env = undefined;
    db = undefined;
    await stopWorkers(workers.splice(0));
    await bounded('the time-skipping server', async () => e?.teardown());
    await bounded('the time-skipping server started here', async () => o?.stop());
    await bounded('the test database', async () => d?.drop());
  });

  const ts: TimeSkipping = {
    get env() { return must(env, 'env'); },
    get db() { return must(db, 'db'); },
    get bundle() { return must(bundle, 'bundle'); },
    async createWorker(prefix) {
      const taskQueue = `${prefix}-${++tqCounter}`;
      const worker = await Worker.create({
        connection: ts.env.nativeConnection, taskQueue, workflowBundle: ts.bundle, activities: createActivities({ dataSource: ts.db.dataSource }),
        // A shutdown that waits on a hung activity gives up after this, so the teardown's wait is enough.
        shutdownForceTime: '10s',
      });
      workers.push(worker);
      return { worker, taskQueue };
    },
  };
  return ts;
}
