import {
  ADMISSION_STEPS,
  SPECIAL_VERIFICATION_CASE_INFO,
  type AdmissionStep,
  type SpecialVerificationCase,
} from './admission/admission-steps';
import type { CalendarDayKind } from './calendar/vietnam-holidays';
import type { DeadlinePolicy, DurationUnit } from './deadline/deadline-policy';
import type { EducationLevel } from './education';
import type { Grading, MemberStatus, OrgKind } from './org';
import type { Role } from './roles';
import type { GrantStatus } from './quotas/delegation-grant';
import type { TimelinessClass } from './reports/task-timeliness';
import type { MailPreferenceValue } from './mail/mail-texts';
import type { LocalCheckKind } from './rules/local-criteria.rules';
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
  course_certificate_refresh: {
    vi: 'Bổ sung giấy chứng nhận bồi dưỡng nhận thức về Đảng còn hiệu lực',
    note: 'Giấy cũ hết giá trị trước khi biểu quyết (issue 14 §4) [R15][R20][A]',
  },
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

/** A user's mail preference (issue 12 §5). */
export const MAIL_PREFERENCE_LABELS: Record<MailPreferenceValue, GlossaryEntry> = {
  immediate: { vi: 'Nhận thư ngay và thư tổng hợp hằng ngày' },
  digest: { vi: 'Chỉ nhận thư tổng hợp hằng ngày' },
  off: { vi: 'Không nhận thư' },
};

export const TIMELINESS_LABELS: Record<TimelinessClass, GlossaryEntry> = {
  on_time: { vi: 'Đúng hạn' },
  late: { vi: 'Trễ hạn', note: 'Hoàn thành sau thời hạn' },
  open_overdue: { vi: 'Quá hạn chưa hoàn thành' },
  open_pending: { vi: 'Đang trong hạn' },
};

/**
 * The administrator's configuration pages (issue 10). Apart from GLOSSARY: `holiday`, `months`… are ordinary words
 * whose keys may collide with other vocabularies.
 */
export const DURATION_UNIT_LABELS: Record<DurationUnit, GlossaryEntry> = {
  working_days: {
    vi: 'ngày làm việc',
    note: 'Không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ (Bộ luật Lao động 2019 Điều 112)',
  },
  calendar_days: { vi: 'ngày', note: 'Ngày theo lịch, kể cả ngày nghỉ' },
  months: { vi: 'tháng' },
  hours: { vi: 'giờ' },
};

export const POLICY_ANCHOR_LABELS: Record<DeadlinePolicy['anchor'], GlossaryEntry> = {
  task_opened: { vi: 'Tính từ khi giao nhiệm vụ' },
  case_event: { vi: 'Tính từ một mốc của hồ sơ', note: 'Ví dụ: từ ngày chi bộ ra nghị quyết' },
};

export const CALENDAR_DAY_KIND_LABELS: Record<CalendarDayKind, GlossaryEntry> = {
  holiday: { vi: 'Ngày nghỉ' },
  working_day: { vi: 'Ngày làm bù', note: 'Thứ Bảy hoặc Chủ nhật đi làm bù cho một ngày nghỉ hoán đổi' },
};

export const HOLIDAY_SOURCE_LABELS: Record<'published' | 'computed', GlossaryEntry> = {
  published: { vi: 'Lịch đã công bố' },
  computed: { vi: 'Tính theo Bộ luật Lao động', note: 'Tết Nguyên đán và Giỗ Tổ tính theo âm lịch' },
};

export const REPORT_KIND_LABELS: Record<'admissions' | 'screening' | 'inspections' | 'tasks', GlossaryEntry> = {
  admissions: { vi: 'Kết nạp đảng viên' },
  screening: { vi: 'Rà soát, sàng lọc đảng viên' },
  inspections: { vi: 'Kiểm tra chi bộ' },
  tasks: { vi: 'Thực hiện nhiệm vụ đúng hạn, trễ hạn' },
};

/** The checks a committee's own criteria set may hold (rules/local-criteria.rules.ts). */
export const LOCAL_CHECK_KIND_LABELS: Record<LocalCheckKind, GlossaryEntry> = {
  consecutive_gradings: { vi: 'Xếp loại chất lượng liên tục nhiều năm', note: '[seed:001]' },
  min_grading_last_year: { vi: 'Xếp loại chất lượng năm gần nhất', note: '[seed:000]' },
};

/**
 * The spreadsheet imports (POST /imports/:kind), their progress and their outcome figures, as the import page
 * names them (issue 10). Not in GLOSSARY: `members`, `created`… are ordinary English words elsewhere.
 */
