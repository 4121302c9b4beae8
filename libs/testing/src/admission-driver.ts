import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import {
  ADMISSION_PROCESS,
  admissionWorkflowId,
  completeTaskUpdate,
  type Actor,
  type AdmissionInput,
} from '@partyflow/contracts';
import { ADMISSION_VOTE_THRESHOLDS, DEFAULT_MAX_RECOGNITION_VOTES, toLocalDate } from '@partyflow/domain';
import { DeadlinePolicyEntity } from '@partyflow/persistence';
import type { TestDatabase } from './database';
import { buildFixture, insertAdmissionCase, waitForTask, type Fixture } from './fixtures';
import { useTimeSkipping, type TimeSkipping, type TimeSkippingOptions } from './time-skipping';

/**
 * Drives admission cases on the Java time-skipping server with the real activities over a
 * per-test PostgreSQL database, completing tasks through the `completeTask` update as the API
 * would. Shared by the workflow tests and the history recorder (record-histories.spec.ts).
 *
 * Test-only: nothing in workflows/src/index.ts reaches this file, so it is never bundled.
 */

export type FixtureOptions = Parameters<typeof buildFixture>[1];

export type AdmissionCtx = {
  f: Fixture;
  caseId: string;
  workflowId: string;
  handle: WorkflowHandle;
  worker: Worker;
  /** The worker's task queue, for other workflows a test starts beside the case. */
  taskQueue: string;
  env: TestWorkflowEnvironment;
  db: TestDatabase;
};

export type AdmissionHarness = {
  /** The current test's time-skipping server (a new one per test unless shared: skipped time is global to a server). */
  readonly env: TestWorkflowEnvironment;
  /** The current test's database. */
  readonly db: TestDatabase;
  readonly bundle: WorkflowBundle;
  /** A worker on a fresh task queue that the harness stops after the test, whatever happened. */
  createWorker: TimeSkipping['createWorker'];
  /** Builds a fixture and a case row, starts the workflow and runs `body` while a worker polls. */
  withCase(
    body: (ctx: AdmissionCtx) => Promise<void>,
    fixture?: FixtureOptions,
    input?: Partial<AdmissionInput>,
  ): Promise<void>;
};

/**
 * Registers the Jest hooks (see useTimeSkipping) and returns the harness. Call it once at the
 * top of a spec file or inside a `describe`.
 */
export function useAdmissionHarness(options?: TimeSkippingOptions): AdmissionHarness {
  const ts = useTimeSkipping(options);
  const harness: AdmissionHarness = {
    get env() {
      return ts.env;
    },
    get db() {
      return ts.db;
    },
    get bundle() {
      return ts.bundle;
    },
    createWorker: (prefix, options) => ts.createWorker(prefix, options),
    async withCase(body, fixture = {}, inputOverrides = {}) {
      const e = ts.env;
      const d = ts.db;
      const f = await buildFixture(d.dataSource, fixture);
      const caseId = await insertAdmissionCase(d.dataSource, f);
      const workflowId = admissionWorkflowId(caseId);
      const { worker, taskQueue } = await ts.createWorker('admission-test');
      const input: AdmissionInput = {
        caseId,
        candidate: { memberId: f.candidateId, fullName: 'Nguyễn Thị Hạnh' },
        cellOrgId: f.orgs.cellA.id,
        grassrootsOrgId: f.orgs.grassroots.id,
        competentOrgId: f.orgs.district.id,
        residenceOrgId: f.orgs.cellB.id,
        massOrganisations: [{ key: 'doan_thanh_nien', name: 'Đoàn TNCS Hồ Chí Minh' }],
        specialCases: [],
        thresholds: ADMISSION_VOTE_THRESHOLDS,
        probation: { amount: 12, unit: 'months' },
        maxRecognitionVotes: DEFAULT_MAX_RECOGNITION_VOTES,
        orgCodes: ['T-HN', 'T-HM', 'T-HL', 'T-HL-5'],
        startedBy: { userId: f.users.secretaryA.id, name: f.users.secretaryA.name },
        ...inputOverrides,
      };
      await worker.runUntil(async () => {
        const handle = await e.client.workflow.start('admissionWorkflow', { workflowId, taskQueue, args: [input] });
        await body({ f, caseId, workflowId, handle, worker, taskQueue, env: e, db: d });
      });
    },
  };
  return harness;
}

/** The fixture user `key` as the actor of a completion or a start. */
export const actor = (f: Fixture, key: string): Actor => ({ userId: f.users[key].id, name: f.users[key].name });

/**
 * A case whose tasks are completed through the update: admission and screening cases by `caseId`,
 * transfers by `transferId`.
 */
