import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import {
  screeningWorkflowId,
  transferWorkflowId,
  type ScreeningIntakeResult,
  type TransferInput,
} from '@partyflow/contracts';
import { addDays } from '@partyflow/domain';
import { OrganisationEntity, PartyTransferEntity, ScreeningCaseEntity } from '@partyflow/persistence';
import { actor, complete, ROSTER, today } from './admission-driver';
import type { TestDatabase } from './database';
import { eventually } from './eventually';
import { buildFixture, waitForTask, type Fixture } from './fixtures';
import { useTimeSkipping, type TimeSkippingOptions } from './time-skipping';

/**
 * Drives screening and transfer cases on the Java time-skipping server with the real activities
 * over a per-test PostgreSQL database, completing tasks through the `completeTask` update as the
 * API would (the shape of admission-driver.ts, whose `complete` serves these cases too).
 */

export type ProcessCtx = {
  f: Fixture;
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  worker: Worker;
  taskQueue: string;
};

export type ProcessHarness = {
  readonly env: TestWorkflowEnvironment;
  readonly db: TestDatabase;
  /** Builds the fixture and runs `body` while a worker with every workflow and activity polls. */
  withWorker(body: (ctx: ProcessCtx) => Promise<void>): Promise<void>;
};

/** Jest hooks (see useTimeSkipping) and the harness. */
export function useProcessHarness(options?: TimeSkippingOptions): ProcessHarness {
  const ts = useTimeSkipping(options);
  const harness: ProcessHarness = {
    get env() {
      return ts.env;
    },
    get db() {
      return ts.db;
    },
    async withWorker(body) {
      const e = ts.env;
      const d = ts.db;
      const f = await buildFixture(d.dataSource, {});
      const { worker, taskQueue } = await ts.createWorker('process-test');
      await worker.runUntil(() => body({ f, env: e, db: d, worker, taskQueue }));
    },
  };
  return harness;
}

export type CaseCtx = ProcessCtx & { caseId: string; handle: WorkflowHandle; memberId: string };

/** Flags a member through `screeningIntakeWorkflow` (as the API's manual flag would) and waits for the first task. */
export async function flagMember(
  ctx: ProcessCtx,
  memberId: string,
  ground = 'not_completed_two_years',
): Promise<CaseCtx & { intake: ScreeningIntakeResult }> {
  const intake = await startIntake(ctx, memberId, ground);
  const handle = ctx.env.client.workflow.getHandle(screeningWorkflowId(intake.caseId));
  await waitForTask(ctx.db.dataSource, intake.caseId, 'screening_review');
  return { ...ctx, caseId: intake.caseId, handle, memberId, intake };
}

export async function startIntake(ctx: ProcessCtx, memberId: string, ground: string): Promise<ScreeningIntakeResult> {
  const handle = await ctx.env.client.workflow.start('screeningIntakeWorkflow', {
    workflowId: `screening-intake-${randomUUID()}`,
    taskQueue: ctx.taskQueue,
    args: [
      {
        memberId,
        ground,
        evidence: { grading: ['not_completed', 'not_completed'] },
        source: 'manual_flag',
        startedBy: actor(ctx.f, 'secretaryA'),
      },
    ],
  });
  // Wait for the row in real time first: awaiting the result would let the server skip time.
  await eventually(
    () => ctx.db.dataSource.getRepository(ScreeningCaseEntity).findOneBy({ memberId, ground }),
    'screening case row',
  );
  return (await handle.result()) as ScreeningIntakeResult;
}

/** A cell vote of cell A of the fixture (ROSTER: 10 official members, one of them exempt), by secret ballot. */
export const cellVote = (yes: number, no: number, extra: Record<string, unknown> = {}) => ({
  roster: ROSTER,
  votes: { yes, no },
  minutesRef: 'BB-RS-01',
  secretBallot: true,
  ...extra,
});

