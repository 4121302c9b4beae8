import { parseLocalDate, type LocalDate } from '../calendar/local-date.util';
import { DomainError } from '../errors';
import { GRADING_LABELS } from '../glossary';
import { isGradingAtLeast, type Grading } from '../org';
import type { RuleResult } from './rule-result';

/**
 * Local committees may set admission standards stricter than the national ones [seed:000:
 * 130-KH/TU]. A criteria set is data; each check is explainable and cites its source.
 */
export const LOCAL_CHECK_KINDS = ['consecutive_gradings', 'min_grading_last_year'] as const;
export type LocalCheckKind = (typeof LOCAL_CHECK_KINDS)[number];

type LocalCheckCommon = {
  /** Overrides the generated rule id (`<set id>.<kind>`). */
  id?: string;
  /** Overrides the default source. */
  source?: string;
};

/**
 * The N most recent completed years before the year of consideration are all graded
 * `minGrading` or better; with `requireExcellentOrAward`, at least one of them is
 * 'excellent' or carries an award (khen thưởng, chiến sĩ thi đua cơ sở or higher) [seed:001].
 */
export type ConsecutiveGradingsCheck = LocalCheckCommon & {
  kind: 'consecutive_gradings';
  years: number;
  minGrading: Grading;
  requireExcellentOrAward: boolean;
};

/** The last completed year is graded `minGrading` or better. */
export type MinGradingLastYearCheck = LocalCheckCommon & { kind: 'min_grading_last_year'; minGrading: Grading };

export type LocalCheckConfig = ConsecutiveGradingsCheck | MinGradingLastYearCheck;

export type CriteriaSet = { id: string; name: string; checks: LocalCheckConfig[] };

export type YearGrading = { year: number; grading: Grading; award?: boolean };

export const CONSECUTIVE_GRADINGS_SOURCE =
  '[seed:001] 52-CV/BTCĐU (2019): 3 năm liên tiếp hoàn thành tốt nhiệm vụ trở lên, ít nhất 1 năm hoàn thành xuất sắc nhiệm vụ hoặc được khen thưởng; [seed:000] 130-KH/TU: cấp ủy có thẩm quyền được đặt tiêu chuẩn cao hơn';
export const MIN_GRADING_LAST_YEAR_SOURCE =
  '[seed:000] 130-KH/TU: cấp ủy có thẩm quyền được đặt tiêu chuẩn cao hơn quy định chung';

/** The rule of letter 52-CV/BTCĐU of the provincial agencies' Party committee [seed:001]. */
export const SEED_001_CRITERIA_SET: CriteriaSet = {
  id: 'seed-001',
  name: 'Đảng bộ Các cơ quan tỉnh — Công văn 52-CV/BTCĐU (2019)',
  checks: [{ kind: 'consecutive_gradings', years: 3, minGrading: 'good', requireExcellentOrAward: true }],
};

const quoted = (grading: Grading): string => `“${GRADING_LABELS[grading].vi}”`;

function yearsBefore({ onDate, count }: { onDate: LocalDate; count: number }): number[] {
  const { year } = parseLocalDate(onDate);
  return Array.from({ length: count }, (_, index) => year - count + index);
}

