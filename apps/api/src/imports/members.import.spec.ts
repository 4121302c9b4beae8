import type { AuthUser } from '../auth/auth-user';
import { ImportRowError } from './imports.errors';
import { isoDate, parseMemberRow, type OrgLookup, type OrgRef } from './members.import';
import { RegisterCandidateBody } from '../members/members.schemas';

// Issue 9 §4: a members row is valid exactly when the same person sent to POST /members would be;
// the first problem names the row and the column.
const cell = (id: string, code: string, path: string): OrgRef => ({
  id,
  code,
  path,
  name: `Chi bộ ${code}`,
  kind: 'cell',
});
const A = cell('00000000-0000-4000-8000-00000000000a', 'CB-A', '/hn/hm/a/');
const B = cell('00000000-0000-4000-8000-00000000000b', 'CB-B', '/hn/lb/b/');
const GRASSROOTS: OrgRef = {
  id: '00000000-0000-4000-8000-0000000000cc',
  code: 'DU',
  path: '/hn/hm/',
  name: 'Đảng ủy',
  kind: 'grassroots_committee',
};
const orgs: OrgLookup = new Map(
  [A, B, GRASSROOTS].flatMap((o) => [[o.id, o] as [string, OrgRef], [o.code, o] as [string, OrgRef]]),
);
const user: AuthUser = {
  userId: 'u',
  username: 'bantochuc',
  fullName: 'Ban Tổ chức',
  memberId: null,
  roles: [{ orgId: 'hm', orgPath: '/hn/hm/', orgName: 'Quận Hoàng Mai', role: 'organisation_department' }],
};
const TODAY = '2026-12-02';
const good = {
  full_name: 'Nguyễn Văn An',
  birth_date: '12/04/2001',
  gender: 'Nam',
  national_id: '001201000123',
  workplace_cell: 'CB-A',
  education_level: 'Đại học',
};
const row = (values: Record<string, string>, rowNumber = 2) => ({
  rowNumber,
  values,
  present: new Set(Object.keys(values)),
});
const rowError = (values: Record<string, string>, rowNumber = 2): ImportRowError => {
  try {
    parseMemberRow(row(values, rowNumber), orgs, user, TODAY);
  } catch (e) {
    if (e instanceof ImportRowError) return e;
    throw e;
  }
  throw new Error('the row was accepted');
};

describe('members import rows (issue 9 §4, parsed by the schema of POST /members)', () => {
  it('reads Vietnamese values (DD/MM/YYYY, Nam, Đại học, đoàn thể labels) as the body POST /members takes', () => {
    const p = parseMemberRow(
      row({ ...good, mass_organisations: 'Đoàn TNCS Hồ Chí Minh; cong_doan', residence_cell: B.id.toUpperCase() }),
      orgs,
      { ...user, roles: [...user.roles, { orgId: 'lb', orgPath: '/hn/lb/', orgName: 'LB', role: 'administrator' }] },
      TODAY,
    );
    const body = {
      fullName: 'Nguyễn Văn An',
      birthDate: '2001-04-12',
      gender: 'male',
      nationalId: '001201000123',
      workplaceCellId: A.id,
      residenceCellId: B.id,
      educationLevel: 'university',
      massOrganisations: [{ key: 'doan_thanh_nien' }, { key: 'cong_doan' }],
      courseCertificate: null,
    };
    expect(p.input).toEqual(RegisterCandidateBody.parse(body));
    expect(p.input).toEqual({ ...body, specialCases: [] });
  });

  it('names row 639 and column birth_date for an impossible date, with the schema message', () => {
    const e = rowError({ ...good, birth_date: '31/02/2001' }, 639);
    expect(e).toMatchObject({ row: 639, column: 'birth_date', status: 400 });
    expect(e.reason).toBe("'31/02/2001': phải là ngày có thật dạng YYYY-MM-DD");
  });

  it('names national_id for a CCCD that is not 12 digits, gender for an unknown value', () => {
    expect(rowError({ ...good, national_id: '12345' })).toMatchObject({
      column: 'national_id',
      reason: "'12345': số căn cước công dân phải gồm đúng 12 chữ số",
    });
    expect(rowError({ ...good, gender: 'khác' })).toMatchObject({
      column: 'gender',
      reason: "'khác': một trong male, female",
    });
  });

  it('refuses a birth date in the future and a certificate dated before the course began [issue 9 §8]', () => {
    expect(rowError({ ...good, birth_date: '2027-01-01' })).toMatchObject({ column: 'birth_date' });
    const e = rowError({ ...good, course_started_on: '2026-03-01', certificate_issued_on: '2026-02-01' });
    expect(e).toMatchObject({ column: 'certificate_issued_on' });
    expect(e.reason).toMatch(/trước ngày bắt đầu lớp bồi dưỡng/);
  });

  it('refuses an unknown cell code and an organisation that is not a cell (400), naming the column', () => {
    expect(rowError({ ...good, workplace_cell: 'CB-X' })).toMatchObject({
      column: 'workplace_cell',
      status: 400,
      reason: "'CB-X': không có tổ chức đảng này",
    });
    expect(rowError({ ...good, workplace_cell: 'DU' })).toMatchObject({ column: 'workplace_cell', status: 400 });
  });

  it("is a 403 naming the column when a row names a cell outside the importer's subtree", () => {
    expect(rowError({ ...good, residence_cell: 'CB-B' }, 7)).toMatchObject({
      row: 7,
      column: 'residence_cell',
      status: 403,
    });
  });

  it('reads DD/MM/YYYY and D.M.YYYY as ISO dates and leaves other text for the schema', () => {
    expect(isoDate('1/2/2003')).toBe('2003-02-01');
    expect(isoDate('01.12.2003')).toBe('2003-12-01');
    expect(isoDate('2003-12-01')).toBe('2003-12-01');
    expect(isoDate('hôm qua')).toBe('hôm qua');
  });
});
