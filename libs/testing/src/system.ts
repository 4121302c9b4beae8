import type { INestApplication } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { DestinationStream } from 'pino';
import type { DataSource } from 'typeorm';
import { generateJwtSecret, loadConfig, type AppConfig } from '@partyflow/config';
import {
  SA_CURRENT_STEP,
  SA_ORG_CODES,
  SA_PROCESS,
  SA_STEP_DUE_AT,
  SEARCH_ATTRIBUTE_REGISTRY,
} from '@partyflow/contracts';
import { configurePasswordHashing, seedDemoData, seedReferenceData, type DemoUser } from '@partyflow/persistence';
import { startTracing, tracingClientInterceptors, type Tracing } from '@partyflow/tracing';
import { createApiApp } from '../../../apps/api/src/api.factory';
import { createWorker } from '../../../apps/worker/src/worker.factory';
import { openDatabase } from '@partyflow/persistence';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../../infra/demo/round-robin-proxy';
import { CLUSTER_ADDRESS_VAR, clusterNamespace } from './cluster';
import { createTestDatabase, type TestDatabase } from './database';
import { startRestartablePostgres, type RestartablePostgres } from './restartable-postgres';
import { stopWorkers, bounded } from './teardown';
import { temporalCliPath } from './tools';
import { testWorkflowBundle } from './workflow-bundle';

export type RunningSystem = {
  baseUrl: string;
  dataSource: DataSource;
  env: TestWorkflowEnvironment;
  users: DemoUser[];
  /** The API's configuration: a second API on the same system (a restart) takes it, secret included. */
  config: AppConfig;
  /** With `ownPostgres`: the system's own PostgreSQL server, to stop and start again under the API. */
  postgres?: RestartablePostgres;
  /**
   * With OTEL_EXPORTER_OTLP_ENDPOINT in `env` (issue 12 §4): sends every span finished so far, the API's
   * (service partyflow-api) and the workers' (partyflow-worker, the workflows' spans included). A no-op otherwise.
   */
  flushTraces: () => Promise<void>;
  /** The system's workers, to read their state (the benchmark's sticky-cache figure, issue 13 §6). */
  workers: readonly Worker[];
  stop: () => Promise<void>;
};

/**
 * `env`: configuration settings of the API on top of the tests' (e.g. API_CORS_ORIGINS). `ownPostgres`: a
 * PostgreSQL server of the system's own instead of a database on the run's shared server (issue 11 §7).
 */
export type StartSystemOptions = {
  workerCount?: number;
  env?: Record<string, string>;
  ownPostgres?: boolean;
  /** The API's JSON log lines go there (issue 12 §4); none are written otherwise. */
  apiLogDestination?: DestinationStream;
  /** API instances behind a round-robin proxy (default 1; 2 in the cluster run). */
  apiCount?: number;
};

/** The cluster run's Temporal server (test/cluster.jest.config.js), or undefined on the dev server. */
const clusterAddress = (): string | undefined => process.env[CLUSTER_ADDRESS_VAR];

/**
 * The harness's configuration, explicit (issue 11): a fresh JWT secret per system; login limits no suite reaches
 * (they log in hundreds of times from 127.0.0.1, some with wrong passwords); scrypt at N=2^14 (about 40 ms a
 * hash, the cost before issue 11, which the import-progress test relies on) rather than the OWASP 2^17.
 * Production's defaults are in libs/config; `startSystem({ env })` overrides any of these.
 */
export const harnessEnv = (): Record<string, string> => ({
  PARTYFLOW_VALIDATE_RESPONSES: '1',
  JWT_SECRET: generateJwtSecret(),
  PARTYFLOW_LOGIN_MAX_PER_ACCOUNT: '1000000',
  PARTYFLOW_LOGIN_MAX_PER_ADDRESS: '1000000',
  PARTYFLOW_LOGIN_LOCKOUT_FAILURES: '1000000',
  PARTYFLOW_SCRYPT_LOG2N: '14',
});

/**
 * The whole system as in production, in one test process: the Temporal dev server (the real
 * CLI), PostgreSQL with migrations and the demo data, a worker, and the HTTP API on a free port.
 * `env`: configuration (environment variable names) over `harnessEnv()`.
 */
