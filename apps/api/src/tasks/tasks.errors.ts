import { DELEGATED_POWER_LABELS, type DelegatedPowerKey } from '@partyflow/domain';
import type { HumanTaskEntity } from '@partyflow/persistence';
import { ApiError } from '../common/api-error';

/** The task capability's own error answers: code and Vietnamese message. */
export const taskErrors = {
  notOpen: (task: Pick<HumanTaskEntity, 'status' | 'completedByName' | 'completedAt'>) =>
    ApiError.conflict(
      'TASK_NOT_OPEN',
      `Nhiệm vụ đã ${task.status === 'completed' ? `hoàn thành bởi ${task.completedByName} lúc ${task.completedAt?.toISOString()}` : 'bị hủy'}`,
    ),
  delegationNotInForce: (power: DelegatedPowerKey) =>
    new ApiError(
      403,
      'DELEGATION_NOT_IN_FORCE',
      `Ủy quyền '${DELEGATED_POWER_LABELS[power].vi}' cho tổ chức của bạn không còn hiệu lực (đã thu hồi hoặc hết hạn); nhiệm vụ này được chuyển về cấp ủy có thẩm quyền.`,
    ),
  notOverdue: () =>
    ApiError.conflict('TASK_NOT_OVERDUE', 'Chỉ hẹn lại được một nhiệm vụ đã quá hạn (phiếu hẹn lại khi trễ hạn)'),
  repromiseLimit: (maxTimes: number) =>
    ApiError.conflict('TASK_REPROMISE_LIMIT', `Nhiệm vụ này đã được hẹn lại ${maxTimes} lần, mức tối đa cho phép`),
};
