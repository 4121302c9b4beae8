/** The master-data pages' paths (under /app), Vietnamese words without diacritics (issue 10). */
export const MD = {
  organisations: '/to-chuc',
  members: '/dang-vien',
  newMember: '/dang-vien/moi',
  member: (id: string) => `/dang-vien/${id}`,
  users: '/nguoi-dung',
  user: (id: string) => `/nguoi-dung/${id}`,
  criteria: '/tieu-chuan',
  imports: '/nhap-du-lieu',
} as const;
