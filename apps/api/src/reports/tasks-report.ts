import { groupBy, labelVi, summariseTimeliness, type ReportColumn, type ReportTable, type TimedTask } from '@partyflow/domain';
import { subtree, type ReportBuilder } from './report-context';

type TaskRow = TimedTask & { process: string; step: string; orgId: string; orgCode: string; orgName: string };

const FIGURES: ReportColumn[] = [
  { key: 'total', header: 'Tổng số nhiệm vụ', width: 14 },
  { key: 'onTime', header: 'Đúng hạn', width: 10 },
  { key: 'late', header: 'Trễ hạn', width: 10 },
  { key: 'completedLate', header: 'Hoàn thành trễ hạn', width: 18 },
  { key: 'openOverdue', header: 'Quá hạn chưa hoàn thành', width: 22 },
  { key: 'openPending', header: 'Đang trong hạn', width: 14 },
  { key: 'onTimeRate', header: 'Tỷ lệ đúng hạn (%)', width: 18 },
];

/**
 * Tasks due in the period in the subtree (by the assignee's organisation), per step and per
 * organisation: on time ('đúng hạn') when completed by the due instant; late ('trễ hạn') when
 * completed after it or still open past it. Cancelled tasks are not counted.
 */
export const tasksReport: ReportBuilder = async (ctx) => {
  const rows = (await ctx.dataSource.query(`
    SELECT t.process, t.step, t.status, t.due_at AS "dueAt", t.completed_at AS "completedAt", o.id AS "orgId", o.code AS "orgCode", o.name AS "orgName"
      FROM human_task t JOIN organisation o ON o.id = t.assignee_org_id
     WHERE t.org_path LIKE $1 AND t.due_at >= $2 AND t.due_at < $3 AND t.status <> 'cancelled'
     ORDER BY o.code, t.process, t.step`, [subtree(ctx), ctx.fromAt, ctx.toAt])) as TaskRow[];
  const byStep = groupBy({ items: rows, key: (r) => `${r.process}/${r.step}` });
  const byOrg = groupBy({ items: rows, key: (r) => r.orgId });
  const stepTable: ReportTable = {
    key: 'by_step',
    title: 'Nhiệm vụ theo bước',
    columns: [{ key: 'process', header: 'Quy trình', width: 14 }, { key: 'stepLabel', header: 'Bước', width: 44 }, { key: 'step', header: 'Mã bước', width: 24 }, ...FIGURES],
    rows: [...byStep.values()].map((list) => ({ process: list[0].process, stepLabel: labelVi(list[0].step), step: list[0].step, ...summariseTimeliness({ tasks: list, now: ctx.now }) }))
      .sort((a, b) => `${a.process}/${a.step}`.localeCompare(`${b.process}/${b.step}`)),
  };
  const orgTable: ReportTable = {
    key: 'by_org',
    title: 'Nhiệm vụ theo tổ chức',
    columns: [{ key: 'code', header: 'Mã tổ chức', width: 18 }, { key: 'name', header: 'Tên tổ chức', width: 40 }, ...FIGURES],
    rows: [...byOrg.values()].map((list) => ({ code: list[0].orgCode, name: list[0].orgName, ...summariseTimeliness({ tasks: list, now: ctx.now }) })),
  };
  const total: ReportTable = {
    key: 'total',
    title: 'Tổng hợp đúng hạn, trễ hạn',
    columns: FIGURES,
    rows: [{ ...summariseTimeliness({ tasks: rows, now: ctx.now }) }],
  };
  return [total, stepTable, orgTable];
};
