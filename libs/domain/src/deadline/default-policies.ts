import { ADMISSION_PROCESS, type AdmissionTaskStepName } from '../admission/admission-steps';
import type { DeadlinePolicy, Duration } from './deadline-policy';
import { defaultPolicyBuilder, workingDays } from './policy-builder';
import { INSPECTION_DEADLINE_POLICIES } from '../inspection/inspection-checklist';
import { SCREENING_DEADLINE_POLICIES } from '../screening/screening-steps';
import { TRANSFER_DEADLINE_POLICIES } from '../transfer/transfer-steps';
import { INCIDENT_DEADLINE_POLICIES } from '../incident/incident';

const wd = workingDays;
const policy = defaultPolicyBuilder<AdmissionTaskStepName>(ADMISSION_PROCESS);

/**
 * Default deadline policies of the admission process, one per task step (eligibility is checked
 * by a rule, with no task, so it has none). Regulatory limits
 * cite their rule; the rest are assumptions [A] (no limit was found) to be configured.
 * `case_event` anchors: decision ← date of the cell's resolution; ceremony ← date the
 * cell received the decision; recognition_cell_vote ← end of the 12-month probation;
 * recognition_decision ← date of the cell's recognition resolution.
 */
export const DEFAULT_DEADLINE_POLICIES: DeadlinePolicy[] = [
  policy('introducers', {
    due: wd(10),
    remindBefore: wd(2),
    anchor: 'task_opened',
    source: '[A] Không tìm thấy thời hạn; mặc định 10 ngày làm việc (QĐ 24-QĐ/TW §3 [R16]).',
  }),
  policy('background_check', {
    due: wd(15),
    remindBefore: wd(2),
    anchor: 'task_opened',
    source: '[A] Không tìm thấy thời hạn thẩm tra lý lịch [R15]; mặc định 15 ngày làm việc.',
  }),
  policy('special_verification', {
    due: wd(15),
    remindBefore: wd(2),
    anchor: 'task_opened',
    source: '[A] Không tìm thấy thời hạn; mặc định 15 ngày làm việc ([seed:003] trường hợp đặc thù).',
  }),
  policy('opinion_residence', {
    due: wd(10),
    remindBefore: wd(2),
    anchor: 'task_opened',
    source: '[A] Không tìm thấy thời hạn trả lời [R13][R14]; mặc định 10 ngày làm việc.',
  }),
  policy('opinion_mass_org', {
    due: wd(10),
    remindBefore: wd(2),
    anchor: 'task_opened',
    source: '[A] Không tìm thấy thời hạn trả lời [R13][R14]; mặc định 10 ngày làm việc.',
  }),
  policy('course_certificate_refresh', {
    due: wd(15),
    remindBefore: wd(2),
    anchor: 'task_opened',
    source:
      '[A] Không tìm thấy thời hạn; mặc định 15 ngày làm việc để người vào Đảng học lại lớp bồi dưỡng nhận thức về Đảng và nộp giấy chứng nhận mới [R15][R20].',
  }),
  policy('cell_vote', {
    due: wd(15),
    remindBefore: wd(2),
    anchor: 'task_opened',
    source: '[A] Không có thời hạn; 15 ngày làm việc để kịp kỳ sinh hoạt chi bộ hằng tháng (Điều lệ Điều 24 [R41]).',
  }),
  policy('grassroots_vote', {
    due: wd(15),
    remindBefore: wd(2),
    anchor: 'task_opened',
    source: '[A] Không tìm thấy thời hạn; mặc định 15 ngày làm việc, nằm trong 60 ngày làm việc của bước quyết định.',
  }),
  policy('appraisal', {
    due: wd(15),
    remindBefore: wd(2),
    anchor: 'task_opened',
    source:
      '[A] Không tìm thấy thời hạn; mặc định 15 ngày làm việc, nằm trong 60 ngày làm việc của bước quyết định ([seed:001][seed:003]).',
  }),
  policy('decision', {
    due: wd(60),
    remindBefore: wd(5),
    anchor: 'case_event',
    source:
      'QĐ 29-QĐ/TW §4.3.1 [R5], giữ nguyên tại QĐ 24-QĐ/TW và QĐ 232-QĐ/TW §4.3.1 [R7]: 60 ngày làm việc kể từ ngày chi bộ có nghị quyết đề nghị kết nạp; gia hạn tối đa 30 ngày làm việc trong trường hợp đặc biệt.',
  }),
  policy('ceremony', {
    due: wd(30),
    remindBefore: wd(5),
    anchor: 'case_event',
    source:
      'QĐ 24-QĐ/TW Điều 5 khoản 1; QĐ 232-QĐ/TW §4.1 [R4][R6][R7]: 30 ngày làm việc kể từ ngày nhận quyết định kết nạp; quá hạn phải được cấp ủy cấp trên trực tiếp đồng ý.',
  }),
  policy('assign_helper', {
    due: wd(10),
    remindBefore: wd(2),
    anchor: 'task_opened',
    source:
      '[A] Không tìm thấy thời hạn; chi bộ phân công đảng viên chính thức giúp đỡ [R17]; mặc định 10 ngày làm việc.',
  }),
  policy('recognition_cell_vote', {
    due: wd(30),
    remindBefore: wd(5),
    anchor: 'case_event',
    source: 'QĐ 24-QĐ/TW Điều 5 khoản 2 [R4][R6]: chi bộ xét trong 30 ngày làm việc kể từ ngày hết 12 tháng dự bị.',
  }),
  policy('recognition_superior_decision', {
    due: wd(15),
    remindBefore: wd(2),
    anchor: 'task_opened',
    source:
      '[A] Không tìm thấy thời hạn riêng; mặc định 15 ngày làm việc, nằm trong 30 ngày làm việc của bước quyết định công nhận.',
  }),
  policy('recognition_decision', {
    due: wd(30),
    remindBefore: wd(5),
    anchor: 'case_event',
    source:
      'QĐ 29-QĐ/TW §4.3.1 [R5], giữ nguyên tại QĐ 232-QĐ/TW [R7]: 30 ngày làm việc kể từ ngày chi bộ có nghị quyết đề nghị công nhận đảng viên chính thức; gia hạn tối đa 30 ngày làm việc.',
  }),
  ...SCREENING_DEADLINE_POLICIES,
  ...TRANSFER_DEADLINE_POLICIES,
  ...INSPECTION_DEADLINE_POLICIES,
  ...INCIDENT_DEADLINE_POLICIES,
];

