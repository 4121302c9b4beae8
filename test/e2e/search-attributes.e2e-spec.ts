import { WorkflowNotFoundError } from '@temporalio/client';
import { ADMISSION_PROCESS, SA_CURRENT_STEP, SA_ORG_CODES, SA_STEP_DUE_AT } from '@partyflow/contracts';
import {
  CellInspectionEntity,
  DeadlinePolicyEntity,
  demoOrgId,
  HumanTaskEntity,
  InspectionRoundEntity,
  MemberEntity,
} from '@partyflow/persistence';
import { AdmissionDriver, startSystem, type RunningSystem, eventually } from '@partyflow/testing';

/**
 * Search attributes on the dev server (visibility works there; the time-skipping server has no
 * search-attribute queries): PartyCurrentStep / PartyStepDueAt follow the open task due first,
 * and PartyOrgCodes is set on every workflow type (issue 7 §5).
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
const cellTdp5 = demoOrgId('HN-HM-HL-TDP5');
const hoangLiet = demoOrgId('HN-HM-HL');

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

/** The step attributes as the server holds them for a workflow. */
async function stepAttributes(workflowId: string): Promise<{ step: string | undefined; dueAt: string | undefined }> {
  const d = await sys.env.client.workflow.getHandle(workflowId).describe();
  return {
    step: d.typedSearchAttributes.get(SA_CURRENT_STEP),
    dueAt: d.typedSearchAttributes.get(SA_STEP_DUE_AT)?.toISOString(),
  };
}

/** Waits until the attributes equal `want`, then returns them (upserts follow the task row by a workflow task). */
async function stepAttributesBecome(workflowId: string, want: { step: string; dueAt: string }) {
  let last: unknown;
  try {
    return await eventually(
      async () => {
        last = await stepAttributes(workflowId);
        return JSON.stringify(last) === JSON.stringify(want) ? last : undefined;
      },
      `search attributes ${JSON.stringify(want)}`,
      15_000,
    );
  } catch {
    return last;
  }
}

/** The workflow's PartyOrgCodes; undefined until it is started (a cell's row is written before its child starts). */
async function orgCodesOf(workflowId: string): Promise<string[] | undefined> {
  try {
    return (await sys.env.client.workflow.getHandle(workflowId).describe()).typedSearchAttributes.get(SA_ORG_CODES);
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) return undefined;
    throw e;
  }
}

/** Codes of an organisation and its ancestors, root first, read from the organisation table. */
async function expectedCodes(orgId: string): Promise<string[]> {
  const rows = (await sys.dataSource.query(
    `SELECT a.code FROM organisation o JOIN organisation a ON o.path LIKE a.path || '%' WHERE o.id = $1 ORDER BY a.depth`,
    [orgId],
  )) as { code: string }[];
  return rows.map((r) => r.code);
}

