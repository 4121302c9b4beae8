import {
  addMonths,
  compareLocalDate,
  formatLocalDateVi,
  parseLocalDate,
  type LocalDate,
} from '../calendar/local-date.util';
import { educationRank, type EducationLevel } from '../education';
import { DomainError } from '../errors';
import { EDUCATION_LEVEL_LABELS } from '../glossary';
import type { RuleResult } from './rule-result';

export const AGE_RULE_SOURCE = 'QĐ 24-QĐ/TW §1.1 [R8]';
export const EDUCATION_RULE_SOURCE = 'QĐ 24-QĐ/TW §1.2 [R8]';
export const COURSE_CERTIFICATE_RULE_SOURCE =
  'HD 01-HD/TW [R15]; chương trình 50 tiết HD 61-HD/BTGTW [R20]; thời hạn giá trị 60 tháng là giả định [A]';

/** 18 and 60 years counted in months [R8: QĐ 24 §1.1.1]. */
export const DEFAULT_MIN_AGE_MONTHS = 216;
export const DEFAULT_MAX_AGE_MONTHS = 720;
/** [A] No validity was found in the regulations; 60 months is the figure usually cited. */
export const DEFAULT_CERTIFICATE_VALIDITY_MONTHS = 60;
/** The lowest education level that passes without an exception (THCS) [R8: QĐ 24 §1.2.1]. */
export const MIN_EDUCATION_LEVEL: EducationLevel = 'lower_secondary';

/**
 * Full months completed from `birthDate` to `onDate`: the largest k with
 * addMonths(birthDate, k) ≤ onDate. A birthday missing from a month falls on its last day
 * (born 2008-02-29 → 18 years on 2026-02-28), the month-end rule of time limits counted in
 * months [A]. Throws `DomainError('BIRTH_DATE_AFTER_ON_DATE')` if born after `onDate`.
 */
export function ageInMonths({ birthDate, onDate }: { birthDate: LocalDate; onDate: LocalDate }): number {
  if (compareLocalDate(birthDate, onDate) > 0) {
    throw new DomainError('BIRTH_DATE_AFTER_ON_DATE', `Birth date ${birthDate} is after ${onDate}`);
  }
  const birth = parseLocalDate(birthDate);
  const on = parseLocalDate(onDate);
  const months = (on.year - birth.year) * 12 + (on.month - birth.month);
  return compareLocalDate(addMonths(birthDate, months), onDate) > 0 ? months - 1 : months;
}

/** '18 tuổi', '17 tuổi 11 tháng'. */
export function formatAgeVi(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? `${years} tuổi` : `${years} tuổi ${rest} tháng`;
}

export type CheckAgeArgs = { birthDate: LocalDate; onDate: LocalDate; minMonths?: number; maxMonths?: number };

/**
 * From full 18 to full 60 years, counted in months, on the day the cell considers the case
 * [R8: QĐ 24 §1.1.1]: 216 ≤ age in months ≤ 720, so 60 years 0 months passes and 60 years
 * 1 month fails. Admitting someone over 60 needs a committee directly under the Central
 * Committee (§1.1.2); that decision is outside this check.
 */
export function checkAge({
  birthDate,
  onDate,
  minMonths = DEFAULT_MIN_AGE_MONTHS,
  maxMonths = DEFAULT_MAX_AGE_MONTHS,
}: CheckAgeArgs): RuleResult {
  const months = ageInMonths({ birthDate, onDate });
  const at = `Tính đến ngày ${formatLocalDateVi(onDate)}, người vào Đảng (sinh ngày ${formatLocalDateVi(birthDate)}) được ${formatAgeVi(months)} (${months} tháng)`;
  const range = `từ đủ ${formatAgeVi(minMonths)} (${minMonths} tháng) đến đủ ${formatAgeVi(maxMonths)} (${maxMonths} tháng)`;
  const base = { ruleId: 'national.age', source: AGE_RULE_SOURCE };
  if (months < minMonths) {
    return {
      ...base,
      passed: false,
      reason: `${at}, chưa đủ ${formatAgeVi(minMonths)} (${minMonths} tháng); yêu cầu ${range}.`,
    };
  }
  if (months > maxMonths) {
    return {
      ...base,
      passed: false,
      reason: `${at}, quá ${formatAgeVi(maxMonths)} (${maxMonths} tháng); yêu cầu ${range}. Kết nạp người trên 60 tuổi do cấp ủy trực thuộc Trung ương xem xét, quyết định (QĐ 24-QĐ/TW §1.1.2).`,
    };
  }
  return { ...base, passed: true, reason: `${at}, trong khoảng ${range}.` };
}

