import {
  ageInMonths,
  certificateValidUntil,
  checkAge,
  checkCourseCertificate,
  checkEducation,
  formatAgeVi,
} from './eligibility.rules';
import { EDUCATION_LEVELS, type EducationLevel } from '../education';

describe('ageInMonths (full months completed; missing birthdays fall on the month end)', () => {
  it.each([
    ['2007-03-07', '2025-03-07', 216],
    ['2007-03-07', '2025-03-06', 215],
    ['2007-03-07', '2025-04-06', 216],
    ['2008-02-29', '2026-02-28', 216],
    ['2008-02-29', '2026-02-27', 215],
    ['2008-02-29', '2026-03-01', 216],
    ['2006-02-28', '2024-02-28', 216],
    ['2006-02-28', '2024-02-27', 215],
    ['2008-02-29', '2008-03-28', 0],
    ['2008-02-29', '2008-03-29', 1],
    ['2007-01-31', '2025-01-30', 215],
    ['2007-01-31', '2025-01-31', 216],
    ['2007-01-31', '2025-02-28', 217],
    ['1965-03-07', '2025-03-07', 720],
    ['1965-03-07', '2025-04-07', 721],
    ['2025-03-07', '2025-03-07', 0],
  ])('should give %i months when born %s and counted on %s', (birthDate, onDate, expected) => {
    expect(ageInMonths({ birthDate, onDate })).toBe(expected);
  });

  it('should throw BIRTH_DATE_AFTER_ON_DATE when the birth date is later', () => {
    expect(() => ageInMonths({ birthDate: '2025-03-08', onDate: '2025-03-07' })).toThrow(
      expect.objectContaining({ code: 'BIRTH_DATE_AFTER_ON_DATE' }),
    );
  });

  it.each([
    [216, '18 tuổi'],
    [215, '17 tuổi 11 tháng'],
    [721, '60 tuổi 1 tháng'],
  ])('should format %i months as %s', (months, expected) => {
    expect(formatAgeVi(months)).toBe(expected);
  });
});

describe('checkAge — QĐ 24-QĐ/TW §1.1: from full 18 to full 60 years, counted in months', () => {
  it.each([
    ['2007-03-08', '2025-03-07', false, '17 tuổi 11 tháng', 'one day short of 18 (17y11m)'],
    ['2007-03-07', '2025-03-07', true, '18 tuổi', 'exactly 18y0m'],
    ['2008-02-29', '2026-02-28', true, '18 tuổi', 'born on a leap day, 28/2 of a common year'],
    ['2008-02-29', '2026-02-27', false, '17 tuổi 11 tháng', 'born on a leap day, one day earlier'],
    ['1965-03-07', '2025-03-07', true, '60 tuổi', 'exactly 60y0m'],
    ['1965-03-07', '2025-04-06', true, '60 tuổi', '60y0m and 30 days'],
    ['1965-03-07', '2025-04-07', false, '60 tuổi 1 tháng', '60y1m'],
    ['1964-02-29', '2024-02-29', true, '60 tuổi', 'a leap-day birthday, 60th on a leap day'],
  ])('should pass=%p when born %s and considered on %s (%s)', (birthDate, onDate, passed, ageText) => {
    const result = checkAge({ birthDate, onDate });
    expect(result.passed).toBe(passed);
    expect(result.ruleId).toBe('national.age');
    expect(result.source).toContain('QĐ 24-QĐ/TW §1.1');
    expect(result.reason).toContain(ageText);
    expect(result.reason.normalize('NFC')).toBe(result.reason);
  });

  it('should explain the figures when the candidate is too young', () => {
    expect(checkAge({ birthDate: '2007-03-08', onDate: '2025-03-07' }).reason).toBe(
      'Tính đến ngày 07/03/2025, người vào Đảng (sinh ngày 08/03/2007) được 17 tuổi 11 tháng (215 tháng), chưa đủ 18 tuổi (216 tháng); yêu cầu từ đủ 18 tuổi (216 tháng) đến đủ 60 tuổi (720 tháng).',
    );
  });

  it('should mention the Central-level committee when the candidate is over 60', () => {
    expect(checkAge({ birthDate: '1965-03-07', onDate: '2025-04-07' }).reason).toContain(
      'cấp ủy trực thuộc Trung ương',
    );
  });

  it('should use configured limits when they are given', () => {
    expect(checkAge({ birthDate: '2005-03-07', onDate: '2025-03-06', minMonths: 240 }).passed).toBe(false);
    expect(checkAge({ birthDate: '2005-03-07', onDate: '2025-03-07', minMonths: 240 }).passed).toBe(true);
    expect(checkAge({ birthDate: '1965-03-07', onDate: '2025-04-07', maxMonths: 780 }).passed).toBe(true);
  });
});

describe('checkCourseCertificate — [R15][R20], validity 60 months [A]', () => {
  it.each([
    ['2020-03-15', '2025-03-15', true, 'the last valid day'],
    ['2020-03-15', '2025-03-16', false, 'the day after'],
    ['2020-02-29', '2025-02-28', true, 'issued on a leap day, last valid day 28/2'],
    ['2020-02-29', '2025-03-01', false, 'issued on a leap day, the day after'],
    ['2025-03-07', '2025-03-07', true, 'issued on the day of consideration'],
  ])('should pass=%p when issued %s and considered on %s (%s)', (issuedOn, onDate, passed) => {
    const result = checkCourseCertificate({ issuedOn, onDate });
    expect(result.passed).toBe(passed);
    expect(result.ruleId).toBe('national.course_certificate');
    expect(result.source).toContain('[A]');
  });

  it('should state the expiry date when the certificate has expired', () => {
    expect(checkCourseCertificate({ issuedOn: '2020-03-15', onDate: '2025-03-16' }).reason).toContain(
      'đến hết ngày 15/03/2025',
    );
  });

  it.each([undefined, null])('should fail when the certificate is missing (%p)', (issuedOn) => {
    const result = checkCourseCertificate({ issuedOn, onDate: '2025-03-07' });
    expect(result.passed).toBe(false);
    expect(result.reason).toContain('Chưa có giấy chứng nhận');
  });

  it('should fail when the certificate is dated after the day of consideration', () => {
    expect(checkCourseCertificate({ issuedOn: '2025-03-08', onDate: '2025-03-07' }).passed).toBe(false);
  });

  it('should use the configured validity when one is given', () => {
    expect(checkCourseCertificate({ issuedOn: '2023-03-15', onDate: '2025-03-15', validityMonths: 24 }).passed).toBe(
      true,
    );
    expect(checkCourseCertificate({ issuedOn: '2023-03-15', onDate: '2025-03-16', validityMonths: 24 }).passed).toBe(
      false,
    );
    expect(certificateValidUntil({ issuedOn: '2020-08-31', validityMonths: 6 })).toBe('2021-02-28');
  });
});

describe('checkEducation — QĐ 24-QĐ/TW §1.2: lower secondary (THCS) or above', () => {
  const expected: Record<EducationLevel, boolean> = {
    primary: false,
    lower_secondary: true,
    upper_secondary: true,
    vocational: true,
    college: true,
    university: true,
    postgraduate: true,
  };

  it.each(EDUCATION_LEVELS)('should decide per the table when the level is %s', (level) => {
    const result = checkEducation({ level });
    expect(result.passed).toBe(expected[level]);
    expect(result.source).toContain('§1.2');
  });

  it('should say exceptions are not decided automatically when the level is below THCS', () => {
    expect(checkEducation({ level: 'primary' }).reason).toContain('không được hệ thống xét tự động');
  });
});
