import type { StatusChangeRefusal } from '@partyflow/domain';
import { ApiError } from '../common/api-error';

/** The members capability's own error answers: code and Vietnamese message. */
export const memberErrors = {
  nationalIdTaken: () =>
    new ApiError(
      409,
      'NATIONAL_ID_TAKEN',
      'nationalId: số căn cước công dân này đã được ghi cho một người khác trong hệ thống',
      'nationalId',
    ),
  statusChangeRefused: (code: StatusChangeRefusal, reason: string, source: string) =>
    new ApiError(409, code, `status: ${reason} (${source})`, 'status'),
  statusChangedMeanwhile: () =>
    new ApiError(
      409,
      'STATUS_CHANGED_MEANWHILE',
      'status: trạng thái vừa được thay đổi bởi người khác; tải lại và thử lại',
      'status',
    ),
  transferRequired: (fullName: string) =>
    new ApiError(
      409,
      'TRANSFER_REQUIRED',
      `workplaceCellId: ${fullName} là đảng viên; chuyển sinh hoạt đảng sang chi bộ khác qua thủ tục chuyển sinh hoạt (POST /transfers), không sửa trực tiếp`,
      'workplaceCellId',
    ),
  cellOwnedByAdmission: (fullName: string) =>
    new ApiError(
      409,
      'CELL_OWNED_BY_ADMISSION',
      `workplaceCellId: ${fullName} đang có hồ sơ kết nạp; chi bộ xét kết nạp không đổi được khi hồ sơ đang chạy`,
      'workplaceCellId',
    ),
  forbiddenRead: (cellName: string) => ApiError.forbidden(`Không có quyền xem đảng viên, quần chúng thuộc ${cellName}`),
  forbiddenManage: (cellName: string) =>
    ApiError.forbidden(
      `Chỉ chi ủy ${cellName}, đảng ủy viên cơ sở, Ban Tổ chức hoặc quản trị ở cấp trên được ghi, sửa hồ sơ của người này`,
    ),
  forbiddenCommitteeDecision: (cellName: string) =>
    ApiError.forbidden(
      `Quyết định này của cấp ủy cấp trên chỉ được ghi bởi đảng ủy viên cơ sở, Ban Tổ chức hoặc quản trị ở cấp trên ${cellName}`,
    ),
};
