import {
  ADMISSION_STEPS,
  SPECIAL_VERIFICATION_CASE_INFO,
  type AdmissionStep,
  type SpecialVerificationCase,
} from './admission/admission-steps';
import type { EducationLevel } from './education';
import type { Grading, MemberStatus, OrgKind } from './org';
import type { Role } from './roles';
import type { GrantStatus } from './quotas/delegation-grant';
import type { TimelinessClass } from './reports/task-timeliness';
import {
  FINDING_RESULT_LABELS,
  INSPECTION_ITEM_LABELS,
  INSPECTION_ROUND_STATUS_LABELS,
  INSPECTION_SCOPE_LABELS,
  INSPECTION_STEP_LABELS,
  REMEDIATION_STATUS_LABELS,
} from './inspection/inspection-labels';
import {
  REMOVAL_FORM_LABELS,
  SCREENING_PHASE_LABELS,
  SCREENING_STEP_LABELS,
  TRANSFER_STEP_LABELS,
} from './screening/screening-labels';
import { INCIDENT_LABELS } from './incident/incident-labels';
import {
  ATTENDANCE_STATUS_LABELS,
  DISCIPLINE_FORM_LABELS,
  RESIDENCE_ASSESSMENT_LABELS,
  SCREENING_CRITERION_LABELS,
} from './screening/records-labels';

export type GlossaryEntry = { vi: string; note?: string };

/** Typed per vocabulary so that adding an enum value fails compilation until it is labelled. */
export const ROLE_LABELS: Record<Role, GlossaryEntry> = {
  cell_committee_member: { vi: 'Chi ủy viên' },
  cell_secretary: { vi: 'Bí thư chi bộ' },
  grassroots_committee_member: { vi: 'Đảng ủy viên cơ sở', note: 'Ủy viên ban chấp hành đảng bộ cơ sở' },
  organisation_department: { vi: 'Ban Tổ chức', note: 'Cơ quan tham mưu về tổ chức của cấp ủy' },
  standing_committee_member: { vi: 'Ủy viên Ban Thường vụ' },
  supervisor: { vi: 'Cán bộ giám sát', note: 'Vai trò của hệ thống: theo dõi tiến độ, nhận cảnh báo quá hạn' },
  administrator: { vi: 'Quản trị hệ thống' },
};

export const ORG_KIND_LABELS: Record<OrgKind, GlossaryEntry> = {
  provincial_committee: { vi: 'Tỉnh ủy, thành ủy', note: 'Cấp ủy cấp tỉnh' },
  district_committee: { vi: 'Huyện ủy, quận ủy', note: 'Cấp huyện; không còn từ năm 2025 [R10]' },
  grassroots_committee: { vi: 'Đảng ủy cơ sở' },
  cell: { vi: 'Chi bộ' },
};

export const MEMBER_STATUS_LABELS: Record<MemberStatus, GlossaryEntry> = {
  candidate: { vi: 'Quần chúng ưu tú', note: 'Đối tượng kết nạp Đảng' },
  probationary: { vi: 'Đảng viên dự bị' },
  official: { vi: 'Đảng viên chính thức' },
  exempt: {
    vi: 'Đảng viên được miễn công tác và sinh hoạt đảng',
    note: 'Không tính vào số đảng viên biểu quyết khi quy định như vậy [R1]',
  },
  removed: { vi: 'Đã ra khỏi Đảng', note: 'Xóa tên, khai trừ hoặc cho ra khỏi Đảng' },
};

export const GRADING_LABELS: Record<Grading, GlossaryEntry> = {
  excellent: { vi: 'Hoàn thành xuất sắc nhiệm vụ' },
  good: { vi: 'Hoàn thành tốt nhiệm vụ' },
  completed: { vi: 'Hoàn thành nhiệm vụ' },
  not_completed: { vi: 'Không hoàn thành nhiệm vụ' },
};

export const EDUCATION_LEVEL_LABELS: Record<EducationLevel, GlossaryEntry> = {
  primary: { vi: 'Tiểu học' },
  lower_secondary: { vi: 'Trung học cơ sở' },
  upper_secondary: { vi: 'Trung học phổ thông' },
  vocational: { vi: 'Trung cấp' },
  college: { vi: 'Cao đẳng' },
  university: { vi: 'Đại học' },
  postgraduate: { vi: 'Sau đại học' },
};

export const ADMISSION_STEP_LABELS: Record<AdmissionStep, GlossaryEntry> = {
  eligibility: { vi: 'Kiểm tra điều kiện, tiêu chuẩn vào Đảng', note: 'QĐ 24-QĐ/TW §1 [R8]' },
  introducers: { vi: 'Giới thiệu người vào Đảng', note: 'QĐ 24-QĐ/TW §3 [R16]' },
  background_check: { vi: 'Thẩm tra lý lịch', note: '[R15]' },
  special_verification: { vi: 'Thẩm tra, xác minh trường hợp đặc thù', note: '[seed:003]' },
  opinion_residence: { vi: 'Ý kiến chi ủy nơi cư trú', note: '[R13][R14]' },
  opinion_mass_org: { vi: 'Ý kiến đoàn thể chính trị - xã hội', note: 'Nơi người vào Đảng sinh hoạt [R13][R14]' },
  cell_vote: { vi: 'Chi bộ biểu quyết đề nghị kết nạp', note: '≥ 2/3 đảng viên chính thức [R13][R14]' },
  grassroots_vote: { vi: 'Đảng ủy cơ sở xét, đề nghị kết nạp', note: '≥ 2/3 [A]' },
  appraisal: { vi: 'Thẩm định hồ sơ', note: 'Ban Tổ chức cấp ủy [seed:001][seed:003]' },
  decision: { vi: 'Quyết định kết nạp', note: 'QĐ 24-QĐ/TW; QĐ 232-QĐ/TW §4.3 [R5][R7]' },
  ceremony: { vi: 'Lễ kết nạp', note: '[R4][R6][R7]' },
  assign_helper: { vi: 'Phân công đảng viên chính thức giúp đỡ đảng viên dự bị', note: '[R17]' },
  recognition_cell_vote: { vi: 'Chi bộ xét công nhận đảng viên chính thức', note: '[R4][R6]' },
  recognition_superior_decision: { vi: 'Đảng ủy cơ sở xét, đề nghị công nhận đảng viên chính thức', note: '[R17]' },
  recognition_decision: { vi: 'Quyết định công nhận đảng viên chính thức', note: '[R5]' },
};

