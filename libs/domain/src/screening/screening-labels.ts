import type { GlossaryEntry } from '../glossary';
import type { TransferStep } from '../transfer/transfer-steps';
import type { RemovalFormKey, ScreeningPhase, ScreeningStep } from './screening-steps';

export const SCREENING_STEP_LABELS: Record<ScreeningStep, GlossaryEntry> = {
  screening_review: { vi: 'Chi ủy rà soát, lấy ý kiến về đảng viên', note: 'HD 02-HD/BTCTƯ bước 1 [R1]' },
  screening_superior_direction: {
    vi: 'Xin ý kiến chỉ đạo của cấp ủy cấp trên trực tiếp',
    note: 'HD 02-HD/BTCTƯ bước 1 [R1]',
  },
  screening_listing_vote: {
    vi: 'Chi bộ bỏ phiếu kín đưa vào danh sách giáo dục, giúp đỡ',
    note: '≥ 2/3 đảng viên chính thức [R1]',
  },
  screening_assign_helper: {
    vi: 'Phân công đảng viên giúp đỡ; nhận bản tự kiểm điểm và cam kết',
    note: 'HD 02-HD/BTCTƯ bước 2 [A]',
  },
  screening_assessment_vote: { vi: 'Chi bộ đánh giá mức độ tiến bộ', note: 'HD 02-HD/BTCTƯ bước 3 [seed:000][A]' },
  screening_removal_decision: {
    vi: 'Quyết định đưa đảng viên ra khỏi Đảng',
    note: 'HD 02-HD/BTCTƯ bước 4 [R23][R25][R27]',
  },
  screening_appeal_review: { vi: 'Giải quyết khiếu nại', note: '[R24][R26]' },
};

export const SCREENING_PHASE_LABELS: Record<ScreeningPhase, GlossaryEntry> = {
  screening_help_period: { vi: 'Thời gian giáo dục, giúp đỡ', note: 'Mặc định 12 tháng [R23][R24]' },
  screening_appeal_window: {
    vi: 'Thời hạn khiếu nại',
    note: '30 ngày làm việc (xóa tên) hoặc 1 tháng (kỷ luật) [R24][R26]',
  },
};

export const REMOVAL_FORM_LABELS: Record<RemovalFormKey, GlossaryEntry> = {
  strike_off: { vi: 'Xóa tên khỏi danh sách đảng viên', note: 'Không phải hình thức kỷ luật [R23]' },
  expel: { vi: 'Khai trừ ra khỏi Đảng', note: 'Hình thức kỷ luật; chi bộ không có thẩm quyền [R27]' },
  release: { vi: 'Cho ra khỏi Đảng', note: 'Cấp ủy có thẩm quyền quyết định [A]' },
};

export const TRANSFER_STEP_LABELS: Record<TransferStep, GlossaryEntry> = {
  confirm_arrival: { vi: 'Xác nhận đảng viên đến sinh hoạt', note: 'Trong 30 ngày kể từ ngày giới thiệu [R30]' },
  confirm_return: { vi: 'Xác nhận đảng viên trở về sinh hoạt', note: 'Kết thúc sinh hoạt đảng tạm thời [R29]' },
};
