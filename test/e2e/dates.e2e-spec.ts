import { addDays, formatLocalDateVi, toLocalDate } from '@partyflow/domain';
import { AdmissionCaseEntity, demoOrgId, HumanTaskEntity, MemberEntity } from '@partyflow/persistence';
import {
  AdmissionDriver,
  allPages,
  eventually,
  startSystem,
  STEPS_TO_CEREMONY,
  type RunningSystem,
} from '@partyflow/testing';

/**
 * Issue 11 §3 end to end (API + worker + dev server + PostgreSQL): an impossible date (2025-02-30,
 * 9999-99-99) or a date out of order is a 400 naming the field, the case stays at its step with its
 * task open, and a good date then completes it. Before, `decidedOn: "2025-02-30"` answered 200 and
 * froze the case on a retrying activity; a transfer's `issuedOn: 2025-02-30` was a 500.
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
const cellTdp5 = demoOrgId('HN-HM-HL-TDP5');
const cellLinhDam = demoOrgId('HN-HM-HL-LD');

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

type ApiErr = { error: { code: string; message: string; field?: string } };
const refusal = (res: { status: number; body: unknown }) => {
  const { error } = res.body as ApiErr;
  return { status: res.status, code: error?.code, field: error?.field };
};
const badRequest = (field: string) => ({ status: 400, code: 'VALIDATION_FAILED', field });

describe('impossible dates and dates out of order over HTTP (issue 11 §3)', () => {
  it('issue 11 §3: should answer 400 naming data.decidedOn for 2025-02-30, 9999-99-99, a date before the cell vote or after today, keep the decision open, then admit with a good date; the same for the ceremony heldOn [R5][R4][R6][R7]', async () => {
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Đỗ Thị Ngày Sai' });
    await driver.completeInOrder(caseId, STEPS_TO_CEREMONY.slice(0, -1), cellTdp5);
    const { task, username } = await driver.waitForOpenTask(caseId, 'decision', 'giamsat.hoangmai');
    const decider = await driver.as(username);
    const today = toLocalDate(Date.now());
    const cellVote = await sys.dataSource
      .getRepository(HumanTaskEntity)
      .findOneByOrFail({ caseId, taskKey: 'cell_vote' });
    const cellVoteOn = toLocalDate((cellVote.completedAt as Date).getTime());
    const decide = (decidedOn: string) =>
      decider.post<ApiErr>(`/tasks/${task.id}/complete`, {
        outcome: 'admitted',
        data: { decisionNumber: '125-QĐ/QU', decidedOn },
      });

    for (const decidedOn of ['2025-02-30', '9999-99-99']) {
      const res = await decide(decidedOn);
      expect({ decidedOn, ...refusal(res) }).toEqual({ decidedOn, ...badRequest('data.decidedOn') });
      expect(res.body.error.message).toBe('data.decidedOn: phải là ngày có thật dạng YYYY-MM-DD');
    }
    const early = await decide(addDays(cellVoteOn, -1));
    expect(refusal(early)).toEqual(badRequest('data.decidedOn'));
    expect(early.body.error.message).toBe(
      `data.decidedOn: Ngày quyết định kết nạp (${formatLocalDateVi(addDays(cellVoteOn, -1))}) không được trước ngày chi bộ xét đề nghị kết nạp (${formatLocalDateVi(cellVoteOn)}) [R5].`,
    );
    const future = await decide(addDays(today, 1));
    expect(refusal(future)).toEqual(badRequest('data.decidedOn'));
    expect(future.body.error.message).toBe(
      `data.decidedOn: Ngày quyết định kết nạp (${formatLocalDateVi(addDays(today, 1))}) không được sau ngày hôm nay (${formatLocalDateVi(today)}).`,
    );

    // The case is still at the decision with its task open; nothing was recorded.
    const view = await driver.caseView(caseId, 'giamsat.hoangmai');
    expect(view.currentStep).toBe('decision');
    expect(view.steps.filter((s) => s.status === 'open').map((s) => s.taskKey)).toEqual(['decision']);
    expect(
      (await sys.dataSource.getRepository(AdmissionCaseEntity).findOneByOrFail({ id: caseId })).decidedOn,
    ).toBeNull();

    expect((await decide(today)).status).toBe(200);
    const ceremony = await driver.waitForOpenTask(caseId, 'ceremony', 'giamsat.hoangmai');
    const secretary = await driver.as(ceremony.username);
    const hold = (heldOn: string) =>
      secretary.post<ApiErr>(`/tasks/${ceremony.task.id}/complete`, { outcome: 'held', data: { heldOn } });
    expect(refusal(await hold('2025-02-30'))).toEqual(badRequest('data.heldOn'));
    const beforeDecision = await hold(addDays(today, -1));
    expect(refusal(beforeDecision)).toEqual(badRequest('data.heldOn'));
    expect(beforeDecision.body.error.message).toBe(
      `data.heldOn: Ngày tổ chức lễ kết nạp (${formatLocalDateVi(addDays(today, -1))}) không được trước ngày quyết định kết nạp (${formatLocalDateVi(today)}) [R4][R6][R7].`,
    );
    expect((await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: ceremony.task.id })).status).toBe(
      'open',
    );
    expect((await hold(today)).status).toBe(200);
    const admitted = await eventually(async () => {
      const c = await sys.dataSource.getRepository(AdmissionCaseEntity).findOneByOrFail({ id: caseId });
      return c.status === 'probationary' ? c : undefined;
    }, 'the case recording the ceremony');
    expect(admitted).toMatchObject({ decidedOn: today, ceremonyOn: today });
  });

  it('issue 11 §3: should answer 400 naming issuedOn for a transfer letter dated 2025-02-30 or after today (was 500), and naming data.presentedOn for an arrival before the letter, then confirm a good arrival [R30]', async () => {
    const [, , , , , , , mover] = await sys.dataSource
      .getRepository(MemberEntity)
      .find({ where: { organisationId: cellTdp5, status: 'official' }, order: { fullName: 'ASC' } });
    const s = await driver.as('bithu.tdp5');
    const today = toLocalDate(Date.now());
    const issue = (issuedOn: string) =>
      s.post<ApiErr & { transferId: string }>('/transfers', {
        memberId: mover.id,
        kind: 'official',
        toOrgId: cellLinhDam,
        issuedOn,
      });
    for (const issuedOn of ['2025-02-30', '9999-99-99', '1899-12-31']) {
      expect({ issuedOn, ...refusal(await issue(issuedOn)) }).toEqual({ issuedOn, ...badRequest('issuedOn') });
    }
    const future = await issue(addDays(today, 1));
    expect(refusal(future)).toEqual(badRequest('issuedOn'));
    expect(future.body.error.message).toBe(
      `issuedOn: Ngày giấy giới thiệu (${formatLocalDateVi(addDays(today, 1))}) không được sau ngày hôm nay (${formatLocalDateVi(today)}).`,
    );

    const issuedOn = addDays(today, -3);
    const issued = await issue(issuedOn);
    expect(issued.status).toBe(201);
    const receiver = await driver.as('bithu.linhdam');
    const task = await eventually(async () => {
      const inbox = await allPages<{ id: string; caseId: string; step: string }>(
        receiver,
        '/tasks/mine?process=transfer',
      );
      return inbox.find((t) => t.step === 'confirm_arrival' && t.caseId === issued.body.transferId);
    }, 'the arrival task reaching the receiving cell');
    const arrive = (presentedOn: string) =>
      receiver.post<ApiErr>(`/tasks/${task.id}/complete`, {
        outcome: 'presented',
        data: { presentedOn, receivedBy: 'Trần Thanh Anh, bí thư chi bộ' },
      });
    expect(refusal(await arrive('2025-02-30'))).toEqual(badRequest('data.presentedOn'));
    const early = await arrive(addDays(issuedOn, -1));
    expect(refusal(early)).toEqual(badRequest('data.presentedOn'));
    expect(early.body.error.message).toBe(
      `data.presentedOn: Ngày đến trình diện (${formatLocalDateVi(addDays(issuedOn, -1))}) không được trước ngày giấy giới thiệu sinh hoạt đảng (${formatLocalDateVi(issuedOn)}) [R30].`,
    );
    expect((await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id })).status).toBe('open');
    expect((await arrive(today)).status).toBe(200);
    const view = await eventually(async () => {
      const r = await s.get<{ status: string; presentedOn: string | null }>(`/transfers/${issued.body.transferId}`);
      return r.body.status === 'presented' ? r.body : undefined;
    }, 'the transfer being recorded as presented');
    expect(view.presentedOn).toBe(today);
  });

  it('issue 11 §3: should answer 400 naming the query parameter for an impossible or out-of-range date', async () => {
    const admin = await driver.as('quantri');
    expect(refusal(await admin.get<ApiErr>('/audit?from=2025-02-30'))).toEqual(badRequest('query.from'));
    expect(refusal(await admin.get<ApiErr>('/audit?to=9999-12-31'))).toEqual(badRequest('query.to'));
    const hoangMai = demoOrgId('HN-HM');
    expect(refusal(await admin.get<ApiErr>(`/reports/tasks?orgId=${hoangMai}&from=0202-01-01&to=2026-01-31`))).toEqual(
      badRequest('from'),
    );
  });
});
