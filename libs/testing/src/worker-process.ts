import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { localTimeZone } from '@partyflow/domain';
import { eventually } from './eventually';
import type { RunningSystem } from './system';
import { bounded } from './teardown';
import { repoRoot } from './tools';
import { testWorkflowBundle } from './workflow-bundle';

/** A free TCP port on 127.0.0.1 (for a server that must be told its port, such as the Temporal SDK's exporter). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type WorkerProcess = {
  /** The port of the worker's HTTP server (health and metrics), read off its start-up log line. */
  httpPort: number;
  /** Every line the worker wrote on stdout so far (its JSON log). */
  lines: string[];
  /** SIGTERM, then SIGKILL if it has not exited within the teardown bound. */
  stop: () => Promise<void>;
};

/**
 * The real worker process (apps/worker/src/main.ts: its Runtime, its logger, its HTTP server) on a system started
 * with `workerCount: 0`: the run's workflow bundle as its prebuilt bundle, WORKER_HTTP_PORT=0, and `env` on top.
 */
export async function startWorkerProcess(
  system: RunningSystem,
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'partyflow-worker-'));
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, (await testWorkflowBundle()).code);
  writeFileSync(path.join(dir, 'workflow-bundle.json'), JSON.stringify({ timeZone: localTimeZone() }));
  const child = spawn(
    process.execPath,
    ['-r', path.join(repoRoot, 'infra/scripts/register.js'), path.join(repoRoot, 'apps/worker/src/main.ts')],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        DATABASE_URL: system.config.databaseUrl,
        TEMPORAL_ADDRESS: system.env.address,
        TEMPORAL_NAMESPACE: system.env.namespace ?? 'default',
        TEMPORAL_TASK_QUEUE: system.config.temporal.taskQueue,
        PARTYFLOW_TIME_ZONE: localTimeZone(),
        PARTYFLOW_WORKFLOW_BUNDLE: 'prebuilt',
        PARTYFLOW_WORKFLOW_BUNDLE_PATH: bundlePath,
        WORKER_HTTP_HOST: '127.0.0.1',
        WORKER_HTTP_PORT: '0',
        ...env,
      },
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
  const stop = async () => {
    await bounded('the worker process', async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    });
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const httpPort = await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`the worker process exited with ${child.exitCode}`);
        for (const line of lines) {
          const entry = parse(line);
          if (typeof entry?.msg === 'string' && entry.msg.startsWith('worker http on')) return entry.port as number;
        }
        return undefined;
      },
      () => `the worker process's HTTP server (log so far: ${lines.slice(-5).join(' | ')})`,
      120_000,
      100,
    );
    return { httpPort, lines, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

function parse(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** One sample of a Prometheus text exposition. */
export type MetricSample = { name: string; labels: Record<string, string>; value: number };

/** The samples of a Prometheus text exposition (comments skipped). */
export function parseMetrics(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

/** The value of the one sample named `name` whose labels include `labels`; undefined when there is none. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = parseMetrics(text).filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}