function evaluateConsecutiveGradings({
  check,
  gradings,
  onDate,
  ruleId,
}: {
  check: ConsecutiveGradingsCheck;
  gradings: readonly YearGrading[];
  onDate: LocalDate;
  ruleId: string;
}): RuleResult {
  if (!Number.isSafeInteger(check.years) || check.years < 1) {
    throw new DomainError(
      'INVALID_CRITERIA_CONFIG',
      `consecutive_gradings.years must be a positive integer, got ${check.years}`,
    );
  }
  const window = yearsBefore({ onDate, count: check.years });
  const first = window[0];
  const last = window[window.length - 1];
  const period = first === last ? `năm ${first}` : `${check.years} năm liên tiếp ${first}–${last}`;
  const recordedYears = gradings.map((entry) => entry.year);
  const problems: string[] = [];
  const inWindow: YearGrading[] = [];

  for (const year of window) {
    const entries = gradings.filter((entry) => entry.year === year);
    if (entries.length > 1) {
      problems.push(`năm ${year} có ${entries.length} kết quả xếp loại, cần đúng một`);
    } else if (entries.length === 1) {
      inWindow.push(entries[0]);
    } else if (recordedYears.some((y) => y < year) && recordedYears.some((y) => y > year)) {
      problems.push(`các năm xếp loại không liên tiếp: thiếu năm ${year} giữa các năm đã có kết quả`);
    } else {
      problems.push(`thiếu kết quả xếp loại năm ${year}`);
    }
  }
  for (const entry of inWindow) {
    if (!isGradingAtLeast({ grading: entry.grading, minimum: check.minGrading })) {
      problems.push(`năm ${entry.year} chỉ đạt ${quoted(entry.grading)}, dưới mức ${quoted(check.minGrading)}`);
    }
  }
  const excellentYears = inWindow.filter((entry) => entry.grading === 'excellent').map((entry) => entry.year);
  const awardYears = inWindow.filter((entry) => entry.award === true).map((entry) => entry.year);
  if (check.requireExcellentOrAward && excellentYears.length === 0 && awardYears.length === 0) {
    problems.push(`không có năm nào đạt ${quoted('excellent')} và không có khen thưởng trong ${period}`);
  }

  const base = { ruleId, source: check.source ?? CONSECUTIVE_GRADINGS_SOURCE };
  if (problems.length > 0) {
    return {
      ...base,
      passed: false,
      reason: `Chưa đạt tiêu chuẩn ${period} xếp loại ${quoted(check.minGrading)} trở lên: ${problems.join('; ')}.`,
    };
  }
  const listing = inWindow
    .map((entry) => `${entry.year}: ${GRADING_LABELS[entry.grading].vi}${entry.award ? ' (có khen thưởng)' : ''}`)
    .join('; ');
  const highlight = !check.requireExcellentOrAward
    ? ''
    : excellentYears.length > 0
      ? `, có năm hoàn thành xuất sắc nhiệm vụ (${excellentYears.join(', ')})`
      : `, có khen thưởng (năm ${awardYears.join(', ')})`;
  return {
    ...base,
    passed: true,
    reason: `Đạt ${period} xếp loại ${quoted(check.minGrading)} trở lên (${listing})${highlight}.`,
  };
}

function evaluateMinGradingLastYear({
  check,
  gradings,
  onDate,
  ruleId,
}: {
  check: MinGradingLastYearCheck;
  gradings: readonly YearGrading[];
  onDate: LocalDate;
  ruleId: string;
}): RuleResult {
  const [year] = yearsBefore({ onDate, count: 1 });
  const entries = gradings.filter((entry) => entry.year === year);
  const base = { ruleId, source: check.source ?? MIN_GRADING_LAST_YEAR_SOURCE };
  if (entries.length === 0) return { ...base, passed: false, reason: `Thiếu kết quả xếp loại năm ${year}.` };
  if (entries.length > 1)
    return { ...base, passed: false, reason: `Năm ${year} có ${entries.length} kết quả xếp loại, cần đúng một.` };
  const { grading } = entries[0];
  return isGradingAtLeast({ grading, minimum: check.minGrading })
    ? {
        ...base,
        passed: true,
        reason: `Năm ${year} đạt ${quoted(grading)}, từ mức ${quoted(check.minGrading)} trở lên.`,
      }
    : {
        ...base,
        passed: false,
        reason: `Năm ${year} chỉ đạt ${quoted(grading)}, dưới mức ${quoted(check.minGrading)}.`,
      };
}

export type EvaluateLocalCriteriaArgs = { set: CriteriaSet; gradings: readonly YearGrading[]; onDate: LocalDate };

/**
 * One result per check of the set, in order. The years considered are the most recent
 * completed calendar years before the year of `onDate` (for 2025: 2022, 2023, 2024) [A:
 * "3 năm liên tiếp tính đến thời điểm … xem xét" read as completed grading years].
 */
export function evaluateLocalCriteria({ set, gradings, onDate }: EvaluateLocalCriteriaArgs): RuleResult[] {
  return set.checks.map((check) => {
    const ruleId = check.id ?? `${set.id}.${check.kind}`;
    switch (check.kind) {
      case 'consecutive_gradings':
        return evaluateConsecutiveGradings({ check, gradings, onDate, ruleId });
      case 'min_grading_last_year':
        return evaluateMinGradingLastYear({ check, gradings, onDate, ruleId });
    }
  });
}
