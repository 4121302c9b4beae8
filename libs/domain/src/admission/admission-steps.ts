import { TWO_THIRDS, type Threshold } from '../rules/votes.rules';

/**
 * Steps of the admission process (A1–A11 of DOMAIN.md §1), in procedural order.
 * Vietnamese labels are in the glossary (`labelVi(step)`).
 */
export const ADMISSION_STEPS = [
  'eligibility',
  'introducers',
  'background_check',
  'special_verification',
  'opinion_residence',
  'opinion_mass_org',
  'course_certificate_refresh',
  'cell_vote',
  'grassroots_vote',
  'appraisal',
  'decision',
  'ceremony',
  'assign_helper',
  'recognition_cell_vote',
  'recognition_superior_decision',
  'recognition_decision',
] as const;
export type AdmissionStep = (typeof ADMISSION_STEPS)[number];

export const ADMISSION_PROCESS = 'admission';

/** The steps that are human tasks, each with a deadline policy: all but `eligibility`, a rule check with no task. */
export const ADMISSION_TASK_STEPS = ADMISSION_STEPS.filter(
  (step): step is Exclude<AdmissionStep, 'eligibility'> => step !== 'eligibility',
);
export type AdmissionTaskStepName = (typeof ADMISSION_TASK_STEPS)[number];

export type AdmissionVote = 'cellVote' | 'grassrootsVote' | 'recognitionVote';

/**
 * The default thresholds of the admission votes (the workflow input's `thresholds`), each a
 * configurable parameter [seed:000]; their sources are in `ADMISSION_VOTE_THRESHOLD_SOURCES`.
 */
export const ADMISSION_VOTE_THRESHOLDS: Record<AdmissionVote, Threshold> = {
  cellVote: TWO_THIRDS,
  grassrootsVote: TWO_THIRDS,
  recognitionVote: TWO_THIRDS,
};

export const ADMISSION_VOTE_THRESHOLD_SOURCES: Record<AdmissionVote, string> = {
  cellVote: 'Điều lệ Đảng Điều 4 khoản 3 [R13][R14]: chi bộ xét từng người, ≥ 2/3 đảng viên chính thức tán thành.',
  grassrootsVote: '[A] Đảng ủy cơ sở ≥ 2/3, tương tự ngưỡng xóa tên đảng viên dự bị [R25].',
  recognitionVote: 'QĐ 24-QĐ/TW Điều 5 khoản 2 [R4][R6]: chi bộ biểu quyết công nhận như khi kết nạp (≥ 2/3).',
};

export function isAdmissionStep(value: string): value is AdmissionStep {
  return (ADMISSION_STEPS as readonly string[]).includes(value);
}

/**
 * Cases that need a templated verification request during the background check
 * (Hoàng Mai practice) [seed:003]. Religious believers: QĐ 123-QĐ/TW (2004) [R52].
 */
export const SPECIAL_VERIFICATION_CASES = ['police_officer', 'religious_believer', 'parent_of_third_child'] as const;
export type SpecialVerificationCase = (typeof SPECIAL_VERIFICATION_CASES)[number];

export const SPECIAL_VERIFICATION_CASE_INFO: Record<SpecialVerificationCase, { vi: string; source: string }> = {
  police_officer: {
    vi: 'Chiến sĩ công an',
    source: '[seed:003] Ban Tổ chức Quận ủy Hoàng Mai: văn bản mẫu thẩm tra, xác minh trường hợp đặc thù',
  },
  religious_believer: {
    vi: 'Người có đạo',
    source: '[seed:003] Ban Tổ chức Quận ủy Hoàng Mai: văn bản mẫu thẩm tra, xác minh; QĐ 123-QĐ/TW (2004) [R52]',
  },
  parent_of_third_child: {
    vi: 'Quần chúng sinh con thứ 3',
    source: '[seed:003] Ban Tổ chức Quận ủy Hoàng Mai: văn bản mẫu thẩm tra, xác minh trường hợp đặc thù',
  },
};

export function isSpecialVerificationCase(value: string): value is SpecialVerificationCase {
  return (SPECIAL_VERIFICATION_CASES as readonly string[]).includes(value);
}
