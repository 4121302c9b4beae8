import {
  addDays,
  addMonths,
  compareLocalDate,
  diffInDays,
  formatLocalDateVi,
  parseLocalDate,
  type LocalDate,
} from '../calendar/local-date.util';
import type { Grading } from '../org';
import {
  monthIndex,
  yearMonthFromIndex,
  type AttendanceStatus,
  type DisciplineForm,
  type YearMonth,
} from './activity-records';
import { SCREENING_CRITERION_INFO, type ScreeningCriterion } from './screening-criteria';
import { TRANSFER_PRESENTATION_LIMIT } from '../transfer/transfer-steps';

/**
 * Detection rules: pure functions over a member's plain records, one per automatic screening
 * criterion. Each returns a `Finding` with the exact records that triggered it, or null. They
 * never read a clock: `asOf` is given. Records dated after `asOf` are ignored.
 */

export type AttendanceRecord = { month: YearMonth; status: AttendanceStatus; reason?: string | null };
/** `paidOn` null: the month is recorded as unpaid. */
export type DuesRecord = { month: YearMonth; amountVnd?: number; paidOn: LocalDate | null };
export type GradingRecord = { year: number; grading: Grading };
export type TransferRecord = {
  id: string;
  kind?: 'official' | 'temporary';
  issuedOn: LocalDate;
  /** The last day to present at the destination; when absent, `issuedOn` + `presentationLimitDays`. */
  presentBy?: LocalDate | null;
  presentedOn: LocalDate | null;
  status: 'issued' | 'presented' | 'returned' | 'cancelled';
};
export type DisciplineRecord = { id: string; form: DisciplineForm; decidedOn: LocalDate; endsOn: LocalDate | null };
/** One period of education and help by the cell (screening step 2); `improved` null = not yet assessed. */
export type HelpRecord = { caseId: string; startedOn: LocalDate; improved: boolean | null };

export type MemberRecords = {
  attendance: readonly AttendanceRecord[];
  dues: readonly DuesRecord[];
  gradings: readonly GradingRecord[];
  transfers: readonly TransferRecord[];
  disciplines: readonly DisciplineRecord[];
  helpHistory: readonly HelpRecord[];
};

export type Finding = {
  ground: ScreeningCriterion;
  memberId: string;
  /** Vietnamese, with the figures. */
  summary: string;
  /** The exact records or months that triggered the finding. */
  evidence: Record<string, unknown>;
  source: string;
};

export type DetectionParams = {
  /** Months absent without reason, or unpaid, that make the strike-off ground. */
  absenceThresholdMonths: number;
  /** The rolling window, in months ending with asOf's month, in which they are counted. */
  absenceWindowMonths: number;
  /** Days from issue to present at the destination when the letter gives no date. */
  presentationLimitDays: number;
  /** Months of education and help after which no progress is a strike-off ground. */
  helpPeriodMonths: number;
  /** How many years before asOf's year the later of the two 'not completed' years may be. */
  gradingMaxLagYears: number;
};

export const DEFAULT_DETECTION_PARAMS: DetectionParams = {
  absenceThresholdMonths: 3,
  absenceWindowMonths: 12,
  presentationLimitDays: TRANSFER_PRESENTATION_LIMIT.amount,
  helpPeriodMonths: 12,
  gradingMaxLagYears: 1,
};

export const DETECTION_PARAM_SOURCES: Record<keyof DetectionParams, string> = {
  absenceThresholdMonths: '"Ba tháng trong năm" — Điều lệ Đảng Điều 8; QĐ 24-QĐ/TW §8.1 [R23][R24].',
  absenceWindowMonths:
    '[A] "Trong năm" đọc là 12 tháng liên tiếp kết thúc ở tháng của ngày xét: cách đọc theo năm dương lịch sẽ bỏ sót chuỗi tháng 11 – tháng 1.',
  presentationLimitDays: '30 ngày kể từ ngày giới thiệu sinh hoạt [R30, nguồn thứ cấp].',
  helpPeriodMonths:
    '"Sau thời gian 12 tháng phấn đấu không tiến bộ" — Điều lệ Đảng Điều 8; QĐ 24-QĐ/TW §8.1 [R23][R24].',
  gradingMaxLagYears:
    '[A] Hai năm liền gần nhất: năm sau của cặp năm không quá 1 năm trước năm xét (xếp loại năm trước là kết quả mới nhất thường có).',
};

