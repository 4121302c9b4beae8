import { addMonths, compareLocalDate, formatLocalDateVi, type LocalDate } from '../calendar/local-date.util';
import type { FieldProblem } from '../errors';
import { ADMISSION_PHASE_LABELS, ADMISSION_STEP_LABELS, MEMBER_STATUS_LABELS } from '../glossary';
import type { MemberStatus } from '../org';
import { SCREENING_PHASE_LABELS, SCREENING_STEP_LABELS } from '../screening/screening-labels';

/**
 * Status changes recorded by hand (issue 9 §2): which transitions exist, who decides each, and
 * which are owned by a running process and so refused by hand.
 *
 * - `cell`: decided by the cell (chi bộ); recorded by its committee or a committee above.
 * - `committee`: decided by a committee above the cell (admission, recognition, removal); recorded by
 *   a grassroots committee member, the organisation department or an administrator at or above.
 */
export type StatusChangeDecider = 'cell' | 'committee';
export type StatusTransition = { decidedBy: StatusChangeDecider; source: string };

export const MEMBER_STATUS_TRANSITIONS: Record<MemberStatus, Partial<Record<MemberStatus, StatusTransition>>> = {
  candidate: {
    probationary: {
      decidedBy: 'committee',
      source: 'Kết nạp: ngày vào Đảng là ngày lễ kết nạp [R4][R6][R50]; ghi tay một quyết định đã có ngoài hệ thống',
    },
  },
  probationary: {
    official: {
      decidedBy: 'committee',
      source: 'Công nhận đảng viên chính thức, tính từ khi hết 12 tháng dự bị [R4][R6]: QĐ 24-QĐ/TW Điều 5(2)',
    },
    removed: { decidedBy: 'committee', source: 'Xóa tên đảng viên dự bị không đủ điều kiện công nhận [R23][R25]' },
  },
  official: {
    exempt: {
      decidedBy: 'cell',
      source: '[A] Chi bộ xem xét cho đảng viên miễn công tác và sinh hoạt đảng (không có trong các nguồn đã đọc) [R1]',
    },
    removed: { decidedBy: 'committee', source: 'Xóa tên, khai trừ, cho ra khỏi Đảng [R23][R24][R27]' },
  },
  exempt: {
    official: { decidedBy: 'cell', source: '[A] Chi bộ chấm dứt việc miễn công tác và sinh hoạt đảng' },
    removed: { decidedBy: 'committee', source: 'Xóa tên, khai trừ, cho ra khỏi Đảng [R23][R24][R27]' },
  },
  removed: {},
};

/** The cases that run for the member now (their current step, if any). */
export type RunningCases = {
  admission?: { caseId: string; step: string | null } | null;
  screening?: { caseId: string; step: string | null } | null;
};

export type StatusChangeRefusal =
  'STATUS_UNCHANGED' | 'STATUS_TRANSITION_NOT_ALLOWED' | 'STATUS_OWNED_BY_ADMISSION' | 'STATUS_OWNED_BY_SCREENING';

export type StatusChangeCheck =
  | { allowed: true; decidedBy: StatusChangeDecider; source: string }
  | { allowed: false; code: StatusChangeRefusal; reason: string; source: string };

const statusVi = (status: MemberStatus) => MEMBER_STATUS_LABELS[status].vi;
const stepVi = (step: string | null, labels: Record<string, { vi: string }>) =>
  step && Object.prototype.hasOwnProperty.call(labels, step) ? `, bước "${labels[step].vi}"` : '';

const ADMISSION_STEPS_VI: Record<string, { vi: string }> = { ...ADMISSION_STEP_LABELS, ...ADMISSION_PHASE_LABELS };
const SCREENING_STEPS_VI: Record<string, { vi: string }> = { ...SCREENING_STEP_LABELS, ...SCREENING_PHASE_LABELS };

const ADMISSION_OWNS: Partial<Record<MemberStatus, { reason: string; source: string }>> = {
  probationary: {
    reason: 'người vào Đảng trở thành đảng viên dự bị tại lễ kết nạp của hồ sơ',
    source: '[R4][R6][R21]',
  },
  official: {
    reason: 'việc công nhận đảng viên chính thức là của bước xét công nhận trong hồ sơ',
    source: 'QĐ 24-QĐ/TW Điều 5(2) [R4][R6][R17]',
  },
  removed: {
    reason: 'đảng viên dự bị không được công nhận thì chi bộ đề nghị xóa tên trong hồ sơ',
    source: '[R25]',
  },
};
const ADMISSION_OWNS_OTHER = {
  reason: 'trạng thái của người vào Đảng do hồ sơ kết nạp quyết định cho đến khi hồ sơ kết thúc',
  source: 'QĐ 24-QĐ/TW [R8]',
};

