import { Inject, Injectable } from '@nestjs/common';
import { Client, ScheduleNotFoundError, ScheduleOverlapPolicy, WorkflowNotFoundError } from '@temporalio/client';
import type { z } from 'zod';
import type { AppConfig } from '@partyflow/config';
import {
  addProgressNoteUpdate,
  detectionRunWorkflowId,
  detectionRunWorkflowRef,
  detectionScheduleId,
  fileAppealUpdate,
  screeningIntakeWorkflowRef,
  screeningStateQuery,
  screeningWorkflowId,
  type Actor,
  type AddProgressNoteResult,
  type DetectionRunInput,
  type FileAppealResult,
  type ScreeningIntakeInput,
  type ScreeningIntakeResult,
  type ScreeningState,
  type WorkflowArgs,
  type WorkflowFunction,
} from '@partyflow/contracts';
import { ApiError } from '../common/api-error';
import { mapWorkflowError } from '../common/workflow-errors';
import { APP_CONFIG } from '../tokens';
import type { DetectionScheduleResponse } from './screening.responses';

/** The monthly detection Schedule, as its response schema declares it. */
export type DetectionScheduleView = z.infer<typeof DetectionScheduleResponse>;

/**
 * A monthly wave over the same subtree: a wave still running when the next is due makes the next
 * one pointless (the open-case index would skip its findings), so it is skipped, never queued.
 * A wave missed while the cluster was down runs if it is at most a day late.
 */
const DETECTION_POLICIES = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' } as const;

type Intake = WorkflowFunction<typeof screeningIntakeWorkflowRef>;
type DetectionRun = WorkflowFunction<typeof detectionRunWorkflowRef>;

/** The typed Temporal client of the screening process: intake, updates, detection runs and their Schedule. */
@Injectable()
export class ScreeningClient {
  constructor(
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Opens (or finds) the case for a member and ground; waits for the answer, which comes at once. */
  async intake(input: ScreeningIntakeInput, requestId: string): Promise<ScreeningIntakeResult> {
    return this.client.workflow.execute<Intake>(screeningIntakeWorkflowRef.workflowType, {
      workflowId: `screening-intake-${requestId}`,
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
    });
  }

  async state(caseId: string): Promise<ScreeningState | null> {
    try {
      return await this.client.workflow.getHandle(screeningWorkflowId(caseId)).query(screeningStateQuery);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return null;
      throw e;
    }
  }

  async addProgressNote(
    caseId: string,
    input: { month: string; note: string; actor: Actor },
  ): Promise<AddProgressNoteResult> {
    return this.update(() =>
      this.client.workflow
        .getHandle(screeningWorkflowId(caseId))
        .executeUpdate(addProgressNoteUpdate, { args: [input] }),
    );
  }

  async fileAppeal(
    caseId: string,
    input: { filedOn: string; grounds: string; actor: Actor },
  ): Promise<FileAppealResult> {
    return this.update(() =>
      this.client.workflow.getHandle(screeningWorkflowId(caseId)).executeUpdate(fileAppealUpdate, { args: [input] }),
    );
  }

  async startDetection(input: DetectionRunInput & { runId: string }): Promise<void> {
    await this.client.workflow.start<DetectionRun>(detectionRunWorkflowRef.workflowType, {
      workflowId: detectionRunWorkflowId(input.runId),
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
    });
  }

  /** Creates or updates the monthly detection Schedule of an organisation. */
  async upsertDetectionSchedule({
    orgId,
    orgCode,
    dayOfMonth,
    hour,
    paused,
    actor,
  }: {
    orgId: string;
    orgCode: string;
    dayOfMonth: number;
    hour: number;
    paused: boolean;
    actor: Actor;
  }): Promise<DetectionScheduleView> {
    const scheduleId = detectionScheduleId(orgCode);
    const spec = { calendars: [{ dayOfMonth, hour, minute: 0 }], timezone: this.config.timeZone };
    const args: WorkflowArgs<typeof detectionRunWorkflowRef> = [{ orgId, trigger: 'schedule', startedBy: actor }];
    const handle = this.client.schedule.getHandle(scheduleId);
    try {
      // One update carries the pause state too: a separate pause call could be overtaken by the update.
      await handle.update<DetectionRun>((prev) => ({
        ...prev,
        spec,
        action: {
          ...prev.action,
          type: 'startWorkflow',
          workflowType: detectionRunWorkflowRef.workflowType,
          args,
          taskQueue: this.config.temporal.taskQueue,
        },
        policies: { ...prev.policies, ...DETECTION_POLICIES },
        state: { ...prev.state, paused, note: paused ? 'Tạm dừng bởi quản trị viên' : 'Tiếp tục bởi quản trị viên' },
      }));
    } catch (e) {
      if (!(e instanceof ScheduleNotFoundError)) throw e;
      await this.client.schedule.create<DetectionRun>({
        scheduleId,
        spec,
        action: {
          type: 'startWorkflow',
          workflowType: detectionRunWorkflowRef.workflowType,
          workflowId: `detection-scheduled-${orgCode}`,
          taskQueue: this.config.temporal.taskQueue,
          args,
        },
        policies: DETECTION_POLICIES,
        state: { paused, note: paused ? 'Tạm dừng' : undefined },
      });
    }
    // The Schedule's description can lag the pause/unpause by a moment: read until it agrees.
    for (let attempt = 0; ; attempt++) {
      const view = await this.describeDetectionSchedule(orgId, orgCode);
      if (view.paused === paused || attempt >= 20) return view;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async describeDetectionSchedule(orgId: string, orgCode: string): Promise<DetectionScheduleView> {
    try {
      const d = await this.client.schedule.getHandle(detectionScheduleId(orgCode)).describe();
      const cal = d.spec.calendars?.[0];
      const first = (v: unknown): number =>
        Array.isArray(v) ? Number((v[0] as { start?: number })?.start ?? 0) : Number(v ?? 0);
      return {
        scheduleId: d.scheduleId,
        orgId,
        dayOfMonth: first(cal?.dayOfMonth),
        hour: first(cal?.hour),
        paused: d.state.paused,
        nextRuns: d.info.nextActionTimes.slice(0, 3).map((t) => t.toISOString()),
      };
    } catch (e) {
      if (e instanceof ScheduleNotFoundError) throw ApiError.notFound('lịch rà soát', orgCode);
      throw e;
    }
  }

  private async update<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (e) {
      throw mapWorkflowError(e, 'Hồ sơ rà soát đã kết thúc');
    }
  }
}