export const SPREADSHEET_IMPORT_KINDS = [
  'members',
  'organisations',
  'users',
  'attendance',
  'dues',
  'gradings',
  'transfers',
  'disciplines',
  'residence-comments',
] as const;
export type SpreadsheetImportKind = (typeof SPREADSHEET_IMPORT_KINDS)[number];
export const IMPORT_KIND_LABELS: Record<SpreadsheetImportKind, GlossaryEntry> = {
  members: { vi: 'Danh sách đảng viên, quần chúng' },
  organisations: { vi: 'Cây tổ chức đảng' },
  users: { vi: 'Người dùng và vai trò' },
  attendance: { vi: 'Sinh hoạt chi bộ hằng tháng' },
  dues: { vi: 'Đảng phí' },
  gradings: { vi: 'Xếp loại chất lượng hằng năm' },
  transfers: { vi: 'Chuyển sinh hoạt đảng' },
  disciplines: { vi: 'Kỷ luật' },
  'residence-comments': { vi: 'Nhận xét của chi ủy nơi cư trú' },
};
export const IMPORT_STATUS_LABELS: Record<'queued' | 'counting' | 'running' | 'succeeded' | 'failed', GlossaryEntry> = {
  queued: { vi: 'Đang chờ' },
  counting: { vi: 'Đang đếm dòng' },
  running: { vi: 'Đang nhập' },
  succeeded: { vi: 'Đã nhập xong' },
  failed: { vi: 'Bị từ chối' },
};
export const IMPORT_OUTCOME_LABELS: Record<
  | 'rows'
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'moved'
  | 'tasksMoved'
  | 'casesRelocated'
  | 'notFollowed'
  | 'rolesGranted'
  | 'rolesChanged'
  | 'passwordsToSet',
  GlossaryEntry
> = {
  rows: { vi: 'Số dòng' },
  created: { vi: 'Tạo mới' },
  updated: { vi: 'Cập nhật' },
  unchanged: { vi: 'Không đổi' },
  moved: { vi: 'Chuyển cấp trên' },
  tasksMoved: { vi: 'Nhiệm vụ được chuyển theo' },
  casesRelocated: { vi: 'Hồ sơ được báo nơi mới' },
  notFollowed: { vi: 'Hồ sơ chưa báo được' },
  rolesGranted: { vi: 'Vai trò được giao' },
  rolesChanged: { vi: 'Vai trò đổi thời hạn' },
  passwordsToSet: { vi: 'Tài khoản chưa có mật khẩu' },
};

/** The processes a task belongs to (`human_task.process`), as the inbox names them. */
export const PROCESS_LABELS: Record<string, GlossaryEntry> = {
  admission: { vi: 'Kết nạp đảng viên', note: 'Điều lệ Đảng Điều 4; QĐ 24-QĐ/TW [R8][R13]' },
  screening: {
    vi: 'Sàng lọc, đưa đảng viên không còn đủ tư cách ra khỏi Đảng',
    note: 'HD 02-HD/BTCTƯ [seed:002][R1]',
  },
  transfer: { vi: 'Chuyển sinh hoạt đảng', note: '[R28][R30]' },
  inspection: { vi: 'Kiểm tra chi bộ định kỳ 6 tháng', note: '[seed:000][seed:004]' },
};

/**
 * The outcome of every step of every process (the contracts' `outcomes`; libs/contracts may not be
 * imported here, so a spec in apps/api checks that each has a label). An outcome that is also a
 * status of another vocabulary shares its entry, so GLOSSARY keeps one label per key.
 */
