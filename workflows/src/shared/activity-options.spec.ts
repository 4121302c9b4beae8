import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { msToNumber } from '@temporalio/common/lib/time';
import { PERMANENT_ACTIVITY_FAILURES } from '@partyflow/contracts';
import * as OPTIONS from './activity-options';

/** Issue 7 §2: no activity may retry forever; one constant per retry policy, used by every proxy. */
const policies = Object.entries(OPTIONS);
const SRC = join(__dirname, '..');

function workflowSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'replay' ? [] : workflowSources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}
const proxyCalls = workflowSources(SRC).flatMap((path) => {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/proxy(?:Local)?Activities(?:<[^>]*>)?\(([^)]*)\)/g)].map((m) => ({
    file: relative(SRC, path),
    arg: m[1].trim(),
  }));
});

describe('activity retry policies (issue 7 §2: retries that end)', () => {
  it('should export the eight policies of the workflows', () => {
    expect(policies.map(([name]) => name).sort()).toEqual([
      'AUDIT_ACTIVITY',
      'DATABASE_ACTIVITY',
      'DETECTION_PAGE_ACTIVITY',
      'FAN_OUT_CASE_ACTIVITY',
      'INCIDENT_ACTIVITY',
      'LOCAL_DATABASE_ACTIVITY',
      'MAIL_ACTIVITY',
      'ROUND_ACTIVITY',
    ]);
  });

  it.each(policies)('should bound %s by attempts and by a schedule-to-close limit', (_name, options) => {
    expect(options.retry?.maximumAttempts).toEqual(expect.any(Number));
    expect(options.retry?.maximumAttempts).toBeGreaterThan(0);
    expect(options.retry?.maximumAttempts).toBeLessThanOrEqual(20);
    expect(options.scheduleToCloseTimeout).toBeDefined();
    const ms = (d: typeof options.scheduleToCloseTimeout): number => (d === undefined ? Infinity : msToNumber(d));
    expect(ms(options.scheduleToCloseTimeout)).toBeLessThanOrEqual(ms('1 hour'));
    expect(ms(options.startToCloseTimeout)).toBeLessThan(ms(options.scheduleToCloseTimeout));
  });

  it.each(policies)('should stop %s at once on every permanent failure type of libs/contracts', (_name, options) => {
    expect([...(options.retry?.nonRetryableErrorTypes ?? [])].sort()).toEqual([...PERMANENT_ACTIVITY_FAILURES].sort());
    expect(options.retry?.nonRetryableErrorTypes).toEqual(
      expect.arrayContaining(['ConstraintViolation', 'InvalidActivityInput', 'CaseNotFound']),
    );
  });

  it('should find the proxies of every workflow when scanning workflows/src', () => {
    expect(new Set(proxyCalls.map((c) => c.file.split('/')[0]))).toEqual(
      new Set([
        'admission',
        'audit',
        'detection',
        'human-task',
        'inspection',
        'mail',
        'policy',
        'reassignment',
        'screening',
        'shared',
        'transfer',
      ]),
    );
  });

  it('should create every activity proxy in workflows/src with one of the bounded policies, never an inline or spread one', () => {
    const names = policies.map(([name]) => name);
    expect(proxyCalls.filter((c) => !names.includes(c.arg))).toEqual([]);
  });
});
