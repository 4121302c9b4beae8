import { addMonths, firstOfMonth, todayLocal, toLocalDate } from '@partyflow/domain';
import {
  AuditLogEntity,
  demoOrgId,
  MeetingAttendanceEntity,
  MemberEntity,
  ScreeningCaseEntity,
  ScreeningFlagEntity,
} from '@partyflow/persistence';
import { AdmissionDriver, allPages, startSystem, type RunningSystem, eventually } from '@partyflow/testing';

/**
 * Screening intake over HTTP (02-HD/BTCTƯ step 1) and party-activity transfers: manual flags,
 * detection runs over the activity records with progress and counts, the monthly Schedule, and
 * issuing a transfer that the receiving cell confirms from its inbox.
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
const cellTdp5 = demoOrgId('HN-HM-HL-TDP5');
const cellLinhDam = demoOrgId('HN-HM-HL-LD');
const hoangLiet = demoOrgId('HN-HM-HL');
type ApiErr = { error: { code: string; message: string; field?: string } };

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

async function officialsOf(cellId: string): Promise<MemberEntity[]> {
  return sys.dataSource
    .getRepository(MemberEntity)
    .find({ where: { organisationId: cellId, status: 'official' }, order: { fullName: 'ASC' } });
}

describe('screening intake and transfers over HTTP (API + worker + dev server + PostgreSQL)', () => {
  it('should open a screening case from a manual flag with its criterion and evidence, and put the review in the cell inbox [02-HD step 1]', async () => {
    const [, , , member] = await officialsOf(cellTdp5);
    const s = await driver.as('bithu.tdp5');
    const res = await s.post<{ caseId: string; flagId: string }>('/screening/flags', {
      memberId: member.id,
      criterion: 'political_ethical_degradation',
      evidence: 'Biên bản kiểm điểm tháng 10: phát ngôn trái quan điểm của Đảng trên mạng xã hội',
    });
    expect(res.status).toBe(201);
    const c = await sys.dataSource.getRepository(ScreeningCaseEntity).findOneByOrFail({ id: res.body.caseId });
    expect(c).toMatchObject({
      memberId: member.id,
      ground: 'political_ethical_degradation',
      source: 'manual_flag',
      status: 'in_progress',
    });
    expect(await sys.dataSource.getRepository(ScreeningFlagEntity).countBy({ memberId: member.id })).toBe(1);
    await eventually(async () => {
      const inbox = await allPages<{ caseId: string; process: string }>(s, '/tasks/mine?process=screening');
      return inbox.find((t) => t.caseId === res.body.caseId);
    }, 'the review task reaching the cell inbox');
    const view = await s.get<{ ground: string; groundLabel: string; steps: unknown[] }>(
      `/screening/cases/${res.body.caseId}`,
    );
    expect(view.status).toBe(200);
    expect(view.body.groundLabel).not.toBe('political_ethical_degradation');
  });

  it('should list the case, run it to the help period from the inboxes, take a monthly progress note and show all in its timeline [02-HD steps 1–2] (issue 10: these answers checked against their schemas)', async () => {
    const [helper, , , , , , member] = await officialsOf(cellTdp5);
    const cell = await driver.as('bithu.tdp5');
    const flagged = await cell.post<{ caseId: string }>('/screening/flags', {
      memberId: member.id,
      criterion: 'ignored_assignments',
      evidence: 'Ba lần không nhận nhiệm vụ chi bộ giao trong năm',
    });
    expect(flagged.status).toBe(201);
    const caseId = flagged.body.caseId;
    const complete = (
      taskKey: string,
      outcome: string,
      data: (roster: { official: number; exempt: number }) => object,
    ) => driver.completeScreeningStep(caseId, taskKey, outcome, data);
    await complete('screening_review', 'propose_listing', () => ({
      opinions: [{ source: 'residence_front', givenBy: 'Ban công tác Mặt trận TDP 5', summary: 'Ít tham gia' }],
      summary: 'Không nhận nhiệm vụ được giao',
    }));
    await complete('screening_superior_direction', 'proceed', () => ({ directionRef: 'CV-15/ĐU', summary: 'Đồng ý' }));
    await complete('screening_listing_vote', 'listed', (roster) => ({
      // Every official member not exempt votes, all for listing: the 2/3 of HD 02-HD bước 1 [R1].
      votes: { yes: roster.official - roster.exempt, no: 0 },
      minutesRef: 'BB-RS-01',
      secretBallot: true,
    }));
    await complete('screening_assign_helper', 'assigned', () => ({
      helperMemberId: helper.id,
      selfReviewRef: 'BKĐ-01',
      commitmentRef: 'CK-01',
    }));
    await eventually(async () => {
      const view = await cell.get<{ workflowState: { currentStep: string } | null }>(`/screening/cases/${caseId}`);
      return view.body.workflowState?.currentStep === 'screening_help_period' || undefined;
    }, 'the help period');

    const month = todayLocal(Date.now()).slice(0, 7);
    const note = await cell.post<{ noteId: string; month: string }>(`/screening/cases/${caseId}/progress-notes`, {
      month,
      note: 'Đã nhận và hoàn thành nhiệm vụ tháng này',
    });
    expect(note.status).toBe(200);
    expect(note.body.month).toBe(month);

    type Listed = { id: string; memberId: string; status: string; source: string };
    type Page = { items: Listed[]; pageSize: number; next: string | null; total: number; totalExact: boolean };
    const listed = await cell.get<Page>(`/screening/cases?orgId=${cellTdp5}`);
    expect(listed.status).toBe(200);
    // Newest first, paged by cursor (issue 13 §3): one a page walks the cell's cases in the table's order.
    const cases = await sys.dataSource
      .getRepository(ScreeningCaseEntity)
      .createQueryBuilder('c')
      .where('c.org_path LIKE :p', { p: `%/${cellTdp5}/%` })
      .orderBy('c.started_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getMany();
    expect(listed.body).toMatchObject({ total: cases.length, totalExact: true, pageSize: 50, next: null });
    const walked: string[] = [];
    for (let cursor: string | null = ''; cursor !== null;) {
      const page: Page = (await cell.get<Page>(`/screening/cases?orgId=${cellTdp5}&pageSize=1&cursor=${cursor}`)).body;
      walked.push(...page.items.map((c) => c.id));
      cursor = page.next;
    }
    expect(walked).toEqual(cases.map((c) => c.id));
    expect((await cell.get<{ error: { field: string } }>('/screening/cases?cursor=%5B%5D')).body.error.field).toBe(
      'query.cursor',
    );
    expect(listed.body.items.find((c) => c.id === caseId)).toMatchObject({
      memberId: member.id,
      status: 'in_progress',
      source: 'manual_flag',
    });
    const timeline = await cell.get<{ action: string; step: string | null }[]>(`/screening/cases/${caseId}/timeline`);
    expect(timeline.status).toBe(200);
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .find({ where: { caseId }, order: { at: 'ASC', id: 'ASC' } });
    expect(timeline.body.map((e) => [e.action, e.step])).toEqual(audit.map((a) => [a.action, a.step]));
    expect(timeline.body.filter((e) => e.action === 'task.completed').map((e) => e.step)).toEqual([
      'screening_review',
      'screening_superior_direction',
      'screening_listing_vote',
      'screening_assign_helper',
    ]);
  });

  it('should refuse a duplicate flag (409), an unknown member (404), an unknown criterion (400) and a user of another cell (403), writing nothing', async () => {
    // This test's own member, flagged once here, so the duplicate does not lean on another test.
    const [, , , , , , , member] = await officialsOf(cellTdp5);
    const s = await driver.as('bithu.tdp5');
    const first = await s.post<{ caseId: string }>('/screening/flags', {
      memberId: member.id,
      criterion: 'political_ethical_degradation',
      evidence: 'Biên bản kiểm điểm: phát ngôn trái quan điểm của Đảng',
    });
    expect(first.status).toBe(201);
    const flagsBefore = await sys.dataSource.getRepository(ScreeningFlagEntity).count();
    const dup = await s.post<ApiErr>('/screening/flags', {
      memberId: member.id,
      criterion: 'political_ethical_degradation',
      evidence: 'Nêu lại cùng căn cứ một lần nữa',
    });
    expect(dup).toMatchObject({ status: 409, body: { error: { code: 'CASE_ALREADY_OPEN' } } });
    const unknown = await s.post<ApiErr>('/screening/flags', {
      memberId: '11111111-1111-4111-8111-111111111111',
      criterion: 'ignored_assignments',
      evidence: 'Không nhận nhiệm vụ được giao',
    });
    expect(unknown.status).toBe(404);
    const badCriterion = await s.post<ApiErr>('/screening/flags', {
      memberId: member.id,
      criterion: 'khong_ro',
      evidence: 'Không rõ căn cứ nào cả',
    });
    expect(badCriterion).toMatchObject({ status: 400, body: { error: { field: 'criterion' } } });
    const noEvidence = await s.post<ApiErr>('/screening/flags', {
      memberId: member.id,
      criterion: 'ignored_assignments',
    });
    expect(noEvidence).toMatchObject({ status: 400, body: { error: { field: 'evidence' } } });
    const outsider = await (
      await driver.as('bithu.longbien')
    ).post<ApiErr>('/screening/flags', {
      memberId: member.id,
      criterion: 'ignored_assignments',
      evidence: 'Không nhận nhiệm vụ được giao',
    });
    expect(outsider.status).toBe(403);
    expect(await sys.dataSource.getRepository(ScreeningFlagEntity).count()).toBe(flagsBefore);
  });

  it('should detect a member absent without reason for 3 months in a year, report progress and counts, and never open a second case on a second run [Charter Art. 8, QĐ 24 §8.1]', async () => {
    const [, , , , absentee] = await officialsOf(cellLinhDam);
    const thisMonth = firstOfMonth(todayLocal(Date.now()));
    for (const back of [1, 2, 4]) {
      await sys.dataSource.getRepository(MeetingAttendanceEntity).save({
        memberId: absentee.id,
        month: addMonths(thisMonth, -back),
        organisationId: cellLinhDam,
        status: 'absent_without_reason',
        reason: null,
        recordedBy: 'test',
      });
    }
    const s = await driver.as('danguy.hoangliet');
    const detectionCases = () => sys.dataSource.getRepository(ScreeningCaseEntity).countBy({ source: 'detection' });
    const casesBefore = await detectionCases();
    const started = await s.post<{ runId: string }>('/screening/detection-runs', { orgId: hoangLiet });
    expect(started.status).toBe(201);
    type Run = {
      status: string;
      totalMembers: number;
      processedMembers: number;
      findings: number;
      casesOpened: number;
      duplicatesSkipped: number;
      progressPercent: number;
    };
    const run = await eventually(async () => {
      const r = await s.get<Run>(`/screening/detection-runs/${started.body.runId}`);
      return r.status === 200 && r.body.status === 'completed' ? r.body : undefined;
    }, 'the detection run');
    // Every official and probationary member of the Hoàng Liệt subtree is screened (02-HD/BTCTƯ step 1).
    const [{ n: screened }] = await sys.dataSource.query(
      `SELECT count(*)::int AS n FROM member m JOIN organisation o ON o.id = m.organisation_id WHERE o.path LIKE $1 AND m.status IN ('official', 'probationary')`,
      [`${(await sys.dataSource.query('SELECT path FROM organisation WHERE id = $1', [hoangLiet]))[0].path}%`],
    );
    expect(run).toMatchObject({ totalMembers: screened, processedMembers: screened, progressPercent: 100 });
    // One case per finding, except findings whose case is already open; the cases counted are the cases written.
    expect(run.casesOpened).toBe((await detectionCases()) - casesBefore);
    expect(run.casesOpened + run.duplicatesSkipped).toBe(run.findings);
    const c = await sys.dataSource
      .getRepository(ScreeningCaseEntity)
      .findOneByOrFail({ memberId: absentee.id, ground: 'absence_or_unpaid_dues' });
    expect(c).toMatchObject({ source: 'detection', status: 'in_progress' });

    const again = await s.post<{ runId: string }>('/screening/detection-runs', { orgId: hoangLiet });
    const second = await eventually(async () => {
      const r = await s.get<Run>(`/screening/detection-runs/${again.body.runId}`);
      return r.body.status === 'completed' ? r.body : undefined;
    }, 'the second detection run');
    expect(second).toMatchObject({ findings: run.findings, casesOpened: 0, duplicatesSkipped: run.findings });
    expect(
      await sys.dataSource
        .getRepository(ScreeningCaseEntity)
        .countBy({ memberId: absentee.id, ground: 'absence_or_unpaid_dues' }),
    ).toBe(1);
    const forbidden = await (
      await driver.as('bithu.longbien')
    ).post<ApiErr>('/screening/detection-runs', { orgId: hoangLiet });
    expect(forbidden.status).toBe(403);
  });

  it('should let an administrator set the monthly detection Schedule and show its next runs; others get 403, bad days 400', async () => {
    const admin = await driver.as('quantri');
    const res = await admin.put<{ scheduleId: string; dayOfMonth: number; paused: boolean; nextRuns: string[] }>(
      `/screening/detection-schedules/${hoangLiet}`,
      { dayOfMonth: 5, hour: 2 },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dayOfMonth: 5, paused: false });
    // The next three runs, each on the 5th at 02:00 in Vietnam (19:00 UTC on the 4th), the first still to come.
    expect(res.body.nextRuns).toHaveLength(3);
    for (const t of res.body.nextRuns) expect(t).toMatch(/^\d{4}-\d{2}-04T19:00:00\.000Z$/);
    expect(Date.parse(res.body.nextRuns[0])).toBeGreaterThan(Date.now());
    const paused = await admin.put<{ paused: boolean }>(`/screening/detection-schedules/${hoangLiet}`, {
      dayOfMonth: 5,
      hour: 2,
      paused: true,
    });
    expect(paused.body.paused).toBe(true);
    const read = await (
      await driver.as('danguy.hoangliet')
    ).get<{ dayOfMonth: number }>(`/screening/detection-schedules/${hoangLiet}`);
    expect(read).toMatchObject({ status: 200, body: { dayOfMonth: 5 } });
    expect(
      (await (await driver.as('bithu.tdp5')).put(`/screening/detection-schedules/${hoangLiet}`, { dayOfMonth: 5 }))
        .status,
    ).toBe(403);
    expect(await admin.put<ApiErr>(`/screening/detection-schedules/${hoangLiet}`, { dayOfMonth: 31 })).toMatchObject({
      status: 400,
      body: { error: { field: 'dayOfMonth' } },
    });
  });

  it('should issue a transfer that the receiving cell confirms from its inbox, and refuse malformed transfers [QĐ 24 §6.3]', async () => {
    const [, , , , , mover] = await officialsOf(cellTdp5);
    const s = await driver.as('bithu.tdp5');
    const today = toLocalDate(Date.now());
    const bad = await s.post<ApiErr>('/transfers', {
      memberId: mover.id,
      kind: 'temporary',
      toOrgId: cellLinhDam,
      issuedOn: today,
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { field: 'periodMonths' } } });
    const same = await s.post<ApiErr>('/transfers', {
      memberId: mover.id,
      kind: 'official',
      toOrgId: cellTdp5,
      issuedOn: today,
    });
    expect(same).toMatchObject({ status: 400, body: { error: { field: 'toOrgId' } } });
    const issued = await s.post<{ transferId: string; presentBy: string }>('/transfers', {
      memberId: mover.id,
      kind: 'official',
      toOrgId: cellLinhDam,
      issuedOn: today,
      note: 'Chuyển nơi cư trú',
    });
    expect(issued.status).toBe(201);
    expect(issued.body.presentBy > today).toBe(true);
    const receiver = await driver.as('bithu.linhdam');
    const task = await eventually(async () => {
      const inbox = await allPages<{ id: string; process: string; step: string }>(
        receiver,
        '/tasks/mine?process=transfer',
      );
      return inbox.find((t) => t.step === 'confirm_arrival');
    }, 'the arrival task reaching the receiving cell');
    const done = await receiver.post(`/tasks/${task.id}/complete`, {
      outcome: 'presented',
      data: { presentedOn: today, receivedBy: 'Trần Thanh Anh, bí thư chi bộ' },
    });
    expect(done.status).toBe(200);
    const view = await eventually(async () => {
      const r = await s.get<{ status: string; presentedOn: string | null }>(`/transfers/${issued.body.transferId}`);
      return r.body.status === 'presented' ? r.body : undefined;
    }, 'the transfer being recorded as presented');
    expect(view.presentedOn).toBe(today);
  });
});