export const OUTCOME_LABELS: Record<string, GlossaryEntry> = {
  submitted: { vi: 'Đã nộp' },
  renewed: { vi: 'Đã bổ sung giấy còn hiệu lực' },
  withdrawn: { vi: 'Rút hồ sơ', note: 'Người vào Đảng không tiếp tục' },
  cleared: { vi: 'Đạt yêu cầu thẩm tra', note: 'Thẩm tra lý lịch, xác minh [R15][seed:003]' },
  not_cleared: { vi: 'Không đạt yêu cầu thẩm tra' },
  favourable: { vi: 'Đồng ý', note: 'Ý kiến nhận xét [R13][R14]' },
  unfavourable: { vi: 'Không đồng ý' },
  approved: { vi: 'Thông qua', note: 'Đủ số phiếu tán thành theo ngưỡng [R13][R14]' },
  rejected: { vi: 'Không chấp nhận' },
  endorsed: { vi: 'Thẩm định đạt', note: '[seed:001][seed:003]' },
  not_endorsed: { vi: 'Thẩm định không đạt' },
  admitted: { vi: 'Kết nạp', note: '[R5][R7]' },
  held: { vi: 'Đã tổ chức', note: 'Lễ kết nạp [R4][R6]' },
  assigned: { vi: 'Đã phân công' },
  recognised: { vi: 'Công nhận đảng viên chính thức', note: '[R4][R6][R17]' },
  not_recognised: { vi: 'Không công nhận đảng viên chính thức', note: 'Chi bộ đề nghị xóa tên [R25]' },
  inconclusive: {
    vi: 'Chưa kết luận được',
    note: 'Không bên nào đạt ngưỡng; 3 lần liền thì cấp ủy cấp trên quyết định [R4][R6]',
  },
  propose_listing: { vi: 'Đề nghị đưa vào danh sách giáo dục, giúp đỡ', note: 'HD 02 bước 1 [R1]' },
  dismissed: { vi: 'Dừng xem xét' },
  proceed: { vi: 'Tiếp tục quy trình', note: 'Theo ý kiến chỉ đạo của cấp ủy cấp trên trực tiếp [R1]' },
  listed: { vi: 'Đưa vào danh sách giáo dục, giúp đỡ', note: '≥ 2/3 đảng viên chính thức, phiếu kín [R1]' },
  not_listed: { vi: 'Không đưa vào danh sách giáo dục, giúp đỡ' },
  improved: { vi: 'Tiến bộ' },
  not_improved: { vi: 'Không tiến bộ', note: 'Đề nghị hình thức đưa ra khỏi Đảng [A][R25]' },
  decided: { vi: 'Quyết định đưa ra khỏi Đảng', note: '[R23][R25][R27]' },
  declined: { vi: 'Không quyết định đưa ra khỏi Đảng' },
  upheld: { vi: 'Chấp nhận khiếu nại', note: 'Hủy quyết định bị khiếu nại [R24][R26]' },
  presented: { vi: 'Đã đến sinh hoạt', note: 'Xuất trình giấy giới thiệu sinh hoạt đảng [R30]' },
  returned: { vi: 'Đã trở về sinh hoạt', note: 'Hết thời hạn sinh hoạt đảng tạm thời [R29]' },
  fixed: REMEDIATION_STATUS_LABELS.fixed,
  verified: REMEDIATION_STATUS_LABELS.verified,
  not_fixed: { vi: 'Chưa khắc phục xong' },
  retry: INCIDENT_LABELS.retry,
  skip: INCIDENT_LABELS.skip,
  cancel: INCIDENT_LABELS.cancel,
};

/**
 * Values of the enumerations in the steps' data that no other vocabulary labels (the union
 * resolution of an introduction [R16], the source of an opinion in a screening review [R1]).
 */
export const FORM_VALUE_LABELS: Record<string, GlossaryEntry> = {
  youth_union: { vi: 'Nghị quyết Đoàn Thanh niên cơ sở', note: 'Giới thiệu người vào Đảng [R16]' },
  trade_union: { vi: 'Nghị quyết Công đoàn cơ sở', note: '[R16]' },
  residence_front: { vi: 'Ban công tác Mặt trận nơi cư trú', note: 'HD 02 bước 1 [R1]' },
  workplace: { vi: 'Lãnh đạo cơ quan, đơn vị nơi công tác', note: '[R1]' },
  mass_organisation: { vi: 'Đoàn thể chính trị - xã hội', note: '[R1]' },
};

/**
 * Labels of the properties of the steps' data (`data` of every step contract, nested objects and
 * arrays of objects included), shown as form field titles. Kept apart from GLOSSARY: a property
 * name can be a word of another vocabulary with another meaning (`official` is a count of the
 * roster here, a member status there). A spec in apps/api walks the contracts so none is missing.
 */