/**
 * Disciplines that open a "discipline period" for 02-HD criterion 2: cảnh cáo, hạ bậc lương, giáng
 * cấp/giáng chức, cách chức [R2].
 */
export const PERIOD_DISCIPLINE_FORMS: readonly DisciplineForm[] = [
  'warning',
  'dismissal',
  'state_salary_reduction',
  'state_demotion',
  'state_dismissal',
];

const finding = (
  ground: ScreeningCriterion,
  memberId: string,
  summary: string,
  evidence: Record<string, unknown>,
): Finding => ({
  ground,
  memberId,
  summary,
  evidence,
  source: SCREENING_CRITERION_INFO[ground].source,
});

const monthVi = (ym: YearMonth): string => `${ym.slice(5, 7)}/${ym.slice(0, 4)}`;
const sortedMonths = (months: Iterable<string>): YearMonth[] =>
  [...new Set([...months].map((m) => m.slice(0, 7)))].sort();

/**
 * Absent from party activity, or unpaid dues, for 3 months in a year without good reason
 * (strike-off ground, Charter Art. 8; QĐ 24 §8.1 [R23][R24]).
 * - "In a year" = a rolling window of `absenceWindowMonths` months ending with asOf's month, so
 *   a run over November–January is caught [A]. The months need not be consecutive.
 * - A month absent *with* a reason does not count.
 * - Only months recorded as unpaid count: a month with no dues row is unknown, not unpaid.
 * - Absence and dues are counted separately: 2 absent months + 1 unpaid month is not 3.
 */
export function detectAbsenceOrUnpaidDues({
  memberId,
  asOf,
  attendance,
  dues,
  params = DEFAULT_DETECTION_PARAMS,
}: {
  memberId: string;
  asOf: LocalDate;
  attendance: readonly AttendanceRecord[];
  dues: readonly DuesRecord[];
  params?: DetectionParams;
}): Finding | null {
  const last = monthIndex(asOf);
  const first = last - params.absenceWindowMonths + 1;
  const inWindow = (month: string) => monthIndex(month) >= first && monthIndex(month) <= last;
  const absentMonths = sortedMonths(
    attendance.filter((a) => a.status === 'absent_without_reason' && inWindow(a.month)).map((a) => a.month),
  );
  const excusedMonths = sortedMonths(
    attendance.filter((a) => a.status === 'absent_with_reason' && inWindow(a.month)).map((a) => a.month),
  );
  const unpaidMonths = sortedMonths(dues.filter((d) => d.paidOn === null && inWindow(d.month)).map((d) => d.month));
  const threshold = params.absenceThresholdMonths;
  if (absentMonths.length < threshold && unpaidMonths.length < threshold) return null;
  const window = { from: yearMonthFromIndex(first), to: yearMonthFromIndex(last) };
  const parts = [
    absentMonths.length >= threshold
      ? `bỏ sinh hoạt không lý do ${absentMonths.length} tháng (${absentMonths.map(monthVi).join(', ')})`
      : null,
    unpaidMonths.length >= threshold
      ? `không đóng đảng phí ${unpaidMonths.length} tháng (${unpaidMonths.map(monthVi).join(', ')})`
      : null,
  ].filter(Boolean);
  return finding(
    'absence_or_unpaid_dues',
    memberId,
    `Trong ${params.absenceWindowMonths} tháng từ ${monthVi(window.from)} đến ${monthVi(window.to)}: ${parts.join('; ')} — từ ${threshold} tháng trở lên.`,
    {
      window,
      thresholdMonths: threshold,
      absentWithoutReasonMonths: absentMonths,
      unpaidDuesMonths: unpaidMonths,
      absentWithReasonMonths: excusedMonths,
    },
  );
}

