import { z } from 'zod';
import { Assignee, instant, jsonObject, uuid } from '../common/response-schemas';

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
  subjectName: z.string().nullable().describe('người (hoặc chi bộ) của hồ sơ'),
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
  payload: jsonObject.optional().describe('dữ liệu mở nhiệm vụ (sự cố: bước lỗi và lỗi)'),
});

/** The roster a vote step is counted against, from the organisation's records. */
export const RosterResponse = z.strictObject({ official: z.number().int(), exempt: z.number().int() });

/** GET /tasks/:id: the task, and on a vote step its roster. */
export const TaskDetailResponse = TaskResponse.extend({
  roster: RosterResponse.optional(),
  form: jsonObject.nullable().describe('biểu mẫu của bước: kết quả, JSON Schema của dữ liệu, ngưỡng biểu quyết'),
});

const TaskCount = { total: z.number().int(), overdue: z.number().int() };
/** GET /tasks/mine/counts: per process, and per step within each. */
export const TaskCountsResponse = z.strictObject({
  ...TaskCount,
  byProcess: z.array(
    z.strictObject({
      ...TaskCount,
      process: z.string(),
      label: z.string(),
      steps: z.array(z.strictObject({ ...TaskCount, step: z.string(), label: z.string() })),
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
