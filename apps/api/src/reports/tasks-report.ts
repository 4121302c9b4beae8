import {
  groupBy,
  INCIDENT_STEP,
  labelVi,
  summariseCounts,
  type ReportColumn,
  type ReportTable,
} from '@partyflow/domain';
import { subtree, type ReportBuilder } from './report-context';
import { timelinessGroups, type TimelinessGroup } from './timeliness-groups';

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
  const rows = await timelinessGroups({
    dataSource: ctx.dataSource,
    paths: [ctx.org.path],
    fromAt: ctx.fromAt,
    toAt: ctx.toAt,
    now: ctx.now,
  });
  const byStep = groupBy({ items: rows, key: (r) => `${r.process}/${r.step}` });
  const byOrg = groupBy({ items: rows, key: (r) => r.orgId });
  const summary = (list: TimelinessGroup[]) => summariseCounts(list.map((r) => r.counts));
  const stepTable: ReportTable = {
    key: 'by_step',
    title: 'Nhiệm vụ theo bước',
    columns: [
      { key: 'process', header: 'Quy trình', width: 14 },
      { key: 'stepLabel', header: 'Bước', width: 44 },
      { key: 'step', header: 'Mã bước', width: 24 },
      ...FIGURES,
    ],
    rows: [...byStep.values()]
      .map((list) => ({
        process: list[0].process,
        stepLabel: labelVi(list[0].step),
        step: list[0].step,
        ...summary(list),
      }))
      .sort((a, b) => `${a.process}/${a.step}`.localeCompare(`${b.process}/${b.step}`)),
  };
  const orgTable: ReportTable = {
    key: 'by_org',
    title: 'Nhiệm vụ theo tổ chức',
    columns: [
      { key: 'code', header: 'Mã tổ chức', width: 18 },
      { key: 'name', header: 'Tên tổ chức', width: 40 },
      ...FIGURES,
    ],
    rows: [...byOrg.values()].map((list) => ({ code: list[0].orgCode, name: list[0].orgName, ...summary(list) })),
  };
  const total: ReportTable = {
    key: 'total',
    title: 'Tổng hợp đúng hạn, trễ hạn',
    columns: FIGURES,
    rows: [{ ...summary(rows) }],
  };
  return [
    total,
    stepTable,
    orgTable,
    await incidentTable(ctx),
    await actedForTable(ctx, 'proxied'),
    await actedForTable(ctx, 'substituted'),
    ...(await repromiseTables(ctx)),
  ];
};

/**
 * Incidents (sự cố, issue 7 §2) opened in the period for cases in the subtree (the case's
 * organisation, or the administrator's who handles it), per process: still open and resolved, by choice.
 */
async function incidentTable(ctx: Parameters<ReportBuilder>[0]): Promise<ReportTable> {
  const rows = (await ctx.dataSource.query(
    `
    SELECT t.process,
           count(*)::int AS opened,
           count(*) FILTER (WHERE t.status IN ('open','overdue'))::int AS "stillOpen",
           count(*) FILTER (WHERE t.status = 'completed')::int AS resolved,
           count(*) FILTER (WHERE t.outcome = 'retry')::int AS retried,
           count(*) FILTER (WHERE t.outcome = 'skip')::int AS skipped,
           count(*) FILTER (WHERE t.outcome = 'cancel')::int AS cancelled
      FROM human_task t LEFT JOIN organisation co ON co.id::text = t.payload->>'orgId'
     WHERE t.step = $1 AND (t.org_path LIKE $2 OR co.path LIKE $2) AND t.opened_at >= $3 AND t.opened_at < $4
     GROUP BY t.process ORDER BY t.process`,
    [INCIDENT_STEP, subtree(ctx), ctx.fromAt, ctx.toAt],
  )) as Record<string, string | number>[];
  return {
    key: 'incidents',
    title: 'Sự cố theo quy trình',
    columns: [
      { key: 'process', header: 'Quy trình', width: 14 },
      { key: 'opened', header: 'Sự cố phát sinh', width: 16 },
      { key: 'stillOpen', header: labelVi('incident_open'), width: 18 },
      { key: 'resolved', header: labelVi('incident_resolved'), width: 16 },
      { key: 'retried', header: labelVi('retry'), width: 14 },
      { key: 'skipped', header: labelVi('skip'), width: 14 },
      { key: 'cancelled', header: labelVi('cancel'), width: 12 },
    ],
    rows,
  };
}

/**
 * Tasks completed in the period for someone else, per organisation of the task: how many, for how many people, by
 * how many people acting for them. `proxied`: by a proxy for someone who cannot use the system (issue 14 §6; rows
 * without a kind are the proxies' of before); `substituted`: by an out-of-office substitute (issue 14 §2).
 */
