import type { MemberEntity } from '@partyflow/persistence';
import { ApiError } from '../common/api-error';

/** The transfer capability's own error answers: code and Vietnamese message. */
export const transferErrors = {
  notTransferable: (member: Pick<MemberEntity, 'fullName' | 'status'>) =>
    ApiError.conflict('NOT_TRANSFERABLE', `memberId: ${member.fullName} đang ở trạng thái '${member.status}'`),
};
