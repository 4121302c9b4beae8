import { checkRecordDates, isValidNationalId, maskNationalId } from './member-record';

describe('national ID (CCCD: 12 digits, Luật Căn cước công dân 2014 Điều 19 [A])', () => {
  it.each([
    ['001201004321', true],
    ['00120100432', false],
    ['0012010043210', false],
    ['00120100432a', false],
    [' 001201004321', false],
    ['', false],
  ])('should say %s is valid: %s', (value, valid) => {
    expect(isValidNationalId(value)).toBe(valid);
  });

  it('should keep only the last four digits when masking for readers without access to personal data (issue 9 §2)', () => {
    expect(maskNationalId('001201004321')).toBe('********4321');
    expect(maskNationalId('123')).toBe('***');
  });
});

describe('checkRecordDates (issue 9 §8: real dates, consistent with each other)', () => {
  const today = '2026-12-02';
  const course = { courseStartedOn: '2025-09-01', courseEndedOn: '2025-09-10', issuedOn: '2025-09-15' };

  it('should find nothing wrong when the birth date is past and the certificate follows the course', () => {
    expect(checkRecordDates({ birthDate: '2001-04-12', course, today })).toEqual([]);
    expect(checkRecordDates({ birthDate: '2001-04-12', course: null, today })).toEqual([]);
    expect(checkRecordDates({ birthDate: today, today })).toEqual([]);
  });

  it('should refuse a birth date after today, naming birthDate', () => {
    expect(checkRecordDates({ birthDate: '2026-12-03', today })).toEqual([
      { field: 'birthDate', message: 'không được sau ngày hôm nay (02/12/2026)' },
    ]);
  });

  it('should refuse a birth date before 1900', () => {
    expect(checkRecordDates({ birthDate: '1899-12-31', today })).toEqual([
      { field: 'birthDate', message: 'không được trước năm 1900' },
    ]);
  });

  it('should refuse a certificate dated before the course began, naming courseCertificate.issuedOn', () => {
    expect(
      checkRecordDates({
        birthDate: '2001-04-12',
        course: { courseStartedOn: '2025-09-01', issuedOn: '2025-08-31' },
        today,
      }),
    ).toEqual([
      {
        field: 'courseCertificate.issuedOn',
        message: 'giấy chứng nhận không được ghi ngày trước ngày bắt đầu lớp bồi dưỡng (01/09/2025)',
      },
    ]);
  });

  it('should refuse a certificate dated before the course ended, and a course ending before it began', () => {
    expect(checkRecordDates({ birthDate: '2001-04-12', course: { ...course, issuedOn: '2025-09-05' }, today })).toEqual(
      [
        {
          field: 'courseCertificate.issuedOn',
          message: 'giấy chứng nhận không được ghi ngày trước ngày kết thúc lớp bồi dưỡng (10/09/2025)',
        },
      ],
    );
    expect(
      checkRecordDates({ birthDate: '2001-04-12', course: { ...course, courseEndedOn: '2025-08-30' }, today }),
    ).toEqual([
      { field: 'courseCertificate.courseEndedOn', message: 'không được trước ngày bắt đầu lớp bồi dưỡng (01/09/2025)' },
    ]);
  });

  it('should refuse a course begun before the birth date and a certificate dated after today', () => {
    expect(
      checkRecordDates({
        birthDate: '2001-04-12',
        course: { courseStartedOn: '2000-01-01', issuedOn: '2000-02-01' },
        today,
      }),
    ).toEqual([{ field: 'courseCertificate.courseStartedOn', message: 'không được trước ngày sinh (12/04/2001)' }]);
    expect(
      checkRecordDates({
        birthDate: '2001-04-12',
        course: { courseStartedOn: '2026-11-20', issuedOn: '2026-12-05' },
        today,
      }),
    ).toEqual([{ field: 'courseCertificate.issuedOn', message: 'không được sau ngày hôm nay (02/12/2026)' }]);
  });
});
