import { z } from 'zod';
import { instant, uuid, WorkflowAssignee } from '../common/response-schemas';

/** A bulk reassignment (issue 14 §2): what it moves, where to, its progress and what moved. */
export const TaskReassignmentResponse = z.strictObject({
  id: uuid,
  status: z.enum(['starting', 'running', 'completed', 'start_failed']),
  statusLabel: z.string(),
  filter: z.strictObject({
    orgPath: z.string(),
    process: z.string().optional(),
    step: z.string().optional(),
    assignees: z
      .array(WorkflowAssignee)
      .optional()
      .describe('nhiệm vụ của người này: đích danh và vai trò giữ một mình'),
  }),
  target: WorkflowAssignee,
  reason: z.string(),
  counts: z.strictObject({
    matched: z.number().int().describe('nhiệm vụ khớp bộ lọc đã xử lý'),
    moved: z.number().int(),
    unchanged: z.number().int().describe('đã ở người nhận, hoặc không còn mở'),
    failed: z.number().int(),
  }),
  moves: z.array(
    z.strictObject({ taskId: uuid, workflowId: z.string(), from: WorkflowAssignee, to: WorkflowAssignee }),
  ),
  failures: z.array(z.strictObject({ taskId: uuid, workflowId: z.string(), reason: z.string() })),
  startedBy: z.string(),
  startedAt: instant,
  updatedAt: instant,
  finishedAt: instant.nullable(),
});
