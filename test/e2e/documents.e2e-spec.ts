import { randomUUID } from 'node:crypto';
import { appendAudit, SYSTEM_ACTOR } from '@partyflow/audit';
import { searchKey, todayLocal } from '@partyflow/domain';
import {
  demoOrgId,
  HumanTaskEntity,
  MemberEntity,
  OrganisationEntity,
  ScreeningCaseEntity,
} from '@partyflow/persistence';
import { AdmissionDriver, eventually, startSystem, STEPS_TO_CEREMONY, type RunningSystem } from '@partyflow/testing';
import { docxText, pdfText } from '@partyflow/testing/documents';

/**
 * The official papers over HTTP (issue 14 §7) on a real system: an admission case driven from the inboxes through
 * the decision, the ceremony and (with a probation of 0 months) the recognition; a screening case through the
 * cell's secret ballot. Each paper is downloaded as DOCX and PDF and read back for the case's names and counts.
 */
let sys: RunningSystem;
let driver: AdmissionDriver;
const cellTdp5 = demoOrgId('HN-HM-HL-TDP5');
type ApiErr = { error: { code: string; message: string; field?: string } };
type DocList = { caseId: string; documents: { kind: string; available: boolean; reason: string | null }[] };

beforeAll(async () => {
  sys = await startSystem({ env: { PARTYFLOW_PROBATION_MONTHS: '0' } });
  driver = new AdmissionDriver(sys.baseUrl, sys.users);
});
afterAll(async () => {
  await sys?.stop();
});

