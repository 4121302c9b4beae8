import { labelVi, type ReportTable } from '@partyflow/domain';
import { labelOr, subtree, type ReportBuilder } from './report-context';

/** Forms of leaving the Party, in case the glossary does not label them yet. */
const REMOVAL_FORM_VI: Record<string, string> = {
  strike_off: 'Xóa tên',
  expel: 'Khai trừ',
  release: 'Cho ra khỏi Đảng',
};

/**
 * Screening (rà soát, 02-HD/BTCTƯ) in the subtree and period: detected (cases opened), helped
 * (a helper assigned), improved, kept, dismissed, and removed by form; then the same by ground.
 */
export const screeningReport: ReportBuilder = async (ctx) => {
  const p = [subtree(ctx), ctx.fromAt, ctx.toAt];
  const [totals] = (await ctx.dataSource.query(
    `
    SELECT
      (SELECT count(*)::int FROM screening_case WHERE org_path LIKE $1 AND started_at >= $2 AND started_at < $3) AS detected,
      (SELECT count(DISTINCT t.case_id)::int FROM human_task t JOIN screening_case c ON c.id = t.case_id
        WHERE c.org_path LIKE $1 AND t.process = 'screening' AND t.step = 'screening_assign_helper' AND t.status = 'completed'
          AND t.completed_at >= $2 AND t.completed_at < $3) AS helped,
      (SELECT count(*)::int FROM screening_case WHERE org_path LIKE $1 AND status = 'improved' AND ended_at >= $2 AND ended_at < $3) AS improved,
      (SELECT count(*)::int FROM screening_case WHERE org_path LIKE $1 AND status = 'kept' AND ended_at >= $2 AND ended_at < $3) AS kept,
      (SELECT count(*)::int FROM screening_case WHERE org_path LIKE $1 AND status = 'dismissed' AND ended_at >= $2 AND ended_at < $3) AS dismissed,
      (SELECT count(*)::int FROM screening_case WHERE org_path LIKE $1 AND status = 'removed' AND ended_at >= $2 AND ended_at < $3) AS removed,
      (SELECT count(*)::int FROM screening_case WHERE org_path LIKE $1 AND status = 'in_progress' AND started_at < $3) AS "inProgress"`,
    p,
  )) as Record<string, number>[];
  const forms = (await ctx.dataSource.query(
    `
    SELECT coalesce(removal_form, 'unknown') AS form, count(*)::int AS n FROM screening_case
     WHERE org_path LIKE $1 AND status = 'removed' AND ended_at >= $2 AND ended_at < $3 GROUP BY removal_form ORDER BY removal_form`,
    p,
  )) as { form: string; n: number }[];
  const grounds = (await ctx.dataSource.query(
    `
    SELECT ground,
      count(*) FILTER (WHERE started_at >= $2 AND started_at < $3)::int AS detected,
      count(*) FILTER (WHERE status = 'improved' AND ended_at >= $2 AND ended_at < $3)::int AS improved,
      count(*) FILTER (WHERE status = 'removed' AND ended_at >= $2 AND ended_at < $3)::int AS removed
     FROM screening_case WHERE org_path LIKE $1 GROUP BY ground ORDER BY ground`,
    p,
  )) as { ground: string; detected: number; improved: number; removed: number }[];

  const measure = (label: string, n: number) => ({ measure: label, count: n });
  const summary: ReportTable = {
    key: 'summary',
    title: 'Tổng hợp rà soát đảng viên',
    columns: [
      { key: 'measure', header: 'Nội dung', width: 48 },
      { key: 'count', header: 'Số trường hợp', width: 14 },
    ],
    rows: [
      measure('Phát hiện (mở hồ sơ rà soát)', totals.detected),
      measure('Được giúp đỡ (đã phân công đảng viên giúp đỡ)', totals.helped),
      measure('Tiến bộ', totals.improved),
      measure('Tiếp tục sinh hoạt sau sàng lọc', totals.kept),
      measure('Không có căn cứ, dừng rà soát', totals.dismissed),
      measure('Đưa ra khỏi Đảng', totals.removed),
      ...forms.map((f) => measure(`  trong đó: ${labelOr(labelVi(f.form), f.form, REMOVAL_FORM_VI)}`, f.n)),
      measure('Đang rà soát (cuối kỳ)', totals.inProgress),
    ],
  };
  const byGround: ReportTable = {
    key: 'by_ground',
    title: 'Rà soát theo căn cứ',
    columns: [
      { key: 'groundLabel', header: 'Căn cứ', width: 60 },
      { key: 'ground', header: 'Mã căn cứ', width: 28 },
      { key: 'detected', header: 'Phát hiện', width: 10 },
      { key: 'improved', header: 'Tiến bộ', width: 10 },
      { key: 'removed', header: 'Đưa ra khỏi Đảng', width: 16 },
    ],
    rows: grounds
      .filter((g) => g.detected + g.improved + g.removed > 0)
      .map((g) => ({ groundLabel: labelVi(g.ground), ...g })),
  };
  return [summary, byGround];
};