/**
 * Graded "not completing tasks" two years running (02-HD Mục II.1 criterion 1 [R2]): the two
 * most recent gradings up to asOf's year are both 'not_completed' and for consecutive years,
 * the later one no more than `gradingMaxLagYears` before asOf's year (an old pair followed by
 * nothing is stale [A]). A year without a grading breaks the run.
 */
export function detectNotCompletedTwoYears({
  memberId,
  asOf,
  gradings,
  params = DEFAULT_DETECTION_PARAMS,
}: {
  memberId: string;
  asOf: LocalDate;
  gradings: readonly GradingRecord[];
  params?: DetectionParams;
}): Finding | null {
  const asOfYear = parseLocalDate(asOf).year;
  const recent = gradings
    .filter((g) => g.year <= asOfYear)
    .sort((a, b) => b.year - a.year)
    .slice(0, 2);
  if (recent.length < 2) return null;
  const [later, earlier] = recent;
  if (later.year - earlier.year !== 1 || later.grading !== 'not_completed' || earlier.grading !== 'not_completed')
    return null;
  if (asOfYear - later.year > params.gradingMaxLagYears) return null;
  return finding(
    'not_completed_two_years',
    memberId,
    `Xếp loại "Không hoàn thành nhiệm vụ" hai năm liền: ${earlier.year} và ${later.year}.`,
    { years: [earlier.year, later.year], gradings: [earlier, later] },
  );
}

/**
 * Violating again during a discipline period (02-HD Mục II.1 criterion 2 [R2]): a discipline
 * decided on or before the last day (`endsOn`, inclusive) of an earlier period discipline
 * (`PERIOD_DISCIPLINE_FORMS`). A discipline without a recorded period (`endsOn` null) opens no
 * period here: the period is not known, so nothing is presumed.
 */
export function detectViolationDuringDiscipline({
  memberId,
  asOf,
  disciplines,
}: {
  memberId: string;
  asOf: LocalDate;
  disciplines: readonly DisciplineRecord[];
}): Finding | null {
  const known = disciplines
    .filter((d) => compareLocalDate(d.decidedOn, asOf) <= 0)
    .sort((a, b) => compareLocalDate(a.decidedOn, b.decidedOn));
  const pairs: Array<{ during: DisciplineRecord; again: DisciplineRecord }> = [];
  for (const during of known) {
    if (!PERIOD_DISCIPLINE_FORMS.includes(during.form) || during.endsOn === null) continue;
    const endsOn = during.endsOn;
    for (const again of known) {
      if (again.id === during.id) continue;
      if (compareLocalDate(again.decidedOn, during.decidedOn) > 0 && compareLocalDate(again.decidedOn, endsOn) <= 0)
        pairs.push({ during, again });
    }
  }
  if (!pairs.length) return null;
  const { during, again } = pairs[pairs.length - 1];
  return finding(
    'violation_during_discipline',
    memberId,
    `Bị kỷ luật lần nữa ngày ${formatLocalDateVi(again.decidedOn)} khi đang trong thời hạn kỷ luật (${formatLocalDateVi(during.decidedOn)} – ${formatLocalDateVi(during.endsOn as LocalDate)}).`,
    { pairs: pairs.map((p) => ({ during: p.during, again: p.again })) },
  );
}

/**
 * Transferred out but not presented at the destination within the limit ([seed:000][seed:004];
 * 30 days [R30]). The limit is the transfer's `presentBy` (else issue + `presentationLimitDays`),
 * inclusive: presenting on the last day is in time; the day after is late. Not presented and the
 * limit has passed at asOf → a finding; presented late → a finding too (it was not in time).
 * Cancelled transfers are ignored.
 */
