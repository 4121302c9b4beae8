import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON, type History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { Not } from 'typeorm';
import {
  admissionStateQuery,
  deadlinePolicyChangedSignal,
  deadlinePolicyOperationId,
  repromiseTaskUpdate,
  EMPTY_REASSIGNMENT_COUNTS,
  taskReassignmentWorkflowId,
  ADMISSION_PROCESS,
  admissionWorkflowId,
  EMPTY_POLICY_OPERATION_COUNTS,
  type AdmissionResult,
  type DeadlinePolicyFanOutResult,
  type DetectionProgress,
  type DetectionRunInput,
  type ScreeningIntakeResult,
} from '@partyflow/contracts';
import {
  DeadlinePolicyOperationEntity,
  HumanTaskEntity,
  UserEntity,
  MemberGradingEntity,
  NotificationEntity,
  ScreeningCaseEntity,
  TaskReassignmentEntity,
} from '@partyflow/persistence';
import {
  A_CHECKLIST,
  actor,
  afterCellVoteThroughAppraisal,
  buildFixture,
  insertAdmissionCase,
  startMailCatcher,
  useTimeSkipping,
  ALL_MET,
  complete,
  completeInspectionTask,
  currentTime,
  decisionThroughHelper,
  decisionVote,
  eventually,
  flagMember,
  inspectionOf,
  introducersData,
  issueTransfer,
  lengthenPolicy,
  recognitionVote,
  ROSTER,
  seedRecords,
  TEAM,
  throughCeremony,
  throughHelperAssignment,
  throughRemovalProposal,
  today,
  useAdmissionHarness,
  useInspectionHarness,
  useProcessHarness,
  waitForInspectionTask,
  waitForTask,
  type AdmissionCtx,
} from '@partyflow/testing';
import { createHumanTaskActivities } from '@partyflow/activities';
import { addDays, addMonths, endOfLocalDay, localDateOf } from '@partyflow/domain';
import { loadConfig } from '@partyflow/config';
import { historyFileName, parseHistoryFileName, versionedScenario } from './history-files';

/**
 * Records the histories that replay.spec.ts replays in CI. Not a test: it runs only when asked,
 * through infra/scripts/record-histories.sh (PARTYFLOW_RECORD_HISTORIES=1), and it refuses to
 * overwrite a saved scenario. Read that script's header before re-recording anything.
 *
 * Each case runs on the time-skipping server with the real activities and PostgreSQL, exactly
 * as in admission.workflow.spec.ts. Running cases are recorded too (they matter most: a deployed
 * change must not break cases that are still waiting), once the workflow has settled: no
 * workflow task or activity in flight.
 */
const maybe = process.env.PARTYFLOW_RECORD_HISTORIES === '1' ? describe : describe.skip;
/** e.g. PARTYFLOW_HISTORY_VERSION=v2 records `admission-happy-path-v2--….json` next to the old file. */
const VERSION = process.env.PARTYFLOW_HISTORY_VERSION?.trim() || undefined;
const HISTORY_DIR = path.resolve(__dirname, '../../histories');
const EventType = temporal.api.enums.v1.EventType;

/** Refuses (before driving the case) when the scenario already has a saved history. */
function claim(name: string): string {
  const scenario = versionedScenario(name, VERSION);
  fs.mkdirSync(HISTORY_DIR, { recursive: true });
  const existing = fs
    .readdirSync(HISTORY_DIR)
    .filter((f) => f.endsWith('.json') && parseHistoryFileName(f).scenario === scenario);
  if (existing.length) {
    throw new Error(
      `History ${existing[0]} exists. Never overwrite a saved history: record a new version with PARTYFLOW_HISTORY_VERSION=v<N> (see infra/scripts/record-histories.sh).`,
    );
  }
  return scenario;
}

function save(scenario: string, ctx: Pick<AdmissionCtx, 'workflowId'>, history: History): void {
  const file = path.join(HISTORY_DIR, historyFileName({ scenario, workflowId: ctx.workflowId }));
  fs.writeFileSync(file, `${historyToJSON(history)}\n`, { flag: 'wx' });
  process.stdout.write(`recorded ${path.relative(process.cwd(), file)} (${history.events?.length} events)\n`);
}

/** History of a closed case. */
async function closedHistory(handle: WorkflowHandle): Promise<History> {
  await handle.result().catch(() => undefined);
  return handle.fetchHistory();
}

