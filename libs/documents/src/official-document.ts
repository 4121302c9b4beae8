import { parseLocalDate, type LocalDate } from '@partyflow/domain';

/**
 * The layout of one official paper (văn bản) as both renderers draw it (render-docx.ts, render-pdf.ts): the
 * header, the title, the body, the signature and the recipients. Each document kind builds one from its typed
 * record (admission-documents.ts, screening-documents.ts), so a layout is written once for DOCX and PDF alike.
 */
export type OfficialDocument = {
  /** Document metadata: the title and the form it follows (e.g. 'Mẫu 9-KNĐ, HD 12-HD/BTCTW'). */
  meta: { title: string; form: string; subject: string };
  header: DocumentHeader;
  /** Upper case, bold (e.g. 'NGHỊ QUYẾT'). */
  title: string;
  /** Below the title, bold (e.g. 'Đề nghị kết nạp đảng viên'). */
  subtitle?: string;
  body: Paragraph[];
  signature: Signature;
  /** 'Nơi nhận:' and its lines; none on a resolution or minutes signed by the cell alone. */
  recipients?: string[];
};

/**
 * 'party': "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, as every Party paper carries (the KNĐ forms of HD 12-HD/BTCTW);
 * 'state': the national motto "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc", carried by a
 * paper addressed to a State matter (none of the forms built here; README, Official documents).
 */
export type HeaderKind = 'party' | 'state';

export type DocumentHeader = {
  kind: HeaderKind;
  /** The issuing body under its superior, top to bottom, as recorded (upper-cased when drawn). */
  organisations: string[];
  /**
   * 'Số …': the number as recorded, or null where the records hold none (drawn as a dotted blank before `suffix`,
   * e.g. 'Số ……-NQ/CB'); undefined: the paper carries no number (minutes).
   */
  number?: { value: string | null; suffix: string };
  /** Place and date line; the place is not in the records (a dotted blank). */
  date: LocalDate | null;
};

/** Runs of text: plain, bold or italic. A paragraph is justified with a first-line indent unless it says otherwise. */
export type Run = { text: string; bold?: boolean; italic?: boolean };
export type Paragraph = { runs: Run[]; align?: 'justify' | 'center'; indent?: boolean };

/** 'T/M CHI BỘ' / 'BÍ THƯ' above the signer's name; null name: not in the records, a dotted blank. */
export type Signature = { lines: string[]; name: string | null };

/** The dotted blank left where a form needs a value the records do not hold. */
export const BLANK = '……';

export const PARTY_HEADER = 'ĐẢNG CỘNG SẢN VIỆT NAM';
export const STATE_HEADER = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] as const;

/**
 * '……, ngày 05 tháng 12 năm 2025': a day below 10 and the months 1 and 2 are written with a leading zero, as
 * official papers write them (Nghị định 30/2020/NĐ-CP, Phụ lục I; the Party's HD 36-HD/VPTW does the same [A]).
 * The place is not recorded for any organisation, so it is a dotted blank.
 */
export function placeAndDate(date: LocalDate | null): string {
  if (!date) return `${BLANK}, ngày ${BLANK} tháng ${BLANK} năm ${BLANK}`;
  const { year, month, day } = parseLocalDate(date);
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month <= 2 ? `0${month}` : String(month);
  return `${BLANK}, ngày ${dd} tháng ${mm} năm ${year}`;
}

/** 'Số 125-QĐ/QU', or 'Số ……-NQ/CB' where the records hold no number. */
export function numberLine(number: NonNullable<DocumentHeader['number']>): string {
  return number.value ? `Số ${number.value}` : `Số ${BLANK}-${number.suffix}`;
}

/** Upper case as Vietnamese writes it (NFC kept: 'Đảng bộ phường Hoàng Liệt' → 'ĐẢNG BỘ PHƯỜNG HOÀNG LIỆT'). */
export function upper(text: string): string {
  return text.toLocaleUpperCase('vi-VN').normalize('NFC');
}

/** A paragraph of plain text. */
export const p = (text: string, options: Omit<Paragraph, 'runs'> = {}): Paragraph => ({ runs: [{ text }], ...options });
