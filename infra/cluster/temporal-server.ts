import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { Client } from 'pg';

/**
 * The Temporal server on PostgreSQL (issue 12 §1): `temporal-server` and `temporal-sql-tool` built from the Go module
 * go.temporal.io/server by infra/scripts/ensure-temporal-server.sh, the schema files of that same version beside
 * them. Used by the start:cluster launcher, the cluster e2e harness and the chaos run. Every port and name comes
 * from the caller (the launchers take them from libs/config).
 */
const run = promisify(execFile);

export type TemporalServerSettings = {
  /** The folder ensure-temporal-server.sh printed (PARTYFLOW_TEMPORAL_SERVER_DIR). */
  serverDir: string;
  /** Where the generated configuration goes (a folder of the launcher's data folder, or a test's temporary one). */
  workDir: string;
  /** Any URL on the PostgreSQL server that will hold Temporal's databases; its user must be able to create them. */
  postgresUrl: string;
  database: string;
  visibilityDatabase: string;
  host: string;
  /** The frontend's gRPC port (the port of TEMPORAL_ADDRESS). */
  frontendPort: number;
  /** The first of eight consecutive ports for the server's other listeners (see `serverPorts`). */
  portBase: number;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
};

/** The server's other listeners, from `portBase` on. */
export function serverPorts(portBase: number) {
  return {
    frontendHttp: portBase,
    historyGrpc: portBase + 1,
    matchingGrpc: portBase + 2,
    workerGrpc: portBase + 3,
    frontendMembership: portBase + 4,
    historyMembership: portBase + 5,
    matchingMembership: portBase + 6,
    workerMembership: portBase + 7,
  };
}

/** The folder of the server's build, from PARTYFLOW_TEMPORAL_SERVER_DIR (set by the scripts that start it). */
export function temporalServerDir(): string {
  const dir = process.env.PARTYFLOW_TEMPORAL_SERVER_DIR;
  if (!dir) {
    throw new Error(
      'PARTYFLOW_TEMPORAL_SERVER_DIR is not set: export PARTYFLOW_TEMPORAL_SERVER_DIR="$(bash infra/scripts/ensure-temporal-server.sh)"',
    );
  }
  return dir;
}

