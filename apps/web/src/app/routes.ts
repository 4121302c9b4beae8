/** The page's paths (under /app). Vietnamese words without diacritics, so a link can be read and typed. */
export const ROUTES = {
  login: '/dang-nhap',
  inbox: '/viec-can-lam',
  notifications: '/thong-bao',
  substitutes: '/nguoi-thay',
  task: (id: string) => `/nhiem-vu/${id}`,
  admissionCase: (id: string) => `/ho-so-ket-nap/${id}`,
} as const;

/** The page of a case, by process (only admission cases have one so far). */
export function casePath(process: string, caseId: string | null | undefined): string | null {
  if (!caseId) return null;
  return process === 'admission' ? ROUTES.admissionCase(caseId) : null;
}
