import { MEMBER_STATUSES, type MemberStatus } from '../org';
import {
  checkMemberStatusChange,
  checkStatusEffectiveDate,
  MEMBER_STATUS_TRANSITIONS,
  officialSinceFor,
} from './member-status.rules';

describe('checkMemberStatusChange (issue 9 §2: transitions by hand, and those a running process owns)', () => {
  it.each([
    ['candidate', 'probationary', 'committee'],
    ['probationary', 'official', 'committee'],
    ['probationary', 'removed', 'committee'],
    ['official', 'exempt', 'cell'],
    ['official', 'removed', 'committee'],
    ['exempt', 'official', 'cell'],
    ['exempt', 'removed', 'committee'],
  ] as const)('should allow %s → %s by hand, decided by the %s, when no case runs', (from, to, decidedBy) => {
    expect(checkMemberStatusChange({ from, to })).toMatchObject({ allowed: true, decidedBy });
  });

  const allowedPairs = new Set(
    Object.entries(MEMBER_STATUS_TRANSITIONS).flatMap(([from, tos]) => Object.keys(tos).map((to) => `${from}>${to}`)),
  );
  const refused = MEMBER_STATUSES.flatMap((from) =>
    MEMBER_STATUSES.filter((to) => to !== from && !allowedPairs.has(`${from}>${to}`)).map(
      (to) => [from, to] as [MemberStatus, MemberStatus],
    ),
  );

  it('should list exactly seven transitions (removed is final; nobody goes back to candidate)', () => {
    expect(allowedPairs.size).toBe(7);
    expect(refused).toHaveLength(13);
  });

  it.each(refused)('should refuse %s → %s as not allowed', (from, to) => {
    expect(checkMemberStatusChange({ from, to })).toMatchObject({
      allowed: false,
      code: 'STATUS_TRANSITION_NOT_ALLOWED',
    });
  });

  it('should name the allowed targets when refusing a transition', () => {
    expect(checkMemberStatusChange({ from: 'candidate', to: 'official' })).toEqual({
      allowed: false,
      code: 'STATUS_TRANSITION_NOT_ALLOWED',
      reason:
        'Không thể chuyển từ "Quần chúng ưu tú" sang "Đảng viên chính thức"; từ "Quần chúng ưu tú" chỉ chuyển được sang "Đảng viên dự bị"',
      source: 'issue 9 §2',
    });
  });

  it('should refuse the same status as unchanged', () => {
    expect(checkMemberStatusChange({ from: 'official', to: 'official' })).toMatchObject({
      allowed: false,
      code: 'STATUS_UNCHANGED',
      reason: 'Đã ở trạng thái "Đảng viên chính thức"',
    });
  });

  it('should refuse making a probationary member official by hand while the admission case runs: recognition owns it [R4][R6]', () => {
    const result = checkMemberStatusChange({
      from: 'probationary',
      to: 'official',
      running: { admission: { caseId: 'c-1', step: 'probation' } },
    });
    expect(result).toEqual({
      allowed: false,
      code: 'STATUS_OWNED_BY_ADMISSION',
      reason:
        'Đang có hồ sơ kết nạp (c-1, bước "Thời kỳ dự bị (12 tháng)"): việc công nhận đảng viên chính thức là của bước xét công nhận trong hồ sơ; không chuyển trạng thái bằng tay',
      source: 'QĐ 24-QĐ/TW Điều 5(2) [R4][R6][R17]',
    });
  });

  it('should refuse making a candidate probationary by hand while the admission case runs: the ceremony owns it', () => {
    expect(
      checkMemberStatusChange({
        from: 'candidate',
        to: 'probationary',
        running: { admission: { caseId: 'c-2', step: 'cell_vote' } },
      }),
    ).toMatchObject({
      allowed: false,
      code: 'STATUS_OWNED_BY_ADMISSION',
      reason:
        'Đang có hồ sơ kết nạp (c-2, bước "Chi bộ biểu quyết đề nghị kết nạp"): người vào Đảng trở thành đảng viên dự bị tại lễ kết nạp của hồ sơ; không chuyển trạng thái bằng tay',
    });
  });

  it('should refuse a removal by hand while a screening case runs, and allow an exemption then', () => {
    const running = { screening: { caseId: 's-1', step: 'screening_help_period' } };
    expect(checkMemberStatusChange({ from: 'official', to: 'removed', running })).toEqual({
      allowed: false,
      code: 'STATUS_OWNED_BY_SCREENING',
      reason:
        'Đang có hồ sơ rà soát, sàng lọc (s-1, bước "Thời gian giáo dục, giúp đỡ"): việc đưa ra khỏi Đảng do hồ sơ này quyết định; không chuyển trạng thái bằng tay',
      source: 'HD 02-HD/BTCTƯ [R1]; [R23]',
    });
    expect(checkMemberStatusChange({ from: 'official', to: 'exempt', running })).toMatchObject({ allowed: true });
  });
});

