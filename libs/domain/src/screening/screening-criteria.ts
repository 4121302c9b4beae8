/**
 * The coded list of screening criteria (tiêu chí rà soát). 02-HD/BTCTƯ Mục II.1 lists four
 * criteria and the page we have is cut off after the fourth [R2]; the seeds add transfers never
 * presented and ignored assignments [seed:000][seed:004], and the Charter's strike-off grounds
 * are screened the same way [R23][R24]. Adding a code here forces its label, source and kind
 * (the map is typed over the list), so the list stays extensible without a schema change:
 * `screening_case.ground` and `screening_flag.criterion` store the code as text.
 */
export const SCREENING_CRITERIA = [
  'absence_or_unpaid_dues',
  'not_completed_two_years',
  'violation_during_discipline',
  'political_ethical_degradation',
  'breach_of_example_rules',
  'transfer_not_presented',
  'no_progress_after_help',
  'ignored_assignments',
] as const;
export type ScreeningCriterion = (typeof SCREENING_CRITERIA)[number];

export type ScreeningCriterionInfo = {
  vi: string;
  source: string;
  /**
   * `automatic`: a detection rule evaluates it over the records; `manual_only`: only a flag raised
   * by a cell committee member.
   */
  detection: 'automatic' | 'manual_only';
  /** A ground for striking the member off (xóa tên) rather than a criterion for help first. */
  strikeOffGround: boolean;
};

export const SCREENING_CRITERION_INFO: Record<ScreeningCriterion, ScreeningCriterionInfo> = {
  absence_or_unpaid_dues: {
    vi: 'Bỏ sinh hoạt đảng hoặc không đóng đảng phí ba tháng trong năm mà không có lý do chính đáng',
    source: 'Điều lệ Đảng Điều 8; QĐ 24-QĐ/TW §8.1 [R23][R24]',
    detection: 'automatic',
    strikeOffGround: true,
  },
  not_completed_two_years: {
    vi: 'Hai năm liền xếp loại "Không hoàn thành nhiệm vụ"',
    source: 'HD 02-HD/BTCTƯ Mục II.1, tiêu chí 1 [R2]',
    detection: 'automatic',
    strikeOffGround: false,
  },
  violation_during_discipline: {
    vi: 'Đang trong thời hạn chịu kỷ luật Đảng hoặc kỷ luật hành chính mà tiếp tục vi phạm',
    source: 'HD 02-HD/BTCTƯ Mục II.1, tiêu chí 2 [R2]',
    detection: 'automatic',
    strikeOffGround: false,
  },
  political_ethical_degradation: {
    vi: 'Suy thoái về tư tưởng chính trị, đạo đức, lối sống, "tự diễn biến", "tự chuyển hóa"',
    source: 'HD 02-HD/BTCTƯ Mục II.1, tiêu chí 3 [R2]',
    detection: 'manual_only',
    strikeOffGround: false,
  },
  breach_of_example_rules: {
    vi: 'Vi phạm quy định về trách nhiệm nêu gương hoặc những điều đảng viên không được làm',
    source: 'HD 02-HD/BTCTƯ Mục II.1, tiêu chí 4 [R2]',
    detection: 'manual_only',
    strikeOffGround: false,
  },
  transfer_not_presented: {
    vi: 'Chuyển sinh hoạt đảng nhưng không nộp hồ sơ, không trình diện tại nơi đến trong thời hạn',
    source: 'Chỉ thị 28-CT/TW [seed:000]; [seed:004]; thời hạn trình diện 30 ngày [R30]',
    detection: 'automatic',
    strikeOffGround: false,
  },
  no_progress_after_help: {
    vi: 'Đã được chi bộ giáo dục, giúp đỡ nhưng sau 12 tháng phấn đấu không tiến bộ',
    source: 'Điều lệ Đảng Điều 8; QĐ 24-QĐ/TW §8.1 [R23][R24]',
    detection: 'automatic',
    strikeOffGround: true,
  },
  ignored_assignments: {
    vi: 'Không chấp hành sự phân công của tổ chức đảng',
    source: 'Chỉ thị 28-CT/TW [seed:000]; [seed:004]',
    detection: 'manual_only',
    strikeOffGround: false,
  },
};

export function isScreeningCriterion(value: string): value is ScreeningCriterion {
  return (SCREENING_CRITERIA as readonly string[]).includes(value);
}

/** The criteria a detection rule evaluates; the others come only from manual flags. */
export const AUTOMATIC_SCREENING_CRITERIA = SCREENING_CRITERIA.filter(
  (c) => SCREENING_CRITERION_INFO[c].detection === 'automatic',
);
