import type { INestApplication } from '@nestjs/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@partyflow/config';
import { SA_CURRENT_STEP, SA_ORG_CODES, SA_PROCESS, SA_STEP_DUE_AT } from '@partyflow/contracts';
import { seedDemoData, seedReferenceData, type DemoUser } from '@partyflow/persistence';
import { createApiApp } from '../../apps/api/src/api.factory';
import { createWorker } from '../../apps/worker/src/worker.factory';
import { createTestDatabase, type TestDatabase } from './database';
import { temporalCliPath } from './tools';

export type RunningSystem = {
  baseUrl: string;
  dataSource: DataSource;
  env: TestWorkflowEnvironment;
  users: DemoUser[];
  stop: () => Promise<void>;
};

/**
 * The whole system as in production, in one test process: the Temporal dev server (the real
 * CLI), PostgreSQL with migrations and the demo data, a worker, and the HTTP API on a free port.
 */
export async function startSystem({ workerCount = 1 }: { workerCount?: number } = {}): Promise<RunningSystem> {
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      ip: '127.0.0.1',
      searchAttributes: [SA_PROCESS, SA_ORG_CODES, SA_CURRENT_STEP, SA_STEP_DUE_AT],
      extraArgs: ['--log-level', 'error'],
    },
  });
  let db: TestDatabase | undefined;
  const workers: Worker[] = [];
  const runs: Promise<void>[] = [];
  let app: INestApplication | undefined;
  try {
    db = await createTestDatabase();
    await seedReferenceData(db.dataSource.manager);
    const { users } = await seedDemoData(db.dataSource);
    const config = { ...loadConfig({}), databaseUrl: db.url };
    for (let i = 0; i < workerCount; i++) {
      const worker = await createWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue: config.temporal.taskQueue, dataSource: db.dataSource });
      workers.push(worker);
      runs.push(worker.run());
    }
    app = await createApiApp({ config, dataSource: db.dataSource, client: env.client }, { logger: false });
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    const stop = async () => {
      await app?.close();
      workers.forEach(shutdownQuietly);
      await Promise.allSettled(runs);
      await env.teardown();
      await db?.drop();
    };
    return { baseUrl: url.replace('[::1]', '127.0.0.1'), dataSource: db.dataSource, env, users, stop };
  } catch (e) {
    await app?.close();
    workers.forEach(shutdownQuietly);
    await Promise.allSettled(runs);
    await env.teardown();
    await db?.drop();
    throw e;
  }
}

/** A worker already stopping (the SDK stops workers on SIGINT by itself) must not stop the teardown. */
function shutdownQuietly(worker: Worker): void {
  if (worker.getState() === 'RUNNING') worker.shutdown();
}

/** A small HTTP client that logs in as a demo user, as the web front end would. */
export class ApiSession {
  private constructor(private readonly baseUrl: string, readonly token: string | null) {}

  static anonymous(baseUrl: string): ApiSession { return new ApiSession(baseUrl, null); }

  static async login(baseUrl: string, username: string, password = 'matkhau123'): Promise<ApiSession> {
    const res = await fetch(`${baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const { accessToken } = (await res.json()) as { accessToken: string };
    return new ApiSession(baseUrl, accessToken);
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, raw?: string): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  get<T = unknown>(path: string) { return this.request<T>('GET', path); }
  post<T = unknown>(path: string, body?: unknown) { return this.request<T>('POST', path, body); }
  put<T = unknown>(path: string, body?: unknown) { return this.request<T>('PUT', path, body); }
}
