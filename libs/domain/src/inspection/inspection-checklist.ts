import { addMonths, compareLocalDate, type LocalDate } from '../calendar/local-date.util';
import { defaultPolicyBuilder, workingDays } from '../deadline/policy-builder';
import type { DeadlinePolicy } from '../deadline/deadline-policy';
import type { FieldProblem } from '../errors';
import type { OrgKind } from '../org';
import type { Role } from '../roles';

/**
 * Six-monthly inspection of party cells (DOMAIN.md §4): every 6 months the directly superior
 * committee of the grassroots organisation [seed:000], or the grassroots committee over its own
 * cells [seed:004], inspects each cell, announces the results and requires corrections.
 */
export const INSPECTION_PROCESS = 'inspection';

export const INSPECTION_SCOPES = ['superior_of_grassroots', 'grassroots_own_cells'] as const;
export type InspectionScope = (typeof INSPECTION_SCOPES)[number];

/** Human steps of one cell inspection, in procedural order. */
export const INSPECTION_STEPS = ['assign_team', 'checklist', 'remediation', 'verify_fix'] as const;
export type InspectionStep = (typeof INSPECTION_STEPS)[number];

/** What is checked [seed:000][seed:004], each with its rule. */
export const INSPECTION_ITEMS = [
  'monthly_meetings',
  'thematic_meetings',
  'dues_collected',
  'member_records',
  'transfers_handled',
  'self_criticism',
] as const;
export type InspectionItem = (typeof INSPECTION_ITEMS)[number];

export const FINDING_RESULTS = ['met', 'shortcoming', 'not_applicable'] as const;
export type FindingResult = (typeof FINDING_RESULTS)[number];

export const REMEDIATION_STATUSES = ['open', 'overdue', 'fixed', 'verified', 'carried_over'] as const;
export type RemediationStatus = (typeof REMEDIATION_STATUSES)[number];

export const INSPECTION_ROUND_STATUSES = ['inspecting', 'remediating', 'closed'] as const;
export type InspectionRoundStatus = (typeof INSPECTION_ROUND_STATUSES)[number];

/** Where a pre-filled value comes from; `null` when the inspectors fill the item by hand. */
export type PrefillSource = 'meeting_attendance' | 'dues_payment' | 'party_transfer';

export type ChecklistItemInfo = { vi: string; rule: string; prefillFrom: PrefillSource | null };

export const INSPECTION_ITEM_INFO: Record<InspectionItem, ChecklistItemInfo> = {
  monthly_meetings: {
    vi: 'Sinh hoạt chi bộ thường kỳ hằng tháng',
    rule: 'Điều lệ Đảng Điều 24 [R41]: chi bộ họp thường lệ mỗi tháng một lần',
    prefillFrom: 'meeting_attendance',
  },
  thematic_meetings: {
    vi: 'Sinh hoạt chuyên đề ít nhất mỗi quý một lần',
    rule: '[R43] (nguồn thứ cấp): sinh hoạt chuyên đề ít nhất mỗi quý, không thay sinh hoạt thường kỳ',
    prefillFrom: null,
  },
  dues_collected: {
    vi: 'Thu, nộp đảng phí',
    rule: '[seed:000][seed:004]: kiểm tra việc thu, nộp đảng phí',
    prefillFrom: 'dues_payment',
  },
  member_records: {
    vi: 'Hồ sơ đảng viên và lưu trữ của chi bộ',
    rule: '[seed:000][seed:004]: quản lý hồ sơ đảng viên, sổ sách chi bộ',
    prefillFrom: null,
  },
  transfers_handled: {
    vi: 'Chuyển sinh hoạt đảng đúng hạn',
    rule: 'QĐ 24-QĐ/TW §6.3 [R28][R30]: xuất trình giấy giới thiệu sinh hoạt đảng đúng hạn',
    prefillFrom: 'party_transfer',
  },
  self_criticism: {
    vi: 'Tự phê bình và phê bình',
    rule: '[seed:000][seed:004]: thực hiện tự phê bình và phê bình',
    prefillFrom: null,
  },
};

/** The inspecting committee's role at the inspecting organisation, per scope. */
export const INSPECTING_ROLE: Record<InspectionScope, Role> = {
  superior_of_grassroots: 'standing_committee_member',
  grassroots_own_cells: 'grassroots_committee_member',
};

/**
 * The kinds of organisation that inspect under each scope: the directly superior committee of the
 * grassroots organisation (a district committee, or since 2025 a province-level one [R10])
 * [seed:000], or the grassroots committee over its own cells [seed:004].
 */
export const INSPECTING_ORG_KINDS: Record<InspectionScope, readonly OrgKind[]> = {
  superior_of_grassroots: ['district_committee', 'provincial_committee'],
  grassroots_own_cells: ['grassroots_committee'],
};

