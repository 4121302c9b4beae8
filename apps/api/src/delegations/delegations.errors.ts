import { DELEGATED_POWER_LABELS, type DelegatedPowerKey } from '@partyflow/domain';
import type { DelegationGrantEntity, OrganisationEntity } from '@partyflow/persistence';
import { ApiError } from '../common/api-error';

/** The delegation capability's own error answers: code and Vietnamese message. */
export const delegationErrors = {
  overlaps: (
    power: DelegatedPowerKey,
    grantee: Pick<OrganisationEntity, 'name'>,
    clash: Pick<DelegationGrantEntity, 'id'>,
  ) =>
    ApiError.conflict(
      'DELEGATION_OVERLAPS',
      `Đã có ủy quyền '${DELEGATED_POWER_LABELS[power].vi}' cho ${grantee.name} trùng thời gian (${clash.id}); hãy thu hồi trước.`,
    ),
  revoked: (revokedAt: Date, revokedBy: string | null) =>
    ApiError.conflict(
      'DELEGATION_REVOKED',
      `Ủy quyền đã được thu hồi lúc ${revokedAt.toISOString()} bởi ${revokedBy ?? 'không rõ'}.`,
    ),
};
