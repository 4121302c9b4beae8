import { ApiError } from '../common/api-error';

/** The users capability's own error answers: code and Vietnamese message. */
export const userErrors = {
  notFound: (id: string) => ApiError.notFound('người dùng', id),
  assignmentNotFound: (id: string) => ApiError.notFound('phân quyền', id),
  usernameTaken: (username: string) =>
    new ApiError(409, 'USERNAME_TAKEN', `username: tên đăng nhập '${username}' đã có người dùng`, 'username'),
  memberHasUser: (fullName: string, username: string) =>
    new ApiError(
      409,
      'MEMBER_HAS_USER',
      `memberId: ${fullName} đã có tài khoản '${username}'; đặt lại mật khẩu thay vì tạo tài khoản mới`,
      'memberId',
    ),
  roleAlreadyGranted: (role: string, orgName: string, from: string | null, until: string | null) =>
    new ApiError(
      409,
      'ROLE_ALREADY_GRANTED',
      `role: người dùng đã giữ vai trò ${role} tại ${orgName} trong thời gian trùng (${from ?? '…'} – ${until ?? '…'}); thu hồi phân quyền đó trước`,
      'role',
    ),
  alreadyRevoked: () => new ApiError(409, 'ROLE_ALREADY_REVOKED', 'Phân quyền này đã bị thu hồi'),
  userDisabled: (username: string) =>
    new ApiError(409, 'USER_DISABLED', `Tài khoản '${username}' đang bị khóa; mở khóa trước khi phân quyền`),
  alreadyDisabled: (username: string) =>
    new ApiError(409, 'USER_ALREADY_DISABLED', `Tài khoản '${username}' đã bị khóa`),
  notDisabled: (username: string) => new ApiError(409, 'USER_NOT_DISABLED', `Tài khoản '${username}' không bị khóa`),
  cannotDisableSelf: () =>
    new ApiError(409, 'CANNOT_DISABLE_SELF', 'Không tự khóa tài khoản của mình; nhờ một quản trị khác ở cấp trên'),
  forbiddenOrg: (orgName: string) =>
    ApiError.forbidden(
      `Chỉ quản trị hệ thống tại ${orgName} hoặc cấp trên được tạo người dùng, phân quyền, thu hồi quyền ở đó`,
    ),
  forbiddenList: () => ApiError.forbidden('Chỉ quản trị hệ thống được xem danh sách người dùng'),
  forbiddenUser: (username: string) =>
    ApiError.forbidden(
      `Tài khoản '${username}' có tổ chức hoặc vai trò ngoài phạm vi quản trị của bạn; chỉ quản trị ở cấp trên của tất cả các tổ chức đó được quản lý tài khoản này`,
    ),
};