/** Whether an organisation of `kind` may run an inspection programme under `scope`. */
export function canInspectUnder({ scope, kind }: { scope: InspectionScope; kind: string }): boolean {
  return (INSPECTING_ORG_KINDS[scope] as readonly string[]).includes(kind);
}

/** Levels below the inspecting organisation at which its cells sit, per scope. */
export const CELL_DEPTH_BELOW: Record<InspectionScope, number> = { superior_of_grassroots: 2, grassroots_own_cells: 1 };

/**
 * Allowed round intervals in months: divisors of 12, so rounds keep to fixed calendar months
 * (January and July for 6) and a Schedule calendar can express them. Default 6 [seed:000].
 */
export const INSPECTION_INTERVALS_MONTHS = [1, 2, 3, 4, 6, 12] as const;
export const DEFAULT_INSPECTION_INTERVAL = {
  months: 6,
  source: '[seed:000][seed:004]: kiểm tra chi bộ 6 tháng một lần',
} as const;

export function isInspectionInterval(months: number): boolean {
  return (INSPECTION_INTERVALS_MONTHS as readonly number[]).includes(months);
}

/** The months (1–12) in which a round starts for an interval, beginning in January. */
export function roundStartMonths(intervalMonths: number): number[] {
  if (!isInspectionInterval(intervalMonths))
    throw new RangeError(`intervalMonths must be one of ${INSPECTION_INTERVALS_MONTHS.join(', ')}`);
  return Array.from({ length: 12 / intervalMonths }, (_, i) => 1 + i * intervalMonths);
}

/** The first scheduled round start (the 1st of a start month) strictly after a local date. */
export function nextRoundStart({ after, intervalMonths }: { after: LocalDate; intervalMonths: number }): LocalDate {
  const year = Number(after.slice(0, 4));
  const month = Number(after.slice(5, 7));
  const months = roundStartMonths(intervalMonths);
  const next = months.find((m) => m > month);
  return next ? `${year}-${String(next).padStart(2, '0')}-01` : `${year + 1}-${String(months[0]).padStart(2, '0')}-01`;
}

/**
 * A round reviews the whole months before the month it starts in (the six months before, for 6)
 * and runs until the next scheduled round, when open findings carry over. A round triggered
 * mid-month still reviews whole months, so month-based records (attendance, dues) line up, and
 * ends when the next scheduled round starts, never after it.
 */
export function roundPeriod({ startedOn, intervalMonths }: { startedOn: LocalDate; intervalMonths: number }): {
  reviewFrom: LocalDate;
  reviewTo: LocalDate;
  endsOn: LocalDate;
} {
  const monthStart = `${startedOn.slice(0, 7)}-01`;
  return {
    reviewFrom: addMonths(monthStart, -intervalMonths),
    reviewTo: monthStart,
    endsOn: nextRoundStart({ after: startedOn, intervalMonths }),
  };
}

/**
 * Remediation follow-up is bounded: after this many failed verifications the item is escalated and
 * carried over [A].
 */
export const DEFAULT_MAX_REMEDIATION_ATTEMPTS = {
  count: 3,
  source: '[A] Không tìm thấy quy định; tối đa 3 lần khắc phục trong một đợt, sau đó chuyển đợt sau.',
} as const;

/** The first day of each month with any day in [from, to). */
export function monthsBetween({ from, to }: { from: LocalDate; to: LocalDate }): LocalDate[] {
  const months: LocalDate[] = [];
  let m = `${from.slice(0, 7)}-01`;
  while (compareLocalDate(m, to) < 0) {
    months.push(m);
    m = addMonths(m, 1);
  }
  return months;
}

export type Prefill = {
  value: string;
  suggested: FindingResult;
  source: PrefillSource;
  detail: Record<string, number>;
};

/** Monthly meetings held = months of the period with attendance rows for the cell [R41]. */
export function prefillMonthlyMeetings({
  periodMonths,
  monthsWithAttendance,
}: {
  periodMonths: LocalDate[];
  monthsWithAttendance: LocalDate[];
}): Prefill {
  const held = periodMonths.filter((m) => monthsWithAttendance.includes(m)).length;
  const expected = periodMonths.length;
  return {
    value: `${held}/${expected} tháng có sinh hoạt chi bộ`,
    suggested: expected === 0 ? 'not_applicable' : held === expected ? 'met' : 'shortcoming',
    source: 'meeting_attendance',
    detail: { held, expected },
  };
}