/** Phases of an admission case that are not a single task (shown as the case's current step). */
export const ADMISSION_PHASES = ['opinions', 'probation'] as const;
export const ADMISSION_PHASE_LABELS: Record<(typeof ADMISSION_PHASES)[number], GlossaryEntry> = {
  opinions: { vi: 'Lấy ý kiến nơi cư trú và đoàn thể chính trị - xã hội', note: '[R13][R14]' },
  probation: { vi: 'Thời kỳ dự bị (12 tháng)', note: 'Điều lệ Đảng Điều 5 [R18]' },
};

export const SPECIAL_VERIFICATION_CASE_LABELS: Record<SpecialVerificationCase, GlossaryEntry> = {
  police_officer: { vi: SPECIAL_VERIFICATION_CASE_INFO.police_officer.vi, note: '[seed:003]' },
  religious_believer: {
    vi: SPECIAL_VERIFICATION_CASE_INFO.religious_believer.vi,
    note: '[seed:003]; QĐ 123-QĐ/TW [R52]',
  },
  parent_of_third_child: { vi: SPECIAL_VERIFICATION_CASE_INFO.parent_of_third_child.vi, note: '[seed:003]' },
};

export const GRANT_STATUS_LABELS: Record<GrantStatus, GlossaryEntry> = {
  active: { vi: 'Đang hiệu lực', note: 'Ủy quyền đang có hiệu lực [seed:000]' },
  expired: { vi: 'Hết hiệu lực' },
  revoked: { vi: 'Đã thu hồi' },
  future: { vi: 'Chưa đến thời hạn hiệu lực' },
};

export const TIMELINESS_LABELS: Record<TimelinessClass, GlossaryEntry> = {
  on_time: { vi: 'Đúng hạn' },
  late: { vi: 'Trễ hạn', note: 'Hoàn thành sau thời hạn' },
  open_overdue: { vi: 'Quá hạn chưa hoàn thành' },
  open_pending: { vi: 'Đang trong hạn' },
};

/** Every English identifier of the domain vocabulary → its Vietnamese label. Keys are unique across vocabularies. */
export const GLOSSARY: Record<string, GlossaryEntry> = {
  ...ROLE_LABELS,
  ...ORG_KIND_LABELS,
  ...MEMBER_STATUS_LABELS,
  ...GRADING_LABELS,
  ...EDUCATION_LEVEL_LABELS,
  ...ADMISSION_STEP_LABELS,
  ...ADMISSION_PHASE_LABELS,
  ...SPECIAL_VERIFICATION_CASE_LABELS,
  ...GRANT_STATUS_LABELS,
  ...TIMELINESS_LABELS,
  ...INSPECTION_SCOPE_LABELS,
  ...INSPECTION_STEP_LABELS,
  ...INSPECTION_ITEM_LABELS,
  ...FINDING_RESULT_LABELS,
  ...REMEDIATION_STATUS_LABELS,
  ...INSPECTION_ROUND_STATUS_LABELS,
  ...SCREENING_STEP_LABELS,
  ...SCREENING_PHASE_LABELS,
  ...REMOVAL_FORM_LABELS,
  ...TRANSFER_STEP_LABELS,
  ...SCREENING_CRITERION_LABELS,
  ...ATTENDANCE_STATUS_LABELS,
  ...DISCIPLINE_FORM_LABELS,
  ...RESIDENCE_ASSESSMENT_LABELS,
  ...INCIDENT_LABELS,
};

/** The Vietnamese label of a domain key, or the key itself when unknown. */
export function labelVi(key: string): string {
  return Object.prototype.hasOwnProperty.call(GLOSSARY, key) ? GLOSSARY[key].vi : key;
}

/** Admission steps with labels, in procedural order (for menus and timelines). */
export const ADMISSION_STEP_OPTIONS: ReadonlyArray<{ key: AdmissionStep; vi: string }> = ADMISSION_STEPS.map((key) => ({
  key,
  vi: ADMISSION_STEP_LABELS[key].vi,
}));

/**
 * Statuses of an admission case (the case, not the person: `official` is a case that ended with recognition).
 * Not in GLOSSARY, whose keys are unique across vocabularies and already hold the member statuses.
 */
export const ADMISSION_CASE_STATUS_LABELS: Record<
  'in_progress' | 'probationary' | 'official' | 'rejected' | 'not_recognised' | 'cancelled',
  GlossaryEntry
> = {
  in_progress: { vi: 'Đang xem xét kết nạp' },
  probationary: { vi: 'Đã kết nạp, đang trong thời kỳ dự bị' },
  official: { vi: 'Đã công nhận đảng viên chính thức' },
  rejected: { vi: 'Không kết nạp' },
  not_recognised: { vi: 'Không công nhận đảng viên chính thức' },
  cancelled: { vi: 'Đã hủy hồ sơ' },
};
