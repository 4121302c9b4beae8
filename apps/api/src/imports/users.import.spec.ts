import { matchHeaders } from '@partyflow/domain';
import { ImportRowError } from './imports.errors';
import { parseUserRow, roleOf, USER_COLUMNS } from './users.import';

// Issue 9 §4: a users row is checked with the fields of the users schemas and the password rule of
// POST /users; the first problem names the row and the column, and a password is never quoted.
const row = (values: Record<string, string>, rowNumber = 2) => ({
  rowNumber,
  values,
  present: new Set(Object.keys(values)),
});
const rowError = (values: Record<string, string>, rowNumber = 2): ImportRowError => {
  try {
    parseUserRow(row(values, rowNumber));
  } catch (e) {
    if (e instanceof ImportRowError) return e;
    throw e;
  }
  throw new Error('the row was accepted');
};
const good = {
  username: 'QuanTri.YenSo',
  full_name: 'Phạm Minh Châu',
  password: 'matkhau2027',
  role: 'Quản trị hệ thống',
  organisation_code: 'hn-hm-ys',
  valid_from: '01/01/2027',
  valid_until: '2027-12-31',
};

describe('users import headers (issue 9 §4: Vietnamese headers beside the English ones)', () => {
  it('matches the Vietnamese headers to the columns', () => {
    const m = matchHeaders(
      ['Tên đăng nhập', 'Họ và tên', 'Số CCCD', 'Mật khẩu', 'Vai trò', 'Mã tổ chức', 'Hiệu lực từ ngày', 'Đến ngày'],
      USER_COLUMNS,
    );
    expect(m).toEqual({
      ok: true,
      columns: [
        'username',
        'full_name',
        'national_id',
        'password',
        'role',
        'organisation_code',
        'valid_from',
        'valid_until',
      ],
    });
  });

  it('refuses a file without the organisation column, naming it', () => {
    const m = matchHeaders(['Tên đăng nhập', 'Vai trò'], USER_COLUMNS);
    expect(m).toMatchObject({ ok: false, header: 'organisation_code', message: 'thiếu cột bắt buộc' });
  });
});

describe('users import e-mail column (issue 12 §5)', () => {
  it.each(['Thư điện tử', 'Địa chỉ thư điện tử', 'Email', 'E-mail'])('matches the header %p to email', (header) => {
    expect(matchHeaders(['Tên đăng nhập', header, 'Vai trò', 'Mã tổ chức'], USER_COLUMNS)).toEqual({
      ok: true,
      columns: ['username', 'email', 'role', 'organisation_code'],
    });
  });

  it('reads the address trimmed and lower-cased', () => {
    expect(parseUserRow(row({ ...good, email: '  Chau.PM@Example.VN ' })).email).toBe('chau.pm@example.vn');
  });

  it('refuses a malformed address naming email and quoting it', () => {
    const e = rowError({ ...good, email: 'chau.pm@' }, 4);
    expect([e.row, e.column, e.status, e.reason]).toEqual([
      4,
      'email',
      400,
      "'chau.pm@': phải là địa chỉ thư điện tử, ví dụ ten@example.vn",
    ]);
  });
});

describe('roles as a sheet writes them (issue 9 §4)', () => {
  it.each([
    ['administrator', 'administrator'],
    ['Quản trị hệ thống', 'administrator'],
    ['quan tri he thong', 'administrator'],
    ['Bí thư chi bộ', 'cell_secretary'],
    ['Ban Tổ chức', 'organisation_department'],
  ])('reads %p as %p', (text, role) => {
    expect(roleOf(text)).toBe(role);
  });
});

describe('users import rows (issue 9 §4, the fields of POST /users and POST /users/:id/roles)', () => {
  it('reads the username lower-cased, the role label, the code upper-cased and DD/MM/YYYY dates', () => {
    expect(parseUserRow(row(good, 5))).toEqual({
      rowNumber: 5,
      username: 'quantri.yenso',
      fullName: 'Phạm Minh Châu',
      nationalId: null,
      password: 'matkhau2027',
      email: null,
      role: 'administrator',
      orgCode: 'HN-HM-YS',
      validFrom: '2027-01-01',
      validUntil: '2027-12-31',
      hasValidUntil: true,
      reason: null,
    });
  });

  it('leaves the validity empty when the cells are (today for a new grant; the grant as is for an existing one)', () => {
    const p = parseUserRow(row({ username: 'abc', role: 'supervisor', organisation_code: 'HN' }));
    expect([p.validFrom, p.validUntil, p.hasValidUntil, p.password, p.fullName]).toEqual([
      null,
      null,
      false,
      null,
      null,
    ]);
  });

  it('refuses a username with diacritics naming username', () => {
    const e = rowError({ ...good, username: 'châu' }, 9);
    expect([e.row, e.column, e.status]).toEqual([9, 'username', 400]);
  });

  it('refuses a weak password naming password without quoting it (passwords never reach messages)', () => {
    const e = rowError({ ...good, password: 'abcdefgh' });
    expect([e.column, e.reason]).toEqual(['password', 'phải có cả chữ cái và chữ số']);
    expect(e.message).not.toContain('abcdefgh');
    const same = rowError({ ...good, username: 'chau2027a', password: 'chau2027a' });
    expect([same.column, same.reason]).toEqual(['password', 'không được trùng tên đăng nhập']);
  });

  it('refuses an unknown role naming role, and a national ID that is not 12 digits naming national_id', () => {
    expect(rowError({ ...good, role: 'Chủ tịch' }).column).toBe('role');
    const nid = rowError({ ...good, national_id: '0012' });
    expect([nid.column, nid.reason]).toEqual(['national_id', "'0012': phải gồm đúng 12 chữ số"]);
  });

  it('refuses an impossible date naming its column, and an end before the start naming valid_until', () => {
    const bad = rowError({ ...good, valid_from: '30/02/2027' });
    expect([bad.column, bad.reason]).toEqual(['valid_from', "'30/02/2027': phải là ngày có thật dạng YYYY-MM-DD"]);
    const order = rowError({ ...good, valid_from: '2027-06-01', valid_until: '31/05/2027' });
    expect([order.column, order.reason]).toEqual([
      'valid_until',
      "'31/05/2027': không được trước ngày bắt đầu hiệu lực 2027-06-01",
    ]);
  });
});