const RESOLVES_ACTIVITY = new Set([
  EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
  EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
  EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
  EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED,
]);
const WFT_PENDING = new Set([EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED]);

/** True when no workflow task and no activity is in flight: the case is waiting on a timer or a person. */
function isSettled(history: History): boolean {
  const events = history.events ?? [];
  const openActivities = new Set<string>();
  let wftPending = false;
  for (const e of events) {
    const type = e.eventType as number;
    if (type === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) openActivities.add(String(e.eventId));
    for (const attrs of [
      e.activityTaskCompletedEventAttributes,
      e.activityTaskFailedEventAttributes,
      e.activityTaskTimedOutEventAttributes,
      e.activityTaskCanceledEventAttributes,
    ]) {
      if (attrs && RESOLVES_ACTIVITY.has(type)) openActivities.delete(String(attrs.scheduledEventId));
    }
    if (WFT_PENDING.has(type)) wftPending = true;
    else if (
      type === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED ||
      type === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED ||
      type === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT
    )
      wftPending = false;
  }
  return !wftPending && openActivities.size === 0;
}

/** History of a case that is still running, taken once it has settled (and stayed so for a moment). */
async function runningHistory(handle: WorkflowHandle, timeoutMs = 20_000): Promise<History> {
  let previous = -1;
  return eventually(
    async () => {
      const history = await handle.fetchHistory();
      const count = history.events?.length ?? 0;
      if (isSettled(history) && count === previous) {
        const { status } = await handle.describe();
        if (status.name !== 'RUNNING')
          throw new Error(`Expected ${handle.workflowId} to be running, it is ${status.name}`);
        return history;
      }
      previous = isSettled(history) ? count : -1;
      return undefined;
    },
    `${handle.workflowId} settling`,
    timeoutMs,
    250,
  );
}

const longestTimerDays = (history: History): number =>
  Math.max(
    0,
    ...(history.events ?? []).map(
      (e) => Number(e.timerStartedEventAttributes?.startToFireTimeout?.seconds ?? 0) / 86_400,
    ),
  );