/** Dues collected = share of member-months paid; met when the share reaches the threshold ([A] default: all). */
export function prefillDues({
  memberMonths,
  paidMemberMonths,
  minPaidShare = 1,
}: {
  memberMonths: number;
  paidMemberMonths: number;
  minPaidShare?: number;
}): Prefill {
  if (memberMonths === 0)
    return {
      value: 'Không có đảng viên phải đóng đảng phí trong kỳ',
      suggested: 'not_applicable',
      source: 'dues_payment',
      detail: { memberMonths, paidMemberMonths },
    };
  const paid = Math.min(paidMemberMonths, memberMonths);
  const percent = Math.floor((paid * 100) / memberMonths);
  return {
    value: `${paid}/${memberMonths} lượt đảng viên-tháng đã đóng đảng phí (${percent}%)`,
    suggested: paid >= memberMonths * minPaidShare ? 'met' : 'shortcoming',
    source: 'dues_payment',
    detail: { memberMonths, paidMemberMonths: paid },
  };
}

export type InspectedTransfer = { presentBy: LocalDate; presentedOn: LocalDate | null };

/**
 * Transfers handled = transfers of the cell's members presented by their deadline [R28][R30]; open
 * ones not yet due are not counted.
 */
export function prefillTransfers({ transfers, asOf }: { transfers: InspectedTransfer[]; asOf: LocalDate }): Prefill {
  const due = transfers.filter((t) => t.presentedOn !== null || compareLocalDate(t.presentBy, asOf) < 0);
  const onTime = due.filter((t) => t.presentedOn !== null && compareLocalDate(t.presentedOn, t.presentBy) <= 0).length;
  if (due.length === 0)
    return {
      value: 'Không có chuyển sinh hoạt đảng đến hạn trong kỳ',
      suggested: 'not_applicable',
      source: 'party_transfer',
      detail: { due: 0, onTime: 0 },
    };
  return {
    value: `${onTime}/${due.length} trường hợp chuyển sinh hoạt đảng xuất trình đúng hạn`,
    suggested: onTime === due.length ? 'met' : 'shortcoming',
    source: 'party_transfer',
    detail: { due: due.length, onTime },
  };
}

export type ChecklistFinding = { item: InspectionItem; result: FindingResult; note?: string };

/** One checklist item as the team sees it: the value pre-filled from the records, and any finding carried over. */
export type ChecklistPrefill = {
  item: InspectionItem;
  prefilledValue: string | null;
  prefilledResult: FindingResult | null;
  source: PrefillSource | null;
  carriedFromRemediationId: string | null;
};

/**
 * A submitted checklist must answer every item that has no pre-filled result or that carries a
 * finding over; items with a pre-filled result may be left out, which confirms the suggestion.
 * A shortcoming needs a note, which becomes the remediation request. Returns the problem and its field, if any.
 */
export function checklistProblem({
  findings,
  prefill,
}: {
  findings: ChecklistFinding[];
  prefill: ChecklistPrefill[];
}): FieldProblem | undefined {
  const seen = new Set<string>();
  for (const [i, f] of findings.entries()) {
    if (seen.has(f.item)) return { field: `data.findings.${i}.item`, message: `mục '${f.item}' bị lặp` };
    seen.add(f.item);
    if (f.result === 'shortcoming' && !f.note)
      return { field: `data.findings.${i}.note`, message: 'hạn chế, khuyết điểm cần ghi rõ nội dung' };
  }
  const missing = prefill.filter(
    (p) => (p.prefilledResult === null || p.carriedFromRemediationId !== null) && !seen.has(p.item),
  );
  if (missing.length)
    return {
      field: 'data.findings',
      message: `cần kết luận cho các mục chưa có số liệu hoặc chuyển từ đợt trước: ${missing.map((m) => `${m.item} (${INSPECTION_ITEM_INFO[m.item].vi})`).join('; ')}`,
    };
  return undefined;
}

const policy = defaultPolicyBuilder<string>(INSPECTION_PROCESS);

/** Default deadline policies of the inspection process; no limit was found in the sources [A]. */
export const INSPECTION_DEADLINE_POLICIES: DeadlinePolicy[] = (
  [
    [
      'assign_team',
      10,
      '[A] Không tìm thấy thời hạn; mặc định 10 ngày làm việc để phân công đoàn kiểm tra [seed:000][seed:004].',
    ],
    [
      'checklist',
      20,
      '[A] Không tìm thấy thời hạn; mặc định 20 ngày làm việc để kiểm tra chi bộ [seed:000][seed:004].',
    ],
    [
      'remediation',
      30,
      '[A] DOMAIN.md §4: yêu cầu khắc phục nhưng không tìm thấy thời hạn; mặc định 30 ngày làm việc.',
    ],
    ['verify_fix', 10, '[A] Không tìm thấy thời hạn; mặc định 10 ngày làm việc để cấp ủy kiểm tra việc khắc phục.'],
  ] as const
).map(([step, days, source]) =>
  policy(step, { due: workingDays(days), remindBefore: workingDays(2), anchor: 'task_opened', source }),
);