export type TaskCtx = { f: Fixture; db: TestDatabase; handle: WorkflowHandle } & (
  { caseId: string } | { transferId: string }
);

/**
 * Waits for the task row (activities run in real time), then completes it as `who` through the update, as the API
 * does.
 */
export async function complete(
  ctx: TaskCtx,
  taskKey: string,
  who: string,
  outcome: string,
  data: Record<string, unknown>,
  comment?: string,
) {
  await waitForTask(ctx.db.dataSource, 'caseId' in ctx ? ctx.caseId : ctx.transferId, taskKey);
  return ctx.handle.executeUpdate(completeTaskUpdate, {
    args: [{ taskKey, outcome, data, comment, actor: actor(ctx.f, who) }],
  });
}

/** Cell A in the fixture: 10 official members, one exempt from activities. */
export const ROSTER = { official: 10, exempt: 1 };

export const introducersData = (f: Fixture) => {
  const [i1, i2] = f.officialIds;
  return {
    introducers: [
      { memberId: i1, monthsAlongside: 14 },
      { memberId: i2, monthsAlongside: 24 },
    ],
  };
};

export async function throughCellVote(ctx: AdmissionCtx): Promise<void> {
  await complete(ctx, 'introducers', 'secretaryA', 'submitted', introducersData(ctx.f));
  await complete(ctx, 'background_check', 'grassroots1', 'cleared', {
    verifiedPersons: [{ relation: 'cha', fullName: 'Nguyễn Văn Tâm', conclusion: 'Chấp hành tốt' }],
    conclusion: 'Lý lịch rõ ràng',
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
    votes: { yes: 8, no: 1 },
    minutesRef: 'BB-01/2026',
  });
}

export async function throughAppraisal(ctx: AdmissionCtx): Promise<void> {
  await throughCellVote(ctx);
  await afterCellVoteThroughAppraisal(ctx);
}

/** Grassroots vote and appraisal, for a case whose cell vote has passed. */
export async function afterCellVoteThroughAppraisal(ctx: AdmissionCtx): Promise<void> {
  await complete(ctx, 'grassroots_vote', 'grassroots1', 'approved', {
    roster: { official: 3, exempt: 0 },
    votes: { yes: 3, no: 0 },
    resolutionRef: 'NQ-12',
  });
  await complete(ctx, 'appraisal', 'orgDept', 'endorsed', { summary: 'Hồ sơ đầy đủ, đúng quy trình' });
}

/** Now on the test server's clock (it runs ahead of the wall clock once time has been skipped). */
export async function currentTime(env: TestWorkflowEnvironment): Promise<number> {
  const res = await (env.connection.testService as NonNullable<typeof env.connection.testService>).getCurrentTime({});
  return Number(res.time?.seconds ?? 0) * 1000;
}

/** Today on the test server's clock, in Vietnam. */
export const today = async (env: TestWorkflowEnvironment): Promise<string> => toLocalDate(await currentTime(env));

/** Decision, ceremony and helper assignment after a passed appraisal; returns the ceremony date. */
export async function decisionThroughHelper(ctx: AdmissionCtx, decider = 'standing'): Promise<string> {
  const day = await today(ctx.env);
  await complete(ctx, 'decision', decider, 'admitted', { decisionNumber: '125-QĐ/QU', decidedOn: day });
  await complete(ctx, 'ceremony', 'secretaryA', 'held', { heldOn: day });
  await complete(ctx, 'assign_helper', 'secretaryA', 'assigned', { helperMemberId: ctx.f.officialIds[2] });
  return day;
}

/** Every step up to the probation timer; returns the ceremony date (probation starts that day). */
export async function throughCeremony(ctx: AdmissionCtx, decider = 'standing'): Promise<string> {
  await throughAppraisal(ctx);
  return decisionThroughHelper(ctx, decider);
}

export const recognitionVote = (yes: number, no: number) => ({
  roster: ROSTER,
  votes: { yes, no },
  minutesRef: 'BB-CN',
  selfReviewReceived: true,
  helperCommentReceived: true,
  newMemberCourseCertifiedOn: '2027-03-01',
});

/**
 * An administrator lengthens an admission step's deadline in the policy table (what the API's PUT writes); returns the
 * new version.
 */
export async function lengthenPolicy(
  ds: DataSource,
  step: string,
  byAmount: number,
  updatedBy: string,
): Promise<number> {
  const policies = ds.getRepository(DeadlinePolicyEntity);
  const policy = await policies.findOneByOrFail({ process: ADMISSION_PROCESS, step });
  const version = policy.version + 1;
  await policies.update({ id: policy.id }, { dueAmount: policy.dueAmount + byAmount, version, updatedBy });
  return version;
}