maybe('recording admission histories for the replay test (PARTYFLOW_RECORD_HISTORIES=1)', () => {
  const h = useAdmissionHarness();

  it('official-happy-path: every step passes, the 12-month probation timer fires, recognised as official', async () => {
    const scenario = claim('admission-official-happy-path');
    await h.withCase(async (ctx) => {
      await throughCeremony(ctx);
      await h.env.sleep('370 days');
      await complete(ctx, 'recognition_cell_vote', 'secretaryA', 'recognised', recognitionVote(9, 0));
      await complete(ctx, 'recognition_decision', 'standing', 'recognised', { decisionNumber: '45-QĐ/QU' });
      expect(await ctx.handle.result()).toMatchObject({ status: 'official', endStep: 'recognition_decision' });
      const history = await closedHistory(ctx.handle);
      expect(longestTimerDays(history)).toBeGreaterThan(300);
      save(scenario, ctx, history);
    });
  });

  it('introducers-repromised-running: the introducers overdue, re-promised three days on (issue 14 §3), escalated again at the promised date; still RUNNING', async () => {
    const scenario = claim('admission-introducers-repromised-running');
    await h.withCase(async (ctx) => {
      const ds = ctx.db.dataSource;
      const introducers = await waitForTask(ds, ctx.caseId, 'introducers');
      await h.env.sleep(introducers.dueAt.getTime() - (await currentTime(h.env)) + 3_600_000);
      const dueDate = addDays(localDateOf(await currentTime(h.env)), 3);
      await ctx.handle.executeUpdate(repromiseTaskUpdate, {
        args: [{ taskKey: 'introducers', dueDate, reason: 'Chờ người giới thiệu', actor: actor(ctx.f, 'secretaryA') }],
      });
      await h.env.sleep(Date.parse(endOfLocalDay(dueDate)) - (await currentTime(h.env)) + 3_600_000);
      await eventually(
        async () =>
          (await ds.getRepository(HumanTaskEntity).findOneByOrFail({ id: introducers.id })).escalationLevel === 2,
        'level 2 at the promised date',
      );
      save(scenario, ctx, await runningHistory(ctx.handle));
    });
  });

  it('certificate-refreshed-running: the course certificate expires before the cell vote (issue 14 §4); the vote is held, the cell records a new certificate, the vote opens; still RUNNING', async () => {
    const scenario = claim('admission-certificate-refreshed-running');
    const issuedOn = addDays(addMonths(localDateOf(await currentTime(h.env)), -60), 5);
    await h.withCase(
      async (ctx) => {
        await complete(ctx, 'introducers', 'secretaryA', 'submitted', introducersData(ctx.f));
        await complete(ctx, 'background_check', 'grassroots1', 'cleared', {
          verifiedPersons: [{ relation: 'mẹ', fullName: 'Trần Thị Lan', conclusion: 'Tốt' }],
          conclusion: 'Rõ ràng',
        });
        await complete(ctx, 'opinion_residence', 'committeeB', 'favourable', { givenBy: 'Lê Thị Mai', summary: 'Tốt' });
        await h.env.sleep('10 days');
        await complete(ctx, 'opinion_mass_org:doan_thanh_nien', 'secretaryA', 'favourable', {
          givenBy: 'Đoàn phường',
          summary: 'Tốt',
        });
        await complete(ctx, 'course_certificate_refresh#1', 'secretaryA', 'renewed', {
          certifiedOn: localDateOf(await currentTime(h.env)),
          certificateRef: 'GCN-12/TTCT',
        });
        await waitForTask(ctx.db.dataSource, ctx.caseId, 'cell_vote');
        save(scenario, ctx, await runningHistory(ctx.handle));
      },
      { candidate: { courseCertificateIssuedOn: issuedOn } },
    );
  });

  it('rejected-at-eligibility: the candidate is under 18, no task is opened', async () => {
    const scenario = claim('admission-rejected-at-eligibility');
    await h.withCase(
      async (ctx) => {
        expect(await ctx.handle.result()).toMatchObject({ status: 'rejected', endStep: 'eligibility' });
        save(scenario, ctx, await closedHistory(ctx.handle));
      },
      { candidate: { birthDate: '2010-01-01' } },
    );
  });

  it('rejected-at-cell-vote: an outcome contradicting the counts is refused, then the cell rejects (5/9 < 2/3)', async () => {
    const scenario = claim('admission-rejected-at-cell-vote');
    await h.withCase(async (ctx) => {
      await complete(ctx, 'introducers', 'secretaryA', 'submitted', introducersData(ctx.f));
      await complete(ctx, 'background_check', 'grassroots1', 'cleared', {
        verifiedPersons: [{ relation: 'mẹ', fullName: 'Trần Thị Lan', conclusion: 'Tốt' }],
        conclusion: 'Rõ ràng',
      });
      await complete(ctx, 'opinion_residence', 'committeeB', 'favourable', { givenBy: 'Lê Thị Mai', summary: 'Tốt' });
      await complete(ctx, 'opinion_mass_org:doan_thanh_nien', 'secretaryA', 'favourable', {
        givenBy: 'Đoàn phường',
        summary: 'Tốt',
      });
      await expect(
        complete(ctx, 'cell_vote', 'secretaryA', 'approved', {
          roster: ROSTER,
          votes: { yes: 5, no: 4 },
          minutesRef: 'BB-02',
        }),
      ).rejects.toMatchObject({ cause: { type: 'InvalidTaskData' } });
      await complete(
        ctx,
        'cell_vote',
        'secretaryA',
        'rejected',
        { roster: ROSTER, votes: { yes: 5, no: 4 }, minutesRef: 'BB-02' },
        'Chưa đủ 2/3',
      );
      expect(await ctx.handle.result()).toMatchObject({ status: 'rejected', endStep: 'cell_vote' });
      save(scenario, ctx, await closedHistory(ctx.handle));
    });
  });

  it('opinion-overdue-escalated-twice: the residence opinion is reminded and escalated twice, arrives late; the case ends at the decision', async () => {
    const scenario = claim('admission-opinion-overdue-escalated-twice');
    await h.withCase(async (ctx) => {
      await complete(ctx, 'introducers', 'secretaryA', 'submitted', introducersData(ctx.f));
      await complete(ctx, 'background_check', 'grassroots1', 'cleared', {
        verifiedPersons: [{ relation: 'cha', fullName: 'Nguyễn Văn Tâm', conclusion: 'Tốt' }],
        conclusion: 'Rõ',
      });
      await complete(ctx, 'opinion_mass_org:doan_thanh_nien', 'secretaryA', 'favourable', {
        givenBy: 'Đoàn phường',
        summary: 'Tốt',
      });
      const opinion = await waitForTask(ctx.db.dataSource, ctx.caseId, 'opinion_residence');
      await h.env.sleep('40 days');
      const notes = await ctx.db.dataSource
        .getRepository(NotificationEntity)
        .findBy({ taskId: opinion.id, kind: Not('task_assigned') });
      expect(notes.map((n) => n.kind).sort()).toEqual(['task_escalated', 'task_escalated', 'task_reminder']);
      await complete(ctx, 'opinion_residence', 'committeeB', 'favourable', {
        givenBy: 'Lê Thị Mai',
        summary: 'Muộn nhưng tốt',
      });
      await complete(ctx, 'cell_vote', 'secretaryA', 'approved', {
        roster: ROSTER,
        votes: { yes: 8, no: 1 },
        minutesRef: 'BB-03',
      });
      await afterCellVoteThroughAppraisal(ctx);
      await complete(
        ctx,
        'decision',
        'standing',
        'rejected',
        { decisionNumber: '126-QĐ/QU', decidedOn: await today(ctx.env) },
        'Chưa đủ điều kiện',
      );
      expect(await ctx.handle.result()).toMatchObject({ status: 'rejected', endStep: 'decision' });
      save(scenario, ctx, await closedHistory(ctx.handle));
    });
  });

  it('running-probation: a special case (parallel verification) admitted, still RUNNING on the 12-month probation timer', async () => {
    const scenario = claim('admission-running-probation');
    await h.withCase(
      async (ctx) => {
        await complete(ctx, 'introducers', 'secretaryA', 'submitted', introducersData(ctx.f));
        await complete(ctx, 'background_check', 'grassroots1', 'cleared', {
          verifiedPersons: [{ relation: 'cha', fullName: 'Nguyễn Văn Tâm', conclusion: 'Chấp hành tốt' }],
          conclusion: 'Lý lịch rõ ràng',
        });
        await complete(ctx, 'special_verification', 'grassroots2', 'cleared', {
          reference: 'Công văn xác minh số 12',
          conclusion: 'Đủ điều kiện theo QĐ 123-QĐ/TW',
        });
        await complete(ctx, 'opinion_residence', 'committeeB', 'favourable', {
          givenBy: 'Lê Thị Mai, bí thư chi bộ',
          summary: 'Gương mẫu nơi cư trú',
        });
        await complete(ctx, 'opinion_mass_org:doan_thanh_nien', 'secretaryA', 'favourable', {
          givenBy: 'BCH Đoàn phường',
          summary: 'Đoàn viên ưu tú',
        });
        await complete(ctx, 'cell_vote', 'secretaryA', 'approved', {
          roster: ROSTER,
          votes: { yes: 9, no: 0 },
          minutesRef: 'BB-04',
        });
        await afterCellVoteThroughAppraisal(ctx);
        await decisionThroughHelper(ctx);
        await h.env.sleep('90 days');
        const history = await runningHistory(ctx.handle);
        expect(await ctx.handle.query(admissionStateQuery)).toMatchObject({
          status: 'probationary',
          currentStep: 'probation',
        });
        expect(longestTimerDays(history)).toBeGreaterThan(300);
        save(scenario, ctx, history);
      },
      { candidate: { specialCases: ['religious_believer'] } },
      { specialCases: ['religious_believer'] },
    );
  });

  it('running-opinion-retimed: the residence opinion is reminded and escalated, its deadline policy changes (signal, re-time), still RUNNING', async () => {
    const scenario = claim('admission-running-opinion-retimed');
    await h.withCase(async (ctx) => {
      await complete(ctx, 'introducers', 'secretaryA', 'submitted', introducersData(ctx.f));
      await complete(ctx, 'background_check', 'grassroots1', 'cleared', {
        verifiedPersons: [{ relation: 'cha', fullName: 'Nguyễn Văn Tâm', conclusion: 'Tốt' }],
        conclusion: 'Rõ',
      });
      await complete(ctx, 'opinion_mass_org:doan_thanh_nien', 'secretaryA', 'favourable', {
        givenBy: 'Đoàn phường',
        summary: 'Tốt',
      });
      const opinion = await waitForTask(ctx.db.dataSource, ctx.caseId, 'opinion_residence');
      // Just past the due date (escalation level 1), before level 2.
      await h.env.sleep(opinion.dueAt.getTime() - (await currentTime(h.env)) + 3_600_000);
      const tasks = ctx.db.dataSource.getRepository(HumanTaskEntity);
      expect(await tasks.findOneByOrFail({ id: opinion.id })).toMatchObject({ status: 'overdue', escalationLevel: 1 });
      // An administrator lengthens the step's deadline; the API signals every running case.
      const version = await lengthenPolicy(ctx.db.dataSource, 'opinion_residence', 20, 'record-histories');
      await ctx.handle.signal(deadlinePolicyChangedSignal, {
        process: ADMISSION_PROCESS,
        step: 'opinion_residence',
        version,
      });
      await eventually(
        async () => (await tasks.findOneByOrFail({ id: opinion.id })).policyVersion === version,
        'the re-timing',
        10_000,
        50,
      );
      const history = await runningHistory(ctx.handle);
      expect(await tasks.findOneByOrFail({ id: opinion.id })).toMatchObject({ status: 'overdue', escalationLevel: 1 });
      save(scenario, ctx, history);
    });
  });

  it('policy-fan-out-one-case-retimed: the deadline of the residence opinion is lengthened; the fan-out re-times the one waiting case', async () => {
    const scenario = claim('policy-fan-out-one-case-retimed');
    await h.withCase(async (ctx) => {
      await complete(ctx, 'introducers', 'secretaryA', 'submitted', introducersData(ctx.f));
      await complete(ctx, 'background_check', 'grassroots1', 'cleared', {
        verifiedPersons: [{ relation: 'cha', fullName: 'Nguyễn Văn Tâm', conclusion: 'Tốt' }],
        conclusion: 'Rõ',
      });
      const opinion = await waitForTask(ctx.db.dataSource, ctx.caseId, 'opinion_residence');
      const ds = ctx.db.dataSource;
      const version = await lengthenPolicy(ds, 'opinion_residence', 20, 'record-histories');
      const operationId = deadlinePolicyOperationId({ process: ADMISSION_PROCESS, step: 'opinion_residence', version });
      const now = new Date(await currentTime(h.env));
      await ds.getRepository(DeadlinePolicyOperationEntity).insert({
        id: operationId,
        process: ADMISSION_PROCESS,
        step: 'opinion_residence',
        policyVersion: version,
        status: 'starting',
        counts: EMPTY_POLICY_OPERATION_COUNTS,
        failures: [],
        startedBy: 'record-histories',
        startedAt: now,
        updatedAt: now,
        finishedAt: null,
      });
      const fanOut = await h.env.client.workflow.start('deadlinePolicyFanOutWorkflow', {
        workflowId: operationId,
        taskQueue: ctx.taskQueue,
        args: [{ operationId, process: ADMISSION_PROCESS, step: 'opinion_residence', version }],
      });
      const result = (await fanOut.result()) as DeadlinePolicyFanOutResult;
      expect(result.counts).toEqual({ ...EMPTY_POLICY_OPERATION_COUNTS, cases: 1, retimedCases: 1, retimedTasks: 1 });
      expect(await ds.getRepository(HumanTaskEntity).findOneByOrFail({ id: opinion.id })).toMatchObject({
        policyVersion: version,
      });
      save(scenario, { workflowId: operationId }, await closedHistory(fanOut));
    });
  });

  it('running-second-recognition-vote: probation over, the first recognition vote inconclusive, the second vote open and RUNNING', async () => {
    const scenario = claim('admission-running-second-recognition-vote');
    await h.withCase(async (ctx) => {
      await throughCeremony(ctx);
      await h.env.sleep('370 days');
      await complete(ctx, 'recognition_cell_vote', 'secretaryA', 'inconclusive', recognitionVote(5, 4));
      await waitForTask(ctx.db.dataSource, ctx.caseId, 'recognition_cell_vote#2');
      const history = await runningHistory(ctx.handle);
      expect(await ctx.handle.query(admissionStateQuery)).toMatchObject({
        currentStep: 'recognition_cell_vote',
        recognitionVotes: 2,
      });
      save(scenario, ctx, history);
    });
  });

  it('recognition-superior-committee: three inconclusive recognition votes go to the superior committee, which recognises', async () => {
    const scenario = claim('admission-recognition-superior-committee');
    await h.withCase(async (ctx) => {
      await throughCeremony(ctx);
      await h.env.sleep('370 days');
      await complete(ctx, 'recognition_cell_vote', 'secretaryA', 'inconclusive', recognitionVote(5, 4));
      await complete(ctx, 'recognition_cell_vote#2', 'secretaryA', 'inconclusive', recognitionVote(4, 4));
      await complete(ctx, 'recognition_cell_vote#3', 'secretaryA', 'inconclusive', recognitionVote(5, 3));
      await complete(ctx, 'recognition_superior_decision', 'standing', 'recognised', {
        summary: 'Ban Thường vụ xem xét, đủ điều kiện',
      });
      await complete(ctx, 'recognition_decision', 'standing', 'recognised', { decisionNumber: '50-QĐ/QU' });
      const result = (await ctx.handle.result()) as AdmissionResult;
      expect(result).toMatchObject({ status: 'official', endStep: 'recognition_decision' });
      save(scenario, ctx, await closedHistory(ctx.handle));
    });
  });
});