export async function startSystem({
  workerCount,
  env: overrides = {},
  ownPostgres = false,
  apiLogDestination,
  apiCount,
}: StartSystemOptions = {}): Promise<RunningSystem> {
  // The cluster run (issue 12 §2): the run's Temporal server on PostgreSQL, a namespace per system, two workers and
  // two API instances behind a round-robin proxy, unless the spec asks for other counts.
  const cluster = clusterAddress();
  const namespace = cluster ? await clusterNamespace(cluster, SEARCH_ATTRIBUTE_REGISTRY) : undefined;
  const env = cluster
    ? await TestWorkflowEnvironment.createFromExistingServer({ address: cluster, namespace })
    : await TestWorkflowEnvironment.createLocal({
        server: {
          executable: { type: 'existing-path', path: temporalCliPath() },
          ip: '127.0.0.1',
          searchAttributes: [SA_PROCESS, SA_ORG_CODES, SA_CURRENT_STEP, SA_STEP_DUE_AT],
          extraArgs: ['--log-level', 'error'],
        },
      });
  workerCount ??= cluster ? 2 : 1;
  apiCount ??= cluster ? 2 : 1;
  if (namespace) overrides = { TEMPORAL_NAMESPACE: namespace, ...overrides };
  let db: TestDatabase | undefined;
  let postgres: RestartablePostgres | undefined;
  const workers: Worker[] = [];
  const tracings: Tracing[] = [];
  const connections: NativeConnection[] = [];
  const apps: INestApplication[] = [];
  let proxy: RoundRobinProxy | undefined;
  // Whatever happened, everything started so far goes, each step bounded: the API, then the
  // workers (before the server, or they poll a stopped server for ever), the server, the database.
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      live.delete(stop);
      await bounded('the proxy', async () => proxy?.close());
      await bounded('the API', async () => Promise.all(apps.map((a) => a.close())));
      await stopWorkers(workers);
      await bounded('the tracing', async () => void (await Promise.all(tracings.map((t) => t.shutdown()))));
      await bounded("the workers' connections", () => Promise.all(connections.map((c) => c.close())));
      await bounded('the Temporal dev server', () => env.teardown());
      await bounded('the test database', async () => db?.drop());
      await bounded('the own PostgreSQL server', async () => postgres?.remove());
    })();
    return stopping;
  };
  live.add(stop);
  try {
    // Every answer of the API is checked against its declared OpenAPI response schema (issue 10).
    const config = { ...loadConfig({ ...harnessEnv(), ...overrides }), databaseUrl: '' };
    configurePasswordHashing(config.auth.passwordHashing);
    if (ownPostgres) {
      postgres = await startRestartablePostgres();
      const dataSource = await openDatabase({ url: postgres.url, poolSize: 5 });
      db = {
        dataSource,
        url: postgres.url,
        drop: async () => void (dataSource.isInitialized && (await dataSource.destroy())),
      };
    } else db = await createTestDatabase();
    config.databaseUrl = db.url;
    await seedReferenceData(db.dataSource.manager);
    const { users } = await seedDemoData(db.dataSource);
    const workflowBundle = await testWorkflowBundle();
    // As the two processes do (apps/api/src/main.ts, apps/worker/src/worker.module.ts): each service its own tracing.
    const apiTracing = startTracing(config, 'partyflow-api');
    const workerTracing = startTracing(config, 'partyflow-worker');
    for (const t of [apiTracing, workerTracing]) if (t) tracings.push(t);
    for (let i = 0; i < workerCount; i++) {
      // One worker per connection: the SDK refuses two workers of one task queue on a connection; each of the
      // cluster run's workers has its own, as separate processes would.
      const connection =
        i === 0 || !cluster ? env.nativeConnection : await NativeConnection.connect({ address: cluster });
      if (connection !== env.nativeConnection) connections.push(connection);
      const worker = await createWorker({
        connection,
        namespace: env.namespace ?? 'default',
        taskQueue: config.temporal.taskQueue,
        dataSource: db.dataSource,
        workflowBundle,
        tracing: workerTracing,
        mail: config.mail,
      });
      workers.push(worker);
      void worker.run().catch((e: Error) => process.stderr.write(`[system] worker stopped with ${e.message}\n`));
    }
    const client = apiTracing
      ? new Client({
          connection: env.connection,
          namespace: env.namespace ?? 'default',
          interceptors: tracingClientInterceptors(apiTracing),
        })
      : env.client;
    for (let i = 0; i < apiCount; i++) {
      const app = await createApiApp(
        { config, dataSource: db.dataSource, client, tracing: apiTracing },
        { logger: false, logDestination: apiLogDestination },
      );
      apps.push(app);
      await app.listen(0, '127.0.0.1');
    }
    let url = (await apps[0].getUrl()).replace('[::1]', '127.0.0.1');
    if (apps.length > 1) {
      const ports = await Promise.all(apps.map(async (a) => Number(new URL(await a.getUrl()).port)));
      proxy = await startRoundRobinProxy(0, ports);
      url = `http://127.0.0.1:${proxy.port}`;
    }
    return {
      baseUrl: url,
      dataSource: db.dataSource,
      env,
      users,
      config,
      postgres,
      flushTraces: async () => void (await Promise.all(tracings.map((t) => t.forceFlush()))),
      workers,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Systems started in this test file and not yet stopped. */
const live = new Set<() => Promise<void>>();

/**
 * Stops every system of this test file that is still up: registered after all of a file's tests
 * (libs/testing/src/jest-after-env.ts), so a spec whose `beforeAll` or `afterAll` failed or timed out
 * leaves nothing running. Stopping twice is a no-op.
 */
export async function stopAllSystems(): Promise<void> {
  await Promise.all([...live].map((stop) => stop()));
}

/**
 * Bounded retries of a session's HTTP calls (the chaos run, issue 12 §2): a call that meets a connection error (the
 * API instance or the proxy went away) or a 5xx answer is sent again after `firstDelayMs`, doubled each time up to
 * `maxDelayMs`, at most `attempts` times in all; the last answer (or error) is the call's. `onRetry` sees each retry.
 */
export type HttpRetry = {
  attempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
  onRetry?: (call: string, attempt: number, reason: string) => void;
};

/** An answer; `attempts` (not enumerable) says how many times the call was sent (1 without retries). */
export type ApiAnswer<T> = { status: number; body: T; attempts: number };

/** A small HTTP client that logs in as a demo user, as the web front end would; with `retry`, calls are retried. */
export class ApiSession {
  private constructor(
    private readonly baseUrl: string,
    readonly token: string | null,
    private readonly retry?: HttpRetry,
  ) {}

  static anonymous(baseUrl: string, retry?: HttpRetry): ApiSession {
    return new ApiSession(baseUrl, null, retry);
  }

  static async login(
    baseUrl: string,
    username: string,
    password = 'matkhau123',
    retry?: HttpRetry,
  ): Promise<ApiSession> {
    const res = await ApiSession.anonymous(baseUrl, retry).post<{ accessToken: string }>('/auth/login', {
      username,
      password,
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return new ApiSession(baseUrl, res.body.accessToken, retry);
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, raw?: string): Promise<ApiAnswer<T>> {
    const attempts = this.retry?.attempts ?? 1;
    for (let attempt = 1; ; attempt++) {
      let reason: string;
      try {
        const res = await this.send<T>(method, path, body, raw);
        // Not enumerable: the tests compare whole answers ({ status, body }) with toEqual.
        if (res.status < 500 || attempt >= attempts)
          return Object.defineProperty({ ...res }, 'attempts', { value: attempt, enumerable: false }) as ApiAnswer<T>;
        reason = `HTTP ${res.status}`;
      } catch (e) {
        if (attempt >= attempts) throw e;
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        reason = cause?.code ?? cause?.message ?? (e as Error).message;
      }
      const retry = this.retry as HttpRetry;
      retry.onRetry?.(`${method} ${path.replace(/\?.*/, '')}`, attempt, reason);
      await new Promise((r) => setTimeout(r, Math.min(retry.firstDelayMs * 2 ** (attempt - 1), retry.maxDelayMs)));
    }
  }

  private async send<T>(method: string, path: string, body?: unknown, raw?: string) {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  put<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
}
