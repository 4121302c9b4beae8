import { addMonths, compareLocalDate, formatLocalDateVi, type LocalDate } from '../calendar/local-date.util';
import { DEFAULT_CERTIFICATE_VALIDITY_MONTHS } from '../rules/eligibility.rules';
import type { FieldProblem } from '../errors';

/**
 * Evidence freshness (issue 14 §4): the papers a vote relies on, each valid for a window from the day it is dated.
 * `course_certificate`: the Party-awareness course certificate [R15][R20]; `background_check`: the grassroots
 * committee's conclusion on the lý lịch [R15]; `opinion_residence`, `opinion_mass_org`: the opinions the cell
 * collects before it considers the case [R13][R14].
 */
export const EVIDENCE_KINDS = [
  'course_certificate',
  'background_check',
  'opinion_residence',
  'opinion_mass_org',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** What each kind is called on the held vote and on its refresh task. */
export const EVIDENCE_LABELS: Record<EvidenceKind, string> = {
  course_certificate: 'Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng',
  background_check: 'Kết luận thẩm tra lý lịch',
  opinion_residence: 'Ý kiến chi ủy nơi cư trú',
  opinion_mass_org: 'Ý kiến đoàn thể chính trị - xã hội',
};

/** The validity window of each kind of evidence, in months (the workflow input's `evidenceValidity`). */
export type EvidenceValidity = Record<EvidenceKind, number>;

/** The default windows with their sources; each is a configurable parameter (EVIDENCE_VALIDITY_*_MONTHS). */
export const EVIDENCE_VALIDITY_DEFAULTS: Record<EvidenceKind, { months: number; source: string }> = {
  course_certificate: {
    months: DEFAULT_CERTIFICATE_VALIDITY_MONTHS,
    source:
      '[A] Thời hạn giá trị của giấy chứng nhận bồi dưỡng nhận thức về Đảng không tìm thấy trong văn bản [R15][R20]; 60 tháng là mức thường được nêu.',
  },
  background_check: {
    months: 12,
    source:
      '[A] Không tìm thấy thời hạn giá trị của kết luận thẩm tra lý lịch [R15]; mặc định 12 tháng, quá hạn thì thẩm tra bổ sung.',
  },
  opinion_residence: {
    months: 6,
    source:
      '[A] Không tìm thấy thời hạn giá trị của nhận xét nơi cư trú [R13][R14]; mặc định 6 tháng, quá hạn thì lấy lại ý kiến.',
  },
  opinion_mass_org: {
    months: 6,
    source:
      '[A] Không tìm thấy thời hạn giá trị của nhận xét đoàn thể [R13][R14]; mặc định 6 tháng, quá hạn thì lấy lại ý kiến.',
  },
};

export const DEFAULT_EVIDENCE_VALIDITY: EvidenceValidity = {
  course_certificate: EVIDENCE_VALIDITY_DEFAULTS.course_certificate.months,
  background_check: EVIDENCE_VALIDITY_DEFAULTS.background_check.months,
  opinion_residence: EVIDENCE_VALIDITY_DEFAULTS.opinion_residence.months,
  opinion_mass_org: EVIDENCE_VALIDITY_DEFAULTS.opinion_mass_org.months,
};

/** One piece of evidence of a case: `key` names it within the case (a mass organisation's opinion has its own). */
export type EvidenceItem = { key: string; kind: EvidenceKind; label: string; datedOn: LocalDate | null };
export type StaleEvidence = EvidenceItem & { validUntil: LocalDate | null; reason: string };

/** The last day evidence dated `datedOn` is valid: `datedOn` + the window in months, inclusive (month end clamped). */
export const evidenceValidUntil = (datedOn: LocalDate, months: number): LocalDate => addMonths(datedOn, months);

/**
 * The evidence no longer valid on `onDate` (the day a vote task would open), in the order given, each with the
 * Vietnamese reason shown on the held vote and on the refresh task. Missing evidence is stale.
 */
export function staleEvidence(p: {
  items: readonly EvidenceItem[];
  onDate: LocalDate;
  validity: EvidenceValidity;
}): StaleEvidence[] {
  const on = formatLocalDateVi(p.onDate);
  return p.items.flatMap((item): StaleEvidence[] => {
    const months = p.validity[item.kind];
    if (!item.datedOn) return [{ ...item, validUntil: null, reason: `${item.label}: chưa có (ngày xét ${on}).` }];
    const validUntil = evidenceValidUntil(item.datedOn, months);
    if (compareLocalDate(p.onDate, validUntil) <= 0) return [];
    const dated = formatLocalDateVi(item.datedOn);
    const until = formatLocalDateVi(validUntil);
    return [
      {
        ...item,
        validUntil,
        reason: `${item.label} ngày ${dated} chỉ có giá trị ${months} tháng, đến hết ngày ${until}; ngày xét ${on} đã quá hạn.`,
      },
    ];
  });
}

/**
 * A renewed course certificate (the refresh task's `certifiedOn`): not dated after today, and valid today for the
 * window in force, so the held vote can open on it.
 */
export function renewedCertificateDateProblem(p: {
  certifiedOn: LocalDate;
  today: LocalDate;
  validityMonths: number;
}): FieldProblem | undefined {
  const field = 'data.certifiedOn';
  if (compareLocalDate(p.certifiedOn, p.today) > 0)
    return { field, message: `Ngày cấp giấy chứng nhận không được sau hôm nay (${formatLocalDateVi(p.today)})` };
  const until = evidenceValidUntil(p.certifiedOn, p.validityMonths);
  if (compareLocalDate(p.today, until) > 0)
    return {
      field,
      message: `Giấy chứng nhận cấp ngày ${formatLocalDateVi(p.certifiedOn)} đã hết giá trị ${p.validityMonths} tháng (đến hết ngày ${formatLocalDateVi(until)}); cần giấy chứng nhận còn hiệu lực`,
    };
  return undefined;
}