maybe('recording screening and transfer histories for the replay test (PARTYFLOW_RECORD_HISTORIES=1)', () => {
  const h = useProcessHarness();

  it('screening-running-help-period: listed by the cell (secret ballot, 2/3), helper assigned, RUNNING in the 12-month help period', async () => {
    const scenario = claim('screening-running-help-period');
    await h.withWorker(async (base) => {
      const ctx = await flagMember(base, base.f.officialIds[5]);
      await throughHelperAssignment(ctx);
      const history = await runningHistory(ctx.handle);
      expect(longestTimerDays(history)).toBeGreaterThan(20);
      save(scenario, { workflowId: ctx.handle.workflowId }, history);
    });
  });

  it('screening-struck-off: no progress after the help period, struck off by the standing committee, final after the appeal window', async () => {
    const scenario = claim('screening-struck-off');
    await h.withWorker(async (base) => {
      const ctx = await flagMember(base, base.f.officialIds[5]);
      await throughRemovalProposal(ctx, 'strike_off');
      await complete(ctx, 'screening_removal_decision', 'standing', 'decided', await decisionVote(ctx, 5, 3));
      expect(await ctx.handle.result()).toMatchObject({ status: 'removed', removalForm: 'strike_off' });
      save(scenario, { workflowId: ctx.handle.workflowId }, await closedHistory(ctx.handle));
    });
  });

  it('transfer-running-overdue: never presented, escalated at the receiving side, sending side alerted, screening case opened; RUNNING', async () => {
    const scenario = claim('transfer-running-overdue');
    await h.withWorker(async (base) => {
      const ctx = await issueTransfer(base, 'official');
      await h.env.sleep('45 days');
      save(scenario, { workflowId: ctx.handle.workflowId }, await runningHistory(ctx.handle));
    });
  });

  it('transfer-temporary-returned: a temporary transfer presented in time and returned after its period', async () => {
    const scenario = claim('transfer-temporary-returned');
    await h.withWorker(async (base) => {
      const ctx = await issueTransfer(base, 'temporary', 6);
      await complete(ctx, 'confirm_arrival', 'secretaryA', 'presented', {
        presentedOn: ctx.issuedOn,
        receivedBy: 'Bí thư chi bộ nơi đến',
      });
      await h.env.sleep('200 days');
      await complete(ctx, 'confirm_return', 'secretaryA', 'returned', {
        returnedOn: ctx.issuedOn,
        receivedBy: 'Bí thư chi bộ nơi đi',
      });
      expect(await ctx.handle.result()).toMatchObject({ status: 'returned' });
      save(scenario, { workflowId: ctx.handle.workflowId }, await closedHistory(ctx.handle));
    });
  });
});

