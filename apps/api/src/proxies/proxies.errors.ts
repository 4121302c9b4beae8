import { ApiError } from '../common/api-error';

/** The proxy capability's own error answers (issue 14 §6): code and Vietnamese message. */
export const proxyErrors = {
  overlaps: (id: string) =>
    ApiError.conflict(
      'PROXY_GRANT_OVERLAPS',
      `Đã có ủy nhiệm cho cùng hai người này trùng thời gian (${id}); hãy thu hồi ủy nhiệm đó trước.`,
    ),
  revoked: (revokedAt: Date, revokedBy: string | null) =>
    ApiError.conflict(
      'PROXY_GRANT_REVOKED',
      `Ủy nhiệm đã được thu hồi lúc ${revokedAt.toISOString()} bởi ${revokedBy ?? 'không rõ'}.`,
    ),
  none: () =>
    new ApiError(
      403,
      'PROXY_GRANT_MISSING',
      'Bạn không có ủy nhiệm đang hiệu lực của đảng ủy cơ sở để hoàn thành nhiệm vụ thay người này',
      'onBehalfOf.userId',
    ),
};
