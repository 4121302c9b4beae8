import { Inject, Injectable } from '@nestjs/common';
import { Client, MONTHS, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ScheduleSpec } from '@temporalio/client';
import type { z } from 'zod';
import type { AppConfig } from '@partyflow/config';
import {
  inspectionRoundWorkflowIdPrefix,
  inspectionRoundWorkflowRef,
  inspectionScheduleId,
  type WorkflowFunction,
} from '@partyflow/contracts';
import { localTimeZone, roundStartMonths } from '@partyflow/domain';
import { retryTemporal } from '../common/workflow-start';
import { APP_CONFIG } from '../tokens';
import type { InspectionScheduleResponse } from './inspections.responses';

/** The programme's Schedule read back from Temporal, as its response schema declares it. */
export type ScheduleView = z.infer<typeof InspectionScheduleResponse>;

/** Rounds start at 00:00 on the first day of their month, local time (the configured zone, Vietnam by default). */
const specFor = (intervalMonths: number): ScheduleSpec => ({
  calendars: [
    {
      month: roundStartMonths(intervalMonths).map((m) => MONTHS[m - 1]),
      dayOfMonth: 1,
      hour: 0,
      minute: 0,
      comment: `Kiểm tra chi bộ ${intervalMonths} tháng một lần`,
    },
  ],
  timezone: localTimeZone(),
});

/**
 * A round ends when the next scheduled round starts (roundPeriod), but closing it (carry-over)
 * takes a moment: BUFFER_ONE starts the next round as soon as the last one has closed, so the
 * carried findings are there, and never keeps more than one round waiting, so rounds cannot pile
 * up. A round missed while the cluster was down is still started within a week; older ones are
 * skipped (the next round covers them).
 */
const ROUND_POLICIES = { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '7 days' } as const;

/**
 * The typed Temporal Schedule client of the inspection process: one Schedule per programme
 * (deterministic id), whose action starts an `inspectionRoundWorkflow`. Controllers never hold a handle.
 */
@Injectable()
export class InspectionSchedulesClient {
  constructor(
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create({ programmeId, intervalMonths }: { programmeId: string; intervalMonths: number }): Promise<string> {
    const scheduleId = inspectionScheduleId(programmeId);
    await this.client.schedule.create<WorkflowFunction<typeof inspectionRoundWorkflowRef>>({
      scheduleId,
      spec: specFor(intervalMonths),
      action: {
        type: 'startWorkflow',
        workflowType: inspectionRoundWorkflowRef.workflowType,
        workflowId: inspectionRoundWorkflowIdPrefix(programmeId),
        taskQueue: this.config.temporal.taskQueue,
        args: [{ programmeId }],
      },
      policies: ROUND_POLICIES,
    });
    return scheduleId;
  }

  /**
   * Creates the Schedule of a committed programme (issue 7 §3): bounded retries, and a Schedule of
   * that id already there (an earlier try whose answer was lost) counts as created; then `TemporalCallFailed`.
   */
  async createCommitted(target: string, programme: { programmeId: string; intervalMonths: number }): Promise<void> {
    await retryTemporal(this.client, this.config.temporal.call, target, () =>
      this.create(programme).then(
        () => undefined,
        (e) => {
          if (!(e instanceof ScheduleAlreadyRunning)) throw e;
        },
      ),
    );
  }

  /** Applies a committed change to the Schedule (an idempotent call), bounded retries; then `TemporalCallFailed`. */
  async syncCommitted(target: string, call: () => Promise<void>): Promise<void> {
    await retryTemporal(this.client, this.config.temporal.call, target, call);
  }

  async pause({ programmeId, note }: { programmeId: string; note: string }): Promise<void> {
    await this.handle(programmeId).pause(note);
  }

  async resume({ programmeId, note }: { programmeId: string; note: string }): Promise<void> {
    await this.handle(programmeId).unpause(note);
  }

  /**
   * A round now, beside a running one: it ends at the next scheduled round, and takes over the open findings of the
   * running one.
   */
  async trigger({ programmeId }: { programmeId: string }): Promise<void> {
    await this.handle(programmeId).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
  }

  async updateInterval({
    programmeId,
    intervalMonths,
  }: {
    programmeId: string;
    intervalMonths: number;
  }): Promise<void> {
    await this.handle(programmeId).update((previous) => ({
      ...previous,
      spec: specFor(intervalMonths),
      policies: { ...previous.policies, ...ROUND_POLICIES },
    }));
  }

  async describe({ programmeId }: { programmeId: string }): Promise<ScheduleView> {
    const d = await this.handle(programmeId).describe();
    const months = (d.spec.calendars ?? []).flatMap((c) =>
      c.month.flatMap((r) => {
        const start = MONTHS.indexOf(r.start) + 1;
        const end = MONTHS.indexOf(r.end) + 1;
        const out: number[] = [];
        for (let m = start; m <= Math.max(start, end); m += Math.max(1, r.step)) out.push(m);
        return out;
      }),
    );
    return {
      scheduleId: d.scheduleId,
      paused: d.state.paused,
      note: d.state.note ?? null,
      startMonths: [...new Set(months)].sort((a, b) => a - b),
      nextRunTimes: d.info.nextActionTimes.map((t) => t.toISOString()),
      policies: { overlap: d.policies.overlap ?? null, catchupWindowMs: d.policies.catchupWindow },
      recentRounds: d.info.recentActions.map((a) => ({
        workflowId: a.action.workflow.workflowId,
        scheduledAt: a.scheduledAt.toISOString(),
        takenAt: a.takenAt.toISOString(),
      })),
      runningRounds: d.info.runningActions.map((a) => a.workflow.workflowId),
    };
  }

  private handle(programmeId: string) {
    return this.client.schedule.getHandle(inspectionScheduleId(programmeId));
  }
}
