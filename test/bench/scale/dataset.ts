/**
 * The generated dataset of the scale benchmark (issue 13 §1): an organisation tree, members, tasks, cases, audit
 * and activity rows at the volumes the issue gives for the nation (≈5.3M members, ≈1M open and ≈10M closed tasks),
 * scaled to the chosen size. Written with SQL `generate_series` into a database migrated by the project's own
 * migrations, in the demo data's shapes (libs/persistence/src/seed): codes and paths as the tree builds them,
 * Vietnamese names, the roles, processes and steps of the contracts. Ids are `md5(<kind><n>)::uuid`, so the same
 * shape always gives the same rows.
 */
import type { DataSource } from 'typeorm';

/** The tree and its volumes: provinces → districts per province → grassroots per district → cells per grassroots. */
export type Shape = {
  provinces: number;
  districts: number;
  grassroots: number;
  cells: number;
  members: number;
};

/** One province of about 400k members: ≈ 12 districts → ≈ 900 grassroots committees → ≈ 3,600 cells. */
/**
 * The generator's version, kept in the dataset's folder with its shape: a dataset of another version is generated
 * again. 2: the inspections and transfers the tasks name are written too.
 */
export const DATASET_VERSION = 2;

export const PROVINCE: Shape = { provinces: 1, districts: 12, grassroots: 75, cells: 4, members: 400_000 };
/** The nation (issue 13): 63 provinces → ≈ 700 districts → ≈ 55k grassroots → ≈ 220k cells, ≈ 5.3M members. */
export const NATIONAL: Shape = { provinces: 63, districts: 11, grassroots: 79, cells: 4, members: 5_300_000 };

/** A province of `members` members: the province's tree shrunk (or grown) at the same members per cell. */
export function provinceOf(members: number): Shape {
  const grassroots = Math.max(1, Math.round((PROVINCE.grassroots * members) / PROVINCE.members));
  return { ...PROVINCE, grassroots, members };
}

/**
 * Volumes per member, from the issue's national figures: 1M open and 10M closed tasks for 5.3M members; about 2%
 * of members in an admission case at any time and five years of decided cases; screening cases for 0.5%; two audit
 * rows per closed task, one per open task; a notification per open task and for one closed task in four; twelve
 * months of meeting attendance and dues per active member.
 */
export const RATES = {
  openTasks: 1_000_000 / 5_300_000,
  closedTasks: 10_000_000 / 5_300_000,
  openAdmissions: 0.02,
  decidedAdmissions: 0.1,
  screeningCases: 0.005,
  months: 12,
} as const;

export const counts = (shape: Shape) => {
  const cells = shape.provinces * shape.districts * shape.grassroots * shape.cells;
  return {
    cells,
    openTasks: Math.round(shape.members * RATES.openTasks),
    closedTasks: Math.round(shape.members * RATES.closedTasks),
    openAdmissions: Math.round(shape.members * RATES.openAdmissions),
    decidedAdmissions: Math.round(shape.members * RATES.decidedAdmissions),
    screeningCases: Math.round(shape.members * RATES.screeningCases),
  };
};

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Đức', 'Ngọc', 'Quang', 'Thanh', 'Hữu', 'Xuân'];
const GIVEN = [
  'An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hương', 'Lan', 'Mai', 'Nam',
  'Phúc', 'Trang', 'Tuấn', 'Hải', 'Linh', 'Sơn', 'Thảo', 'Việt', 'Yến', 'Khánh',
]; // prettier-ignore
const arr = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;

