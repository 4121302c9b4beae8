import { compareLocalDate, formatLocalDateVi as vi, type LocalDate } from '../calendar/local-date.util';
import type { FieldProblem } from '../errors';

/**
 * The personal record of a member or candidate (quần chúng ưu tú), issue 9 §2: the vocabulary,
 * the national ID (CCCD) and the consistency of the dates a registration or an edit gives.
 */

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
/** Kept beside the vocabulary, not merged into the glossary (whose keys must stay unique). */
export const GENDER_LABELS: Record<Gender, { vi: string }> = { male: { vi: 'Nam' }, female: { vi: 'Nữ' } };

/**
 * The socio-political organisations a candidate can belong to; each gives its opinion before the cell
 * votes [R13][R14]. The key is the suffix of the admission task `opinion_mass_org:<key>`.
 */
export const MASS_ORGANISATION_KINDS = [
  'doan_thanh_nien',
  'cong_doan',
  'hoi_phu_nu',
  'hoi_nong_dan',
  'hoi_cuu_chien_binh',
] as const;
export type MassOrganisationKind = (typeof MASS_ORGANISATION_KINDS)[number];
export const MASS_ORGANISATION_LABELS: Record<MassOrganisationKind, { vi: string }> = {
  doan_thanh_nien: { vi: 'Đoàn TNCS Hồ Chí Minh' },
  cong_doan: { vi: 'Công đoàn cơ sở' },
  hoi_phu_nu: { vi: 'Hội Liên hiệp Phụ nữ' },
  hoi_nong_dan: { vi: 'Hội Nông dân' },
  hoi_cuu_chien_binh: { vi: 'Hội Cựu chiến binh' },
};

export const NATIONAL_ID_SOURCE =
  'Số định danh cá nhân (số căn cước công dân) gồm 12 chữ số: Luật Căn cước công dân 2014 Điều 19, NĐ 137/2015/NĐ-CP Điều 13 [A: không có trong các nguồn của DOMAIN.md]';
const NATIONAL_ID_PATTERN = /^\d{12}$/;

/** Exactly 12 digits [NATIONAL_ID_SOURCE]; the digits' structure (province, century, year) is not checked. */
export function isValidNationalId(value: string): boolean {
  return NATIONAL_ID_PATTERN.test(value);
}

/**
 * The national ID as shown to a reader without access to personal data: every digit but the last
 * four replaced by '*' ('001201004321' → '********4321'), enough to tell two people apart.
 */
export function maskNationalId(value: string): string {
  const visible = 4;
  return value.length <= visible
    ? '*'.repeat(value.length)
    : '*'.repeat(value.length - visible) + value.slice(-visible);
}

/** The Party-awareness course and its certificate [R15][R20]. */
export type CourseCertificateDates = {
  courseStartedOn: LocalDate;
  courseEndedOn?: LocalDate | null;
  issuedOn: LocalDate;
};

const FIRST_BIRTH_YEAR = 1900;

/**
 * The dates of a personal record checked against each other and against today (issue 9 §8), each
 * problem naming its field:
 * - the birth date is not after today and not before 1900;
 * - the course does not begin before the birth date or after today, and ends on or after it began;
 * - the certificate is not dated before the course began, nor before it ended, nor after today.
 * `today` is the Vietnamese local date (Asia/Ho_Chi_Minh) of the request. The certificate's
 * validity on the day of consideration is the eligibility rule's job (`checkCourseCertificate`).
 */
export function checkRecordDates({
  birthDate,
  course,
  today,
}: {
  birthDate: LocalDate;
  course?: CourseCertificateDates | null;
  today: LocalDate;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (compareLocalDate(birthDate, today) > 0) {
    problems.push({ field: 'birthDate', message: `không được sau ngày hôm nay (${vi(today)})` });
  } else if (Number(birthDate.slice(0, 4)) < FIRST_BIRTH_YEAR) {
    problems.push({ field: 'birthDate', message: `không được trước năm ${FIRST_BIRTH_YEAR}` });
  }
  if (!course) return problems;
  const { courseStartedOn, courseEndedOn, issuedOn } = course;
  const at = (key: string) => `courseCertificate.${key}`;
  if (compareLocalDate(courseStartedOn, birthDate) < 0) {
    problems.push({ field: at('courseStartedOn'), message: `không được trước ngày sinh (${vi(birthDate)})` });
  } else if (compareLocalDate(courseStartedOn, today) > 0) {
    problems.push({ field: at('courseStartedOn'), message: `không được sau ngày hôm nay (${vi(today)})` });
  }
  if (courseEndedOn && compareLocalDate(courseEndedOn, courseStartedOn) < 0) {
    problems.push({
      field: at('courseEndedOn'),
      message: `không được trước ngày bắt đầu lớp bồi dưỡng (${vi(courseStartedOn)})`,
    });
  }
  if (compareLocalDate(issuedOn, courseStartedOn) < 0) {
    problems.push({
      field: at('issuedOn'),
      message: `giấy chứng nhận không được ghi ngày trước ngày bắt đầu lớp bồi dưỡng (${vi(courseStartedOn)})`,
    });
  } else if (courseEndedOn && compareLocalDate(issuedOn, courseEndedOn) < 0) {
    problems.push({
      field: at('issuedOn'),
      message: `giấy chứng nhận không được ghi ngày trước ngày kết thúc lớp bồi dưỡng (${vi(courseEndedOn)})`,
    });
  } else if (compareLocalDate(issuedOn, today) > 0) {
    problems.push({ field: at('issuedOn'), message: `không được sau ngày hôm nay (${vi(today)})` });
  }
  return problems;
}
