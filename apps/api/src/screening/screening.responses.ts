import { z } from 'zod';
import { MEMBER_STATUSES, REMOVAL_FORMS } from '@partyflow/domain';
import { instant, jsonObject, localDate, uuid, yearMonth } from '../common/response-schemas';

const CaseStatus = z.enum(['in_progress', 'dismissed', 'improved', 'removed', 'kept', 'cancelled']);
const Source = z.enum(['detection', 'manual_flag', 'transfer']);

/** POST /screening/flags. */
export const FlagResponse = z.strictObject({ caseId: uuid, flagId: z.string() });

/** A row of GET /screening/cases. */
export const ScreeningCaseSummaryResponse = z.strictObject({
  id: uuid,
  memberId: uuid,
  ground: z.string(),
  groundLabel: z.string(),
  status: CaseStatus,
  currentStep: z.string().nullable(),
  source: Source,
  startedAt: instant,
  endedAt: instant.nullable(),
});

/** GET /screening/cases/:id: grounds, steps, votes and progress notes. */
export const ScreeningCaseResponse = z.strictObject({
  id: uuid,
  workflowId: z.string(),
  member: z.strictObject({ id: uuid, fullName: z.string(), status: z.enum(MEMBER_STATUSES) }),
  ground: z.string(),
  groundLabel: z.string(),
  evidence: jsonObject.describe('căn cứ'),
  source: Source,
  status: CaseStatus,
  currentStep: z.string().nullable(),
  removalForm: z.enum(REMOVAL_FORMS).nullable(),
  endReason: z.string().nullable(),
  startedAt: instant,
  startedBy: z.string(),
  endedAt: instant.nullable(),
  workflowState: z
    .strictObject({
      status: CaseStatus,
      currentStep: z.string(),
      helpEndsAt: instant.optional(),
      notedMonths: z.array(yearMonth),
      removalForm: z.enum(REMOVAL_FORMS).optional(),
      appealClosesAt: instant.optional(),
      appealFiledOn: localDate.optional(),
    })
    .nullable()
    .describe('null khi quy trình không còn'),
  progressNotes: z.array(
    z.strictObject({ month: localDate, note: z.string(), recordedBy: z.string(), recordedAt: instant }),
  ),
  steps: z.array(
    z.strictObject({
      taskId: uuid,
      taskKey: z.string(),
      step: z.string(),
      title: z.string(),
      status: z.enum(['open', 'overdue', 'completed', 'cancelled']),
      assignee: z.strictObject({ orgId: uuid, role: z.string().nullable() }),
      dueAt: instant,
      outcome: z.string().nullable(),
      comment: z.string().nullable(),
      completedBy: z.string().nullable(),
      completedAt: instant.nullable(),
      deadlineMet: z.boolean().nullable(),
    }),
  ),
});

/** POST /screening/cases/:id/progress-notes. */
export const ProgressNoteResponse = z.strictObject({ noteId: z.string(), month: yearMonth });

/** POST /screening/cases/:id/appeal. */
export const AppealResponse = z.strictObject({ taskKey: z.string(), acceptedAt: instant });

/** POST /screening/detection-runs. */
export const DetectionStartResponse = z.strictObject({ runId: uuid, workflowId: z.string() });

/** GET /screening/detection-runs/:id: progress and results of one wave. */
export const DetectionRunResponse = z.strictObject({
  id: uuid,
  workflowId: z.string(),
  organisationId: uuid,
  trigger: z.enum(['on_demand', 'schedule']),
  asOf: localDate,
  status: z.enum(['running', 'completed', 'failed']),
  totalMembers: z.number().int(),
  processedMembers: z.number().int(),
  findings: z.number().int(),
  casesOpened: z.number().int(),
  duplicatesSkipped: z.number().int(),
  startedBy: z.string(),
  startedAt: instant,
  finishedAt: instant.nullable(),
  progressPercent: z.number(),
});

/** PUT and GET /screening/detection-schedules/:orgId. */
export const DetectionScheduleResponse = z.strictObject({
  scheduleId: z.string(),
  orgId: uuid,
  dayOfMonth: z.number().int(),
  hour: z.number().int(),
  paused: z.boolean(),
  nextRuns: z.array(instant),
});
