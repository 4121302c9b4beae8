import { randomUUID } from 'node:crypto';
import { addDays, todayLocal } from '@partyflow/domain';
import { AuditLogEntity, demoOrgId, HOANG_MAI_CRITERIA_NAME } from '@partyflow/persistence';
import { AdmissionDriver, ApiSession, startSystem, type RunningSystem } from '@partyflow/testing';

/**
 * Issue 9 §6 "Criteria sets": a committee adopts, edits and retires its own stricter admission criteria (the
 * [seed:001] kind) with its document reference and effective dates; every change is audited with its reason; a case
 * uses, and shows, the set in force on the day its cell vote opens (issue 9 §2).
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
const HM = demoOrgId('HN-HM');
const HL = demoOrgId('HN-HM-HL');
const TDP5 = demoOrgId('HN-HM-HL-TDP5');

type ApiErr = { error: { code: string; message: string; field?: string } };
type SetView = {
  id: string;
  organisation: { id: string; code: string; name: string };
  name: string;
  documentRef: string | null;
  effectiveFrom: string;
  effectiveUntil: string | null;
  checks: { kind: string; source?: string; [k: string]: unknown }[];
  status: string;
  statusLabel: string;
  createdBy: string | null;
  updatedBy: string | null;
  retiredBy: string | null;
  retireReason: string | null;
};

beforeAll(async () => {
  sys = await startSystem();
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

const today = () => todayLocal(Date.now());
const nameOf = (username: string) => sys.users.find((u) => u.username === username)?.fullName;
const patch = async <T>(session: ApiSession, path: string, body: unknown) => session.request<T>('PATCH', path, body);
const checks = [{ kind: 'min_grading_last_year', minGrading: 'excellent' }];
const body = (over: Record<string, unknown> = {}) => ({
  organisationId: HL,
  name: 'Tiêu chuẩn kết nạp của Đảng ủy phường Hoàng Liệt',
  documentRef: `07-QĐ/ĐU-${randomUUID().slice(0, 8)}`,
  effectiveFrom: '2030-01-01',
  effectiveUntil: '2030-12-31',
  checks,
  reason: 'Nghị quyết của Đảng ủy về nâng cao chất lượng kết nạp đảng viên',
  ...over,
});
const audits = (action: string, criteriaSetId: string) =>
  sys.dataSource
    .getRepository(AuditLogEntity)
    .createQueryBuilder('a')
    .where('a.action = :action', { action })
    .andWhere(`a.details->>'criteriaSetId' = :id`, { id: criteriaSetId })
    .getMany();

async function seededSet(): Promise<SetView> {
  const res = await (await driver.as('bithu.tdp5')).get<SetView[]>(`/criteria?orgId=${TDP5}`);
  const set = res.body.find((s) => s.name === HOANG_MAI_CRITERIA_NAME);
  if (!set) throw new Error(`seeded set missing: ${JSON.stringify(res.body)}`);
  return set;
}

describe('reading criteria sets [issue 9 §6]', () => {
  it('should answer 401 without a token', async () => {
    const res = await ApiSession.anonymous(sys.baseUrl).get<ApiErr>(`/criteria?orgId=${HM}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('should list to a cell secretary the seeded Hoàng Mai set that applies to the cell, in force, with its document [seed:001]', async () => {
    const res = await (await driver.as('bithu.tdp5')).get<SetView[]>(`/criteria?orgId=${TDP5}`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      organisation: { id: HM, code: 'HN-HM' },
      name: HOANG_MAI_CRITERIA_NAME,
      documentRef: '52-CV/BTCĐU',
      effectiveFrom: '2019-01-01',
      effectiveUntil: null,
      status: 'in_force',
      statusLabel: 'Đang hiệu lực',
      checks: [{ kind: 'consecutive_gradings', years: 3, minGrading: 'good', requireExcellentOrAward: true }],
    });
    const read = await (await driver.as('bithu.tdp5')).get<SetView>(`/criteria/${res.body[0].id}`);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(res.body[0].id);
  });

  it('should answer 403 to a reader outside the subtree, 404 for an unknown set and 400 naming a malformed id or query', async () => {
    const set = await seededSet();
    const lb = await driver.as('bithu.longbien');
    const outside = await lb.get<ApiErr>(`/criteria/${set.id}`);
    expect(outside.status).toBe(403);
    expect((await lb.get<ApiErr>(`/criteria?orgId=${HM}`)).status).toBe(403);
    const me = await driver.as('bithu.tdp5');
    const missing = await me.get<ApiErr>(`/criteria/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const bad = await me.get<ApiErr>('/criteria/abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('id');
    const noOrg = await me.get<ApiErr>('/criteria');
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.error.field).toBe('orgId');
    const badDay = await me.get<ApiErr>(`/criteria/in-force?orgId=${TDP5}&onDate=2026-02-30`);
    expect(badDay.status).toBe(400);
    expect(badDay.body.error.field).toBe('onDate');
  });

  it('should record in the case, and show in its view, the set in force on the day the cell vote opened [issue 9 §2][seed:001]', async () => {
    const set = await seededSet();
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName: 'Phạm Thị Tiêu Chuẩn' });
    await driver.driveUntil(caseId, TDP5, 'cell_vote');
    const view = (await driver.caseView(caseId, 'giamsat.hoangmai')) as unknown as {
      criteria: { checkedOn: string; set: { id: string; name: string; documentRef: string } | null };
    };
    expect(view.criteria).toEqual({
      checkedOn: today(),
      set: { id: set.id, name: HOANG_MAI_CRITERIA_NAME, documentRef: '52-CV/BTCĐU' },
    });
    const checks = await sys.dataSource
      .getRepository(AuditLogEntity)
      .find({ where: { caseId, action: 'case.eligibility_checked' }, order: { at: 'ASC' } });
    expect(checks.map((a) => [a.step, a.outcome, (a.details as { criteriaSetId: string }).criteriaSetId])).toEqual([
      ['eligibility', 'eligible', set.id],
      ['cell_vote', 'eligible', set.id],
    ]);
  });
});

describe('adopting, editing and retiring a set [issue 9 §6][seed:000]', () => {
  it('should answer 400 naming the field for an unknown check kind, an end before the start, a cell, a missing reason', async () => {
    const admin = await driver.as('quantri');
    const cases: [Record<string, unknown>, string][] = [
      [{ checks: [{ kind: 'party_age', minGrading: 'good' }] }, 'checks.0.kind'],
      [{ checks: [{ kind: 'consecutive_gradings', years: 0, minGrading: 'good' }] }, 'checks.0.years'],
      [{ checks: [{ kind: 'min_grading_last_year', minGrading: 'gioi' }] }, 'checks.0.minGrading'],
      [{ checks: [] }, 'checks'],
      [{ effectiveFrom: '2030-06-01', effectiveUntil: '2030-05-31' }, 'effectiveUntil'],
      [{ effectiveFrom: '2030-02-30' }, 'effectiveFrom'],
      [{ organisationId: TDP5 }, 'organisationId'],
      [{ reason: '' }, 'reason'],
      [{ documentRef: '  ' }, 'documentRef'],
    ];
    for (const [over, field] of cases) {
      const res = await admin.post<ApiErr>('/criteria', body(over));
      expect({ over, status: res.status, field: res.body.error?.field }).toEqual({ over, status: 400, field });
    }
  });

  it('should answer 400 on effectiveFrom when the committee already has a set in force on a common day', async () => {
    const res = await (
      await driver.as('thuongvu.hoangmai')
    ).post<ApiErr>('/criteria', body({ organisationId: HM, effectiveFrom: '2031-01-01', effectiveUntil: null }));
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('effectiveFrom');
    expect(res.body.error.message).toContain(HOANG_MAI_CRITERIA_NAME);
  });

  it('should answer 403 to adopt or edit for a cell secretary and for the organisation department, and 404 for an unknown set', async () => {
    for (const username of ['bithu.tdp5', 'bantochuc.hoangmai']) {
      const res = await (await driver.as(username)).post<ApiErr>('/criteria', body({ organisationId: HM }));
      expect({ username, status: res.status }).toEqual({ username, status: 403 });
    }
    const set = await seededSet();
    const res = await patch<ApiErr>(await driver.as('bithu.tdp5'), `/criteria/${set.id}`, {
      name: 'x',
      reason: 'thử sửa',
    });
    expect(res.status).toBe(403);
    const missing = await patch<ApiErr>(await driver.as('quantri'), `/criteria/${randomUUID()}`, {
      name: 'x',
      reason: 'thử sửa',
    });
    expect(missing.status).toBe(404);
  });

  it('should let the Hoàng Mai standing committee end its set and adopt the next one, the set in force for the cell being the one or the other by the day, audited with the reasons', async () => {
    const standing = await driver.as('thuongvu.hoangmai');
    const old = await seededSet();
    const lastDay = addDays(today(), 30);
    const edited = await patch<SetView>(standing, `/criteria/${old.id}`, {
      effectiveUntil: lastDay,
      reason: 'Quận ủy ban hành tiêu chuẩn mới thay thế từ ngày kế tiếp',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      effectiveUntil: lastDay,
      status: 'in_force',
      updatedBy: nameOf('thuongvu.hoangmai'),
    });

    const created = await standing.post<SetView>(
      '/criteria',
      body({
        organisationId: HM,
        name: 'Tiêu chuẩn kết nạp mới của Quận ủy Hoàng Mai',
        documentRef: '15-QĐ/QU',
        effectiveFrom: addDays(lastDay, 1),
        effectiveUntil: null,
        reason: 'Quyết định 15-QĐ/QU của Ban Thường vụ Quận ủy',
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      organisation: { id: HM, code: 'HN-HM' },
      documentRef: '15-QĐ/QU',
      effectiveFrom: addDays(lastDay, 1),
      effectiveUntil: null,
      status: 'scheduled',
      statusLabel: 'Chưa đến ngày hiệu lực',
      createdBy: nameOf('thuongvu.hoangmai'),
    });
    expect(created.body.checks).toEqual([
      {
        kind: 'min_grading_last_year',
        minGrading: 'excellent',
        source:
          '15-QĐ/QU của Đảng bộ Quận Hoàng Mai; [seed:000] 130-KH/TU: cấp ủy có thẩm quyền được đặt tiêu chuẩn cao hơn',
      },
    ]);

    const inForce = async (onDate: string) =>
      (await standing.get<{ set: SetView | null }>(`/criteria/in-force?orgId=${TDP5}&onDate=${onDate}`)).body.set?.id;
    expect(await inForce(lastDay)).toBe(old.id);
    expect(await inForce(addDays(lastDay, 1))).toBe(created.body.id);
    expect(await inForce('2018-12-31')).toBeUndefined();

    // The same document a second time is a conflict on the committee's natural key.
    const again = await standing.post<ApiErr>(
      '/criteria',
      body({ organisationId: HM, documentRef: '15-QĐ/QU', effectiveFrom: '2010-01-01', effectiveUntil: '2010-12-31' }),
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CRITERIA_SET_DOCUMENT_EXISTS');

    const [editAudit] = await audits('criteria_set.edited', old.id);
    expect(editAudit).toMatchObject({
      actorName: nameOf('thuongvu.hoangmai'),
      comment: 'Quận ủy ban hành tiêu chuẩn mới thay thế từ ngày kế tiếp',
    });
    expect(editAudit.details).toMatchObject({ before: { effectiveUntil: null }, after: { effectiveUntil: lastDay } });
    const adopted = await audits('criteria_set.adopted', created.body.id);
    expect(adopted.map((a) => a.comment)).toEqual(['Quyết định 15-QĐ/QU của Ban Thường vụ Quận ủy']);
  });

  it('should let an administrator above retire a set with a reason, then refuse to edit or retire it again (409)', async () => {
    const admin = await driver.as('quantri');
    const created = await admin.post<SetView>('/criteria', body());
    expect(created.status).toBe(201);
    const retired = await admin.post<SetView>(`/criteria/${created.body.id}/retire`, {
      reason: 'Đảng ủy phường bãi bỏ theo chỉ đạo của Quận ủy',
    });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({
      status: 'retired',
      statusLabel: 'Đã bãi bỏ',
      retiredBy: nameOf('quantri'),
      retireReason: 'Đảng ủy phường bãi bỏ theo chỉ đạo của Quận ủy',
    });
    const twice = await admin.post<ApiErr>(`/criteria/${created.body.id}/retire`, { reason: 'lần hai' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('CRITERIA_SET_RETIRED');
    const edit = await patch<ApiErr>(admin, `/criteria/${created.body.id}`, { name: 'Tên mới', reason: 'sửa tên' });
    expect(edit.status).toBe(409);
    const noReason = await admin.post<ApiErr>(`/criteria/${created.body.id}/retire`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe('reason');
    const [audit] = await audits('criteria_set.retired', created.body.id);
    expect(audit).toMatchObject({
      actorName: nameOf('quantri'),
      comment: 'Đảng ủy phường bãi bỏ theo chỉ đạo của Quận ủy',
    });
    // A retired set no longer stands in the way of a new one for the same days.
    const next = await admin.post<SetView>('/criteria', body({ effectiveFrom: created.body.effectiveFrom }));
    expect(next.status).toBe(201);
  });
});