const ACTED_FOR_TABLES = {
  proxied: {
    title: 'Nhiệm vụ được hoàn thành thay (có biên bản xác nhận)',
    headers: ['Số nhiệm vụ làm thay', 'Số người được làm thay', 'Số người làm thay'],
    by: 'proxies',
  },
  substituted: {
    title: 'Nhiệm vụ do người thay hoàn thành khi người được giao vắng mặt',
    headers: ['Số nhiệm vụ người thay hoàn thành', 'Số người vắng mặt', 'Số người thay'],
    by: 'substitutes',
  },
} as const;

async function actedForTable(
  ctx: Parameters<ReportBuilder>[0],
  key: keyof typeof ACTED_FOR_TABLES,
): Promise<ReportTable> {
  const { title, headers, by } = ACTED_FOR_TABLES[key];
  const kind = key === 'proxied' ? 'proxy' : 'substitute';
  const rows = (await ctx.dataSource.query(
    `
    SELECT o.code, o.name, count(*)::int AS "${key}", count(DISTINCT t.acted_for_user_id)::int AS "principals",
           count(DISTINCT t.completed_by_user_id)::int AS "${by}"
      FROM human_task t JOIN organisation o ON o.id = t.assignee_org_id
     WHERE t.status = 'completed' AND t.acted_for_user_id IS NOT NULL AND t.org_path LIKE $1
       AND coalesce(t.proxy_attestation->>'kind', 'proxy') = $4
       AND t.completed_at >= $2 AND t.completed_at < $3
     GROUP BY o.code, o.name ORDER BY o.code`,
    [subtree(ctx), ctx.fromAt, ctx.toAt, kind],
  )) as Record<string, string | number>[];
  return {
    key,
    title,
    columns: [
      { key: 'code', header: 'Mã tổ chức', width: 18 },
      { key: 'name', header: 'Tên tổ chức', width: 40 },
      { key, header: headers[0], width: 20 },
      { key: 'principals', header: headers[1], width: 22 },
      { key: by, header: headers[2], width: 18 },
    ],
    rows,
  };
}

/**
 * Issue 14 §3, in the đúng hạn / trễ hạn style of one-stop offices: the tasks completed in the period, per organisation
 * and per member who completed them, on time (by their first due date), re-promised and kept (after it, by the
 * promised date) and late (after the date in force, promised or not).
 */
async function repromiseTables(ctx: Parameters<ReportBuilder>[0]): Promise<ReportTable[]> {
  const counts = `count(*)::int AS completed,
    count(*) FILTER (WHERE t.completed_at <= coalesce(t.original_due_at, t.due_at))::int AS "onTime",
    count(*) FILTER (WHERE t.original_due_at IS NOT NULL AND t.completed_at > t.original_due_at
                       AND t.completed_at <= t.due_at)::int AS "repromisedKept",
    count(*) FILTER (WHERE t.completed_at > t.due_at)::int AS late`;
  const where = `t.status = 'completed' AND t.org_path LIKE $1 AND t.completed_at >= $2 AND t.completed_at < $3`;
  const params = [subtree(ctx), ctx.fromAt, ctx.toAt];
  const byOrg = (await ctx.dataSource.query(
    `SELECT o.code, o.name, ${counts} FROM human_task t JOIN organisation o ON o.id = t.assignee_org_id
      WHERE ${where} GROUP BY o.code, o.name ORDER BY o.code`,
    params,
  )) as Record<string, string | number>[];
  const byMember = (await ctx.dataSource.query(
    `SELECT t.completed_by_name AS "member", o.code, ${counts}
       FROM human_task t JOIN organisation o ON o.id = t.assignee_org_id
      WHERE ${where} AND t.completed_by_user_id IS NOT NULL
      GROUP BY t.completed_by_user_id, t.completed_by_name, o.code ORDER BY o.code, t.completed_by_name`,
    params,
  )) as Record<string, string | number>[];
  const figures: ReportColumn[] = [
    { key: 'completed', header: 'Đã hoàn thành', width: 14 },
    { key: 'onTime', header: 'Đúng hạn', width: 10 },
    { key: 'repromisedKept', header: 'Hẹn lại, đúng hẹn', width: 18 },
    { key: 'late', header: 'Trễ hạn', width: 10 },
  ];
  return [
    {
      key: 'repromise_by_org',
      title: 'Đúng hạn, hẹn lại, trễ hạn theo tổ chức',
      columns: [
        { key: 'code', header: 'Mã tổ chức', width: 18 },
        { key: 'name', header: 'Tên tổ chức', width: 40 },
        ...figures,
      ],
      rows: byOrg,
    },
    {
      key: 'repromise_by_member',
      title: 'Đúng hạn, hẹn lại, trễ hạn theo người xử lý',
      columns: [
        { key: 'member', header: 'Người xử lý', width: 30 },
        { key: 'code', header: 'Mã tổ chức', width: 18 },
        ...figures,
      ],
      rows: byMember,
    },
  ];
}