describe('checkStatusEffectiveDate (issue 9 §2, §8)', () => {
  const today = '2026-12-02';
  const official = {
    status: 'official' as const,
    birthDate: '1980-05-01',
    joinedOn: '2010-03-01',
    officialSince: '2011-03-01',
    exemptSince: null,
  };

  it('should accept a past date consistent with the record', () => {
    expect(checkStatusEffectiveDate({ member: official, to: 'exempt', effectiveOn: '2026-11-30', today })).toBeNull();
  });

  it('should refuse a date after today and one before the birth date', () => {
    expect(checkStatusEffectiveDate({ member: official, to: 'exempt', effectiveOn: '2026-12-03', today })).toEqual({
      field: 'effectiveOn',
      message: 'không được sau ngày hôm nay (02/12/2026)',
    });
    expect(checkStatusEffectiveDate({ member: official, to: 'removed', effectiveOn: '1979-01-01', today })).toEqual({
      field: 'effectiveOn',
      message: 'không được trước ngày sinh (01/05/1980)',
    });
  });

  it('should require official status to start exactly 12 months after joining [R4][R6]', () => {
    const probationary = { ...official, status: 'probationary' as const, joinedOn: '2025-06-30', officialSince: null };
    expect(officialSinceFor('2025-06-30')).toBe('2026-06-30');
    expect(
      checkStatusEffectiveDate({ member: probationary, to: 'official', effectiveOn: '2026-06-30', today }),
    ).toBeNull();
    expect(
      checkStatusEffectiveDate({ member: probationary, to: 'official', effectiveOn: '2026-07-15', today }),
    ).toEqual({
      field: 'effectiveOn',
      message:
        'phải là ngày 30/06/2026: đảng viên chính thức tính từ khi hết 12 tháng dự bị kể từ ngày vào Đảng 30/06/2025 [R4][R6]',
    });
  });

  it('should refuse an exemption before the member became official, an end of exemption before it began, and a removal before joining', () => {
    expect(checkStatusEffectiveDate({ member: official, to: 'exempt', effectiveOn: '2011-02-28', today })).toEqual({
      field: 'effectiveOn',
      message: 'không được trước ngày là đảng viên chính thức (01/03/2011)',
    });
    const exempt = { ...official, status: 'exempt' as const, exemptSince: '2024-01-10' };
    expect(checkStatusEffectiveDate({ member: exempt, to: 'official', effectiveOn: '2024-01-09', today })).toEqual({
      field: 'effectiveOn',
      message: 'không được trước ngày được miễn công tác và sinh hoạt đảng (10/01/2024)',
    });
    expect(checkStatusEffectiveDate({ member: official, to: 'removed', effectiveOn: '2010-02-28', today })).toEqual({
      field: 'effectiveOn',
      message: 'không được trước ngày vào Đảng (01/03/2010)',
    });
  });
});
