import { ApiError } from '../common/api-error';

/** The substitutes capability's own error answers (issue 14 §2): code and Vietnamese message. */
export const substitutionErrors = {
  overlaps: (id: string, from: string, until: string) =>
    ApiError.conflict(
      'SUBSTITUTION_OVERLAPS',
      `Người vắng mặt đã có người thay trong tổ chức này trùng thời gian (${id}, từ ${from} đến ${until}); hãy thu hồi trước.`,
    ),
  revoked: (revokedAt: Date, revokedBy: string | null) =>
    ApiError.conflict(
      'SUBSTITUTION_REVOKED',
      `Việc thay thế đã được thu hồi lúc ${revokedAt.toISOString()} bởi ${revokedBy ?? 'không rõ'}.`,
    ),
  /** A task the caller would hold for someone, but the substitution is not in force today. */
  notInForce: (absentName: string, from: string, until: string, revoked: boolean, today: string) =>
    new ApiError(
      403,
      'SUBSTITUTION_NOT_IN_FORCE',
      revoked
        ? `Việc thay thế đồng chí ${absentName} (từ ${from} đến ${until}) đã bị thu hồi; bạn không còn xử lý nhiệm vụ này`
        : `Bạn chỉ thay đồng chí ${absentName} từ ${from} đến ${until}; hôm nay (${today}) bạn không có quyền xử lý nhiệm vụ này`,
    ),
};
