import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { addMonths, firstOfMonth, monthsBetween } from '@partyflow/domain';
import { completeTaskUpdate, type InspectionRoundInput } from '@partyflow/contracts';
import {
  CellInspectionEntity,
  DuesPaymentEntity,
  InspectionFindingEntity,
  InspectionProgrammeEntity,
  InspectionRoundEntity,
  MeetingAttendanceEntity,
  MemberEntity,
  RemediationEntity,
} from '@partyflow/persistence';
import { actor, today } from './admission-driver';
import type { TestDatabase } from './database';
import { eventually } from './eventually';
import { buildFixture, waitForTask, type Fixture } from './fixtures';
import { useTimeSkipping, type TimeSkippingOptions } from './time-skipping';

/**
 * Drives inspection rounds on the Java time-skipping server with the real activities over a
 * per-test PostgreSQL database, completing tasks through the `completeTask` update as the API
 * would. The same shape as `useAdmissionHarness`. The time-skipping server has no Schedules, so
 * each round workflow is started here as the Schedule would start it.
 *
 */
export type InspectionCtx = {
  f: Fixture;
  programmeId: string;
  worker: Worker;
  taskQueue: string;
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  /** Starts a round workflow as the programme's Schedule would. */
  startRound(n: number): Promise<WorkflowHandle>;
};

export type InspectionHarness = {
  readonly env: TestWorkflowEnvironment;
  readonly db: TestDatabase;
  /**
   * Builds the fixture tree and a programme of the grassroots committee over its own cells [seed:004], then runs `body`
   * while a worker polls.
   */
  withProgramme(body: (ctx: InspectionCtx) => Promise<void>): Promise<void>;
};

export function useInspectionHarness(options?: TimeSkippingOptions): InspectionHarness {
  const ts = useTimeSkipping(options);

  const harness: InspectionHarness = {
    get env() {
      return ts.env;
    },
    get db() {
      return ts.db;
    },
    async withProgramme(body) {
      const e = harness.env;
      const d = harness.db;
      const f = await buildFixture(d.dataSource, {});
      const programmeId = randomUUID();
      const now = new Date();
      await d.dataSource.getRepository(InspectionProgrammeEntity).insert({
        id: programmeId,
        inspectingOrgId: f.orgs.grassroots.id,
        scope: 'grassroots_own_cells',
        intervalMonths: 6,
        maxRemediationAttempts: 3,
        scheduleId: `inspection-programme-${programmeId}`,
        active: true,
        createdBy: 'test',
        createdAt: now,
        updatedAt: now,
      });
      const { worker, taskQueue } = await ts.createWorker('inspection-test');
      const startRound = (n: number) =>
        e.client.workflow.start('inspectionRoundWorkflow', {
          workflowId: `inspection-round-${programmeId}-${n}`,
          taskQueue,
          args: [{ programmeId } satisfies InspectionRoundInput],
        });
      await worker.runUntil(body({ f, programmeId, worker, taskQueue, env: e, db: d, startRound }));
    },
  };
  return harness;
}

/** Waits for the task row of a cell inspection, then completes it as `who` through the update. */
export async function completeInspectionTask(
  ctx: InspectionCtx,
  inspectionId: string,
  taskKey: string,
  who: string,
  outcome: string,
  data: Record<string, unknown>,
) {
  await waitForInspectionTask(ctx, inspectionId, taskKey);
  return ctx.env.client.workflow
    .getHandle(`cell-inspection-${inspectionId}`)
    .executeUpdate(completeTaskUpdate, { args: [{ taskKey, outcome, data, actor: actor(ctx.f, who) }] });
}

/**
 * Six-monthly cell inspection [seed:000][seed:004] on the time-skipping server, with the real
 * activities and PostgreSQL: the round's whole length (six months), remediation on time, late
 * (escalated) and not done (carried over to the next round), and two consecutive rounds.
 */
export const TEAM = (ctx: InspectionCtx) => ({ teamUserIds: [ctx.f.users.grassroots2.id, ctx.f.users.grassroots3.id] });