function pgParts(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port || '5432',
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Creates Temporal's two databases when they are missing, then lets temporal-sql-tool set up (a new database) and
 * upgrade (every start) their schemas from the versioned schema folders of the server's own version.
 */
export async function prepareTemporalDatabases(s: TemporalServerSettings): Promise<void> {
  const admin = new Client({ connectionString: s.postgresUrl });
  await admin.connect();
  try {
    for (const db of [s.database, s.visibilityDatabase]) {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${db}"`);
    }
  } finally {
    await admin.end();
  }
  const pg = pgParts(s.postgresUrl);
  const tool = path.join(s.serverDir, 'temporal-sql-tool');
  const schemas: [string, string][] = [
    [s.database, 'temporal'],
    [s.visibilityDatabase, 'visibility'],
  ];
  for (const [db, schema] of schemas) {
    const base = ['--plugin', 'postgres12', '--endpoint', pg.host, '--port', pg.port, '--user', pg.user];
    const args = [...base, '--password', pg.password, '--database', db];
    const c = new Client({ connectionString: withDatabase(s.postgresUrl, db) });
    await c.connect();
    const versioned = await c
      .query("SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_version'")
      .finally(() => c.end());
    if (versioned.rowCount === 0) await run(tool, [...args, 'setup-schema', '-v', '0.0']);
    const dir = path.join(s.serverDir, 'schema', 'postgresql', 'v12', schema, 'versioned');
    await run(tool, [...args, 'update-schema', '-d', dir]);
  }
}

/**
 * Writes the server's configuration (all four services in one process, PostgreSQL persistence and visibility) and
 * its dynamic configuration; returns the arguments of `temporal-server`.
 */
export function writeTemporalServerConfig(s: TemporalServerSettings): string[] {
  const p = serverPorts(s.portBase);
  const pg = pgParts(s.postgresUrl);
  const configDir = path.join(s.workDir, 'config');
  mkdirSync(path.join(configDir, 'dynamicconfig'), { recursive: true });
  const store = (db: string, conns: number) => `
      sql:
        pluginName: "postgres12"
        databaseName: ${JSON.stringify(db)}
        connectAddr: ${JSON.stringify(`${pg.host}:${pg.port}`)}
        connectProtocol: "tcp"
        user: ${JSON.stringify(pg.user)}
        password: ${JSON.stringify(pg.password)}
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: "1h"`;
  const service = (grpc: number, membership: number, http?: number) => `
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnIP: ${JSON.stringify(s.host)}${http ? `\n      httpPort: ${http}` : ''}`;
  const yaml = `# Generated by infra/cluster/temporal-server.ts; rewritten at every start.
log:
  stdout: true
  level: ${s.logLevel ?? 'warn'}
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:${store(s.database, 10)}
    postgres-visibility:${store(s.visibilityDatabase, 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: ${JSON.stringify(s.host)}
services:
  frontend:${service(s.frontendPort, p.frontendMembership, p.frontendHttp)}
  history:${service(p.historyGrpc, p.historyMembership)}
  matching:${service(p.matchingGrpc, p.matchingMembership)}
  worker:${service(p.workerGrpc, p.workerMembership)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: ${JSON.stringify(`${s.host}:${s.frontendPort}`)}
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: ${JSON.stringify(path.join(configDir, 'dynamicconfig', 'partyflow.yaml'))}
  pollInterval: "10s"
`;
  writeFileSync(path.join(configDir, 'partyflow.yaml'), yaml);
  // As the dev server: custom search attributes are seen at once, and the Web UI may list freely.
  writeFileSync(
    path.join(configDir, 'dynamicconfig', 'partyflow.yaml'),
    `system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
frontend.namespaceRPS.visibility:
  - value: 100
`,
  );
  return ['--root', s.workDir, '--config', 'config', '--env', 'partyflow', '--allow-no-auth', 'start'];
}

/** Waits until the frontend answers its health check, at most `timeoutMs`. */
export async function waitForFrontend(address: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const conn = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await conn.workflowService.getSystemInfo({});
        return;
      } finally {
        await conn.close();
      }
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`the Temporal server at ${address} did not answer within ${timeoutMs} ms: ${String(last)}`);
}

/** Search attribute types as libs/contracts names them, to the operator API's enum values. */
const SA_TYPES: Record<string, number> = {
  Text: 1,
  Keyword: 2,
  Int: 3,
  Double: 4,
  Bool: 5,
  Datetime: 6,
  KeywordList: 7,
};

/**
 * Registers the namespace (when missing) and its custom search attributes (those missing), as the dev server's
 * --namespace and --search-attribute do. Idempotent: run at every start.
 */
export async function registerNamespace(
  address: string,
  namespace: string,
  searchAttributes: Record<string, string>,
  retentionDays = 30,
): Promise<void> {
  const conn = await Connection.connect({ address });
  try {
    try {
      await conn.workflowService.describeNamespace({ namespace });
    } catch (e) {
      if ((e as { code?: number }).code !== 5) throw e; // NOT_FOUND
      await conn.workflowService
        .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(retentionDays * 86_400_000) })
        .catch((err: { code?: number }) => {
          if (err.code !== 6) throw err; // ALREADY_EXISTS: another launcher won the race
        });
    }
    // A namespace just registered reaches the operator API at the next refresh of the server's namespace cache.
    const existing = await untilNamespaceKnown(() => conn.operatorService.listSearchAttributes({ namespace }));
    const missing = Object.entries(searchAttributes).filter(([name]) => !(name in (existing.customAttributes ?? {})));
    if (missing.length > 0) {
      const map: Record<string, number> = {};
      for (const [name, type] of missing) {
        const t = SA_TYPES[type];
        if (!t) throw new Error(`unknown search attribute type ${type} of ${name}`);
        map[name] = t;
      }
      await untilNamespaceKnown(() => conn.operatorService.addSearchAttributes({ namespace, searchAttributes: map }));
    }
  } finally {
    await conn.close();
  }
}

/** Retries `call` while it answers NOT_FOUND (a namespace the server's cache does not know yet), for at most 30 s. */
async function untilNamespaceKnown<T>(call: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (e) {
      if ((e as { code?: number }).code !== 5 || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
