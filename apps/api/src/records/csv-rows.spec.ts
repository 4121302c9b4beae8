import { CsvRowError } from './csv-import.error';
import { parseImportRow } from './csv-rows';
import { AttendanceBody, DuesBody } from './records.schemas';

/** The CsvRowError a bad row throws (fails the test when the row is accepted). */
function rowError(parse: () => unknown): CsvRowError {
  try {
    parse();
  } catch (e) {
    if (e instanceof CsvRowError) return e;
    throw e;
  }
  throw new Error('the row was accepted');
}

describe('CSV rows parsed by the schemas of the single-record endpoints (issue 8 §2)', () => {
  it('should read a good attendance row as the same body POST /members/:id/attendance takes', () => {
    const row = parseImportRow('attendance', 2, { month: '2025-05', status: ' absent_with_reason ', reason: 'Ốm' });
    expect(row).toEqual({ month: '2025-05', status: 'absent_with_reason', reason: 'Ốm' });
    expect(row).toEqual(AttendanceBody.parse({ month: '2025-05', status: 'absent_with_reason', reason: 'Ốm' }));
  });

  it('should name row 37 and column month, with the value, when the month is 2025-13', () => {
    const e = rowError(() => parseImportRow('attendance', 37, { month: '2025-13', status: 'present', reason: '' }));
    expect(e).toMatchObject({ row: 37, column: 'month', reason: "'2025-13': phải là tháng hợp lệ dạng YYYY-MM" });
    // The single-record endpoint refuses the same value with the same message.
    expect(AttendanceBody.safeParse({ month: '2025-13', status: 'present' }).error?.issues[0].message).toBe(
      'phải là tháng hợp lệ dạng YYYY-MM',
    );
  });

  it('should refuse a status outside the list in Vietnamese, naming the column status', () => {
    const e = rowError(() => parseImportRow('attendance', 4, { month: '2025-05', status: 'late', reason: '' }));
    expect(e).toMatchObject({
      row: 4,
      column: 'status',
      reason: "'late': một trong present, absent_with_reason, absent_without_reason",
    });
  });

  it('should require the reason of an excused absence, naming the column reason [R23]', () => {
    const e = rowError(() =>
      parseImportRow('attendance', 3, { month: '2025-05', status: 'absent_with_reason', reason: '' }),
    );
    expect(e).toMatchObject({ row: 3, column: 'reason', reason: 'bắt buộc khi vắng mặt có lý do' });
    expect(e.message).toBe('Dòng 3, cột reason: bắt buộc khi vắng mặt có lý do');
  });

  it('should name the column amount_vnd when the amount is missing, not a number, negative or a fraction', () => {
    const dues = (amount_vnd: string) => () => parseImportRow('dues', 5, { month: '2026-03', amount_vnd, paid_on: '' });
    expect(rowError(dues(''))).toMatchObject({ column: 'amount_vnd', reason: 'bắt buộc' });
    expect(rowError(dues('ba mươi nghìn'))).toMatchObject({
      column: 'amount_vnd',
      reason: "'ba mươi nghìn': phải là số",
    });
    expect(rowError(dues('-5'))).toMatchObject({ column: 'amount_vnd', reason: "'-5': không âm" });
    expect(rowError(dues('1.5'))).toMatchObject({ column: 'amount_vnd', reason: "'1.5': phải là số nguyên" });
  });

  it('should convert the amount to a number and an empty payment date to null, as DuesBody does', () => {
    expect(parseImportRow('dues', 2, { month: '2026-03', amount_vnd: '30000', paid_on: '' })).toEqual(
      DuesBody.parse({ month: '2026-03', amountVnd: 30000 }),
    );
    expect(parseImportRow('dues', 2, { month: '2026-03', amount_vnd: '30000', paid_on: '' })).toEqual({
      month: '2026-03',
      amountVnd: 30000,
      paidOn: null,
    });
  });

  it('should read the award as true/false (empty = false) and name the column award otherwise', () => {
    const grading = (award: string) => parseImportRow('gradings', 2, { year: '2025', grading: 'good', award });
    expect(grading('có')).toEqual({ year: 2025, grading: 'good', award: true });
    expect(grading('0')).toEqual({ year: 2025, grading: 'good', award: false });
    expect(grading('')).toEqual({ year: 2025, grading: 'good', award: false });
    expect(rowError(() => grading('maybe'))).toMatchObject({ column: 'award', reason: "'maybe': phải là true/false" });
    expect(rowError(() => parseImportRow('gradings', 2, { year: '1800', grading: 'good', award: '' }))).toMatchObject({
      column: 'year',
      reason: "'1800': từ 1900",
    });
  });

  it('should name the column ends_on when a discipline ends before it was decided', () => {
    const e = rowError(() =>
      parseImportRow('disciplines', 6, {
        form: 'warning',
        decided_by: 'cell',
        decided_on: '2025-03-01',
        ends_on: '2025-02-28',
        authority: 'Chi bộ TDP số 5',
        reason: 'Vi phạm',
      }),
    );
    expect(e).toMatchObject({ row: 6, column: 'ends_on', reason: "'2025-02-28': không được trước ngày quyết định" });
  });

  it('should take the residence cell the import looked up and name residence_org when the comment is empty', () => {
    const residenceOrgId = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
    const values = { year: '2025', assessment: 'fulfilled', comment: 'Gương mẫu', residence_org: 'HN-HM-HL-TDP5' };
    expect(parseImportRow('residence-comments', 2, values, { residenceOrgId })).toEqual({
      year: 2025,
      assessment: 'fulfilled',
      comment: 'Gương mẫu',
      residenceOrgId,
    });
    expect(rowError(() => parseImportRow('residence-comments', 2, { ...values, comment: ' ' }))).toMatchObject({
      column: 'comment',
      reason: 'bắt buộc',
    });
  });

  describe('historical transfers: the status must agree with the dates', () => {
    const official = {
      kind: 'official',
      issued_on: '2025-03-01',
      present_by: '',
      presented_on: '2025-03-20',
      period_months: '',
      return_due: '',
      returned_on: '',
      status: 'presented',
      note: 'Chuyển nơi ở',
    };

    it('should read a presented official transfer, leaving the default presentation date to the import', () => {
      expect(parseImportRow('transfers', 2, official)).toEqual({
        kind: 'official',
        issuedOn: '2025-03-01',
        presentedOn: '2025-03-20',
        periodMonths: null,
        returnDue: null,
        returnedOn: null,
        status: 'presented',
        note: 'Chuyển nơi ở',
      });
    });

    it.each<[string, Record<string, string>, string, string]>([
      ['presented without a date', { presented_on: '' }, 'presented_on', "bắt buộc khi trạng thái là 'presented'"],
      ['issued with a date', { status: 'issued' }, 'status', "'issued': không được có ngày trình diện"],
      ['temporary without a period', { kind: 'temporary' }, 'period_months', 'bắt buộc với sinh hoạt tạm thời'],
      ['official with a period', { period_months: '6' }, 'period_months', "'6': chỉ dùng cho sinh hoạt tạm thời"],
      [
        'presented before the letter',
        { presented_on: '2025-02-28' },
        'presented_on',
        "'2025-02-28': không được trước ngày giới thiệu",
      ],
      ['an unknown status', { status: 'lost' }, 'status', "'lost': một trong issued, presented, returned, cancelled"],
      [
        'an official transfer is returned',
        { status: 'returned', returned_on: '2025-04-01' },
        'returned_on',
        "'2025-04-01': chỉ dùng cho sinh hoạt tạm thời",
      ],
    ])('should name the column when %s', (_case, change, column, reason) => {
      expect(rowError(() => parseImportRow('transfers', 9, { ...official, ...change }))).toMatchObject({
        row: 9,
        column,
        reason,
      });
    });
  });
});
