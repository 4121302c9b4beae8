import { searchKey } from '@partyflow/domain';

/** The papers an admission case produces, in the order its steps reach them (QĐ 24-QĐ/TW; HD 12-HD/BTCTW). */
export const ADMISSION_DOCUMENT_KINDS = [
  'cell-vote-minutes',
  'cell-resolution',
  'admission-decision',
  'recognition-decision',
] as const;
/** The papers a screening case produces (02-HD/BTCTƯ). */
export const SCREENING_DOCUMENT_KINDS = ['listing-vote-minutes', 'removal-decision'] as const;

export type AdmissionDocumentKind = (typeof ADMISSION_DOCUMENT_KINDS)[number];
export type ScreeningDocumentKind = (typeof SCREENING_DOCUMENT_KINDS)[number];
export type DocumentKind = AdmissionDocumentKind | ScreeningDocumentKind;

/** Each kind: its Vietnamese name, the form it follows, and the step whose completion produces it. */
export const DOCUMENT_KIND_INFO: Record<DocumentKind, { title: string; form: string; step: string }> = {
  'cell-vote-minutes': {
    title: 'Biên bản họp chi bộ xét đề nghị kết nạp đảng viên',
    form: 'Biên bản họp chi bộ [R13]',
    step: 'cell_vote',
  },
  'cell-resolution': {
    title: 'Nghị quyết chi bộ đề nghị kết nạp đảng viên',
    form: 'Mẫu 6-KNĐ',
    step: 'cell_vote',
  },
  'admission-decision': { title: 'Quyết định kết nạp đảng viên', form: 'Mẫu 9-KNĐ', step: 'decision' },
  'recognition-decision': {
    title: 'Quyết định công nhận đảng viên chính thức',
    form: 'Mẫu 16-KNĐ',
    step: 'recognition_decision',
  },
  'listing-vote-minutes': {
    title: 'Biên bản họp chi bộ biểu quyết rà soát đảng viên',
    form: 'Biên bản họp chi bộ (02-HD/BTCTW, bước 1) [R1]',
    step: 'screening_listing_vote',
  },
  'removal-decision': {
    title: 'Quyết định đưa ra khỏi Đảng',
    form: 'Quyết định của cấp ủy có thẩm quyền [A]',
    step: 'screening_removal_decision',
  },
};

export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
export const DOCUMENT_CONTENT_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/**
 * The download's file name: `ascii` for the plain `filename=` (diacritics dropped, đ → d, words joined by '-'), and
 * `utf8` for `filename*=UTF-8''…` (RFC 6266), the Vietnamese name as written.
 */
export function documentFileName(
  kind: DocumentKind,
  subject: string,
  format: DocumentFormat,
): { ascii: string; utf8: string } {
  const name = `${DOCUMENT_KIND_INFO[kind].title} - ${subject}`.normalize('NFC');
  const ascii = searchKey(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return { ascii: `${ascii}.${format}`, utf8: `${name}.${format}` };
}

/** The Content-Disposition of a download: both names, the UTF-8 one percent-encoded (RFC 5987). */
export function contentDisposition({ ascii, utf8 }: { ascii: string; utf8: string }): string {
  const encoded = encodeURIComponent(utf8).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
