import { z } from 'zod';
import { MAIL_PREFERENCES } from '@partyflow/domain';
import { cursorPageOf, instant, localDate, role, uuid } from '../common/response-schemas';

/** A role assignment, in force or not, with why it was granted or revoked. */
export const RoleAssignmentResponse = z.strictObject({
  id: uuid,
  orgId: uuid,
  orgName: z.string(),
  role,
  roleLabel: z.string(),
  validFrom: localDate.nullable(),
  validUntil: localDate.nullable().describe('null: không thời hạn'),
  inForce: z.boolean(),
  grantedAt: instant.nullable(),
  grantReason: z.string().nullable(),
  revokedAt: instant.nullable(),
  revokeReason: z.string().nullable(),
});

/** A user as the API shows it: never the password hash. */
export const UserResponse = z.strictObject({
  id: uuid,
  username: z.string(),
  fullName: z.string(),
  memberId: uuid.nullable(),
  orgId: uuid.nullable(),
  orgName: z.string().nullable(),
  disabled: z.boolean(),
  disabledAt: instant.nullable(),
  disabledReason: z.string().nullable(),
  email: z.string().nullable().describe('địa chỉ nhận thư thông báo; null: không gửi thư'),
  mailPreference: z
    .enum(MAIL_PREFERENCES)
    .describe(
      'immediate: thư ngay khi có nhiệm vụ, nhắc việc, quá hạn, và thư tổng hợp hằng ngày; digest: chỉ thư tổng hợp; off: không gửi',
    ),
  roles: z.array(RoleAssignmentResponse),
});

/** GET /users: a page by username. */
export const UserPageResponse = cursorPageOf(UserResponse);

/** An open task named for the disabled user's member id, to be reassigned. */
export const OpenTaskResponse = z.strictObject({
  id: uuid,
  title: z.string(),
  process: z.string(),
  step: z.string(),
  caseId: uuid,
  workflowId: z.string(),
  status: z.string(),
  assigneeOrgId: uuid,
  dueOn: localDate,
});

/**
 * The offer on disabling a user (issue 14 §2): their own open tasks (named for them, or of a role they alone hold),
 * and the request of POST /task-reassignments that moves them, once `to` is added; with `reassignTo`, started.
 */
export const ReassignmentOfferResponse = z.strictObject({
  openTaskCount: z.number().int().describe('nhiệm vụ đang mở của riêng người này trong phạm vi orgId'),
  request: z.strictObject({
    method: z.literal('POST'),
    path: z.literal('/task-reassignments'),
    body: z.strictObject({ orgId: uuid, assigneeUserId: uuid, reason: z.string() }),
    needs: z.array(z.literal('to')).describe('trường còn phải thêm vào body: người hoặc vai trò nhận nhiệm vụ'),
  }),
  operationId: uuid.nullable().describe('thao tác chuyển đã bắt đầu khi có reassignTo; null nếu chưa'),
});

/** POST /users/:id/disable. */
export const DisableUserResponse = z.strictObject({
  user: UserResponse,
  openTasks: z.array(OpenTaskResponse),
  reassignment: ReassignmentOfferResponse.nullable().describe(
    'null khi người này không có nhiệm vụ đích danh và không một mình giữ vai trò nào',
  ),
});
