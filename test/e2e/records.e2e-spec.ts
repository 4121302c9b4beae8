import { randomUUID } from 'node:crypto';
import {
  AuditLogEntity,
  DelegationGrantEntity,
  demoOrgId,
  DisciplineRecordEntity,
  DuesPaymentEntity,
  MeetingAttendanceEntity,
  PartyTransferEntity,
} from '@partyflow/persistence';
import { ApiSession, startSystem, type RunningSystem } from '@partyflow/testing';

/**
 * Activity records over HTTP (issue 3 §1): single writes, reading a member's records, and the
 * all-or-nothing CSV import, with the demo users and data on the real PostgreSQL.
 */
let sys: RunningSystem;
const cellTdp5 = demoOrgId('HN-HM-HL-TDP5');
const cellLinhDam = demoOrgId('HN-HM-HL-LD');
const sessions = new Map<string, ApiSession>();
let tdp5Members: string[];
let linhDamMember: string;

type ApiErr = {
  error: {
    code: string;
    message: string;
    field?: string;
    details?: { row: number; column: string | null; reason: string };
  };
};
type ImportOk = { importId: string; kind: string; rows: number; created: number; updated: number };

async function as(username: string): Promise<ApiSession> {
  const cached = sessions.get(username);
  if (cached) return cached;
  const s = await ApiSession.login(sys.baseUrl, username);
  sessions.set(username, s);
  return s;
}

async function postCsv<T>(
  username: string,
  kind: string,
  csv: string,
  contentType = 'text/csv; charset=utf-8',
): Promise<{ status: number; body: T }> {
  const s = await as(username);
  const res = await fetch(`${sys.baseUrl}/imports/${kind}`, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${s.token}` },
    body: csv,
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function membersOf(orgId: string, username: string): Promise<string[]> {
  const res = await (
    await as(username)
  ).get<{ items: { id: string }[]; next: string | null }>(`/members?status=official&orgId=${orgId}&pageSize=200`);
  // Every official member of the cell: one page holds them all.
  expect([res.status, res.body.next]).toEqual([200, null]);
  return res.body.items.map((m) => m.id);
}

const count = (
  entity:
    | typeof MeetingAttendanceEntity
    | typeof DuesPaymentEntity
    | typeof DisciplineRecordEntity
    | typeof PartyTransferEntity,
) => sys.dataSource.getRepository(entity).count();

beforeAll(async () => {
  sys = await startSystem();
  tdp5Members = await membersOf(cellTdp5, 'bithu.tdp5');
  [linhDamMember] = await membersOf(cellLinhDam, 'bithu.linhdam');
  expect(tdp5Members.length).toBeGreaterThanOrEqual(11);
});
afterAll(async () => {
  await sys?.stop();
});

describe('dates in API answers (issue 7 §1)', () => {
  it("should give a member's birth date as the local date 'YYYY-MM-DD', not an instant, when listing members", async () => {
    const res = await (
      await as('bithu.tdp5')
    ).get<{ items: { fullName: string; birthDate: unknown }[] }>(
      `/members?status=candidate&q=${encodeURIComponent('Nguyễn Thu Trang')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((m) => [m.fullName, m.birthDate])).toEqual([['Nguyễn Thu Trang', '2001-04-12']]);
  });
});

