import type { GlossaryEntry } from '../glossary';
import {
  INSPECTION_ITEM_INFO,
  type FindingResult,
  type InspectionItem,
  type InspectionRoundStatus,
  type InspectionScope,
  type InspectionStep,
  type RemediationStatus,
} from './inspection-checklist';

/** Vietnamese labels of the inspection vocabularies, merged into the glossary. */
export const INSPECTION_SCOPE_LABELS: Record<InspectionScope, GlossaryEntry> = {
  superior_of_grassroots: { vi: 'Cấp ủy cấp trên trực tiếp của tổ chức cơ sở đảng kiểm tra', note: '[seed:000]' },
  grassroots_own_cells: { vi: 'Đảng ủy cơ sở kiểm tra các chi bộ trực thuộc', note: '[seed:004]' },
};

export const INSPECTION_STEP_LABELS: Record<InspectionStep, GlossaryEntry> = {
  assign_team: { vi: 'Phân công đoàn kiểm tra' },
  checklist: { vi: 'Kiểm tra chi bộ theo nội dung' },
  remediation: { vi: 'Khắc phục hạn chế, khuyết điểm' },
  verify_fix: { vi: 'Kiểm tra việc khắc phục' },
};

export const INSPECTION_ITEM_LABELS: Record<InspectionItem, GlossaryEntry> = Object.fromEntries(
  Object.entries(INSPECTION_ITEM_INFO).map(([item, info]) => [item, { vi: info.vi, note: info.rule }]),
) as Record<InspectionItem, GlossaryEntry>;

export const FINDING_RESULT_LABELS: Record<FindingResult, GlossaryEntry> = {
  met: { vi: 'Đạt' },
  shortcoming: { vi: 'Hạn chế, khuyết điểm' },
  not_applicable: { vi: 'Không áp dụng' },
};

export const REMEDIATION_STATUS_LABELS: Record<RemediationStatus, GlossaryEntry> = {
  open: { vi: 'Đang khắc phục' },
  overdue: { vi: 'Quá hạn khắc phục' },
  fixed: { vi: 'Đã khắc phục, chờ kiểm tra' },
  verified: { vi: 'Đã kiểm tra, khắc phục xong' },
  carried_over: { vi: 'Chuyển sang đợt kiểm tra sau' },
};

export const INSPECTION_ROUND_STATUS_LABELS: Record<InspectionRoundStatus, GlossaryEntry> = {
  inspecting: { vi: 'Đang kiểm tra' },
  remediating: { vi: 'Đã thông báo kết quả, đang khắc phục' },
  closed: { vi: 'Đã kết thúc đợt kiểm tra' },
};