export type CheckCourseCertificateArgs = { issuedOn?: LocalDate | null; onDate: LocalDate; validityMonths?: number };

/** The last day a certificate issued on `issuedOn` is still valid (issuedOn + validityMonths, inclusive). */
export function certificateValidUntil({
  issuedOn,
  validityMonths = DEFAULT_CERTIFICATE_VALIDITY_MONTHS,
}: {
  issuedOn: LocalDate;
  validityMonths?: number;
}): LocalDate {
  return addMonths(issuedOn, validityMonths);
}

/**
 * The certificate of the Party awareness course [R15][R20] must exist and be valid on
 * `onDate`: valid through issuedOn + validityMonths inclusive (clamped to month end).
 */
export function checkCourseCertificate({
  issuedOn,
  onDate,
  validityMonths = DEFAULT_CERTIFICATE_VALIDITY_MONTHS,
}: CheckCourseCertificateArgs): RuleResult {
  const base = { ruleId: 'national.course_certificate', source: COURSE_CERTIFICATE_RULE_SOURCE };
  if (!issuedOn) {
    return { ...base, passed: false, reason: 'Chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng.' };
  }
  const issued = formatLocalDateVi(issuedOn);
  if (compareLocalDate(issuedOn, onDate) > 0) {
    return {
      ...base,
      passed: false,
      reason: `Giấy chứng nhận bồi dưỡng nhận thức về Đảng ghi ngày cấp ${issued}, sau ngày xét ${formatLocalDateVi(onDate)}: cần kiểm tra lại.`,
    };
  }
  const until = certificateValidUntil({ issuedOn, validityMonths });
  if (compareLocalDate(onDate, until) > 0) {
    return {
      ...base,
      passed: false,
      reason: `Giấy chứng nhận bồi dưỡng nhận thức về Đảng cấp ngày ${issued} chỉ có giá trị ${validityMonths} tháng, đến hết ngày ${formatLocalDateVi(until)}; ngày xét ${formatLocalDateVi(onDate)} đã quá hạn.`,
    };
  }
  return {
    ...base,
    passed: true,
    reason: `Giấy chứng nhận bồi dưỡng nhận thức về Đảng cấp ngày ${issued}, có giá trị ${validityMonths} tháng, đến hết ngày ${formatLocalDateVi(until)}.`,
  };
}

/**
 * Lower-secondary graduation (THCS) or above [R8: QĐ 24 §1.2.1]. The exceptions of §1.2.2
 * (mountain, island, ethnic-minority and hardship areas; other cases per the Secretariat's
 * guidance) are out of scope: they are decided by people, not by this check.
 */
export function checkEducation({ level }: { level: EducationLevel }): RuleResult {
  const base = { ruleId: 'national.education', source: EDUCATION_RULE_SOURCE };
  const label = EDUCATION_LEVEL_LABELS[level].vi;
  if (educationRank(level) >= educationRank(MIN_EDUCATION_LEVEL)) {
    return {
      ...base,
      passed: true,
      reason: `Trình độ học vấn: ${label}, đạt yêu cầu tốt nghiệp trung học cơ sở trở lên.`,
    };
  }
  return {
    ...base,
    passed: false,
    reason: `Trình độ học vấn: ${label}, chưa đạt yêu cầu tốt nghiệp trung học cơ sở trở lên. Trường hợp ngoại lệ (miền núi, hải đảo, vùng đồng bào dân tộc thiểu số, vùng đặc biệt khó khăn — QĐ 24-QĐ/TW §1.2.2) không được hệ thống xét tự động; cấp ủy xem xét theo hướng dẫn của Ban Bí thư.`,
  };
}