/** A task's process, step and outcomes by `n % 20`: admission 14 in 20, screening 2, inspection 3, transfer 1. */
const STEPS: { process: string; step: string; outcomes: string; level: 'cell' | 'grassroots' | 'district' }[] = [
  { process: 'admission', step: 'introducers', outcomes: '{submitted,withdrawn}', level: 'cell' },
  { process: 'admission', step: 'background_check', outcomes: '{cleared,not_cleared}', level: 'grassroots' },
  { process: 'admission', step: 'opinion_residence', outcomes: '{favourable,unfavourable}', level: 'cell' },
  { process: 'admission', step: 'opinion_mass_org', outcomes: '{favourable,unfavourable}', level: 'cell' },
  { process: 'admission', step: 'cell_vote', outcomes: '{approved,rejected}', level: 'cell' },
  { process: 'admission', step: 'grassroots_vote', outcomes: '{approved,rejected}', level: 'grassroots' },
  { process: 'admission', step: 'appraisal', outcomes: '{endorsed,not_endorsed}', level: 'district' },
  { process: 'admission', step: 'decision', outcomes: '{admitted,rejected}', level: 'district' },
  { process: 'admission', step: 'ceremony', outcomes: '{held}', level: 'cell' },
  { process: 'admission', step: 'assign_helper', outcomes: '{assigned}', level: 'cell' },
  { process: 'admission', step: 'recognition_cell_vote', outcomes: '{recognised,not_recognised,inconclusive}', level: 'cell' },
  { process: 'admission', step: 'recognition_decision', outcomes: '{recognised,not_recognised}', level: 'grassroots' },
  { process: 'admission', step: 'introducers', outcomes: '{submitted,withdrawn}', level: 'cell' },
  { process: 'admission', step: 'cell_vote', outcomes: '{approved,rejected}', level: 'cell' },
  { process: 'screening', step: 'screening_review', outcomes: '{propose_listing,dismissed}', level: 'cell' },
  { process: 'screening', step: 'screening_listing_vote', outcomes: '{listed,not_listed}', level: 'cell' },
  { process: 'inspection', step: 'assign_team', outcomes: '{assigned}', level: 'grassroots' },
  { process: 'inspection', step: 'checklist', outcomes: '{submitted}', level: 'grassroots' },
  { process: 'inspection', step: 'remediation', outcomes: '{fixed}', level: 'cell' },
  { process: 'transfer', step: 'confirm_arrival', outcomes: '{presented}', level: 'cell' },
]; // prettier-ignore

type Log = (msg: string) => void;