/** Step 1 passed and a helper assigned: the help period runs. */
export async function throughHelperAssignment(ctx: CaseCtx): Promise<void> {
  await complete(ctx, 'screening_review', 'secretaryA', 'propose_listing', {
    opinions: [
      {
        source: 'residence_front',
        givenBy: 'Ban công tác Mặt trận tổ dân phố số 5',
        summary: 'Ít tham gia sinh hoạt nơi cư trú',
      },
    ],
    summary: 'Hai năm liền không hoàn thành nhiệm vụ',
  });
  await complete(ctx, 'screening_superior_direction', 'grassroots1', 'proceed', {
    directionRef: 'CV-15/ĐU',
    summary: 'Đồng ý đưa vào danh sách',
  });
  await complete(ctx, 'screening_listing_vote', 'secretaryA', 'listed', cellVote(7, 2));
  await complete(ctx, 'screening_assign_helper', 'secretaryA', 'assigned', {
    helperMemberId: ctx.f.officialIds[0],
    selfReviewRef: 'BKĐ-01',
    commitmentRef: 'CK-01',
  });
}

/** Help period over, the cell finds no progress and proposes `form`. */
export async function throughRemovalProposal(ctx: CaseCtx, form: 'strike_off' | 'expel' | 'release'): Promise<void> {
  await throughHelperAssignment(ctx);
  await ctx.env.sleep('370 days');
  await complete(
    ctx,
    'screening_assessment_vote',
    'secretaryA',
    'not_improved',
    cellVote(8, 1, { proposedForm: form }),
  );
}

/** The decision by a body of `official` members (no exempt), `yes` in favour. */
export const decisionVote = async (ctx: CaseCtx, official: number, yes: number) => ({
  roster: { official, exempt: 0 },
  votes: { yes, no: official - yes },
  resolutionRef: 'NQ-RS-02',
  decisionNumber: '88-QĐ/QU',
  decidedOn: await today(ctx.env),
});

export type TransferCtx = ProcessCtx & {
  transferId: string;
  handle: WorkflowHandle;
  memberId: string;
  toCell: OrganisationEntity;
  issuedOn: string;
};

/** A transfer from cell A of Hoàng Liệt to a cell of Định Công: the API writes the row, then starts the workflow. */
export async function issueTransfer(
  ctx: ProcessCtx,
  kind: 'official' | 'temporary',
  periodMonths: number | null = null,
): Promise<TransferCtx> {
  const ds = ctx.db.dataSource;
  const parent = ctx.f.orgs.otherGrassroots;
  const id = randomUUID();
  const toCell = await ds.getRepository(OrganisationEntity).save(
    ds.getRepository(OrganisationEntity).create({
      id,
      code: 'T-DC-1',
      name: 'Chi bộ Tổ dân phố số 1 Định Công',
      kind: 'cell',
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
    }),
  );
  const memberId = ctx.f.officialIds[4];
  const issuedOn = await today(ctx.env);
  const transferId = randomUUID();
  await ds.getRepository(PartyTransferEntity).insert({
    id: transferId,
    memberId,
    kind,
    fromOrgId: ctx.f.orgs.cellA.id,
    toOrgId: toCell.id,
    issuedOn,
    presentBy: addDays(issuedOn, 30),
    presentedOn: null,
    periodMonths,
    returnDue: null,
    returnedOn: null,
    status: 'issued',
    workflowId: transferWorkflowId(transferId),
    issuedBy: 'Trần Văn Bình',
    note: null,
  });
  const input: TransferInput = {
    transferId,
    member: { memberId, fullName: 'Đảng viên 5' },
    kind,
    fromOrgId: ctx.f.orgs.cellA.id,
    toOrgId: toCell.id,
    issuedOn,
    periodMonths,
    orgCodes: ['T-HN', 'T-HM', 'T-HL', 'T-HL-5'],
    startedBy: actor(ctx.f, 'secretaryA'),
  };
  const handle = await ctx.env.client.workflow.start('transferWorkflow', {
    workflowId: transferWorkflowId(transferId),
    taskQueue: ctx.taskQueue,
    args: [input],
  });
  await waitForTask(ds, transferId, 'confirm_arrival');
  return { ...ctx, transferId, handle, memberId, toCell, issuedOn };
}
