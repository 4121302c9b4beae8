import type { GlossaryEntry } from '../glossary';

/**
 * Labels of incidents (sự cố, issue 7 §2): the step, its outcomes, its report statuses, and a case
 * cancelled from one.
 */
export const INCIDENT_LABELS: Record<string, GlossaryEntry> = {
  incident: { vi: 'Sự cố', note: 'Bước hệ thống không thực hiện được; quản trị hệ thống xử lý' },
  retry: { vi: 'Thử lại bước' },
  skip: { vi: 'Bỏ qua bước', note: 'Chỉ với bước cho phép bỏ qua; cần nêu lý do' },
  cancel: { vi: 'Hủy hồ sơ', note: 'Cần nêu lý do' },
  incident_open: { vi: 'Sự cố chưa xử lý' },
  incident_resolved: { vi: 'Sự cố đã xử lý' },
  cancelled: { vi: 'Đã hủy', note: 'Hồ sơ bị hủy khi xử lý sự cố' },
};
