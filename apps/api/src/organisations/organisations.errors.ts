import type { OrganisationEntity } from '@partyflow/persistence';
import { ApiError } from '../common/api-error';

export type OpenWork = { children: number; members: number; openTasks: number; runningCases: number };

/** The organisation capability's own error answers: code and Vietnamese message. */
export const organisationErrors = {
  codeTaken: (code: string) =>
    ApiError.conflict('ORGANISATION_CODE_TAKEN', `Mã tổ chức '${code}' đã được dùng cho một tổ chức khác.`),
  closed: (org: Pick<OrganisationEntity, 'name' | 'closedAt' | 'closedBy'>) =>
    ApiError.conflict(
      'ORGANISATION_CLOSED',
      `${org.name} đã đóng lúc ${org.closedAt?.toISOString() ?? ''} bởi ${org.closedBy ?? 'không rõ'}; không thay đổi được nữa.`,
    ),
  notEmpty: (org: Pick<OrganisationEntity, 'name'>, open: OpenWork) =>
    ApiError.conflict(
      'ORGANISATION_NOT_EMPTY',
      `Chưa đóng được ${org.name}: còn ${open.children} tổ chức trực thuộc đang hoạt động, ${open.members} đảng viên, ` +
        `quần chúng chưa chuyển đi, ${open.openTasks} nhiệm vụ đang mở và ${open.runningCases} hồ sơ đang giải quyết.`,
    ),
  breaksDelegation: (org: Pick<OrganisationEntity, 'name'>, grantIds: string[]) =>
    ApiError.conflict(
      'ORGANISATION_MOVE_BREAKS_DELEGATION',
      `${org.name} đang giữ ủy quyền của cấp trên hiện tại (${grantIds.join(', ')}); ` +
        'hãy thu hồi ủy quyền trước khi chuyển sang trực thuộc tổ chức khác.',
    ),
  strandsTasks: (count: number) =>
    ApiError.conflict(
      'ORGANISATION_MOVE_STRANDS_TASKS',
      `Không chuyển được: ${count} nhiệm vụ đang mở của các hồ sơ trong tổ chức không có cấp tương ứng ở nơi mới.`,
    ),
};
