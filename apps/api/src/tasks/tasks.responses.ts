import { z } from 'zod';
import { Assignee, cursorPageOf, instant, jsonObject, localDate, uuid } from '../common/response-schemas';

/** A task of the inbox (tasks.service.ts `toView`). */
export const TaskResponse = z.strictObject({
  id: uuid,
  process: z.string(),
  processLabel: z.string().describe('tên quy trình tiếng Việt'),
  step: z.string(),
  stepLabel: z.string().describe('tên bước tiếng Việt'),
  taskKey: z.string().describe("bước, thêm '#n' khi bước lặp lại"),
  caseId: uuid,
  title: z.string(),
  subjectName: z.string().nullable().describe('người hoặc chi bộ của hồ sơ'),
  assignee: Assignee,
  status: z.enum(['open', 'overdue', 'completed', 'cancelled']),
  overdue: z.boolean(),
  allowedOutcomes: z.array(z.string()),
  openedAt: instant,
  dueAt: instant,
  escalationLevel: z.number().int(),
  outcome: z.string().nullable(),
  outcomeLabel: z.string().nullable(),
  comment: z.string().nullable(),
  completedBy: z.string().nullable(),
  completedAt: instant.nullable(),
  originalDueAt: instant.nullable().describe('hạn ban đầu của nhiệm vụ đã hẹn lại (dueAt là hạn đã hẹn)'),
  repromiseCount: z.number().int().describe('số lần hẹn lại (phiếu hẹn lại)'),
  actedFor: z
    .discriminatedUnion('kind', [
      z
        .strictObject({
          kind: z.literal('proxy'),
          userId: uuid,
          name: z.string(),
          minutesRef: z.string(),
          minutesDate: localDate,
        })
        .describe('làm thay có xác nhận: theo ủy nhiệm và biên bản giấy'),
      z
        .strictObject({
          kind: z.literal('substitute'),
          userId: uuid,
          name: z.string(),
          substitutionId: uuid,
          validFrom: localDate,
          validUntil: localDate,
        })
        .describe('người thay khi vắng mặt: trong thời gian thay thế'),
    ])
    .nullable()
    .describe('hoàn thành thay người này (người hoàn thành: completedBy)'),
  heldFor: z
    .strictObject({
      userId: uuid,
      name: z.string(),
      substitutionId: uuid,
      validFrom: localDate,
      validUntil: localDate,
    })
    .nullable()
    .optional()
    .describe('nhiệm vụ của người vắng mặt này, hiện trong hộp việc của người thay; null: nhiệm vụ của chính bạn'),
  proxyFor: z
    .strictObject({ userId: uuid, name: z.string(), grantId: uuid })
    .nullable()
    .optional()
    .describe('issue 14 §6: nhiệm vụ của người này, bạn được ủy nhiệm làm thay (kèm biên bản giấy); null: không phải'),
  payload: jsonObject.optional().describe('dữ liệu mở nhiệm vụ (sự cố: bước lỗi và lỗi)'),
});

/** GET /tasks/mine: a page of the inbox (issue 13 §3). */
export const TaskPageResponse = cursorPageOf(TaskResponse);

/** The roster a vote step is counted against, from the organisation's records. */
export const RosterResponse = z.strictObject({ official: z.number().int(), exempt: z.number().int() });

const Threshold = z.strictObject({ numerator: z.number().int(), denominator: z.number().int(), strict: z.boolean() });

/** The form of a task's step (task-form.ts `TaskForm`), generated from the step's zod contract. */
export const TaskFormResponse = z.strictObject({
  outcomes: z.array(z.strictObject({ value: z.string(), label: z.string() })),
  dataRequired: z.boolean(),
  schema: jsonObject.describe("JSON Schema của dữ liệu của bước, mỗi thuộc tính có 'title' tiếng Việt"),
  vote: z
    .strictObject({
      threshold: Threshold,
      excludeExempt: z.boolean(),
      outcomeFor: z.strictObject({ passed: z.string(), rejected: z.string(), inconclusive: z.string() }),
      source: z.string(),
      roster: RosterResponse,
      eligible: z.number().int(),
      required: z.number().int(),
      thresholdLabel: z.string(),
    })
    .optional(),
});

/** GET /tasks/:id: the task with the form of its step, and on a vote step its roster. */
export const TaskDetailResponse = TaskResponse.extend({
  roster: RosterResponse.optional(),
  form: TaskFormResponse.nullable().describe('null khi bước không có hợp đồng dữ liệu'),
});

const TaskCount = { total: z.number().int(), overdue: z.number().int() };
/** GET /tasks/mine/counts: the inbox counted per process and step. */
export const TaskCountsResponse = z.strictObject({
  ...TaskCount,
  byProcess: z.array(
    z.strictObject({
      process: z.string(),
      label: z.string(),
      ...TaskCount,
      steps: z.array(z.strictObject({ step: z.string(), label: z.string(), ...TaskCount })),
    }),
  ),
});

/** POST /tasks/:id/complete. */
export const CompleteTaskResponse = z.strictObject({
  taskId: uuid,
  taskKey: z.string(),
  outcome: z.string(),
  completedAt: instant,
});

/** POST /tasks/:id/repromise (issue 14 §3): the new due instant (end of the promised local day). */
export const RepromiseTaskResponse = z.strictObject({
  taskId: uuid,
  taskKey: z.string(),
  dueAtBefore: instant,
  dueAt: instant,
  repromiseCount: z.number().int().describe('số lần đã hẹn lại'),
});
