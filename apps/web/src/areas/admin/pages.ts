/** The administrator's configuration pages (issue 10), their paths and the roles that open them. */
export const ADMIN_PATHS = {
  home: '/quan-tri',
  policies: '/quan-tri/thoi-han',
  holidays: '/quan-tri/ngay-nghi',
  delegations: '/quan-tri/uy-quyen',
  quotas: '/quan-tri/chi-tieu',
  inspections: '/quan-tri/kiem-tra',
  reports: '/quan-tri/bao-cao',
  auditVerify: '/quan-tri/kiem-tra-nhat-ky',
  proxyGrants: '/quan-tri/uy-nhiem-lam-thay',
} as const;

/**
 * Who sees the administration entry: administrators, the organisation department (quotas, reports) and grassroots
 * committee members (their proxy grants).
 */
export const ADMIN_AREA_ROLES = ['administrator', 'organisation_department', 'grassroots_committee_member'] as const;

export const ADMIN_PAGES: ReadonlyArray<{
  path: string;
  title: string;
  description: string;
  roles: readonly string[];
}> = [
  {
    path: ADMIN_PATHS.policies,
    title: 'Thời hạn các bước',
    description: 'Thời hạn, nhắc việc, chuyển cấp và căn cứ của từng bước; tính lại hạn các hồ sơ đang chờ.',
    roles: ['administrator'],
  },
  {
    path: ADMIN_PATHS.holidays,
    title: 'Lịch ngày nghỉ lễ',
    description: 'Ngày nghỉ lễ, Tết (âm lịch) và ngày làm bù của từng năm.',
    roles: ['administrator'],
  },
  {
    path: ADMIN_PATHS.delegations,
    title: 'Ủy quyền quyết định',
    description: 'Ủy quyền quyết định kết nạp, khai trừ cho đảng ủy cơ sở; thu hồi ủy quyền.',
    roles: ['administrator', 'organisation_department'],
  },
  {
    path: ADMIN_PATHS.quotas,
    title: 'Chỉ tiêu kết nạp',
    description: 'Chỉ tiêu kết nạp năm của từng tổ chức và tiến độ thực hiện.',
    roles: ['administrator', 'organisation_department'],
  },
  {
    path: ADMIN_PATHS.inspections,
    title: 'Chương trình kiểm tra',
    description: 'Lịch kiểm tra chi bộ định kỳ: lập, tạm dừng, tiếp tục, kiểm tra ngay, đổi chu kỳ.',
    roles: ['administrator'],
  },
  {
    path: ADMIN_PATHS.reports,
    title: 'Báo cáo',
    description: 'Báo cáo kết nạp, rà soát, kiểm tra, nhiệm vụ đúng hạn; tải về Excel hoặc CSV.',
    roles: ['administrator', 'organisation_department'],
  },
  {
    path: ADMIN_PATHS.auditVerify,
    title: 'Kiểm tra toàn vẹn nhật ký',
    description: 'Tính lại chuỗi mã băm của nhật ký (một hồ sơ hoặc toàn bộ) và nêu dòng bị sửa, chèn hay xóa.',
    roles: ['administrator'],
  },
  {
    path: ADMIN_PATHS.proxyGrants,
    title: 'Ủy nhiệm làm thay',
    description: 'Đảng ủy cơ sở ủy nhiệm cán bộ làm thay người không tự dùng được hệ thống; thu hồi ủy nhiệm.',
    roles: ['administrator', 'grassroots_committee_member'],
  },
];