maybe(
  'recording screening-intake and detection-run histories for the replay test (PARTYFLOW_RECORD_HISTORIES=1)',
  () => {
    const h = useProcessHarness();

    it('screening-intake-manual-flag: a cell flags a member; the intake opens the screening case and closes', async () => {
      const scenario = claim('screening-intake-manual-flag');
      await h.withWorker(async (base) => {
        const memberId = base.f.officialIds[4];
        const handle = await base.env.client.workflow.start('screeningIntakeWorkflow', {
          workflowId: 'screening-intake-recorded',
          taskQueue: base.taskQueue,
          args: [
            {
              memberId,
              ground: 'not_completed_two_years',
              evidence: { grading: ['not_completed', 'not_completed'] },
              source: 'manual_flag',
              startedBy: actor(base.f, 'secretaryA'),
            },
          ],
        });
        const intake = (await handle.result()) as ScreeningIntakeResult;
        expect(intake.created).toBe(true);
        expect((await base.db.dataSource.getRepository(ScreeningCaseEntity).findOneByOrFail({ memberId })).id).toBe(
          intake.caseId,
        );
        save(scenario, { workflowId: handle.workflowId }, await closedHistory(handle));
      });
    });

    it('detection-run-continued-as-new: a paged run over a grassroots subtree continues as new, finds a member, opens a case', async () => {
      const first = claim('detection-run-first-run-continued-as-new');
      const last = claim('detection-run-last-run-completed');
      await h.withWorker(async (base) => {
        const ds = base.db.dataSource;
        const year = Number((await today(base.env)).slice(0, 4));
        // "Không hoàn thành nhiệm vụ" two years running (02-HD criterion 1).
        for (const y of [year - 2, year - 1])
          await ds
            .getRepository(MemberGradingEntity)
            .save({ memberId: base.f.officialIds[2], year: y, grading: 'not_completed', award: false });
        const workflowId = 'detection-run-recorded';
        const input: DetectionRunInput = {
          runId: '00000000-0000-4000-8000-0000000000d1',
          orgId: base.f.orgs.grassroots.id,
          trigger: 'on_demand',
          startedBy: actor(base.f, 'grassroots1'),
          paging: { pageSize: 4, pagesPerRun: 1 },
        };
        const handle = await base.env.client.workflow.start('detectionRunWorkflow', {
          workflowId,
          taskQueue: base.taskQueue,
          args: [input],
        });
        const result = (await handle.result()) as DetectionProgress;
        expect(result).toMatchObject({ status: 'completed', findings: 1, casesOpened: 1, duplicatesSkipped: 0 });
        const firstRun = base.env.client.workflow.getHandle(workflowId, handle.firstExecutionRunId);
        expect((await firstRun.describe()).status.name).toBe('CONTINUED_AS_NEW');
        save(first, { workflowId }, await firstRun.fetchHistory());
        save(last, { workflowId }, await closedHistory(base.env.client.workflow.getHandle(workflowId)));
      });
    });
  },
);

