import type { OrganisationEntity } from '@partyflow/persistence';
import { ApiError } from '../common/api-error';

/** The inspection capability's own error answers: code and Vietnamese message. */
export const inspectionErrors = {
  programmeExists: (org: Pick<OrganisationEntity, 'name'>) =>
    ApiError.conflict('PROGRAMME_EXISTS', `${org.name} đã có chương trình kiểm tra theo phạm vi này`),
  scheduleUpdateFailed: () =>
    new ApiError(
      503,
      'SCHEDULE_UPDATE_FAILED',
      'Không cập nhật được lịch kiểm tra vì Temporal không phản hồi; thay đổi đã được hoàn tác, vui lòng thử lại sau.',
    ),
};
