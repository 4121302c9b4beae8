import { addMonths, firstOfMonth, todayLocal } from '@partyflow/domain';
import { detectionProgressQuery, type DetectionProgress, type DetectionRunInput } from '@partyflow/contracts';
import {
  AuditLogEntity,
  DetectionRunEntity,
  MeetingAttendanceEntity,
  MemberGradingEntity,
  ScreeningCaseEntity,
} from '@partyflow/persistence';
import { buildFixture, useAdmissionHarness } from '@partyflow/testing';
import { createDetectionActivities } from '@partyflow/activities';
import { Client } from '@temporalio/client';

// A time-skipping server and a PostgreSQL database per test (the harness is shared with the admission tests).
const h = useAdmissionHarness();
/**
 * A plain client on the test server: waiting on a run's result does not let the server skip time (the environment's
 * own client would), so the screening cases a run opens do not race ahead through their timers while a later run
 * scans the same members (a run's `asOf` and what it finds stay those of the test's day).
 */
const plain = () => new Client({ connection: h.env.connection, namespace: h.env.namespace });

describe('detection run over activity records (02-HD/BTCTƯ step 1) on the time-skipping server', () => {
  it('should page through the subtree with continue-as-new, open one case per finding, report its counts, and skip open cases on a second run', async () => {
    const ds = h.db.dataSource;
    const f = await buildFixture(ds, { officials: 9, exempt: 1 });
    const today = todayLocal(Date.now());
    const thisMonth = firstOfMonth(today);
    const [absentee, weak] = f.officialIds;
    // Absent without reason 3 months in the last 12 (Charter Art. 8) — and one absence with a
    // reason, which does not count.
    for (const [back, status] of [
      [1, 'absent_without_reason'],
      [3, 'absent_without_reason'],
      [5, 'absent_with_reason'],
      [7, 'absent_without_reason'],
    ] as const) {
      await ds.getRepository(MeetingAttendanceEntity).save({
        memberId: absentee,
        month: addMonths(thisMonth, -back),
        organisationId: f.orgs.cellA.id,
        status,
        reason: status === 'absent_with_reason' ? 'Ốm' : null,
        recordedBy: 'test',
      });
    }
    // "Không hoàn thành nhiệm vụ" two years running (02-HD criterion 1).
    const year = Number(today.slice(0, 4));
    for (const y of [year - 2, year - 1])
      await ds
        .getRepository(MemberGradingEntity)
        .save({ memberId: weak, year: y, grading: 'not_completed', award: false });

    const { worker, taskQueue } = await h.createWorker('detection-test');
    const input = (runId: string): DetectionRunInput => ({
      runId,
      orgId: f.orgs.grassroots.id,
      trigger: 'on_demand',
      startedBy: { userId: f.users.grassroots1.id, name: f.users.grassroots1.name },
      paging: { pageSize: 3, pagesPerRun: 2 },
    });
    await worker.runUntil(async () => {
      const first = await plain().workflow.start('detectionRunWorkflow', {
        workflowId: 'detection-a',
        taskQueue,
        args: [input('00000000-0000-4000-8000-00000000000a')],
      });
      const result = (await first.result()) as DetectionProgress;
      // 9 official members in pages of 3, two pages per run: the scan continued as new at least once.
      expect(result).toMatchObject({
        status: 'completed',
        total: 9,
        processed: 9,
        findings: 2,
        casesOpened: 2,
        duplicatesSkipped: 0,
      });
      expect((await plain().workflow.getHandle('detection-a', first.firstExecutionRunId).describe()).status.name).toBe(
        'CONTINUED_AS_NEW',
      );
      expect(await first.query(detectionProgressQuery)).toMatchObject({ processed: 9, status: 'completed' });
      const cases = await ds.getRepository(ScreeningCaseEntity).find({ order: { ground: 'ASC' } });
      expect(cases.map((c) => [c.memberId, c.ground, c.source])).toEqual([
        [absentee, 'absence_or_unpaid_dues', 'detection'],
        [weak, 'not_completed_two_years', 'detection'],
      ]);
      expect(
        await ds.getRepository(DetectionRunEntity).findOneByOrFail({ id: '00000000-0000-4000-8000-00000000000a' }),
      ).toMatchObject({ status: 'completed', totalMembers: 9, processedMembers: 9, findings: 2, casesOpened: 2 });

      const second = await plain().workflow.start('detectionRunWorkflow', {
        workflowId: 'detection-b',
        taskQueue,
        args: [input('00000000-0000-4000-8000-00000000000b')],
      });
      expect(await second.result()).toMatchObject({ findings: 2, casesOpened: 0, duplicatesSkipped: 2 });
      expect(await ds.getRepository(ScreeningCaseEntity).count()).toBe(2);
    });
  });

  it('should register a page where every member has a finding in one activity, start the cases in parallel and count them exactly (issue 7 §5)', async () => {
    const ds = h.db.dataSource;
    const f = await buildFixture(ds, { officials: 9, exempt: 1 });
    const thisMonth = firstOfMonth(todayLocal(Date.now()));
    // Every official member was absent without reason 3 months in the last 12 (Charter Art. 8): nine findings.
    for (const memberId of f.officialIds) {
      for (const back of [1, 3, 7]) {
        await ds.getRepository(MeetingAttendanceEntity).save({
          memberId,
          month: addMonths(thisMonth, -back),
          organisationId: f.orgs.cellA.id,
          status: 'absent_without_reason',
          reason: null,
          recordedBy: 'test',
        });
      }
    }
    const { worker, taskQueue } = await h.createWorker('detection-full');
    const input = (runId: string): DetectionRunInput => ({
      runId,
      orgId: f.orgs.grassroots.id,
      trigger: 'on_demand',
      startedBy: { userId: f.users.grassroots1.id, name: f.users.grassroots1.name },
      paging: { pageSize: 3, pagesPerRun: 2 },
    });
    await worker.runUntil(async () => {
      const first = await plain().workflow.start('detectionRunWorkflow', {
        workflowId: 'detection-full-a',
        taskQueue,
        args: [input('00000000-0000-4000-8000-0000000000aa')],
      });
      expect(await first.result()).toMatchObject({
        status: 'completed',
        total: 9,
        processed: 9,
        findings: 9,
        casesOpened: 9,
        duplicatesSkipped: 0,
      });
      const cases = await ds.getRepository(ScreeningCaseEntity).find();
      expect(cases.map((c) => c.memberId).sort()).toEqual([...f.officialIds].sort());
      expect(new Set(cases.map((c) => `${c.ground}/${c.source}/${c.status}`))).toEqual(
        new Set(['absence_or_unpaid_dues/detection/in_progress']),
      );
      expect(await ds.getRepository(AuditLogEntity).countBy({ action: 'screening.case_opened' })).toBe(9);
      // Issue 9 §7: the run's start and end are read under the organisation it scanned, not by every reader.
      const runRows = (await ds.getRepository(AuditLogEntity).find()).filter((r) => r.action.startsWith('detection.'));
      expect(runRows.map((r) => [r.action, r.orgId ?? (r.details as { orgId?: string }).orgId]).sort()).toEqual([
        ['detection.completed', f.orgs.grassroots.id],
        ['detection.started', f.orgs.grassroots.id],
      ]);
      for (const c of cases)
        expect((await plain().workflow.getHandle(c.workflowId).describe()).status.name).toBe('RUNNING');

      // The first run (two pages of three, then continue-as-new): one registration per page, the
      // page's three cases started together.
      const history = await plain().workflow.getHandle('detection-full-a', first.firstExecutionRunId).fetchHistory();
      const events = history.events ?? [];
      const activityTypes = events
        .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)
        .filter((n): n is string => !!n);
      expect(activityTypes.filter((n) => n === 'registerScreeningCases')).toHaveLength(2);
      expect(activityTypes.filter((n) => n === 'registerScreeningCase')).toHaveLength(0);
      const starts = events.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes);
      expect(starts).toHaveLength(6);
      const byTask = new Map<string, number>();
      for (const e of starts) {
        const key = String(e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowTaskCompletedEventId);
        byTask.set(key, (byTask.get(key) ?? 0) + 1);
      }
      expect([...byTask.values()]).toEqual([3, 3]);

      const second = await plain().workflow.start('detectionRunWorkflow', {
        workflowId: 'detection-full-b',
        taskQueue,
        args: [input('00000000-0000-4000-8000-0000000000bb')],
      });
      expect(await second.result()).toMatchObject({
        status: 'completed',
        processed: 9,
        findings: 9,
        casesOpened: 0,
        duplicatesSkipped: 9,
      });
      expect(await ds.getRepository(ScreeningCaseEntity).count()).toBe(9);
      expect(await ds.getRepository(AuditLogEntity).countBy({ action: 'screening.duplicate_skipped' })).toBe(9);
    });
  });

  it('should page every screened member once in (organisation path, id) order, and go on in id order from the bare-id cursor of a run begun before (issue 13 §4)', async () => {
    const ds = h.db.dataSource;
    const f = await buildFixture(ds, { officials: 7, exempt: 1 });
    const { detectPage } = createDetectionActivities({ dataSource: ds });
    const asOf = todayLocal(Date.now());
    const screened = (order: string) =>
      ds
        .query(
          `SELECT m.id FROM member m JOIN organisation o ON o.id = m.organisation_id
            WHERE o.path LIKE (SELECT path FROM organisation WHERE id = $1) || '%'
              AND m.status IN ('official', 'probationary') ORDER BY ${order}`,
          [f.orgs.grassroots.id],
        )
        .then((rows: { id: string }[]) => rows.map((r) => r.id));
    const byPath = await screened('o.path COLLATE "C", m.id');
    expect(byPath.length).toBeGreaterThanOrEqual(7);

    const cursors: (string | null)[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page = await detectPage({ orgId: f.orgs.grassroots.id, asOf, afterMemberId: cursor, limit: 3 });
      if (page.scanned === 0) {
        expect(page.lastMemberId).toBe(cursor);
        break;
      }
      cursor = page.lastMemberId;
      cursors.push(cursor);
    }
    for (const c of cursors) expect(c).toMatch(/^p1:.+\|[0-9a-f-]{36}$/);
    // Each page's cursor ends with its last member: the pages, in order, are the (path, id) order in threes.
    for (let i = 0; i < cursors.length; i++) {
      expect(cursors[i]?.endsWith(`|${byPath[Math.min(i * 3 + 2, byPath.length - 1)]}`)).toBe(true);
    }
    expect(cursors).toHaveLength(Math.ceil(byPath.length / 3));

    // A run begun before pages by member id: from its bare cursor, the next members by id, and a bare cursor again.
    const byId = await screened('m.id');
    const legacy = await detectPage({ orgId: f.orgs.grassroots.id, asOf, afterMemberId: byId[1], limit: 3 });
    expect(legacy).toMatchObject({
      scanned: Math.min(3, byId.length - 2),
      lastMemberId: byId[Math.min(4, byId.length - 1)],
    });
  });
});