export async function inspectionOf(ctx: InspectionCtx, roundWorkflowId: string, cellOrgId: string): Promise<string> {
  return eventually(async () => {
    const round = await ctx.db.dataSource
      .getRepository(InspectionRoundEntity)
      .findOneBy({ workflowId: roundWorkflowId });
    if (!round) return undefined;
    return (await ctx.db.dataSource.getRepository(CellInspectionEntity).findOneBy({ roundId: round.id, cellOrgId }))
      ?.id;
  }, `inspection of ${cellOrgId}`);
}

export const remediationOf = async (ctx: InspectionCtx, inspectionId: string, item: string) => {
  const finding = await ctx.db.dataSource
    .getRepository(InspectionFindingEntity)
    .findOneByOrFail({ inspectionId, item: item as InspectionFindingEntity['item'] });
  return ctx.db.dataSource.getRepository(RemediationEntity).findOneByOrFail({ findingId: finding.id });
};

/** The workflow records a verification after the update has answered: wait for the row to say so. */
export const remediationWhen = (
  ctx: InspectionCtx,
  inspectionId: string,
  item: string,
  status: RemediationEntity['status'],
) =>
  eventually(async () => {
    const r = await remediationOf(ctx, inspectionId, item);
    return r.status === status ? r : undefined;
  }, `remediation ${item} ${status}`);

/** Records for the reviewed half year: cell A missed one monthly meeting and collected no dues; cell B is in order. */
export async function seedRecords(ctx: InspectionCtx): Promise<void> {
  const ds = ctx.db.dataSource;
  const day = await today(ctx.env);
  const months = monthsBetween({ from: addMonths(firstOfMonth(day), -6), to: firstOfMonth(day) });
  const memberB = randomUUID();
  await ds.getRepository(MemberEntity).insert({
    id: memberB,
    organisationId: ctx.f.orgs.cellB.id,
    fullName: 'Lê Văn Khoa',
    birthDate: '1975-02-02',
    status: 'official',
    educationLevel: 'university',
    courseCertificateIssuedOn: null,
    residenceOrgId: null,
    massOrganisations: [],
    specialCases: [],
    joinedOn: '2000-01-01',
    officialSince: '2001-01-01',
  });
  for (const month of months) {
    await ds.getRepository(MeetingAttendanceEntity).insert({
      memberId: memberB,
      month,
      organisationId: ctx.f.orgs.cellB.id,
      status: 'present',
      reason: null,
      recordedBy: 'test',
    });
    await ds
      .getRepository(DuesPaymentEntity)
      .insert({ memberId: memberB, month, amountVnd: 50000, paidOn: month, recordedBy: 'test' });
  }
  for (const month of months.slice(1)) {
    await ds.getRepository(MeetingAttendanceEntity).insert({
      memberId: ctx.f.officialIds[0],
      month,
      organisationId: ctx.f.orgs.cellA.id,
      status: 'present',
      reason: null,
      recordedBy: 'test',
    });
  }
}

/**
 * The next 1 January or 1 July after a local date: the next round of a six-monthly programme, computed here without the
 * domain helper.
 */
export function nextHalfYearStart(day: string): string {
  const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return month < 7 ? `${year}-07-01` : `${year + 1}-01-01`;
}

export const A_CHECKLIST = {
  findings: [
    { item: 'thematic_meetings', result: 'met' },
    { item: 'member_records', result: 'shortcoming', note: 'Sổ đảng viên chưa cập nhật' },
    { item: 'self_criticism', result: 'met' },
    { item: 'monthly_meetings', result: 'met' },
    { item: 'dues_collected', result: 'met' },
  ],
};
export const ALL_MET = {
  findings: [
    { item: 'thematic_meetings', result: 'met' },
    { item: 'member_records', result: 'met' },
    { item: 'self_criticism', result: 'met' },
    { item: 'monthly_meetings', result: 'met' },
    { item: 'dues_collected', result: 'met' },
  ],
};

/** Waits for the task row of a cell inspection (the fixture's `waitForTask`, with the 30 s these tests always had). */
export const waitForInspectionTask = (ctx: InspectionCtx, inspectionId: string, taskKey: string) =>
  waitForTask(ctx.db.dataSource, inspectionId, taskKey, 30_000);
export const waitForChecklist = (ctx: InspectionCtx, inspectionId: string) =>
  waitForInspectionTask(ctx, inspectionId, 'checklist');
