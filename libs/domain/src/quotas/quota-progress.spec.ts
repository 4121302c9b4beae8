import { formatNumberVi, percentOneDecimal, quotaProgress } from './quota-progress';

describe('quota progress [seed:003]', () => {
  it('should read "đã kết nạp 622/540 (115,2%)" when 622 were admitted against a quota of 540 [seed:003]', () => {
    expect(quotaProgress({ admitted: 622, quota: 540 })).toEqual({
      admitted: 622,
      quota: 540,
      percent: 115.2,
      summaryVi: 'đã kết nạp 622/540 (115,2%)',
    });
  });

  it.each([
    [0, 10, 0, 'đã kết nạp 0/10 (0,0%)'],
    [1, 3, 33.3, 'đã kết nạp 1/3 (33,3%)'],
    [2, 3, 66.7, 'đã kết nạp 2/3 (66,7%)'],
    [1, 8, 12.5, 'đã kết nạp 1/8 (12,5%)'],
    [5, 5, 100, 'đã kết nạp 5/5 (100,0%)'],
    [1500, 1200, 125, 'đã kết nạp 1.500/1.200 (125,0%)'],
  ])('should give %p of %p as %p%% when rounding half up to one decimal', (admitted, quota, percent, summary) => {
    const p = quotaProgress({ admitted, quota });
    expect(p.percent).toBe(percent);
    expect(p.summaryVi).toBe(summary);
  });

  it('should give no percentage when no quota was set', () => {
    expect(quotaProgress({ admitted: 3, quota: null })).toEqual({
      admitted: 3,
      quota: null,
      percent: null,
      summaryVi: 'đã kết nạp 3 (chưa giao chỉ tiêu)',
    });
  });

  it('should give no percentage when the quota is zero', () => {
    expect(quotaProgress({ admitted: 2, quota: 0 })).toMatchObject({ percent: null, summaryVi: 'đã kết nạp 2/0' });
    expect(percentOneDecimal({ part: 0, whole: 0 })).toBeNull();
  });

  it.each([
    [0, 0, '0'],
    [999, 0, '999'],
    [1000, 0, '1.000'],
    [1234567, 0, '1.234.567'],
    [115.2, 1, '115,2'],
    [-1234.5, 1, '-1.234,5'],
  ])('should format %p with %p decimals as %p when writing Vietnamese numbers', (value, decimals, expected) => {
    expect(formatNumberVi(value, decimals)).toBe(expected);
  });
});