export function detectTransferNotPresented({
  memberId,
  asOf,
  transfers,
  params = DEFAULT_DETECTION_PARAMS,
}: {
  memberId: string;
  asOf: LocalDate;
  transfers: readonly TransferRecord[];
  params?: DetectionParams;
}): Finding | null {
  const late = transfers
    .filter((t) => t.status !== 'cancelled' && compareLocalDate(t.issuedOn, asOf) <= 0)
    .map((t) => ({ transfer: t, presentBy: t.presentBy ?? addDays(t.issuedOn, params.presentationLimitDays) }))
    .filter(({ transfer, presentBy }) =>
      transfer.presentedOn === null
        ? compareLocalDate(asOf, presentBy) > 0
        : compareLocalDate(transfer.presentedOn, presentBy) > 0,
    )
    .map(({ transfer, presentBy }) => ({
      transferId: transfer.id,
      issuedOn: transfer.issuedOn,
      presentBy,
      presentedOn: transfer.presentedOn,
      daysLate: diffInDays(presentBy, transfer.presentedOn ?? asOf),
    }))
    .sort((a, b) => compareLocalDate(a.issuedOn, b.issuedOn));
  if (!late.length) return null;
  const t = late[late.length - 1];
  const what =
    t.presentedOn === null
      ? `chưa trình diện tại nơi đến, quá hạn ${t.daysLate} ngày`
      : `trình diện ngày ${formatLocalDateVi(t.presentedOn)}, muộn ${t.daysLate} ngày`;
  return finding(
    'transfer_not_presented',
    memberId,
    `Giấy giới thiệu sinh hoạt đảng ngày ${formatLocalDateVi(t.issuedOn)}, hạn trình diện ${formatLocalDateVi(t.presentBy)}: ${what}.`,
    { transfers: late },
  );
}

/**
 * No progress `helpPeriodMonths` (12) after the cell's education (strike-off ground [R23][R24]):
 * a help period that started at least 12 calendar months before asOf (started 2025-11-26 →
 * due 2026-11-26) and was not assessed as improved.
 */
export function detectNoProgressAfterHelp({
  memberId,
  asOf,
  helpHistory,
  params = DEFAULT_DETECTION_PARAMS,
}: {
  memberId: string;
  asOf: LocalDate;
  helpHistory: readonly HelpRecord[];
  params?: DetectionParams;
}): Finding | null {
  const stalled = helpHistory
    .filter((h) => h.improved !== true && compareLocalDate(addMonths(h.startedOn, params.helpPeriodMonths), asOf) <= 0)
    .sort((a, b) => compareLocalDate(a.startedOn, b.startedOn));
  if (!stalled.length) return null;
  const h = stalled[stalled.length - 1];
  return finding(
    'no_progress_after_help',
    memberId,
    `Được chi bộ giáo dục, giúp đỡ từ ${formatLocalDateVi(h.startedOn)}; sau ${params.helpPeriodMonths} tháng (đến ${formatLocalDateVi(addMonths(h.startedOn, params.helpPeriodMonths))}) chưa được đánh giá tiến bộ.`,
    {
      helpPeriods: stalled.map((s) => ({ ...s, periodEndsOn: addMonths(s.startedOn, params.helpPeriodMonths) })),
      helpPeriodMonths: params.helpPeriodMonths,
    },
  );
}

export type DetectForMemberInput = {
  memberId: string;
  asOf: LocalDate;
  records: MemberRecords;
  params?: Partial<DetectionParams>;
};

/** Every automatic rule over one member's records; the findings in the order of the criteria list. */
export function detectForMember({ memberId, asOf, records, params }: DetectForMemberInput): Finding[] {
  const p: DetectionParams = { ...DEFAULT_DETECTION_PARAMS, ...params };
  parseLocalDate(asOf);
  return [
    detectAbsenceOrUnpaidDues({ memberId, asOf, attendance: records.attendance, dues: records.dues, params: p }),
    detectNotCompletedTwoYears({ memberId, asOf, gradings: records.gradings, params: p }),
    detectViolationDuringDiscipline({ memberId, asOf, disciplines: records.disciplines }),
    detectTransferNotPresented({ memberId, asOf, transfers: records.transfers, params: p }),
    detectNoProgressAfterHelp({ memberId, asOf, helpHistory: records.helpHistory, params: p }),
  ].filter((f): f is Finding => f !== null);
}
