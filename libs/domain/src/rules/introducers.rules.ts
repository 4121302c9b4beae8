import type { MemberStatus } from '../org';
import { MEMBER_STATUS_LABELS } from '../glossary';
import type { RuleResult } from './rule-result';

export const INTRODUCERS_RULE_SOURCE =
  'QĐ 24-QĐ/TW §3.1, §3.2.1 [R16]; [R19]: hai đảng viên chính thức cùng công tác, học tập hoặc cư trú ít nhất 12 tháng, hoặc nghị quyết giới thiệu của Đoàn/Công đoàn cơ sở và một đảng viên chính thức';

export const DEFAULT_INTRODUCER_MIN_MONTHS = 12;

export type Introducer = {
  memberId: string;
  status: MemberStatus;
  /** Months the introducer has worked, studied or lived with the applicant in the same unit. */
  monthsAlongside: number;
  /** A replacement appointed by the cell after an introducer left is exempt from the months rule [R16 §3.2.2]. */
  appointedReplacement?: boolean;
};

export type UnionResolution = { kind: 'youth_union' | 'trade_union'; reference: string };

export type CheckIntroducersArgs = {
  introducers: readonly Introducer[];
  unionResolution?: UnionResolution | null;
  minMonths?: number;
};

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

const UNION_LABELS: Record<UnionResolution['kind'], string> = {
  youth_union: 'Đoàn Thanh niên cơ sở',
  trade_union: 'Công đoàn cơ sở',
};

/**
 * Two distinct official members each alongside the applicant for ≥ `minMonths`, or a
 * resolution of the grassroots Youth Union / trade union plus one such member
 * [R16: QĐ 24 §3.2.1][R19]. The reason names each introducer that does not count and why.
 */
export function checkIntroducers({
  introducers,
  unionResolution,
  minMonths = DEFAULT_INTRODUCER_MIN_MONTHS,
}: CheckIntroducersArgs): RuleResult {
  const qualified = new Set<string>();
  const problems: string[] = [];
  for (const introducer of introducers) {
    const who = `người giới thiệu ${introducer.memberId}`;
    if (qualified.has(introducer.memberId)) {
      problems.push(`${who} được khai báo nhiều lần, chỉ tính một lần`);
    } else if (introducer.status !== 'official') {
      problems.push(
        `${who} không phải đảng viên chính thức (${lowerFirst(MEMBER_STATUS_LABELS[introducer.status].vi)})`,
      );
    } else if (!introducer.appointedReplacement && introducer.monthsAlongside < minMonths) {
      problems.push(
        `${who} mới cùng công tác, học tập hoặc cư trú với người vào Đảng ${introducer.monthsAlongside} tháng, cần ít nhất ${minMonths} tháng`,
      );
    } else {
      qualified.add(introducer.memberId);
    }
  }
  const required = unionResolution ? 1 : 2;
  const basis = unionResolution
    ? `nghị quyết giới thiệu của ${UNION_LABELS[unionResolution.kind]} (${unionResolution.reference}) và ${required} đảng viên chính thức`
    : `${required} đảng viên chính thức`;
  const count = `có ${qualified.size} người giới thiệu hợp lệ${qualified.size > 0 ? ` (${[...qualified].join(', ')})` : ''}`;
  const notes = problems.length > 0 ? `; ${problems.join('; ')}` : '';
  const passed = qualified.size >= required;
  return {
    ruleId: 'national.introducers',
    passed,
    source: INTRODUCERS_RULE_SOURCE,
    reason: passed
      ? `Đủ người giới thiệu: cần ${basis}, ${count}${notes}.`
      : `Chưa đủ người giới thiệu: cần ${basis} (cùng công tác, học tập hoặc cư trú ít nhất ${minMonths} tháng), ${count}${notes}.`,
  };
}