export const FORM_FIELD_LABELS: Record<string, GlossaryEntry> = {
  introducers: {
    vi: 'Người giới thiệu',
    note: '2 đảng viên chính thức, hoặc nghị quyết Đoàn/Công đoàn và 1 [R16][R19]',
  },
  memberId: { vi: 'Đảng viên' },
  monthsAlongside: { vi: 'Số tháng cùng công tác, học tập hoặc cư trú', note: '≥ 12 tháng [R16]' },
  unionResolution: { vi: 'Nghị quyết giới thiệu của Đoàn Thanh niên hoặc Công đoàn', note: '[R16]' },
  kind: { vi: 'Tổ chức giới thiệu' },
  reference: { vi: 'Số, ký hiệu văn bản' },
  verifiedPersons: { vi: 'Người được thẩm tra', note: 'Người vào Đảng, cha mẹ, vợ chồng, con đã thành niên [R15]' },
  relation: { vi: 'Quan hệ với người vào Đảng' },
  fullName: { vi: 'Họ và tên' },
  conclusion: { vi: 'Kết luận' },
  givenBy: { vi: 'Người, tổ chức cho ý kiến' },
  summary: { vi: 'Tóm tắt nội dung' },
  roster: { vi: 'Danh sách đảng viên có quyền biểu quyết', note: 'Lấy từ hồ sơ tổ chức, không nhập tay [R1]' },
  official: { vi: 'Số đảng viên chính thức' },
  exempt: { vi: 'Số đảng viên được miễn công tác và sinh hoạt đảng', note: 'Không tính vào số biểu quyết [R1]' },
  votes: { vi: 'Kết quả biểu quyết' },
  yes: { vi: 'Số phiếu tán thành' },
  no: { vi: 'Số phiếu không tán thành' },
  minutesRef: { vi: 'Số biên bản họp' },
  resolutionRef: { vi: 'Số nghị quyết' },
  decisionNumber: { vi: 'Số quyết định' },
  decidedOn: { vi: 'Ngày quyết định' },
  heldOn: { vi: 'Ngày tổ chức' },
  helperMemberId: { vi: 'Đảng viên được phân công giúp đỡ', note: '[R17]' },
  selfReviewReceived: { vi: 'Đã nhận bản tự kiểm điểm của đảng viên dự bị', note: '[R4][R6]' },
  helperCommentReceived: { vi: 'Đã nhận bản nhận xét của đảng viên giúp đỡ', note: '[R4][R6]' },
  newMemberCourseCertifiedOn: { vi: 'Ngày cấp giấy chứng nhận lớp bồi dưỡng đảng viên mới', note: '[R17]' },
  certifiedOn: {
    vi: 'Ngày cấp giấy chứng nhận bồi dưỡng nhận thức về Đảng mới',
    note: 'Còn hiệu lực đến ngày biểu quyết (issue 14 §4) [R15][R20]',
  },
  certificateRef: { vi: 'Số giấy chứng nhận, nơi cấp' },
  opinions: { vi: 'Ý kiến nhận xét', note: 'HD 02 bước 1 [R1]' },
  source: { vi: 'Nơi cho ý kiến' },
  directionRef: { vi: 'Số văn bản chỉ đạo của cấp ủy cấp trên', note: '[R1]' },
  selfReviewRef: { vi: 'Bản tự kiểm điểm của đảng viên' },
  commitmentRef: { vi: 'Bản cam kết của đảng viên' },
  secretBallot: { vi: 'Đã bỏ phiếu kín', note: 'Chi bộ biểu quyết bằng phiếu kín [R1]' },
  proposedForm: { vi: 'Hình thức đề nghị', note: 'Xóa tên, khai trừ hoặc cho ra khỏi Đảng [R23][R27]' },
  answerRef: { vi: 'Số văn bản trả lời khiếu nại' },
  presentedOn: { vi: 'Ngày xuất trình giấy giới thiệu', note: '[R30]' },
  receivedBy: { vi: 'Người tiếp nhận' },
  lateReason: { vi: 'Lý do chậm', note: 'Báo cáo lý do khi quá hạn [R30]' },
  returnedOn: { vi: 'Ngày trở về sinh hoạt' },
  teamUserIds: { vi: 'Thành viên đoàn kiểm tra' },
  findings: { vi: 'Kết quả kiểm tra từng nội dung' },
  item: { vi: 'Nội dung kiểm tra' },
  result: { vi: 'Kết quả' },
  note: { vi: 'Ghi chú' },
  actionTaken: { vi: 'Biện pháp đã thực hiện' },
  reason: { vi: 'Lý do' },
};

/** The Vietnamese title of a property of a step's data, or the name itself when unknown. */
export function fieldLabelVi(name: string): string {
  return Object.prototype.hasOwnProperty.call(FORM_FIELD_LABELS, name) ? FORM_FIELD_LABELS[name].vi : name;
}

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
  ...MAIL_PREFERENCE_LABELS,
  ...LOCAL_CHECK_KIND_LABELS,
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
  ...PROCESS_LABELS,
  ...OUTCOME_LABELS,
  ...FORM_VALUE_LABELS,
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