maybe('recording inspection histories for the replay test (PARTYFLOW_RECORD_HISTORIES=1)', () => {
  const h = useInspectionHarness();

  it('inspection-round-running-remediation: both cells checked, results announced; cell A RUNNING on a remediation task, cell B closed, the round RUNNING', async () => {
    const roundScenario = claim('inspection-round-running-remediation');
    const cellAScenario = claim('cell-inspection-running-remediation');
    const cellBScenario = claim('cell-inspection-all-met-closed');
    await h.withProgramme(async (ctx) => {
      await seedRecords(ctx);
      const round = await ctx.startRound(1);
      const a = await inspectionOf(ctx, round.workflowId, ctx.f.orgs.cellA.id);
      const b = await inspectionOf(ctx, round.workflowId, ctx.f.orgs.cellB.id);
      await completeInspectionTask(ctx, a, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await completeInspectionTask(ctx, a, 'checklist', 'grassroots2', 'submitted', A_CHECKLIST);
      await completeInspectionTask(ctx, b, 'assign_team', 'grassroots1', 'assigned', TEAM(ctx));
      await completeInspectionTask(ctx, b, 'checklist', 'grassroots2', 'submitted', ALL_MET);
      await waitForInspectionTask(ctx, a, 'remediation:member_records');
      const cellA = ctx.env.client.workflow.getHandle(`cell-inspection-${a}`);
      const cellB = ctx.env.client.workflow.getHandle(`cell-inspection-${b}`);
      // Not `cellB.result()`: awaiting a result lets the time-skipping server run the round to its end.
      await eventually(async () => (await cellB.describe()).status.name === 'COMPLETED', 'cell B closed');
      save(cellAScenario, { workflowId: cellA.workflowId }, await runningHistory(cellA));
      save(cellBScenario, { workflowId: cellB.workflowId }, await closedHistory(cellB));
      save(roundScenario, { workflowId: round.workflowId }, await runningHistory(round));
    });
  });
});

maybe('recording mail histories for the replay test (PARTYFLOW_RECORD_HISTORIES=1)', () => {
  const ts = useTimeSkipping();

  it('mail-dispatch-and-digest: a task mail is sent through an in-process SMTP server, then the daily digest', async () => {
    const dispatchScenario = claim('mail-dispatch-one-task-mail-sent');
    const digestScenario = claim('mail-digest-one-user');
    const catcher = await startMailCatcher();
    try {
      const ds = ts.db.dataSource;
      const f = await buildFixture(ds);
      await ds.getRepository(UserEntity).update({ id: f.users.grassroots1.id }, { email: 'hung.pq@example.vn' });
      const caseId = await insertAdmissionCase(ds, f);
      await createHumanTaskActivities({ dataSource: ds }).openTask({
        workflowId: admissionWorkflowId(caseId),
        process: ADMISSION_PROCESS,
        caseId,
        step: 'background_check',
        taskKey: 'background_check',
        title: 'Thẩm tra lý lịch quần chúng Nguyễn Thị Hạnh',
        assignee: { kind: 'role', orgId: f.orgs.grassroots.id, role: 'grassroots_committee_member' },
        allowedOutcomes: ['cleared', 'not_cleared'],
        openedAt: new Date().toISOString(),
      });
      const mail = loadConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(catcher.port) }).mail;
      for (const [scenario, workflowType, workflowId] of [
        [dispatchScenario, 'mailDispatchWorkflow', 'mail-dispatch-recorded'],
        [digestScenario, 'mailDigestWorkflow', 'mail-digest-recorded'],
      ] as const) {
        const { worker, taskQueue } = await ts.createWorker('mail-record', { mail });
        await worker.runUntil(ts.env.client.workflow.execute(workflowType, { workflowId, taskQueue, args: [{}] }));
        save(scenario, { workflowId }, await closedHistory(ts.env.client.workflow.getHandle(workflowId)));
      }
      expect(catcher.mails).toHaveLength(2);
    } finally {
      await catcher.stop();
    }
  });
});