describe('single activity records over HTTP', () => {
  it('should record attendance, dues, a grading, a discipline and a residence comment when the cell secretary writes them, and read them back', async () => {
    const s = await as('bithu.tdp5');
    const id = tdp5Members[10]; // a member no other test writes records for (the CSV imports take the first ten)
    const startedAt = new Date();
    const reasonNfd = 'Ốm, điều trị tại bệnh viện Bạch Mai'.normalize('NFD');
    const first = await s.post<{ created: boolean }>(`/members/${id}/attendance`, {
      month: '2026-01',
      status: 'absent_with_reason',
      reason: reasonNfd,
    });
    expect(first).toMatchObject({ status: 201, body: { created: true } });
    // Upsert by (member, month): a second write replaces the first.
    expect(
      await s.post(`/members/${id}/attendance`, { month: '2026-01', status: 'absent_without_reason' }),
    ).toMatchObject({ status: 201, body: { created: false } });
    expect(
      await s.post(`/members/${id}/attendance`, { month: '2026-02', status: 'absent_with_reason', reason: reasonNfd }),
    ).toMatchObject({ status: 201 });
    expect((await s.post(`/members/${id}/dues`, { month: '2026-01', amountVnd: 30000, paidOn: null })).status).toBe(
      201,
    );
    expect((await s.post(`/members/${id}/gradings`, { year: 2025, grading: 'not_completed' })).status).toBe(201);
    expect(
      (
        await s.post(`/members/${id}/disciplines`, {
          form: 'warning',
          decidedBy: 'cell',
          decidedOn: '2025-06-01',
          endsOn: '2026-05-31',
          authority: 'Chi bộ TDP số 5',
          reason: 'Vi phạm quy định nêu gương',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await s.post(`/members/${id}/residence-comments`, {
          year: 2025,
          assessment: 'fulfilled',
          comment: 'Gương mẫu, tích cực',
          residenceOrgId: cellLinhDam,
        })
      ).status,
    ).toBe(201);

    const read = await s.get<{
      attendance: { month: string; status: string; reason: string | null }[];
      dues: { month: string; paidOn: string | null }[];
      gradings: { year: number; grading: string }[];
      disciplines: { form: string; endsOn: string }[];
      residenceComments: { year: number; residenceOrgId: string }[];
    }>(`/members/${id}/records`);
    expect(read.status).toBe(200);
    expect(read.body.attendance).toEqual([
      expect.objectContaining({ month: '2026-01', status: 'absent_without_reason', reason: null }),
      expect.objectContaining({
        month: '2026-02',
        status: 'absent_with_reason',
        reason: 'Ốm, điều trị tại bệnh viện Bạch Mai',
      }),
    ]);
    expect(read.body.attendance[1].reason).toBe(read.body.attendance[1].reason?.normalize('NFC'));
    expect(read.body.dues).toEqual([expect.objectContaining({ month: '2026-01', paidOn: null })]);
    expect(read.body.gradings).toContainEqual(expect.objectContaining({ year: 2025, grading: 'not_completed' }));
    expect(read.body.disciplines).toEqual([expect.objectContaining({ form: 'warning', endsOn: '2026-05-31' })]);
    expect(read.body.residenceComments).toEqual([expect.objectContaining({ year: 2025, residenceOrgId: cellLinhDam })]);
    // One audit entry per write above: three attendance writes, dues, a grading, a discipline and a residence comment.
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .createQueryBuilder('a')
      .where("a.action = 'records.recorded' AND a.details->>'memberId' = :id AND a.at >= :startedAt", { id, startedAt })
      .getMany();
    expect(audit.map((a) => (a.details as { kind: string }).kind).sort()).toEqual([
      'attendance',
      'attendance',
      'attendance',
      'disciplines',
      'dues',
      'gradings',
      'residence-comments',
    ]);
  });

  it('should answer 400 naming the field when a month, an enum or a required reason is wrong', async () => {
    const s = await as('bithu.tdp5');
    const id = tdp5Members[1];
    const badMonth = await s.post<ApiErr>(`/members/${id}/attendance`, { month: '2025-13', status: 'present' });
    expect(badMonth).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', field: 'month' } } });
    expect(
      (await s.post<ApiErr>(`/members/${id}/attendance`, { month: '2026-03', status: 'absent_with_reason' })).body.error
        .field,
    ).toBe('reason');
    expect((await s.post<ApiErr>(`/members/${id}/gradings`, { year: 2025, grading: 'average' })).body.error.field).toBe(
      'grading',
    );
    expect(
      (
        await s.post<ApiErr>(`/members/${id}/disciplines`, {
          form: 'warning',
          decidedBy: 'cell',
          decidedOn: '2026-02-01',
          endsOn: '2026-01-01',
          authority: 'Chi bộ',
          reason: 'x',
        })
      ).body.error.field,
    ).toBe('endsOn');
  });

  it('should answer 404 when the member is unknown and 400 when the id is not a UUID', async () => {
    const s = await as('bithu.tdp5');
    expect(
      (
        await s.post<ApiErr>('/members/00000000-0000-4000-8000-000000000000/attendance', {
          month: '2026-01',
          status: 'present',
        })
      ).status,
    ).toBe(404);
    expect((await s.get<ApiErr>('/members/00000000-0000-4000-8000-000000000000/records')).status).toBe(404);
    expect(
      (await s.post<ApiErr>('/members/abc/attendance', { month: '2026-01', status: 'present' })).body.error.field,
    ).toBe('id');
  });

  it('should answer 403 when a user of another organisation writes or reads, and let a supervisor read but not write', async () => {
    const id = tdp5Members[2];
    const outsider = await as('bithu.longbien');
    expect(
      (await outsider.post<ApiErr>(`/members/${id}/attendance`, { month: '2026-01', status: 'present' })).status,
    ).toBe(403);
    expect((await outsider.get<ApiErr>(`/members/${id}/records`)).status).toBe(403);
    const otherCell = await as('bithu.linhdam');
    expect((await otherCell.post<ApiErr>(`/members/${id}/dues`, { month: '2026-01', amountVnd: 1 })).status).toBe(403);
    const supervisor = await as('giamsat.hoangliet');
    expect((await supervisor.get(`/members/${id}/records`)).status).toBe(200);
    expect(
      (await supervisor.post<ApiErr>(`/members/${id}/attendance`, { month: '2026-01', status: 'present' })).status,
    ).toBe(403);
    // A grassroots committee member writes for the cells below.
    expect(
      (await (await as('danguy.hoangliet')).post(`/members/${id}/attendance`, { month: '2026-01', status: 'present' }))
        .status,
    ).toBe(201);
  });
});

describe('CSV import of activity records (all or nothing)', () => {
  /** 10 members × 5 months = 50 data rows (rows 2–51, the header being row 1). */
  const attendanceCsv = (members: string[], months: string[], bad?: { row: number; month: string }) => {
    const lines = ['member_id,month,status,reason'];
    // eslint-disable-next-line no-restricted-syntax -- the first 10 members of an array, not an ISO instant
    for (const m of members.slice(0, 10)) {
      for (const month of months) {
        const row = lines.length + 1;
        const status = month.endsWith('-05') ? 'absent_with_reason' : 'present';
        lines.push(
          `${m},${bad?.row === row ? bad.month : month},${status},${status === 'absent_with_reason' ? '"Công tác, đi vắng ""dài ngày"""' : ''}`,
        );
      }
    }
    return `${lines.join('\r\n')}\r\n`;
  };
  const months = ['2025-05', '2025-06', '2025-07', '2025-08', '2025-09'];

  it('should import every row in one transaction when all 50 rows are good, with one audit row', async () => {
    const before = await count(MeetingAttendanceEntity);
    const res = await postCsv<ImportOk>('bithu.tdp5', 'attendance', `\uFEFF${attendanceCsv(tdp5Members, months)}`);
    expect(res).toMatchObject({ status: 201, body: { kind: 'attendance', rows: 50, created: 50, updated: 0 } });
    expect(await count(MeetingAttendanceEntity)).toBe(before + 50);
    const audit = await sys.dataSource
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ eventKey: `records-import:${res.body.importId}` });
    expect(audit).toMatchObject({
      action: 'records.imported',
      actorName: expect.any(String),
      details: expect.objectContaining({ kind: 'attendance', rows: 50 }),
      // Issue 9 §7: read under the lowest organisation holding the rows' members (all of cell TDP5).
      orgId: cellTdp5,
    });
    // Importing the same file again updates the same 50 records (upsert by member and month).
    expect(
      (await postCsv<ImportOk>('bithu.tdp5', 'attendance', attendanceCsv(tdp5Members, months))).body,
    ).toMatchObject({ rows: 50, created: 0, updated: 50 });
    const read = await (
      await as('bithu.tdp5')
    ).get<{ attendance: { month: string; reason: string | null }[] }>(`/members/${tdp5Members[0]}/records`);
    expect(read.body.attendance.find((a) => a.month === '2025-05')?.reason).toBe('Công tác, đi vắng "dài ngày"');
  });

  it('should reject the whole file naming row 37 and column month when that one row has month 2025-13, writing nothing', async () => {
    const before = await count(MeetingAttendanceEntity);
    const auditBefore = await sys.dataSource.getRepository(AuditLogEntity).countBy({ action: 'records.imported' });
    const res = await postCsv<ApiErr>(
      'bithu.tdp5',
      'attendance',
      attendanceCsv(tdp5Members, ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09'], {
        row: 37,
        month: '2025-13',
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'CSV_ROW_INVALID',
      field: 'row 37, column month',
      details: { row: 37, column: 'month' },
    });
    expect(res.body.error.details?.reason).toContain('2025-13');
    expect(await count(MeetingAttendanceEntity)).toBe(before);
    expect(await sys.dataSource.getRepository(AuditLogEntity).countBy({ action: 'records.imported' })).toBe(
      auditBefore,
    );
  });

  it('should reject the file with a row error when a member id is unknown', async () => {
    const before = await count(DuesPaymentEntity);
    const csv = `member_id,month,amount_vnd,paid_on\n${tdp5Members[0]},2026-03,30000,2026-03-05\n00000000-0000-4000-8000-000000000000,2026-03,30000,\n`;
    const res = await postCsv<ApiErr>('bithu.tdp5', 'dues', csv);
    expect(res).toMatchObject({
      status: 400,
      body: { error: { code: 'CSV_ROW_INVALID', field: 'row 3, column member_id' } },
    });
    expect(await count(DuesPaymentEntity)).toBe(before);
  });

  it('should reject the file with a row error (not 403) when a cell secretary imports a member of another cell', async () => {
    const before = await count(DuesPaymentEntity);
    const csv = `member_id,month,amount_vnd,paid_on\n${tdp5Members[0]},2026-04,30000,2026-04-05\n${linhDamMember},2026-04,30000,\n`;
    const res = await postCsv<ApiErr>('bithu.tdp5', 'dues', csv);
    expect(res).toMatchObject({
      status: 400,
      body: { error: { code: 'CSV_ROW_INVALID', field: 'row 3, column member_id' } },
    });
    expect(res.body.error.details?.reason).toContain('không có quyền');
    expect(await count(DuesPaymentEntity)).toBe(before);
    // A user who can write records nowhere is refused before the file is read.
    expect((await postCsv<ApiErr>('giamsat.hoangliet', 'dues', csv)).status).toBe(403);
  });

  it('should reject the header when a required column is missing or a column is unknown', async () => {
    expect(
      (await postCsv<ApiErr>('bithu.tdp5', 'dues', `member_id,month\n${tdp5Members[0]},2026-04\n`)).body.error.field,
    ).toBe('row 1, column amount_vnd');
    expect(
      (
        await postCsv<ApiErr>(
          'bithu.tdp5',
          'dues',
          `member_id,month,amount,amount_vnd\n${tdp5Members[0]},2026-04,1,1\n`,
        )
      ).body.error.field,
    ).toBe('row 1, column amount');
  });

  it('should name both rows when the same member and month appear twice in one file', async () => {
    const csv = `member_id,month,amount_vnd,paid_on\n${tdp5Members[0]},2026-06,30000,\n${tdp5Members[0]},2026-06,30000,2026-06-02\n`;
    const res = await postCsv<ApiErr>('bithu.tdp5', 'dues', csv);
    expect(res.body.error).toMatchObject({ field: 'row 3, column month', details: { reason: 'trùng với dòng 2' } });
  });

  it('should import disciplines with Vietnamese text in quotes (commas, line breaks) round-tripping in NFC', async () => {
    const before = await count(DisciplineRecordEntity);
    const reason = 'Vi phạm quy định những điều đảng viên không được làm,\nđã được nhắc nhở';
    const csv = `member_id,form,decided_by,decided_on,ends_on,authority,reason\n${tdp5Members[3]},reprimand,cell,2025-01-10,2026-01-09,Chi bộ TDP số 5,"${reason.normalize('NFD')}"\n`;
    const res = await postCsv<ImportOk>('bithu.tdp5', 'disciplines', csv);
    expect(res).toMatchObject({ status: 201, body: { rows: 1, created: 1 } });
    expect(await count(DisciplineRecordEntity)).toBe(before + 1);
    const stored = await sys.dataSource
      .getRepository(DisciplineRecordEntity)
      .findOneByOrFail({ memberId: tdp5Members[3] });
    expect(stored.reason).toBe(reason.normalize('NFC'));
    expect(stored.authority).toBe('Chi bộ TDP số 5');
  });

  it('should import historical transfers as records without starting a workflow, checking status against dates', async () => {
    const before = await count(PartyTransferEntity);
    const header =
      'member_id,kind,from_org,to_org,issued_on,present_by,presented_on,period_months,return_due,returned_on,status,note';
    const good = `${tdp5Members[4]},official,,HN-HM-HL-LD,2025-03-01,,2025-03-20,,,,presented,Chuyển nơi ở\n${tdp5Members[5]},temporary,HN-HM-HL-TDP5,${cellLinhDam},2025-04-01,2025-04-30,2025-04-10,6,2025-10-10,2025-10-05,returned,`;
    const res = await postCsv<ImportOk>('bithu.tdp5', 'transfers', `${header}\n${good}\n`);
    expect(res).toMatchObject({ status: 201, body: { rows: 2 } });
    const rows = await sys.dataSource.getRepository(PartyTransferEntity).findBy({ memberId: tdp5Members[4] });
    expect(rows).toEqual([
      expect.objectContaining({
        toOrgId: cellLinhDam,
        fromOrgId: cellTdp5,
        presentBy: '2025-03-31',
        workflowId: null,
        status: 'presented',
      }),
    ]);
    const bad = await postCsv<ApiErr>(
      'bithu.tdp5',
      'transfers',
      `${header}\n${tdp5Members[6]},official,,HN-HM-HL-LD,2025-03-01,,,,,,presented,\n`,
    );
    expect(bad.body.error.field).toBe('row 2, column presented_on');
    expect(await count(PartyTransferEntity)).toBe(before + 2);
  });

  it('should answer 415 when the body is not text/csv, 413 when it exceeds 5 MB, and 400 naming kind when the kind is unknown', async () => {
    expect((await postCsv<ApiErr>('bithu.tdp5', 'dues', '{}', 'application/json')).status).toBe(415);
    const huge = `member_id,month,amount_vnd,paid_on\n${`${tdp5Members[0]},2026-07,30000,\n`.repeat(120_000)}`;
    expect(huge.length).toBeGreaterThan(5 * 1024 * 1024);
    expect(await postCsv<ApiErr>('bithu.tdp5', 'dues', huge)).toMatchObject({
      status: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE' } },
    });
    expect((await postCsv<ApiErr>('bithu.tdp5', 'payments', 'member_id\n')).body.error.field).toBe('kind');
  });

  it('should document the import route as text/csv with its columns when the OpenAPI document is read', async () => {
    const doc = (await (await fetch(`${sys.baseUrl}/docs-json`)).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, unknown> }; description?: string }>
      >;
    };
    const op = doc.paths['/imports/{kind}'].post;
    expect(Object.keys(op.requestBody?.content ?? {})).toContain('text/csv');
    expect(op.description).toContain('attendance: member_id, month, status, reason?');
    expect(doc.paths['/members/{id}/records'].get).toBeDefined();
  });
});

