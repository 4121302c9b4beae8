import { z } from 'zod';
import { DURATION_UNITS } from '@partyflow/domain';
import { instant } from '../common/response-schemas';

const Duration = z.strictObject({ amount: z.number().int(), unit: z.enum(DURATION_UNITS) });

/** A deadline policy (policies.service.ts `view`). */
export const PolicyResponse = z.strictObject({
  process: z.string(),
  step: z.string(),
  due: Duration,
  remindBefore: Duration,
  escalateEvery: Duration,
  maxEscalationLevel: z.number().int(),
  anchor: z.enum(['task_opened', 'case_event']),
  source: z.string().describe('văn bản quy định'),
  version: z.number().int(),
  organisationId: z
    .string()
    .uuid()
    .nullable()
    .describe('tổ chức có thời hạn riêng đang áp dụng (cho cấp mình và cấp dưới); null: thời hạn chung toàn quốc'),
  organisationName: z.string().nullable(),
  updatedAt: instant,
  updatedBy: z.string().nullable(),
});

/** GET /deadline-policies/:process/:step/impact: the running cases a change of the step would re-time. */
export const PolicyImpactResponse = z.strictObject({
  process: z.string(),
  step: z.string(),
  policyVersion: z.number().int(),
  organisationId: z.string().uuid().nullable().describe('phạm vi: tổ chức có thời hạn riêng; null: thời hạn chung'),
  cases: z.number().int().describe('hồ sơ đang chờ bước này mà thay đổi sẽ tính lại hạn (trong phạm vi)'),
  tasks: z.number().int(),
  overdue: z.number().int(),
  allCases: z.number().int().describe('hồ sơ đang chờ bước này trong toàn hệ thống'),
});

/** GET /deadline-policies/operations/:id: the progress of re-timing the waiting cases. */
export const PolicyOperationResponse = z.strictObject({
  id: z.string(),
  process: z.string(),
  step: z.string(),
  policyVersion: z.number().int(),
  organisationId: z.string().uuid().nullable(),
  status: z.enum(['starting', 'running', 'completed', 'start_failed']),
  statusLabel: z.string(),
  counts: z.strictObject({
    cases: z.number().int(),
    retimedCases: z.number().int(),
    retimedTasks: z.number().int(),
    alreadyCurrent: z.number().int(),
    closedCases: z.number().int(),
    failedCases: z.number().int(),
  }),
  failures: z.array(
    z.strictObject({
      workflowId: z.string(),
      kind: z.enum(['closed', 'failed']),
      status: z.string().nullable(),
      reason: z.string(),
    }),
  ),
  startedBy: z.string(),
  startedAt: instant,
  updatedAt: instant,
  finishedAt: instant.nullable(),
});

/** PUT /deadline-policies/:process/:step (and an override's set or clear): the policy and the re-timing started. */
export const PolicyChangeResponse = PolicyResponse.extend({
  operationId: z.string(),
  operation: PolicyOperationResponse,
});

const Terms = z.strictObject({
  due: Duration,
  remindBefore: Duration,
  escalateEvery: Duration,
  maxEscalationLevel: z.number().int(),
});
const PreviewCounts = {
  cases: z.number().int().describe('hồ sơ có nhiệm vụ sẽ được tính lại hạn'),
  tasks: z.number().int(),
  changed: z.number().int().describe('nhiệm vụ có hạn thay đổi'),
  earlier: z.number().int().describe('nhiệm vụ có hạn sớm hơn'),
  later: z.number().int().describe('nhiệm vụ có hạn muộn hơn'),
  becomeOverdue: z.number().int().describe('nhiệm vụ đang trong hạn sẽ quá hạn ngay'),
  escalate: z.number().int().describe('nhiệm vụ sẽ bị báo cáo lên cấp trên ngay'),
  unknownAnchor: z
    .number()
    .int()
    .describe('nhiệm vụ tính hạn từ một sự kiện của hồ sơ mà không lưu ngày của sự kiện đó: chưa biết hạn mới'),
};

/** POST /deadline-policies/:process/:step/preview (issue 14 §1). */
export const PolicyPreviewResponse = z.strictObject({
  previewId: z.string().uuid().describe('ghi kèm khi áp dụng (previewId) để nhật ký lưu bản xem trước đã dùng'),
  process: z.string(),
  step: z.string(),
  organisationId: z.string().uuid().nullable().describe('phạm vi: tổ chức có thời hạn riêng; null: thời hạn chung'),
  policyVersion: z.number().int().describe('phiên bản thời hạn khi xem trước; thay đổi sau đó làm bản xem trước cũ'),
  computedAt: instant,
  proposed: Terms,
  current: Terms.describe('thời hạn đang áp dụng tại phạm vi'),
  counts: z.strictObject(PreviewCounts),
  byOrganisation: z.array(
    z
      .strictObject({ orgId: z.string().uuid(), orgName: z.string(), ...PreviewCounts })
      .describe('tổ chức giữ nhiệm vụ'),
  ),
  tasks: z.array(
    z.strictObject({
      taskId: z.string().uuid(),
      caseId: z.string().uuid(),
      title: z.string(),
      orgId: z.string().uuid(),
      orgName: z.string(),
      status: z.enum(['open', 'overdue']),
      escalationLevel: z.number().int(),
      dueAtBefore: instant,
      dueAtAfter: instant.nullable().describe('null: chưa biết (xem unknownAnchor)'),
      changed: z.boolean(),
      becomesOverdue: z.boolean(),
      escalatesTo: z.number().int().nullable().describe('cấp báo cáo đạt tới ngay khi tính lại hạn'),
    }),
  ),
  tasksTotal: z.number().int(),
});
