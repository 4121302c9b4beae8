import type { DeadlinePolicy, Duration } from '../deadline/deadline-policy';
import { defaultPolicyBuilder, workingDays } from '../deadline/policy-builder';
import { MAJORITY, TWO_THIRDS, type Threshold } from '../rules/votes.rules';

/**
 * The screening procedure of HD 02-HD/BTCTƯ (DOMAIN.md §2): detect → educate and help → screen →
 * remove. Step keys carry a `screening_` prefix because glossary keys are unique across processes.
 */
export const SCREENING_PROCESS = 'screening';

export const SCREENING_STEPS = [
  'screening_review',
  'screening_superior_direction',
  'screening_listing_vote',
  'screening_assign_helper',
  'screening_assessment_vote',
  'screening_removal_decision',
  'screening_appeal_review',
] as const;
export type ScreeningStep = (typeof SCREENING_STEPS)[number];

/** Phases of a screening case that are waits, not tasks. */
export const SCREENING_PHASES = ['screening_help_period', 'screening_appeal_window'] as const;
export type ScreeningPhase = (typeof SCREENING_PHASES)[number];

/** Forms of leaving the Party (DOMAIN.md §2 "Removal forms and who decides"). */
export const REMOVAL_FORMS = ['strike_off', 'expel', 'release'] as const;
export type RemovalFormKey = (typeof REMOVAL_FORMS)[number];

export type SourcedThreshold = Threshold & { source: string };
export type SourcedDurationValue = Duration & { source: string };

export type ScreeningDefaults = {
  listingVote: SourcedThreshold;
  assessmentVote: SourcedThreshold;
  /** A grassroots committee holding the delegated power decides as a whole committee. */
  delegatedDecision: SourcedThreshold;
  /** Otherwise the standing committee of the directly superior committee decides. */
  standingDecision: SourcedThreshold;
  helpPeriod: { months: number; source: string };
  appealWindow: Record<RemovalFormKey, SourcedDurationValue>;
};

/** Default thresholds and durations of the screening workflow input, each with its source. */
export const SCREENING_DEFAULTS: ScreeningDefaults = {
  listingVote: {
    ...TWO_THIRDS,
    source:
      'HD 02-HD/BTCTƯ bước 1 [R1]: ≥ 2/3 đảng viên chính thức, không tính đảng viên được miễn công tác và sinh hoạt đảng; bỏ phiếu kín.',
  },
  assessmentVote: { ...TWO_THIRDS, source: '[A] Tương tự bước 1 [R1]; chi bộ ≥ 2/3 đề nghị xóa tên [R25].' },
  delegatedDecision: {
    ...TWO_THIRDS,
    source: '[R25] Đảng ủy cơ sở được ủy quyền: 2/3 số cấp ủy viên đương nhiệm; khai trừ: ngưỡng không tìm thấy [A].',
  },
  standingDecision: {
    ...MAJORITY,
    source: '[R25] Ban thường vụ cấp ủy cấp trên: > 1/2; khai trừ và cho ra khỏi Đảng: ngưỡng không tìm thấy [A].',
  },
  helpPeriod: {
    months: 12,
    source: 'Điều lệ Đảng Điều 8; QĐ 24-QĐ/TW §8.1 [R23][R24]: sau 12 tháng được chi bộ giáo dục mà không tiến bộ.',
  },
  appealWindow: {
    strike_off: {
      amount: 30,
      unit: 'working_days',
      source:
        '[R24] QĐ 29 (giả định giữ nguyên tại QĐ 24 §8.2): khiếu nại xóa tên trong 30 ngày làm việc kể từ ngày nhận quyết định.',
    },
    release: { amount: 30, unit: 'working_days', source: '[A] Như xóa tên [R24].' },
    expel: {
      amount: 1,
      unit: 'months',
      source:
        'Điều lệ Đảng Điều 39 khoản 7, 9 [R26]: khiếu nại kỷ luật trong 1 tháng; vẫn chấp hành trong khi chờ giải quyết.',
    },
  },
};

const wd = workingDays;
const policy = defaultPolicyBuilder<ScreeningStep>(SCREENING_PROCESS);

/**
 * Default deadline policies of the screening steps; `screening_assessment_vote` is anchored on the
 * end of the help period.
 */
export const SCREENING_DEADLINE_POLICIES: DeadlinePolicy[] = [
  policy('screening_review', {
    due: wd(15),
    remindBefore: wd(2),
    anchor: 'task_opened',
    source: '[A] HD 02-HD/BTCTƯ bước 1 [R1] không nêu thời hạn; 15 ngày làm việc.',
  }),
  policy('screening_superior_direction', {
    due: wd(10),
    remindBefore: wd(2),
    anchor: 'task_opened',
    source: '[A] HD 02-HD/BTCTƯ bước 1 [R1]: xin ý kiến cấp ủy cấp trên trực tiếp; không nêu thời hạn.',
  }),
  policy('screening_listing_vote', {
    due: wd(30),
    remindBefore: wd(5),
    anchor: 'task_opened',
    source: '[A] Kỳ sinh hoạt chi bộ hằng tháng (Điều lệ Điều 24 [R41]); HD 02-HD/BTCTƯ [R1] không nêu thời hạn.',
  }),
  policy('screening_assign_helper', {
    due: wd(10),
    remindBefore: wd(2),
    anchor: 'task_opened',
    source: '[A] Không tìm thấy thời hạn phân công giúp đỡ.',
  }),
  policy('screening_assessment_vote', {
    due: wd(30),
    remindBefore: wd(5),
    anchor: 'case_event',
    source: '[A] Chi bộ đánh giá trong 30 ngày làm việc kể từ khi hết thời gian giúp đỡ [seed:000].',
  }),
  policy('screening_removal_decision', {
    due: wd(60),
    remindBefore: wd(5),
    anchor: 'task_opened',
    source: '[A] Không tìm thấy thời hạn; 60 ngày làm việc như quyết định kết nạp [R5].',
  }),
  policy('screening_appeal_review', {
    due: wd(90),
    remindBefore: wd(10),
    anchor: 'task_opened',
    source: '[R24] Khiếu nại xóa tên được giải quyết trong 90 ngày làm việc (cấp tỉnh, cấp huyện).',
  }),
];