describe('discipline powers (issue 9 §8: a cell may only reprimand or warn [R27]; expulsion by higher bodies [seed:000])', () => {
  const discipline = (over: Record<string, unknown>) => ({
    form: 'expulsion',
    decidedBy: 'cell',
    decidedOn: '2025-06-15',
    authority: 'Chi bộ TDP số 5',
    reason: 'Vi phạm tư cách đảng viên',
    ...over,
  });
  const disciplinesOf = (memberId: string) =>
    sys.dataSource.getRepository(DisciplineRecordEntity).find({ where: { memberId }, order: { decidedOn: 'ASC' } });

  it('should refuse with 400 naming form when the cell secretary records an expulsion decided by the cell itself, writing nothing', async () => {
    const s = await as('bithu.tdp5');
    const id = tdp5Members[8];
    const res = await s.post<ApiErr>(`/members/${id}/disciplines`, discipline({}));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'form' });
    expect(res.body.error.message).toContain(
      'Chi bộ không có thẩm quyền quyết định hình thức khai trừ; chi bộ chỉ quyết định: khiển trách, cảnh cáo.',
    );
    // Who decided is required: without it the power cannot be checked.
    const withoutBody: Record<string, unknown> = discipline({});
    delete withoutBody.decidedBy;
    expect((await s.post<ApiErr>(`/members/${id}/disciplines`, withoutBody)).body.error.field).toBe('decidedBy');
    expect(await disciplinesOf(id)).toEqual([]);
  });

  it('should let the cell secretary record a warning of the cell and an expulsion decided by the superior committee', async () => {
    const s = await as('bithu.tdp5');
    const id = tdp5Members[8];
    expect(
      (await s.post(`/members/${id}/disciplines`, discipline({ form: 'warning', decidedOn: '2024-03-01' }))).status,
    ).toBe(201);
    const expelled = await s.post<{ record: { decidedBy: string } }>(
      `/members/${id}/disciplines`,
      discipline({ decidedBy: 'superior_committee', authority: 'Ban Thường vụ Quận ủy Hoàng Mai' }),
    );
    expect(expelled).toMatchObject({ status: 201, body: { record: { decidedBy: 'superior_committee' } } });
    expect((await disciplinesOf(id)).map((d) => [d.form, d.decidedBy])).toEqual([
      ['warning', 'cell'],
      ['expulsion', 'superior_committee'],
    ]);
  });

  it('should let a grassroots committee expel only on a day it held the delegated expulsion power', async () => {
    await sys.dataSource.getRepository(DelegationGrantEntity).insert({
      id: randomUUID(),
      grantorOrgId: demoOrgId('HN-HM'),
      granteeOrgId: demoOrgId('HN-HM-HL'),
      power: 'expulsion',
      validFrom: new Date('2025-01-01T00:00:00+07:00'),
      validUntil: new Date('2025-07-01T00:00:00+07:00'),
      revokedAt: null,
      reason: 'Ủy quyền thí điểm',
      grantedBy: 'test',
      revokedBy: null,
      revokeReason: null,
    });
    const s = await as('danguy.hoangliet');
    const id = linhDamMember;
    const byGrassroots = (decidedOn: string) =>
      s.post<ApiErr>(
        `/members/${id}/disciplines`,
        discipline({ decidedBy: 'grassroots_committee', decidedOn, authority: 'Đảng ủy phường Hoàng Liệt' }),
      );
    expect((await byGrassroots('2025-06-30')).status).toBe(201);
    const after = await byGrassroots('2025-07-01');
    expect(after.status).toBe(400);
    expect(after.body.error.field).toBe('form');
    expect(after.body.error.message).toContain('chỉ quyết định khai trừ khi được cấp ủy cấp trên ủy quyền');
    expect((await disciplinesOf(id)).filter((d) => d.form === 'expulsion').map((d) => d.decidedOn)).toEqual([
      '2025-06-30',
    ]);
  });

  it('should reject a CSV whose third row records an expulsion decided by the cell, naming row 3 and column form', async () => {
    const before = await count(DisciplineRecordEntity);
    const header = 'member_id,form,decided_by,decided_on,ends_on,authority,reason';
    const csv = [
      header,
      `${tdp5Members[7]},reprimand,cell,2025-02-01,2026-01-31,Chi bộ TDP số 5,Vi phạm`,
      `${tdp5Members[7]},expulsion,cell,2025-03-01,,Chi bộ TDP số 5,Vi phạm`,
    ].join('\n');
    const res = await postCsv<ApiErr>('bithu.tdp5', 'disciplines', `${csv}\n`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'CSV_ROW_INVALID', field: 'row 3, column form' });
    expect(await count(DisciplineRecordEntity)).toBe(before);
  });
});
