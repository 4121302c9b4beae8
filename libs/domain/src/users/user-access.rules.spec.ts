import {
  canGrantRoleAt,
  canManageUser,
  checkPassword,
  checkRoleValidity,
  isRoleInForce,
  isValidUsername,
  validityOverlaps,
} from './user-access.rules';

const HN = '/hn/';
const HM = '/hn/hm/';
const HL = '/hn/hm/hl/';
const LB = '/hn/lb/';

describe('role validity [issue 9 §3: a role outside its validity is not in force]', () => {
  const a = { validFrom: '2026-01-01', validUntil: '2026-12-31', revoked: false };
  it('is in force on its first and last day, not the day before or after', () => {
    expect(isRoleInForce(a, '2025-12-31')).toBe(false);
    expect(isRoleInForce(a, '2026-01-01')).toBe(true);
    expect(isRoleInForce(a, '2026-12-31')).toBe(true);
    expect(isRoleInForce(a, '2027-01-01')).toBe(false);
  });
  it('open ends are in force on any day; a revoked assignment never is', () => {
    expect(isRoleInForce({ validFrom: null, validUntil: null, revoked: false }, '1990-01-01')).toBe(true);
    expect(isRoleInForce({ validFrom: null, validUntil: null, revoked: true }, '2026-06-01')).toBe(false);
  });
  it('periods overlap when they share a day, open ends included', () => {
    expect(validityOverlaps(a, { validFrom: '2026-12-31', validUntil: null })).toBe(true);
    expect(validityOverlaps(a, { validFrom: '2027-01-01', validUntil: null })).toBe(false);
    expect(validityOverlaps({ validFrom: null, validUntil: '2025-12-31' }, a)).toBe(false);
    expect(validityOverlaps({ validFrom: null, validUntil: null }, a)).toBe(true);
  });
  it('a new grant ending before it starts, or already past, is refused on validUntil', () => {
    expect(checkRoleValidity({ validFrom: '2026-05-02', validUntil: '2026-05-01' }, '2026-04-01')).toEqual([
      { field: 'validUntil', message: 'không được trước ngày bắt đầu hiệu lực 2026-05-02' },
    ]);
    expect(checkRoleValidity({ validFrom: '2026-01-01', validUntil: '2026-03-31' }, '2026-04-01')).toEqual([
      { field: 'validUntil', message: 'đã qua (hôm nay 2026-04-01); vai trò sẽ không bao giờ có hiệu lực' },
    ]);
    expect(checkRoleValidity({ validFrom: '2026-04-01', validUntil: '2026-04-01' }, '2026-04-01')).toEqual([]);
    expect(checkRoleValidity({ validFrom: '2020-01-01', validUntil: null }, '2026-04-01')).toEqual([]);
  });
});

describe('granting within one’s reach [issue 9 §3: nobody may grant a role above their own reach]', () => {
  const hmAdmin = [{ orgPath: HM, role: 'administrator' }];
  it('an administrator grants at their organisation and below, not above or beside it', () => {
    expect(canGrantRoleAt(hmAdmin, HM)).toBe(true);
    expect(canGrantRoleAt(hmAdmin, HL)).toBe(true);
    expect(canGrantRoleAt(hmAdmin, HN)).toBe(false);
    expect(canGrantRoleAt(hmAdmin, LB)).toBe(false);
  });
  it('no other role grants anything, even at its own organisation', () => {
    const others = ['organisation_department', 'standing_committee_member', 'supervisor', 'cell_secretary'];
    for (const role of others) expect(canGrantRoleAt([{ orgPath: HN, role }], HL)).toBe(false);
  });
  it('a user is managed only when their organisation and every role in force are in the subtree', () => {
    expect(canManageUser(hmAdmin, { homeOrgPath: HL, rolePaths: [HL, HM] })).toBe(true);
    expect(canManageUser(hmAdmin, { homeOrgPath: HL, rolePaths: [HL, LB] })).toBe(false);
    expect(canManageUser(hmAdmin, { homeOrgPath: HN, rolePaths: [] })).toBe(false);
    expect(canManageUser([{ orgPath: HN, role: 'supervisor' }], { homeOrgPath: HL, rolePaths: [] })).toBe(false);
    expect(
      canManageUser([...hmAdmin, { orgPath: LB, role: 'administrator' }], { homeOrgPath: HL, rolePaths: [LB] }),
    ).toBe(true);
  });
});

describe('passwords and usernames [issue 9 §3: create a user, set or reset the password]', () => {
  it('needs 8 characters, a letter and a digit, and not the username', () => {
    expect(checkPassword('abc1234', 'nva')).toEqual([{ field: 'password', message: 'tối thiểu 8 ký tự' }]);
    expect(checkPassword('abcdefgh', 'nva')).toEqual([{ field: 'password', message: 'phải có cả chữ cái và chữ số' }]);
    expect(checkPassword('12345678', 'nva')).toEqual([{ field: 'password', message: 'phải có cả chữ cái và chữ số' }]);
    expect(checkPassword('nguyen.an1', 'Nguyen.An1')).toEqual([
      { field: 'password', message: 'không được trùng tên đăng nhập' },
    ]);
    expect(checkPassword('a'.repeat(128) + '1', 'nva')).toEqual([{ field: 'password', message: 'tối đa 128 ký tự' }]);
    expect(checkPassword('mậtkhẩu2026', 'nva')).toEqual([]);
  });
  it('a username is lower-case ASCII letters, digits, dot, underscore or hyphen, 3–64 long', () => {
    expect(isValidUsername('bithu.tdp5')).toBe(true);
    expect(isValidUsername('ab')).toBe(false);
    expect(isValidUsername('Nguyen')).toBe(false);
    expect(isValidUsername('nguyễn')).toBe(false);
    expect(isValidUsername('.abc')).toBe(false);
  });
});
