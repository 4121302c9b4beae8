import { addMonths, type LocalDate } from '../calendar/local-date.util';
import { DomainError } from '../errors';

export const RECOGNITION_RULE_SOURCE =
  'Điều lệ Đảng Điều 5 [R18]; QĐ 24-QĐ/TW Điều 5 khoản 2 [R4][R6]: công nhận đúng thời điểm hết 12 tháng dự bị dù chi bộ họp chậm, cấp ủy chuẩn y chậm; qua 3 lần biểu quyết không đủ 2/3 thì báo cáo cấp ủy cấp trên trực tiếp và cấp ủy có thẩm quyền';

export const DEFAULT_PROBATION_MONTHS = 12;
export const DEFAULT_MAX_RECOGNITION_VOTES = 3;

/** The day the 12-month probation, counted from the ceremony, ends [R18]. */
export function probationEndDate({
  ceremonyDate,
  probationMonths = DEFAULT_PROBATION_MONTHS,
}: {
  ceremonyDate: LocalDate;
  probationMonths?: number;
}): LocalDate {
  return addMonths(ceremonyDate, probationMonths);
}

/**
 * The date a probationary member becomes official: the end of probation (ceremony + 12
 * months, month-end clamped), even when the cell votes or the committee approves late
 * [R4][R6]. It does not depend on the vote date, so none is taken.
 */
export function recognitionEffectiveDate({
  ceremonyDate,
  probationMonths = DEFAULT_PROBATION_MONTHS,
}: {
  ceremonyDate: LocalDate;
  probationMonths?: number;
}): LocalDate {
  return probationEndDate({ ceremonyDate, probationMonths });
}

/**
 * After `maxVotes` recognition votes that reached 2/3 neither for recognition nor for
 * xóa tên (outcome 'inconclusive'), the directly superior and the competent committees
 * decide [R4][R6].
 */
export function shouldEscalateRecognition({
  failedVotes,
  maxVotes = DEFAULT_MAX_RECOGNITION_VOTES,
}: {
  failedVotes: number;
  maxVotes?: number;
}): boolean {
  if (!Number.isSafeInteger(failedVotes) || failedVotes < 0 || !Number.isSafeInteger(maxVotes) || maxVotes < 1) {
    throw new DomainError(
      'INVALID_ARGUMENT',
      `failedVotes must be ≥ 0 and maxVotes ≥ 1, got ${failedVotes}, ${maxVotes}`,
    );
  }
  return failedVotes >= maxVotes;
}
