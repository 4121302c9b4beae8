import type { MemberEntity, OrganisationEntity } from '@partyflow/persistence';
import { ApiError } from '../common/api-error';

/** The admission capability's own error answers: code and Vietnamese message. */
export const admissionErrors = {
  notACandidate: (candidate: Pick<MemberEntity, 'fullName' | 'status'>) =>
    ApiError.conflict(
      'NOT_A_CANDIDATE',
      `candidateMemberId: ${candidate.fullName} đang ở trạng thái '${candidate.status}', không phải người vào Đảng`,
    ),
  orgTreeIncomplete: (cell: Pick<OrganisationEntity, 'name'>) =>
    ApiError.conflict(
      'ORG_TREE_INCOMPLETE',
      `${cell.name} không trực thuộc một đảng ủy cơ sở có cấp ủy cấp trên trực tiếp`,
    ),
  caseAlreadyOpen: (candidate: Pick<MemberEntity, 'fullName'>) =>
    ApiError.conflict(
      'CASE_ALREADY_OPEN',
      `candidateMemberId: ${candidate.fullName} đã có một hồ sơ kết nạp đang xử lý`,
    ),
};