/** A document downloaded as `viewer`, checked for its Content-Type and file names, and read back as text. */
async function download(viewer: string, path: string, format: 'docx' | 'pdf', asciiName: string): Promise<string> {
  const res = await fetch(`${sys.baseUrl}${path}?format=${format}`, {
    headers: { authorization: `Bearer ${(await driver.as(viewer)).token}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(
    format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  );
  const disposition = res.headers.get('content-disposition') ?? '';
  expect(disposition).toContain(`attachment; filename="${asciiName}.${format}"; filename*=UTF-8''`);
  const body = Buffer.from(await res.arrayBuffer());
  const text = format === 'pdf' ? (await pdfText(body)).text : (await docxText(body)).text.replace(/\s+/g, ' ');
  expect(text).toBe(text.normalize('NFC'));
  return text;
}

async function completedTask(caseId: string, step: string): Promise<HumanTaskEntity> {
  return sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ caseId, step, status: 'completed' });
}

describe('official documents over HTTP (API + worker + dev server + PostgreSQL)', () => {
  it('should list and serve the papers of an admission case as its steps produce them, each with the case names and counts, and refuse them before (409) [R5][R13][R14]', async () => {
    const fullName = 'Đặng Thị Ngọc Ánh';
    const { caseId, candidateId } = await driver.startFreshCase(sys.dataSource, { fullName });
    const base = `/admission-cases/${caseId}/documents`;
    const reader = await driver.as('giamsat.hoangmai');

    const before = await reader.get<DocList>(base);
    expect(before.status).toBe(200);
    expect(before.body.documents.map((d) => [d.kind, d.available])).toEqual([
      ['cell-vote-minutes', false],
      ['cell-resolution', false],
      ['admission-decision', false],
      ['recognition-decision', false],
    ]);
    const early = await reader.get<ApiErr>(`${base}/cell-resolution?format=pdf`);
    expect(early.status).toBe(409);
    expect(early.body.error).toEqual({
      code: 'DOCUMENT_NOT_AVAILABLE',
      message:
        "Chưa có nghị quyết chi bộ đề nghị kết nạp đảng viên: bước 'Chi bộ biểu quyết đề nghị kết nạp' chưa hoàn thành",
    });

    await driver.completeInOrder(
      caseId,
      [...STEPS_TO_CEREMONY, 'ceremony', 'assign_helper', 'recognition_cell_vote', 'recognition_decision'],
      cellTdp5,
    );
    await eventually(
      async () => (await driver.caseView(caseId, 'giamsat.hoangmai')).status === 'official' || undefined,
      'the case official',
    );
    const after = await reader.get<DocList>(base);
    expect(after.body.documents.every((d) => d.available && d.reason === null)).toBe(true);

    const candidate = await sys.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: candidateId });
    const [dd, mm, yyyy] = [
      candidate.birthDate.slice(8),
      candidate.birthDate.slice(5, 7),
      candidate.birthDate.slice(0, 4),
    ];
    const vote = await completedTask(caseId, 'cell_vote');
    const { roster, votes } = vote.data as { roster: { official: number; exempt: number }; votes: { yes: number } };
    const eligible = roster.official - roster.exempt;
    const slug = 'dang-thi-ngoc-anh';
    for (const format of ['docx', 'pdf'] as const) {
      const resolution = await download(
        'bithu.tdp5',
        `${base}/cell-resolution`,
        format,
        `nghi-quyet-chi-bo-de-nghi-ket-nap-dang-vien-${slug}`,
      );
      expect(resolution).toContain('ĐẢNG BỘ PHƯỜNG HOÀNG LIỆT');
      expect(resolution).toContain('CHI BỘ TỔ DÂN PHỐ SỐ 5');
      expect(resolution).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(resolution).toContain(
        `quần chúng ${fullName}, sinh ngày ${dd}/${mm}/${yyyy}, vào Đảng (biên bản số BB-01)`,
      );
      expect(resolution).toContain(`Tổng số đảng viên chính thức của chi bộ: ${roster.official} đồng chí`);
      expect(resolution).toContain(
        `tán thành việc kết nạp: ${votes.yes}/${eligible} đồng chí; không tán thành: 0/${eligible}`,
      );

      const minutes = await download(
        'giamsat.hoangmai',
        `${base}/cell-vote-minutes`,
        format,
        `bien-ban-hop-chi-bo-xet-de-nghi-ket-nap-dang-vien-${slug}`,
      );
      expect(minutes).toContain(`Tổng số đảng viên chính thức: ${roster.official} đồng chí.`);
      expect(minutes).toContain(`Số đảng viên chính thức được tính biểu quyết: ${eligible} đồng chí`);
      expect(minutes).toContain(
        `Số đồng chí tán thành kết nạp: ${votes.yes}/${eligible}; không tán thành: 0/${eligible}.`,
      );
      expect(minutes).toContain(`chi bộ đề nghị kết nạp quần chúng ${fullName} vào Đảng.`);

      const decision = await download(
        'giamsat.hoangmai',
        `${base}/admission-decision`,
        format,
        `quyet-dinh-ket-nap-dang-vien-${slug}`,
      );
      expect(decision).toContain('ĐẢNG BỘ QUẬN HOÀNG MAI');
      expect(decision).toContain('Số 125-QĐ/QU');
      expect(decision).toContain(`Điều 1. Kết nạp quần chúng ${fullName}, sinh ngày ${dd}/${mm}/${yyyy}`);
      expect(decision).toContain('(nghị quyết số NQ-01)');

      const recognition = await download(
        'giamsat.hoangmai',
        `${base}/recognition-decision`,
        format,
        `quyet-dinh-cong-nhan-dang-vien-chinh-thuc-${slug}`,
      );
      expect(recognition).toContain('Số 140-QĐ/QU');
      expect(recognition).toContain(`Công nhận đồng chí ${fullName}`);
      expect(recognition).toContain('(Quyết định số 125-QĐ/QU');
      expect(recognition).toContain('(biên bản số BB-CN-01');
    }

    // Whoever may not read the case may not read its papers; an unknown kind is 404, a bad format names the field.
    const stranger = await driver.as(driver.userFor(demoOrgId('HN-HM-DC-TDP3'), 'cell_secretary'));
    expect((await stranger.get(`${base}/admission-decision?format=pdf`)).status).toBe(403);
    expect((await stranger.get(base)).status).toBe(403);
    expect((await reader.get<ApiErr>(`${base}/removal-decision`)).status).toBe(404);
    const badFormat = await reader.get<ApiErr>(`${base}/admission-decision?format=odt`);
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.error.field).toBe('query.format');
  });

  it('should serve the minutes of the secret ballot of screening step 1 once the cell has voted, and the removal decision of a decided case [R1][R23][R25]', async () => {
    const officials = await sys.dataSource
      .getRepository(MemberEntity)
      .find({ where: { organisationId: cellTdp5, status: 'official' }, order: { fullName: 'ASC' } });
    const [member, removed] = [officials[5], officials[6]];
    const cell = await driver.as('bithu.tdp5');
    const flagged = await cell.post<{ caseId: string }>('/screening/flags', {
      memberId: member.id,
      criterion: 'ignored_assignments',
      evidence: 'Ba lần không nhận nhiệm vụ chi bộ giao trong năm',
    });
    expect(flagged.status).toBe(201);
    const base = `/screening/cases/${flagged.body.caseId}/documents`;
    expect((await cell.get<ApiErr>(`${base}/listing-vote-minutes`)).body.error.code).toBe('DOCUMENT_NOT_AVAILABLE');

    const complete = (
      taskKey: string,
      outcome: string,
      data: (roster: { official: number; exempt: number }) => object,
    ) => driver.completeScreeningStep(flagged.body.caseId, taskKey, outcome, data);
    await complete('screening_review', 'propose_listing', () => ({
      opinions: [{ source: 'residence_front', givenBy: 'Ban công tác Mặt trận TDP 5', summary: 'Ít tham gia' }],
      summary: 'Không nhận nhiệm vụ được giao',
    }));
    await complete('screening_superior_direction', 'proceed', () => ({ directionRef: 'CV-15/ĐU', summary: 'Đồng ý' }));
    const roster = (await complete('screening_listing_vote', 'listed', (r) => ({
      votes: { yes: r.official - r.exempt, no: 0 },
      minutesRef: 'BB-RS-09',
      secretBallot: true,
    })))!;
    const eligible = roster.official - roster.exempt;
    await eventually(
      async () => (await cell.get<DocList>(base)).body.documents[0].available || undefined,
      'the minutes',
    );
    const list = await cell.get<DocList>(base);
    expect(list.body.documents.map((d) => [d.kind, d.available])).toEqual([
      ['listing-vote-minutes', true],
      ['removal-decision', false],
    ]);
    expect(list.body.documents[1].reason).toBe("bước 'Quyết định đưa đảng viên ra khỏi Đảng' chưa hoàn thành");
    for (const format of ['docx', 'pdf'] as const) {
      const minutes = await download(
        'bithu.tdp5',
        `${base}/listing-vote-minutes`,
        format,
        `bien-ban-hop-chi-bo-bieu-quyet-ra-soat-dang-vien-${slugOf(member.fullName)}`,
      );
      expect(minutes).toContain(`biểu quyết đưa đồng chí ${member.fullName}, sinh ngày`);
      expect(minutes).toContain('Hình thức biểu quyết: bỏ phiếu kín.');
      expect(minutes).toContain(
        `Số đồng chí tán thành đưa vào danh sách: ${eligible}/${eligible}; không tán thành: 0/${eligible}.`,
      );
      expect(minutes).toContain('Biên bản số BB-RS-09');
    }

    // The removal decision follows a 12-month help period the dev server cannot skip: a decided case is written as
    // the screening activities write it (the case row, the two completed tasks, the decision's audit entry).
    const caseId = await decidedRemovalCase(removed);
    for (const format of ['docx', 'pdf'] as const) {
      const decision = await download(
        'giamsat.hoangmai',
        `/screening/cases/${caseId}/documents/removal-decision`,
        format,
        `quyet-dinh-dua-ra-khoi-dang-${slugOf(removed.fullName)}`,
      );
      expect(decision).toContain('ĐẢNG BỘ THÀNH PHỐ HÀ NỘI');
      expect(decision).toContain('Số 88-QĐ/QU');
      expect(decision).toContain('Xóa tên đảng viên');
      expect(decision).toContain(`Điều 1. Xóa tên đồng chí ${removed.fullName}`);
      expect(decision).toContain('(biên bản số BB-RS-31');
      expect(decision).toContain('8/9 đảng viên chính thức biểu quyết đánh giá không tiến bộ');
      expect(decision).toContain('(nghị quyết số NQ-BTV-31: 5/7 ủy viên tán thành)');
      expect(decision).toContain('BAN THƯỜNG VỤ ĐẢNG BỘ QUẬN HOÀNG MAI QUYẾT ĐỊNH:');
      expect(decision).toContain('có quyền khiếu nại Quyết định này đến hết ngày');
    }
  });
});

/** A name as the download's ASCII file name writes it. */
const slugOf = (name: string) => searchKey(name).replace(/[^a-z0-9]+/g, '-');

/** A screening case decided for strike-off by the standing committee of Hoàng Mai, as the workflow leaves it. */
async function decidedRemovalCase(member: MemberEntity): Promise<string> {
  const caseId = randomUUID();
  const workflowId = `screening-${caseId}`;
  const orgs = sys.dataSource.getRepository(OrganisationEntity);
  const [cell, district] = await Promise.all([
    orgs.findOneByOrFail({ id: cellTdp5 }),
    orgs.findOneByOrFail({ id: demoOrgId('HN-HM') }),
  ]);
  const decidedOn = todayLocal(Date.now());
  const task = (step: string, org: OrganisationEntity, role: string, outcome: string, data: object): HumanTaskEntity =>
    Object.assign(new HumanTaskEntity(), {
      id: randomUUID(),
      workflowId,
      process: 'screening',
      step,
      taskKey: step,
      caseId,
      title: step,
      assigneeOrgId: org.id,
      assigneeRole: role,
      assigneeMemberId: null,
      orgPath: org.path,
      status: 'completed',
      allowedOutcomes: [outcome],
      openedAt: new Date(),
      dueAt: new Date(),
      policyVersion: 1,
      outcome,
      data,
      completedByName: 'Đỗ Văn Thường',
      completedAt: new Date(),
    });
  await sys.dataSource.transaction(async (em) => {
    await em.insert(ScreeningCaseEntity, {
      id: caseId,
      workflowId,
      memberId: member.id,
      cellOrgId: cell.id,
      orgPath: cell.path,
      ground: 'ignored_assignments',
      evidence: {},
      source: 'manual_flag',
      status: 'removed',
      currentStep: null,
      removalForm: 'strike_off',
      startedAt: new Date(),
      startedBy: 'Bí thư chi bộ',
      endedAt: new Date(),
    });
    await em.insert(HumanTaskEntity, [
      task('screening_assessment_vote', cell, 'cell_secretary', 'not_improved', {
        roster: { official: 11, exempt: 2 },
        votes: { yes: 8, no: 1 },
        minutesRef: 'BB-RS-31',
        secretBallot: true,
        proposedForm: 'strike_off',
      }),
      task('screening_removal_decision', district, 'standing_committee_member', 'decided', {
        roster: { official: 7, exempt: 0 },
        votes: { yes: 5, no: 2 },
        resolutionRef: 'NQ-BTV-31',
        decisionNumber: '88-QĐ/QU',
        decidedOn,
      }),
    ]);
    await appendAudit(em, {
      eventKey: `${workflowId}:removal-decided`,
      at: new Date(),
      action: 'screening.removal_decided',
      actor: SYSTEM_ACTOR,
      process: 'screening',
      caseId,
      step: 'screening_removal_decision',
      outcome: 'strike_off',
      details: {
        decisionNumber: '88-QĐ/QU',
        decidedOn,
        appealClosesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    });
  });
  return caseId;
}