maybe('recording audit-ledger histories for the replay test (PARTYFLOW_RECORD_HISTORIES=1)', () => {
  const ts = useTimeSkipping();

  it('audit-digest-recorded: the daily digest records the head of the audit chain (issue 14 §5)', async () => {
    const scenario = claim('audit-digest-recorded');
    const ds = ts.db.dataSource;
    const f = await buildFixture(ds);
    await insertAdmissionCase(ds, f);
    const workflowId = 'audit-chain-digest-recorded';
    const { worker, taskQueue } = await ts.createWorker('audit-record');
    const result = await worker.runUntil(
      ts.env.client.workflow.execute('auditDigestWorkflow', { workflowId, taskQueue, args: [{}] }),
    );
    expect(result.recorded).toBe(true);
    save(scenario, { workflowId }, await closedHistory(ts.env.client.workflow.getHandle(workflowId)));
  });
});

maybe('recording bulk-reassignment histories for the replay test (PARTYFLOW_RECORD_HISTORIES=1)', () => {
  const h = useAdmissionHarness();

  it('task-reassignment-one-moved: the open introducers task of a case moved to another organisation (issue 14 §2)', async () => {
    const scenario = claim('task-reassignment-one-moved');
    await h.withCase(async (ctx) => {
      const ds = ctx.db.dataSource;
      const introducers = await waitForTask(ds, ctx.caseId, 'introducers');
      const operationId = '00000000-0000-4000-8000-0000000000a2';
      const at = new Date();
      await ds.getRepository(TaskReassignmentEntity).insert({
        id: operationId,
        filter: { orgPath: introducers.orgPath, process: 'admission', step: 'introducers' },
        target: { kind: 'role', orgId: ctx.f.orgs.grassroots.id, role: 'grassroots_committee_member' },
        reason: 'Chi bộ sáp nhập',
        status: 'running',
        counts: EMPTY_REASSIGNMENT_COUNTS,
        moves: [],
        failures: [],
        startedByUserId: ctx.f.users.grassroots1.id,
        startedBy: 'Đảng ủy viên',
        startedAt: at,
        updatedAt: at,
        finishedAt: null,
      });
      const workflowId = taskReassignmentWorkflowId(operationId);
      const result = await h.env.client.workflow.execute('taskReassignmentWorkflow', {
        workflowId,
        taskQueue: ctx.taskQueue,
        args: [{ operationId }],
      });
      expect(result.counts).toEqual({ matched: 1, moved: 1, unchanged: 0, failed: 0 });
      save(scenario, { workflowId }, await closedHistory(h.env.client.workflow.getHandle(workflowId)));
    });
  });
});
