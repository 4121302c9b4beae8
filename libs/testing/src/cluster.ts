import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  prepareTemporalDatabases,
  registerNamespace,
  waitForFrontend,
  writeTemporalServerConfig,
} from '../../../infra/cluster/temporal-server';
import { stopChild } from '../../../infra/demo/supervisor';
import { URL_VAR } from './postgres-server';
import { temporalServerDirPath } from './tools';

// Imported by Jest's global setup, which does not apply moduleNameMapper: relative imports only.

/** Set by the cluster run's global setup: the frontend address of the run's Temporal server on PostgreSQL. */
export const CLUSTER_ADDRESS_VAR = 'PARTYFLOW_TEST_CLUSTER_ADDRESS';

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * Nine consecutive free ports (the frontend's and the eight of `serverPorts`), below 32768: the server keeps its
 * membership ports in a smallint column (cluster_membership.rpc_port) and dies on a larger one.
 */
export async function freePortRun(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 12_000);
    let ok = true;
    for (let p = first; p < first + 9 && ok; p++) ok = await portFree(p);
    if (ok) return first;
  }
  throw new Error('no nine consecutive free ports found');
}

/**
 * The cluster run's Temporal server (issue 12 §2): `temporal-server` built from go.temporal.io/server, with its
 * persistence and visibility in two databases of the run's PostgreSQL server, schemas set up by temporal-sql-tool.
 * Every system of the run gets a namespace of its own on it (`clusterNamespace`). Returns the function that stops
 * it (SIGTERM, SIGKILL after 10 s) and drops its databases.
 */
export async function startTestCluster(): Promise<() => Promise<void>> {
  const adminUrl = process.env[URL_VAR];
  if (!adminUrl) throw new Error(`${URL_VAR} is not set: start the run's PostgreSQL first`);
  const serverDir = temporalServerDirPath();
  const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
  const first = await freePortRun();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'partyflow-temporal-'));
  const settings = {
    serverDir,
    workDir,
    postgresUrl: adminUrl,
    database: `temporal_${suffix}`,
    visibilityDatabase: `temporal_vis_${suffix}`,
    host: '127.0.0.1',
    frontendPort: first,
    portBase: first + 1,
    logLevel: 'error' as const,
  };
  await prepareTemporalDatabases(settings);
  const args = writeTemporalServerConfig(settings);
  const logFile = openSync(path.join(workDir, 'server.log'), 'a');
  const child = spawn(path.join(serverDir, 'temporal-server'), args, {
    stdio: ['ignore', logFile, logFile],
    detached: true,
  });
  const address = `127.0.0.1:${first}`;
  const stop = async () => {
    await stopChild(child, 10_000);
    // PARTYFLOW_KEEP_SERVER_LOG=1 keeps the folder, with the server's log (server.log), for a failing run.
    if (!process.env.PARTYFLOW_KEEP_SERVER_LOG) rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await waitForFrontend(address);
  } catch (e) {
    await stop();
    throw e;
  }
  process.env[CLUSTER_ADDRESS_VAR] = address;
  return stop;
}

/** A fresh namespace on the run's cluster with the search attributes of libs/contracts (one per system). */
export async function clusterNamespace(address: string, searchAttributes: Record<string, string>): Promise<string> {
  const namespace = `e2e-${randomUUID().slice(0, 8)}`;
  await registerNamespace(address, namespace, searchAttributes, 1);
  return namespace;
}