describe('search attributes of running cases (issue 7 §5)', () => {
  it('should show the earliest due of two parallel opinion tasks in PartyCurrentStep and PartyStepDueAt, then the other one after it closes, then the next step', async () => {
    // The mass-organisation opinion gets 5 more working days than the residence opinion, so the two
    // are due on different days.
    const policies = sys.dataSource.getRepository(DeadlinePolicyEntity);
    const mass = await policies.findOneByOrFail({ process: ADMISSION_PROCESS, step: 'opinion_mass_org' });
    await policies.update(
      { id: mass.id },
      { dueAmount: mass.dueAmount + 5, version: mass.version + 1, updatedBy: 'test' },
    );

    const secretary = await driver.as('bithu.tdp5');
    const candidates = await secretary.get<{ items: { id: string }[] }>(
      `/members?status=candidate&q=${encodeURIComponent('Nguyễn Thu Trang')}`,
    );
    const started = await secretary.post<{ caseId: string; workflowId: string }>('/admission-cases', {
      candidateMemberId: candidates.body.items[0].id,
      note: 'Thuộc tính tìm kiếm',
    });
    expect(started.status).toBe(201);
    const { caseId, workflowId } = started.body;
    for (const key of ['introducers', 'background_check']) {
      const { task, username } = await driver.waitForOpenTask(caseId, key, 'giamsat.hoangmai');
      const { outcome, data } = await driver.approvingData(task, username, cellTdp5);
      expect((await (await driver.as(username)).post(`/tasks/${task.id}/complete`, { outcome, data })).status).toBe(
        200,
      );
    }
    const residence = await driver.waitForOpenTask(caseId, 'opinion_residence', 'giamsat.hoangmai');
    const massOrg = await driver.waitForOpenTask(caseId, 'opinion_mass_org:doan_thanh_nien', 'giamsat.hoangmai');
    const rows = sys.dataSource.getRepository(HumanTaskEntity);
    const residenceDue = (await rows.findOneByOrFail({ id: residence.task.id })).dueAt.toISOString();
    const massDue = (await rows.findOneByOrFail({ id: massOrg.task.id })).dueAt.toISOString();
    expect(residenceDue < massDue).toBe(true);

    // Both open: the earliest due (the residence opinion) whichever opened last.
    expect(await stepAttributesBecome(workflowId, { step: 'opinion_residence', dueAt: residenceDue })).toEqual({
      step: 'opinion_residence',
      dueAt: residenceDue,
    });
    const r = await driver.approvingData(residence.task, residence.username, cellTdp5);
    expect((await (await driver.as(residence.username)).post(`/tasks/${residence.task.id}/complete`, r)).status).toBe(
      200,
    );
    // The residence opinion closed: the remaining open task.
    expect(await stepAttributesBecome(workflowId, { step: 'opinion_mass_org', dueAt: massDue })).toEqual({
      step: 'opinion_mass_org',
      dueAt: massDue,
    });
    const m = await driver.approvingData(massOrg.task, massOrg.username, cellTdp5);
    expect((await (await driver.as(massOrg.username)).post(`/tasks/${massOrg.task.id}/complete`, m)).status).toBe(200);
    const vote = await driver.waitForOpenTask(caseId, 'cell_vote', 'giamsat.hoangmai');
    const voteDue = (await rows.findOneByOrFail({ id: vote.task.id })).dueAt.toISOString();
    expect(await stepAttributesBecome(workflowId, { step: 'cell_vote', dueAt: voteDue })).toEqual({
      step: 'cell_vote',
      dueAt: voteDue,
    });
    expect(await orgCodesOf(workflowId)).toEqual(await expectedCodes(cellTdp5));
  });

  it('should set PartyOrgCodes on the inspection round, the cell inspection, the detection run and the screening intake', async () => {
    const admin = await driver.as('quantri');
    const programme = await admin.post<{ id: string }>('/inspection-programmes', {
      orgId: hoangLiet,
      scope: 'grassroots_own_cells',
    });
    expect(programme.status).toBe(201);
    expect((await admin.post(`/inspection-programmes/${programme.body.id}/trigger`)).status).toBe(200);
    const round = await eventually(
      () => sys.dataSource.getRepository(InspectionRoundEntity).findOneBy({ programmeId: programme.body.id }),
      'round row',
    );
    const cell = await eventually(
      () => sys.dataSource.getRepository(CellInspectionEntity).findOneBy({ roundId: round.id, cellOrgId: cellTdp5 }),
      'cell inspection row',
    );
    const hoangLietCodes = await expectedCodes(hoangLiet);
    expect(hoangLietCodes).toHaveLength(3);
    expect(
      await eventually(
        async () => ((await orgCodesOf(round.workflowId))?.length ? orgCodesOf(round.workflowId) : undefined),
        'round org codes',
      ),
    ).toEqual(hoangLietCodes);
    expect(
      await eventually(
        async () => ((await orgCodesOf(cell.workflowId))?.length ? orgCodesOf(cell.workflowId) : undefined),
        'cell org codes',
      ),
    ).toEqual(await expectedCodes(cellTdp5));

    const run = await (
      await driver.as('danguy.hoangliet')
    ).post<{ runId: string; workflowId: string }>('/screening/detection-runs', { orgId: hoangLiet });
    expect(run.status).toBe(201);
    expect(
      await eventually(
        async () => ((await orgCodesOf(run.body.workflowId))?.length ? orgCodesOf(run.body.workflowId) : undefined),
        'detection org codes',
      ),
    ).toEqual(hoangLietCodes);

    const [member] = await sys.dataSource
      .getRepository(MemberEntity)
      .find({ where: { organisationId: cellTdp5, status: 'official' }, order: { fullName: 'DESC' } });
    const flag = await (
      await driver.as('bithu.tdp5')
    ).post<{ caseId: string }>('/screening/flags', {
      memberId: member.id,
      criterion: 'ignored_assignments',
      evidence: 'Nhiều lần không nhận nhiệm vụ chi bộ giao',
    });
    expect(flag.status).toBe(201);
    // Listing goes through visibility, which trails the start by a moment.
    const intakes = await eventually(async () => {
      const ids: string[] = [];
      for await (const w of sys.env.client.workflow.list({ query: "WorkflowType = 'screeningIntakeWorkflow'" }))
        ids.push(w.workflowId);
      return ids.length ? ids : undefined;
    }, 'the intake workflow in visibility');
    expect(intakes).toHaveLength(1);
    expect(await orgCodesOf(intakes[0])).toEqual(await expectedCodes(cellTdp5));
  });
});
