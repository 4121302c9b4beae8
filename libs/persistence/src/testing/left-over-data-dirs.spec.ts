import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sweepLeftOverDataDirs } from '../../../../infra/postgres/embedded-postgres';

/**
 * Issue 8 §4: the test runs' disposable PostgreSQL servers keep their data in memory (/dev/shm); a run that is killed
 * cannot remove its folder, so the next run sweeps the folders no live server holds and no one has touched for an hour.
 */
describe('sweepLeftOverDataDirs (the disposable servers’ folders left by killed runs)', () => {
  let parent: string;
  const NOW = Date.now();
  const HOUR = 60 * 60 * 1000;

  beforeEach(() => {
    parent = mkdtempSync(path.join(os.tmpdir(), 'sweep-spec-'));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  /** A data folder as PostgreSQL leaves it: a file inside, postmaster.pid naming `pid` (none when undefined). */
  function dataDir(name: string, { pid, touchedAgoMs }: { pid?: number; touchedAgoMs: number }): void {
    const dir = path.join(parent, name);
    mkdirSync(path.join(dir, 'base'), { recursive: true });
    writeFileSync(path.join(dir, 'PG_VERSION'), '16\n');
    const when = new Date(NOW - touchedAgoMs);
    if (pid !== undefined) {
      const pidFile = path.join(dir, 'postmaster.pid');
      writeFileSync(pidFile, `${pid}\n${dir}\n1733300000\n5432\n`);
      utimesSync(pidFile, when, when);
    }
    utimesSync(dir, when, when);
  }

  it('should remove only the folders no running server holds that have not changed for an hour', () => {
    // A process that has ended: its pid names no process (until reused, when the folder is kept: harmless).
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const deadPid = Number(ended.stdout);
    dataDir('partyflow-pg-killed', { pid: deadPid, touchedAgoMs: 2 * HOUR });
    dataDir('partyflow-partyflow_audit-never-started', { touchedAgoMs: 3 * HOUR });
    // Held by a live server (this process stands in for it), however old.
    dataDir('partyflow-pg-live', { pid: process.pid, touchedAgoMs: 5 * HOUR });
    // Changed within the hour: being initialised, or a server a kill -9 test is about to restart.
    dataDir('partyflow-pg-initialising', { touchedAgoMs: 10 * 60 * 1000 });
    dataDir('partyflow-pg-just-killed', { pid: deadPid, touchedAgoMs: 30 * 60 * 1000 });
    // Not a disposable server's.
    dataDir('someone-elses', { touchedAgoMs: 5 * HOUR });

    expect(sweepLeftOverDataDirs(parent, NOW).sort()).toEqual([
      'partyflow-partyflow_audit-never-started',
      'partyflow-pg-killed',
    ]);
    expect(readdirSync(parent).sort()).toEqual([
      'partyflow-pg-initialising',
      'partyflow-pg-just-killed',
      'partyflow-pg-live',
      'someone-elses',
    ]);
  });

  it('should leave a file of that name alone and remove nothing from an empty folder', () => {
    writeFileSync(path.join(parent, 'partyflow-pg-not-a-folder'), '');
    utimesSync(path.join(parent, 'partyflow-pg-not-a-folder'), new Date(NOW - 2 * HOUR), new Date(NOW - 2 * HOUR));
    expect(sweepLeftOverDataDirs(parent, NOW)).toEqual([]);
    expect(readdirSync(parent)).toEqual(['partyflow-pg-not-a-folder']);
  });
});
