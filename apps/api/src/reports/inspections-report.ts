import { INSPECTION_ITEMS, labelVi, summariseTimeliness, type ReportTable } from '@partyflow/domain';
import { subtree, type ReportBuilder } from './report-context';

/**
 * Cell inspections (kiểm tra chi bộ) of the subtree in rounds started in the period: per round,
 * the cells checked on time or late against the checklist task's due instant; findings by
 * checklist item; and remediations now overdue.
 */
export const inspectionsReport: ReportBuilder = async (ctx) => {
  const p = [subtree(ctx), ctx.from, ctx.to];
  const cells = (await ctx.dataSource.query(
    `
    SELECT r.id AS "roundId", r.started_on::text AS "startedOn", r.ends_on::text AS "endsOn", o.code AS "inspectingCode", o.name AS "inspectingName",
           ci.id AS "inspectionId", t.status, t.due_at AS "dueAt", t.completed_at AS "completedAt"
      FROM cell_inspection ci
      JOIN inspection_round r ON r.id = ci.round_id
      JOIN inspection_programme pr ON pr.id = r.programme_id
      JOIN organisation o ON o.id = pr.inspecting_org_id
      LEFT JOIN human_task t ON t.workflow_id = ci.workflow_id AND t.process = 'inspection' AND t.step = 'checklist'
     WHERE ci.org_path LIKE $1 AND r.started_on BETWEEN $2 AND $3
     ORDER BY r.started_on, o.code`,
    p,
  )) as {
    roundId: string;
    startedOn: string;
    endsOn: string;
    inspectingCode: string;
    inspectingName: string;
    inspectionId: string;
    status: string | null;
    dueAt: Date | null;
    completedAt: Date | null;
  }[];
  const rounds = new Map<string, typeof cells>();
  for (const c of cells) rounds.set(c.roundId, [...(rounds.get(c.roundId) ?? []), c]);
  const roundTable: ReportTable = {
    key: 'rounds',
    title: 'Đợt kiểm tra chi bộ',
    columns: [
      { key: 'startedOn', header: 'Ngày bắt đầu đợt', width: 16 },
      { key: 'endsOn', header: 'Ngày kết thúc đợt', width: 16 },
      { key: 'inspecting', header: 'Cấp ủy kiểm tra', width: 36 },
      { key: 'cells', header: 'Số chi bộ được kiểm tra', width: 20 },
      { key: 'onTime', header: 'Kiểm tra đúng hạn', width: 16 },
      { key: 'late', header: 'Trễ hạn', width: 10 },
      { key: 'openPending', header: 'Đang trong hạn', width: 14 },
      { key: 'onTimeRate', header: 'Tỷ lệ đúng hạn (%)', width: 18 },
    ],
    rows: [...rounds.values()].map((list) => {
      const timed = list
        .filter((c) => c.dueAt)
        .map((c) => ({
          status: c.status as string,
          dueAt: new Date(c.dueAt as Date),
          completedAt: c.completedAt ? new Date(c.completedAt) : null,
        }));
      const s = summariseTimeliness({ tasks: timed, now: ctx.now });
      return {
        startedOn: list[0].startedOn,
        endsOn: list[0].endsOn,
        inspecting: `${list[0].inspectingName} (${list[0].inspectingCode})`,
        cells: list.length,
        onTime: s.onTime,
        late: s.late,
        openPending: s.openPending,
        onTimeRate: s.onTimeRate,
      };
    }),
  };

  const findings = (await ctx.dataSource.query(
    `
    SELECT f.item,
      count(*) FILTER (WHERE f.result = 'met')::int AS met,
      count(*) FILTER (WHERE f.result = 'shortcoming')::int AS shortcoming,
      count(*) FILTER (WHERE f.result = 'not_applicable')::int AS "notApplicable",
      count(*) FILTER (WHERE f.result IS NULL)::int AS unconfirmed
      FROM inspection_finding f JOIN cell_inspection ci ON ci.id = f.inspection_id JOIN inspection_round r ON r.id = ci.round_id
     WHERE ci.org_path LIKE $1 AND r.started_on BETWEEN $2 AND $3 GROUP BY f.item`,
    p,
  )) as { item: string; met: number; shortcoming: number; notApplicable: number; unconfirmed: number }[];
  const order = (item: string) => {
    const i = (INSPECTION_ITEMS as readonly string[]).indexOf(item);
    return i < 0 ? INSPECTION_ITEMS.length : i;
  };
  const findingTable: ReportTable = {
    key: 'findings',
    title: 'Kết quả kiểm tra theo nội dung',
    columns: [
      { key: 'itemLabel', header: 'Nội dung kiểm tra', width: 52 },
      { key: 'item', header: 'Mã nội dung', width: 24 },
      { key: 'met', header: 'Đạt', width: 8 },
      { key: 'shortcoming', header: 'Có thiếu sót', width: 12 },
      { key: 'notApplicable', header: 'Không áp dụng', width: 14 },
      { key: 'unconfirmed', header: 'Chưa xác nhận', width: 14 },
    ],
    rows: findings.sort((a, b) => order(a.item) - order(b.item)).map((f) => ({ itemLabel: labelVi(f.item), ...f })),
  };

  const overdue = (await ctx.dataSource.query(
    `
    SELECT o.code, o.name, m.item, m.attempts, m.opened_at AS "openedAt", m.escalated
      FROM remediation m JOIN organisation o ON o.id = m.cell_org_id
     WHERE o.path LIKE $1 AND m.status = 'overdue' AND m.opened_at < $2
     ORDER BY m.opened_at`,
    [subtree(ctx), ctx.toAt],
  )) as { code: string; name: string; item: string; attempts: number; openedAt: Date; escalated: boolean }[];
  const overdueTable: ReportTable = {
    key: 'remediation_overdue',
    title: 'Khắc phục quá hạn',
    columns: [
      { key: 'code', header: 'Mã chi bộ', width: 18 },
      { key: 'name', header: 'Tên chi bộ', width: 36 },
      { key: 'itemLabel', header: 'Nội dung cần khắc phục', width: 52 },
      { key: 'item', header: 'Mã nội dung', width: 24 },
      { key: 'openedAt', header: 'Yêu cầu khắc phục từ', width: 22 },
      { key: 'attempts', header: 'Số lần khắc phục', width: 16 },
      { key: 'escalated', header: 'Đã báo cáo cấp trên', width: 20 },
    ],
    rows: overdue.map((m) => ({
      code: m.code,
      name: m.name,
      itemLabel: labelVi(m.item),
      item: m.item,
      openedAt: new Date(m.openedAt).toISOString(),
      attempts: m.attempts,
      escalated: m.escalated ? 'Có' : 'Không',
    })),
  };
  return [roundTable, findingTable, overdueTable];
};
