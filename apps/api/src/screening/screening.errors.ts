import { labelVi } from '@partyflow/domain';
import type { MemberEntity } from '@partyflow/persistence';
import { ApiError } from '../common/api-error';

/** The screening capability's own error answers: code and Vietnamese message. */
export const screeningErrors = {
  notScreenable: (member: Pick<MemberEntity, 'fullName' | 'status'>) =>
    ApiError.conflict('NOT_SCREENABLE', `memberId: ${member.fullName} đang ở trạng thái '${labelVi(member.status)}'`),
  caseAlreadyOpen: (member: Pick<MemberEntity, 'fullName'>, criterion: string) =>
    ApiError.conflict(
      'CASE_ALREADY_OPEN',
      `${member.fullName} đã có hồ sơ rà soát đang xử lý với căn cứ '${labelVi(criterion)}'`,
    ),
};
