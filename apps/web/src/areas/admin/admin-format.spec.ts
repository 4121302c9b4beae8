import { durationVi, fileNameOf, integerVi, quotaSummaryVi } from './admin-format';

describe('admin page formatting (issue 10)', () => {
  it('should show a quota\'s progress as "đã kết nạp 622/540 (115,2%)": Vietnamese numbers, comma decimal, one decimal always (as the API rounds it)', () => {
    expect(quotaSummaryVi({ admitted: 622, quota: 540, percent: 115.2 })).toBe('đã kết nạp 622/540 (115,2%)');
    expect(quotaSummaryVi({ admitted: 1, quota: 3, percent: 33.3 })).toBe('đã kết nạp 1/3 (33,3%)');
    expect(quotaSummaryVi({ admitted: 0, quota: 3, percent: 0 })).toBe('đã kết nạp 0/3 (0,0%)');
    expect(quotaSummaryVi({ admitted: 1234, quota: 1000, percent: 123.4 })).toBe('đã kết nạp 1.234/1.000 (123,4%)');
    expect(quotaSummaryVi({ admitted: 12, quota: null, percent: null })).toBe('đã kết nạp 12 (chưa giao chỉ tiêu)');
  });

  it('should name durations with the Vietnamese unit', () => {
    expect(durationVi({ amount: 10, unit: 'working_days' })).toBe('10 ngày làm việc');
    expect(durationVi({ amount: 12, unit: 'months' })).toBe('12 tháng');
    expect(integerVi(1_000_000)).toBe('1.000.000');
  });

  it('should save a report under the file name the API gives (filename* first, RFC 6266)', () => {
    const name = 'bao-cao-nhiem-vu_HN-HM_2026-01-01_2026-12-31.xlsx';
    expect(fileNameOf(`attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`, 'x')).toBe(name);
    expect(fileNameOf('attachment; filename="a.csv"', 'x')).toBe('a.csv');
    expect(fileNameOf(null, 'bao-cao.csv')).toBe('bao-cao.csv');
  });
});