/**
 * Whether a status change may be recorded by hand. While an admission case runs, the case owns
 * the person's status: the ceremony makes them probationary, recognition makes them official, and
 * the not-recognised path removes them [R4][R6][R25]. While a screening case runs, removal from
 * the Party is that case's decision [R1][R23]. Otherwise only the transitions of
 * `MEMBER_STATUS_TRANSITIONS` exist; `removed` is final (re-admission is a new admission).
 */
export function checkMemberStatusChange({
  from,
  to,
  running = {},
}: {
  from: MemberStatus;
  to: MemberStatus;
  running?: RunningCases;
}): StatusChangeCheck {
  if (from === to) {
    return {
      allowed: false,
      code: 'STATUS_UNCHANGED',
      reason: `Đã ở trạng thái "${statusVi(from)}"`,
      source: 'issue 9 §2',
    };
  }
  if (running.admission) {
    const owned = ADMISSION_OWNS[to] ?? ADMISSION_OWNS_OTHER;
    return {
      allowed: false,
      code: 'STATUS_OWNED_BY_ADMISSION',
      reason: `Đang có hồ sơ kết nạp (${running.admission.caseId}${stepVi(running.admission.step, ADMISSION_STEPS_VI)}): ${owned.reason}; không chuyển trạng thái bằng tay`,
      source: owned.source,
    };
  }
  if (running.screening && to === 'removed') {
    return {
      allowed: false,
      code: 'STATUS_OWNED_BY_SCREENING',
      reason: `Đang có hồ sơ rà soát, sàng lọc (${running.screening.caseId}${stepVi(running.screening.step, SCREENING_STEPS_VI)}): việc đưa ra khỏi Đảng do hồ sơ này quyết định; không chuyển trạng thái bằng tay`,
      source: 'HD 02-HD/BTCTƯ [R1]; [R23]',
    };
  }
  const transition = MEMBER_STATUS_TRANSITIONS[from][to];
  if (!transition) {
    const targets = Object.keys(MEMBER_STATUS_TRANSITIONS[from]) as MemberStatus[];
    const allowed = targets.length ? targets.map((t) => `"${statusVi(t)}"`).join(', ') : 'không trạng thái nào';
    return {
      allowed: false,
      code: 'STATUS_TRANSITION_NOT_ALLOWED',
      reason: `Không thể chuyển từ "${statusVi(from)}" sang "${statusVi(to)}"; từ "${statusVi(from)}" chỉ chuyển được sang ${allowed}`,
      source: 'issue 9 §2',
    };
  }
  return { allowed: true, ...transition };
}

/** The day a probationary member becomes official: 12 months after joining, however late the vote [R4][R6]. */
export function officialSinceFor(joinedOn: LocalDate): LocalDate {
  return addMonths(joinedOn, 12);
}

/**
 * The effective date of a status change checked against the member's record and today (the
 * Vietnamese local date), as a problem on the field `effectiveOn`, or null:
 * - never after today, never before the birth date;
 * - official after probation: exactly 12 months after joining, when the joining date is known [R4][R6];
 * - exempt: not before the member became official; back to official: not before the exemption;
 * - removed: not before joining.
 */
export function checkStatusEffectiveDate({
  member,
  to,
  effectiveOn,
  today,
}: {
  member: {
    status: MemberStatus;
    birthDate: LocalDate;
    joinedOn: LocalDate | null;
    officialSince: LocalDate | null;
    exemptSince: LocalDate | null;
  };
  to: MemberStatus;
  effectiveOn: LocalDate;
  today: LocalDate;
}): FieldProblem | null {
  const problem = (message: string): FieldProblem => ({ field: 'effectiveOn', message });
  const vi = formatLocalDateVi;
  if (compareLocalDate(effectiveOn, today) > 0) return problem(`không được sau ngày hôm nay (${vi(today)})`);
  if (compareLocalDate(effectiveOn, member.birthDate) < 0)
    return problem(`không được trước ngày sinh (${vi(member.birthDate)})`);
  if (to === 'official' && member.status === 'probationary' && member.joinedOn) {
    const due = officialSinceFor(member.joinedOn);
    if (effectiveOn !== due)
      return problem(
        `phải là ngày ${vi(due)}: đảng viên chính thức tính từ khi hết 12 tháng dự bị kể từ ngày vào Đảng ${vi(member.joinedOn)} [R4][R6]`,
      );
  }
  if (to === 'exempt' && member.officialSince && compareLocalDate(effectiveOn, member.officialSince) < 0)
    return problem(`không được trước ngày là đảng viên chính thức (${vi(member.officialSince)})`);
  if (to === 'official' && member.status === 'exempt' && member.exemptSince) {
    if (compareLocalDate(effectiveOn, member.exemptSince) < 0)
      return problem(`không được trước ngày được miễn công tác và sinh hoạt đảng (${vi(member.exemptSince)})`);
  }
  if (to === 'removed' && member.joinedOn && compareLocalDate(effectiveOn, member.joinedOn) < 0)
    return problem(`không được trước ngày vào Đảng (${vi(member.joinedOn)})`);
  return null;
}
