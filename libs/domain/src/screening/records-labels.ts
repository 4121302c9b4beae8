import type { GlossaryEntry } from '../glossary';
import type { AttendanceStatus, DisciplineForm, ResidenceAssessment } from './activity-records';
import { SCREENING_CRITERION_INFO, type ScreeningCriterion } from './screening-criteria';

export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, GlossaryEntry> = {
  present: { vi: 'Có mặt', note: 'Sinh hoạt chi bộ hằng tháng (Điều lệ Điều 24 [R41])' },
  absent_with_reason: { vi: 'Vắng mặt có lý do' },
  absent_without_reason: { vi: 'Vắng mặt không có lý do', note: 'Tính vào căn cứ xóa tên [R23][R24]' },
};

export const DISCIPLINE_FORM_LABELS: Record<DisciplineForm, GlossaryEntry> = {
  reprimand: { vi: 'Khiển trách', note: 'Kỷ luật Đảng; chi bộ có thẩm quyền [R27]' },
  warning: { vi: 'Cảnh cáo', note: 'Kỷ luật Đảng; chi bộ có thẩm quyền [R27]' },
  dismissal: { vi: 'Cách chức', note: 'Kỷ luật Đảng' },
  expulsion: { vi: 'Khai trừ', note: 'Kỷ luật Đảng; chi bộ không có thẩm quyền [R27]' },
  state_salary_reduction: { vi: 'Hạ bậc lương', note: 'Kỷ luật hành chính [R2]' },
  state_demotion: { vi: 'Giáng chức, giáng cấp bậc quân hàm', note: 'Kỷ luật hành chính [R2]' },
  state_dismissal: { vi: 'Cách chức (kỷ luật hành chính)', note: 'Kỷ luật hành chính [R2]' },
};

export const RESIDENCE_ASSESSMENT_LABELS: Record<ResidenceAssessment, GlossaryEntry> = {
  exemplary: { vi: 'Gương mẫu thực hiện nghĩa vụ nơi cư trú', note: 'QĐ 213-QĐ/TW [R36][R37]' },
  fulfilled: { vi: 'Thực hiện đầy đủ nghĩa vụ nơi cư trú', note: 'QĐ 213-QĐ/TW [R36][R37]' },
  not_fulfilled: { vi: 'Chưa thực hiện đầy đủ nghĩa vụ nơi cư trú', note: 'QĐ 213-QĐ/TW [R36][R37]' },
};

export const SCREENING_CRITERION_LABELS = Object.fromEntries(
  Object.entries(SCREENING_CRITERION_INFO).map(([code, info]) => [code, { vi: info.vi, note: info.source }]),
) as Record<ScreeningCriterion, GlossaryEntry>;
