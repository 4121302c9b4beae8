import type { CriteriaSetEntity, OrganisationEntity } from '@partyflow/persistence';
import { ApiError } from '../common/api-error';

/** The criteria capability's own error answers: code and Vietnamese message. */
export const criteriaErrors = {
  documentExists: (org: Pick<OrganisationEntity, 'name'>, clash: Pick<CriteriaSetEntity, 'id' | 'documentRef'>) =>
    ApiError.conflict(
      'CRITERIA_SET_DOCUMENT_EXISTS',
      `${org.name} đã có bộ tiêu chuẩn theo văn bản ${clash.documentRef} (${clash.id}); hãy sửa bộ đó thay vì tạo mới.`,
    ),
  retired: (set: Pick<CriteriaSetEntity, 'name' | 'retiredAt' | 'retiredBy'>) =>
    ApiError.conflict(
      'CRITERIA_SET_RETIRED',
      `Bộ tiêu chuẩn “${set.name}” đã bãi bỏ lúc ${set.retiredAt?.toISOString() ?? '?'} bởi ${set.retiredBy ?? 'không rõ'}.`,
    ),
  overlaps: (clash: Pick<CriteriaSetEntity, 'id' | 'name' | 'effectiveFrom' | 'effectiveUntil'>) =>
    ApiError.badRequest(
      'effectiveFrom',
      `trùng thời gian hiệu lực với bộ tiêu chuẩn “${clash.name}” (${clash.id}, từ ${clash.effectiveFrom}` +
        `${clash.effectiveUntil ? ` đến ${clash.effectiveUntil}` : ', không thời hạn'}); mỗi cấp ủy chỉ có một bộ tiêu chuẩn có hiệu lực trong một ngày`,
    ),
};