/** Fills the migrated, empty database `ds` with the dataset of `shape`; `log` reports each table with its time. */
export async function generate(ds: DataSource, shape: Shape, log: Log): Promise<void> {
  const n = counts(shape);
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    // One statement at a time: a prepared statement holds one; the parameters go to those that use them.
    for (const statement of sql.split(/;\s*\n/)) await ds.query(statement, /\$\d/.test(statement) ? params : []);
    log(`${what} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  };
  await ds.query(`SET synchronous_commit = off`);
  await ds.query(`SET maintenance_work_mem = '512MB'`);

  // The tree: codes as the demo's (HN, HN-HM, HN-HM-HL, HN-HM-HL-TDP5), paths '/<root>/…/<own>/'.
  await step(
    'organisations',
    `
    WITH p AS (SELECT p, md5('p'||p)::uuid AS id FROM generate_series(1, $1) p),
    d AS (SELECT p.p, d, p.id AS pid, md5('d'||p.p||'.'||d)::uuid AS id FROM p, generate_series(1, $2) d),
    g AS (SELECT d.p, d.d, g, d.pid, d.id AS did, md5('g'||d.p||'.'||d.d||'.'||g)::uuid AS id
            FROM d, generate_series(1, $3) g),
    c AS (SELECT g.p, g.d, g.g, c, g.pid, g.did, g.id AS gid, md5('c'||g.p||'.'||g.d||'.'||g.g||'.'||c)::uuid AS id
            FROM g, generate_series(1, $4) c)
    INSERT INTO organisation (id, code, name, kind, parent_id, path, depth)
    SELECT id, 'T'||p, 'Đảng bộ Tỉnh số '||p, 'provincial_committee', NULL, '/'||id||'/', 0 FROM p
    UNION ALL
    SELECT id, 'T'||p||'-H'||d, 'Đảng bộ Huyện số '||d, 'district_committee', pid, '/'||pid||'/'||id||'/', 1 FROM d
    UNION ALL
    SELECT id, 'T'||p||'-H'||d||'-X'||g, 'Đảng bộ xã số '||g, 'grassroots_committee', did,
           '/'||pid||'/'||did||'/'||id||'/', 2 FROM g
    UNION ALL
    SELECT id, 'T'||p||'-H'||d||'-X'||g||'-CB'||c, 'Chi bộ số '||c, 'cell', gid,
           '/'||pid||'/'||did||'/'||gid||'/'||id||'/', 3 FROM c`,
    [shape.provinces, shape.districts, shape.grassroots, shape.cells],
  );
  // Numbered cells (a scratch table, dropped at the end) so members and tasks can be spread over them by index.
  await ds.query(`
    CREATE UNLOGGED TABLE bench_cell AS
    SELECT (row_number() OVER (ORDER BY c.code) - 1)::int AS ix, c.id, c.path, c.parent_id AS gid, g.path AS gpath,
           g.parent_id AS did, d.path AS dpath
      FROM organisation c JOIN organisation g ON g.id = c.parent_id JOIN organisation d ON d.id = g.parent_id
     WHERE c.kind = 'cell';
    CREATE UNIQUE INDEX ON bench_cell (ix);
    CREATE UNIQUE INDEX ON bench_cell (path)`);

  // Members: 85% official, 7% probationary, 4% exempt, 1% removed, the rest candidates (the open admission cases').
  await step(
    `members (${shape.members})`,
    `
    INSERT INTO member (id, organisation_id, full_name, birth_date, status, education_level, joined_on,
                        official_since, gender, national_id, mass_organisations, updated_at)
    SELECT md5('m'||i)::uuid, c.id,
           (${arr(FAMILY)})[1 + i % ${FAMILY.length}] || ' ' || (${arr(MIDDLE)})[1 + (i / ${FAMILY.length}) % ${MIDDLE.length}]
             || ' ' || (${arr(GIVEN)})[1 + (i / ${FAMILY.length * MIDDLE.length}) % ${GIVEN.length}],
           date '1950-01-01' + (i::bigint * 7919 % 20000)::int,
           CASE WHEN i % 100 < 85 THEN 'official' WHEN i % 100 < 92 THEN 'probationary' WHEN i % 100 < 96 THEN 'exempt'
                WHEN i % 100 < 97 THEN 'removed' ELSE 'candidate' END,
           (ARRAY['upper_secondary','college','university','postgraduate'])[1 + i % 4],
           CASE WHEN i % 100 < 97 THEN date '1975-01-01' + (i::bigint * 104729 % 18000)::int END,
           CASE WHEN i % 100 < 85 OR (i % 100 >= 92 AND i % 100 < 97) THEN date '1976-01-01' + (i::bigint * 104729 % 18000)::int END,
           CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END,
           lpad(i::text, 12, '0'), '[]'::jsonb, now()
      FROM generate_series(0, $1 - 1) i JOIN bench_cell c ON c.ix = i % $2`,
    [shape.members, n.cells],
  );

  // Admission cases: the candidates' open ones (a step in progress), and five years of decided ones.
  await step(
    `admission cases (${n.openAdmissions} open, ${n.decidedAdmissions} decided)`,
    `
    CREATE UNLOGGED TABLE bench_case AS
    SELECT (row_number() OVER (ORDER BY x.open DESC, x.j) - 1)::int AS ix, x.id, x.member_id, x.open FROM (
      SELECT j, md5('ao'||j)::uuid AS id, md5('m'||(97 + (j / 3) * 100 + j % 3))::uuid AS member_id, true AS open
        FROM generate_series(0, $1 - 1) j
      UNION ALL
      SELECT j, md5('ad'||j)::uuid, md5('m'||(j::bigint * 100 / 7 % $3))::uuid, false
        FROM generate_series(0, $2 - 1) j) x;
    CREATE UNIQUE INDEX ON bench_case (ix);
    INSERT INTO admission_case (id, workflow_id, candidate_member_id, cell_org_id, grassroots_org_id, org_path, status,
                                current_step, started_at, started_by, ended_at, decided_on)
    SELECT k.id, 'admission-'||k.id, k.member_id, m.organisation_id, c.gid, c.path,
           CASE WHEN k.open THEN 'in_progress' WHEN k.ix % 10 < 7 THEN 'official' WHEN k.ix % 10 < 9 THEN 'probationary'
                ELSE 'rejected' END,
           CASE WHEN k.open THEN (ARRAY['introducers','background_check','opinion_residence','cell_vote',
                'grassroots_vote','appraisal','decision'])[1 + k.ix % 7] END,
           now() - make_interval(days => 30 + k.ix % 1800), 'Bí thư chi bộ',
           CASE WHEN NOT k.open THEN now() - make_interval(days => k.ix % 1800) END,
           CASE WHEN NOT k.open AND k.ix % 10 < 9 THEN (now() - make_interval(days => k.ix % 1800))::date END
      FROM bench_case k JOIN member m ON m.id = k.member_id JOIN bench_cell c ON c.id = m.organisation_id`,
    [n.openAdmissions, n.decidedAdmissions, shape.members],
  );
  // The cases whose candidate would be in a second open case (a candidate index past the members) are skipped.
  const cases = Number((await ds.query(`SELECT count(*)::int AS n FROM admission_case`))[0].n);

  await step(
    `screening cases (${n.screeningCases})`,
    `
    INSERT INTO screening_case (id, workflow_id, member_id, cell_org_id, org_path, ground, evidence, source, status,
                                current_step, started_at, started_by, ended_at)
    SELECT md5('s'||j)::uuid, 'screening-'||md5('s'||j)::uuid, m.id, m.organisation_id, c.path,
           (ARRAY['absent_meetings','unpaid_dues','weak_grading'])[1 + j % 3], '{}'::jsonb,
           CASE WHEN j % 4 = 0 THEN 'manual_flag' ELSE 'detection' END,
           CASE WHEN j % 5 < 2 THEN 'in_progress' WHEN j % 5 = 2 THEN 'improved' WHEN j % 5 = 3 THEN 'dismissed'
                ELSE 'kept' END,
           CASE WHEN j % 5 < 2 THEN 'screening_review' END,
           now() - make_interval(days => j % 700), 'Hệ thống',
           CASE WHEN j % 5 >= 2 THEN now() - make_interval(days => j % 300) END
      FROM generate_series(0, $1 - 1) j JOIN member m ON m.id = md5('m'||(j * 197 % $2))::uuid
      JOIN bench_cell c ON c.id = m.organisation_id
    ON CONFLICT DO NOTHING`,
    [n.screeningCases, shape.members],
  );

  // Tasks: assigned to a role of the cell, its grassroots committee or its district by the step, one in twenty to a
  // member of the cell; open ones due within ±30 days (about half overdue), closed ones over five years.
  const stepValues = STEPS.map((s, i) => `(${i}, '${s.process}', '${s.step}', '${s.outcomes}', '${s.level}')`);
  await ds.query(`CREATE UNLOGGED TABLE bench_step (ix int, process text, step text, outcomes text[], level text);
    INSERT INTO bench_step VALUES ${stepValues.join(',')}`);
  const taskSql = (open: boolean) => `
    INSERT INTO human_task (id, workflow_id, process, step, task_key, case_id, title, assignee_org_id, assignee_role,
                            assignee_member_id, org_path, status, allowed_outcomes, opened_at, due_at, remind_at,
                            escalation_level, policy_version, outcome, completed_by_name, completed_at)
    SELECT id, process||'-'||case_id, process, step, step||'#${open ? 'o' : 'c'}'||i, case_id, title, org_id, role, member_id, org_path,
           status, outcomes, opened_at, due_at, due_at - interval '2 days', 0, 1,
           CASE WHEN status = 'completed' THEN outcomes[1] END, CASE WHEN status = 'completed' THEN 'Người thực hiện' END,
           CASE WHEN status = 'completed' THEN opened_at + make_interval(hours => (i * 37) % 480) END
      FROM (
        SELECT i, md5('${open ? 'to' : 'tc'}'||i)::uuid AS id, s.process, s.step, s.outcomes,
               CASE s.process WHEN 'admission' THEN k.id WHEN 'screening' THEN md5('s'||(i % $3))::uuid
                    WHEN 'transfer' THEN md5('t'||(i / 20))::uuid ELSE md5('x'||(i / 20))::uuid END AS case_id,
               'Nhiệm vụ ' || s.step AS title,
               CASE WHEN i % 20 = 7 THEN c.id WHEN s.level = 'cell' THEN c.id WHEN s.level = 'grassroots' THEN c.gid
                    ELSE c.did END AS org_id,
               CASE WHEN i % 20 = 7 THEN NULL WHEN s.level = 'cell' AND i % 3 = 0 THEN 'cell_committee_member'
                    WHEN s.level = 'cell' THEN 'cell_secretary' WHEN s.level = 'grassroots' THEN 'grassroots_committee_member'
                    WHEN i % 2 = 0 THEN 'standing_committee_member' ELSE 'organisation_department' END AS role,
               CASE WHEN i % 20 = 7 THEN m.id END AS member_id,
               CASE WHEN i % 20 = 7 OR s.level = 'cell' THEN c.path WHEN s.level = 'grassroots' THEN c.gpath
                    ELSE c.dpath END AS org_path,
               ${
                 open
                   ? `CASE WHEN i % 9 = 0 THEN 'overdue' ELSE 'open' END AS status,
               now() - make_interval(days => 10 + i % 30) AS opened_at,
               now() + make_interval(hours => (i::bigint * 7919 % 1440)::int - 720) AS due_at`
                   : `CASE WHEN i % 20 = 3 THEN 'cancelled' ELSE 'completed' END AS status,
               now() - make_interval(days => 30 + i % 1800, hours => i % 24) AS opened_at,
               now() - make_interval(days => 30 + i % 1800, hours => i % 24) + interval '10 days' AS due_at`
               }
          FROM generate_series(0, $1 - 1) i
          JOIN bench_step s ON s.ix = i % 20
          JOIN bench_case k ON k.ix = (CASE WHEN ${open} THEN i % $4 ELSE i % $2 END)
          JOIN admission_case a ON a.id = k.id
          JOIN bench_cell c ON c.path = a.org_path
          JOIN member m ON m.id = md5('m'||(i::bigint * 31 % $5))::uuid) t`;
  await step(`open tasks (${n.openTasks})`, taskSql(true), [
    n.openTasks,
    cases,
    n.screeningCases,
    n.openAdmissions,
    shape.members,
  ]);
  await step(`closed tasks (${n.closedTasks})`, taskSql(false), [
    n.closedTasks,
    cases,
    n.screeningCases,
    n.openAdmissions,
    shape.members,
  ]);

  // The inspections and transfers the tasks belong to, as the workflows record them before their first task (an
  // audit row of a task is placed by its case, migration 1765238400200): one programme of the province's committee,
  // a round and a cell inspection for each inspection, a transfer of a member of the task's organisation.
  await step(
    'inspections and transfers of the tasks',
    `
    INSERT INTO inspection_programme (id, inspecting_org_id, scope, interval_months, schedule_id, active, created_by,
                                      created_at, updated_at)
    SELECT md5('ip'||o.id)::uuid, o.id, 'grassroots_own_cells', 6, 'inspection-'||o.id, true, 'Hệ thống', now(), now()
      FROM organisation o WHERE o.parent_id IS NULL;
    CREATE UNLOGGED TABLE bench_task_case AS
    SELECT DISTINCT ON (t.case_id) t.case_id, t.process, t.assignee_org_id, t.org_path, t.opened_at
      FROM human_task t WHERE t.process IN ('inspection','transfer') ORDER BY t.case_id, t.opened_at;
    INSERT INTO inspection_round (id, programme_id, workflow_id, started_on, review_from, review_to, ends_on, status,
                                  started_at, closed_at)
    SELECT md5('ir'||k.case_id)::uuid, md5('ip'||split_part(k.org_path, '/', 2))::uuid, 'inspection-round-'||k.case_id,
           (k.opened_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
           (k.opened_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 183,
           (k.opened_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1,
           (k.opened_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 60, 'closed', k.opened_at, k.opened_at + interval '60 days'
      FROM bench_task_case k WHERE k.process = 'inspection';
    INSERT INTO cell_inspection (id, round_id, cell_org_id, org_path, workflow_id, status, closed_at)
    SELECT k.case_id, md5('ir'||k.case_id)::uuid, k.assignee_org_id, k.org_path, 'cell-inspection-'||k.case_id, 'closed',
           k.opened_at + interval '60 days'
      FROM bench_task_case k WHERE k.process = 'inspection';
    INSERT INTO party_transfer (id, member_id, kind, from_org_id, to_org_id, issued_on, present_by, presented_on, status,
                                workflow_id, issued_by)
    SELECT k.case_id, m.id, 'official', k.assignee_org_id, k.assignee_org_id,
           (k.opened_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, (k.opened_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 30,
           (k.opened_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 5, 'presented', 'transfer-'||k.case_id, 'Hệ thống'
      FROM bench_task_case k
      JOIN LATERAL (SELECT id FROM member WHERE organisation_id = k.assignee_org_id LIMIT 1) m ON true
     WHERE k.process = 'transfer';
    DROP TABLE bench_task_case`,
  );

  // Audit: one row per task opened, one more per task closed; the help periods the detection reads.
  await step(
    'audit log',
    `
    INSERT INTO audit_log (at, event_key, action, actor_user_id, actor_name, process, case_id, task_id, step, outcome)
    SELECT opened_at, 'task:'||id||':opened', 'task.opened', NULL::uuid, 'Hệ thống', process, case_id, id, step, NULL::text
      FROM human_task
    UNION ALL
    SELECT completed_at, 'task:'||id||':completed', 'task.completed', NULL, completed_by_name, process, case_id, id,
           step, outcome
      FROM human_task WHERE status = 'completed'
    UNION ALL
    SELECT started_at + interval '30 days', 'screening:'||id||':help', 'screening.help_started', NULL, 'Chi bộ',
           'screening', id, NULL::uuid, NULL::text, NULL::text
      FROM screening_case WHERE status IN ('in_progress','improved','kept')`,
  );
  await step(
    'notifications',
    `
    INSERT INTO notification (notification_key, created_at, kind, recipient_org_id, recipient_role, recipient_member_id,
                              task_id, message)
    SELECT 'assigned:'||id, opened_at, 'task_assigned', assignee_org_id, assignee_role, assignee_member_id, id,
           'Nhiệm vụ mới: '||title
      FROM human_task WHERE status IN ('open','overdue') OR abs(hashtext(id::text)) % 4 = 0`,
  );
  await step(
    `meeting attendance and dues (${RATES.months} months of active members)`,
    `
    INSERT INTO meeting_attendance (member_id, month, organisation_id, status, recorded_by)
    SELECT m.id, date_trunc('month', now())::date - make_interval(months => k)::interval, m.organisation_id,
           CASE WHEN abs(hashtext(m.id::text || k)) % 100 < 95 THEN 'present'
                WHEN abs(hashtext(m.id::text || k)) % 100 < 98 THEN 'absent_with_reason'
                ELSE 'absent_without_reason' END, 'Bí thư chi bộ'
      FROM member m, generate_series(1, $1) k WHERE m.status IN ('official','probationary');
    INSERT INTO dues_payment (member_id, month, amount_vnd, paid_on, recorded_by)
    SELECT m.id, date_trunc('month', now())::date - make_interval(months => k)::interval, 20000,
           CASE WHEN abs(hashtext(m.id::text || 'd' || k)) % 100 < 97
                THEN (date_trunc('month', now()) - make_interval(months => k) + interval '5 days')::date END,
           'Bí thư chi bộ'
      FROM member m, generate_series(1, $1) k WHERE m.status IN ('official','probationary')`,
    [RATES.months],
  );
  await step(
    'admission quotas',
    `
    INSERT INTO admission_quota (organisation_id, year, quota, set_by)
    SELECT id, extract(year FROM now())::int, 20, 'Ban Tổ chức' FROM organisation
     WHERE kind IN ('grassroots_committee','district_committee')`,
  );
  await ds.query(`DROP TABLE bench_cell, bench_case, bench_step`);
  await step('VACUUM ANALYZE', `VACUUM ANALYZE`);
}
