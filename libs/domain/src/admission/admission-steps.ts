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