export type SourcedDuration = Duration & { source: string };

/** Default durations that are not task deadlines. Each is a configurable parameter. */
export type DefaultDurations = {
  probation: SourcedDuration;
  certificateValidity: SourcedDuration;
  decisionExtension: SourcedDuration;
  recognitionDecisionExtension: SourcedDuration;
};

export const DEFAULT_DURATIONS: DefaultDurations = {
  probation: {
    amount: 12,
    unit: 'months',
    source: 'Điều lệ Đảng Điều 5 [R18]: thời kỳ dự bị 12 tháng kể từ ngày chi bộ tổ chức lễ kết nạp.',
  },
  certificateValidity: {
    amount: 60,
    unit: 'months',
    source:
      '[A] Thời hạn giá trị của giấy chứng nhận bồi dưỡng nhận thức về Đảng không tìm thấy trong văn bản [R15][R20]; 60 tháng là mức thường được nêu.',
  },
  decisionExtension: {
    amount: 30,
    unit: 'working_days',
    source: 'QĐ 29-QĐ/TW §4.3.1 [R5]; QĐ 232-QĐ/TW [R7]: gia hạn tối đa 30 ngày làm việc.',
  },
  recognitionDecisionExtension: {
    amount: 30,
    unit: 'working_days',
    source: 'QĐ 29-QĐ/TW §4.3.1 [R5]: gia hạn tối đa 30 ngày làm việc.',
  },
};
