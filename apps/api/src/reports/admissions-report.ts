import { ADMISSION_STEPS, labelVi, type ReportTable } from '@partyflow/domain';
import { quotaRows } from '../quotas/quotas.service';
import { subtree, type ReportBuilder } from './report-context';

const OUTCOMES = ['admitted', 'rejected', 'official', 'not_recognised', 'in_progress'] as const;
type Outcome = (typeof OUTCOMES)[number];
const OUTCOME_VI: Record<Outcome, string> = {
  admitted: 'Được kết nạp (quyết định trong kỳ)',
  rejected: 'Dừng hồ sơ, không kết nạp',
  official: 'Công nhận đảng viên chính thức',
  not_recognised: 'Không công nhận đảng viên chính thức',
  in_progress: 'Đang xử lý (chưa có quyết định)',
};

const stepOrder = (step: string): number => {
  const i = (ADMISSION_STEPS as readonly string[]).indexOf(step);
  return i < 0 ? ADMISSION_STEPS.length : i;
};

/**
 * Admissions of the subtree in the period: by stage and outcome (decided admissions by their
 * decision date, stops and recognitions by their dates, cases still before the decision by their
 * current step), and quota achievement per organisation for each year the period touches [seed:003].
 */
export const admissionsReport: ReportBuilder = async (ctx) => {
  const p = [subtree(ctx), ctx.from, ctx.to, ctx.fromAt, ctx.toAt];
  const raw = (await ctx.dataSource.query(
    `
    SELECT 'admitted' AS outcome, 'decision' AS step, count(*)::int AS n FROM admission_case
      WHERE org_path LIKE $1 AND decided_on BETWEEN $2 AND $3
    UNION ALL
    SELECT status, coalesce(end_step, 'eligibility'), count(*)::int FROM admission_case
      WHERE org_path LIKE $1 AND status IN ('rejected','not_recognised') AND ended_at >= $4 AND ended_at < $5 GROUP BY status, end_step
    UNION ALL
    SELECT 'official', 'recognition_decision', count(*)::int FROM admission_case
      WHERE org_path LIKE $1 AND official_on BETWEEN $2 AND $3
    UNION ALL
    SELECT 'in_progress', coalesce(current_step, 'eligibility'), count(*)::int FROM admission_case
      WHERE org_path LIKE $1 AND status = 'in_progress' AND decided_on IS NULL AND started_at < $5 GROUP BY current_step`,
    p,
  )) as { outcome: Outcome; step: string; n: number }[];
  const rows = raw
    .filter((r) => r.n > 0)
    .sort((a, b) => OUTCOMES.indexOf(a.outcome) - OUTCOMES.indexOf(b.outcome) || stepOrder(a.step) - stepOrder(b.step));
  const byOutcome: ReportTable = {
    key: 'by_stage_outcome',
    title: 'Kết nạp theo bước và kết quả',
    columns: [
      { key: 'outcome', header: 'Kết quả', width: 38 },
      { key: 'stepLabel', header: 'Bước', width: 44 },
      { key: 'step', header: 'Mã bước', width: 24 },
      { key: 'cases', header: 'Số hồ sơ', width: 10 },
    ],
    rows: rows.map((r) => ({ outcome: OUTCOME_VI[r.outcome], stepLabel: labelVi(r.step), step: r.step, cases: r.n })),
  };

  const quotaTable: ReportTable = {
    key: 'quota',
    title: 'Thực hiện chỉ tiêu kết nạp',
    columns: [
      { key: 'year', header: 'Năm', width: 8 },
      { key: 'code', header: 'Mã tổ chức', width: 18 },
      { key: 'name', header: 'Tên tổ chức', width: 40 },
      { key: 'quota', header: 'Chỉ tiêu', width: 10 },
      { key: 'admitted', header: 'Đã kết nạp', width: 12 },
      { key: 'percent', header: 'Tỷ lệ hoàn thành (%)', width: 20 },
      { key: 'inProgress', header: 'Đang xử lý', width: 12 },
      { key: 'summary', header: 'Tình hình', width: 34 },
    ],
    rows: [],
  };
  for (let y = Number(ctx.from.slice(0, 4)); y <= Number(ctx.to.slice(0, 4)); y++) {
    for (const r of await quotaRows({
      dataSource: ctx.dataSource,
      root: ctx.org,
      year: y,
      from: ctx.from,
      to: ctx.to,
    })) {
      quotaTable.rows.push({
        year: y,
        code: r.code,
        name: r.name,
        quota: r.quota,
        admitted: r.admitted,
        percent: r.percent,
        inProgress: r.inProgress.total,
        summary: r.summaryVi,
      });
    }
  }
  return [byOutcome, quotaTable];
};
