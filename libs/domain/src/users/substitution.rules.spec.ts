import { substitutionStatusOn } from './substitution.rules';

/** Issue 14 §2: a substitution covers its first and last local dates, and none once revoked. */
describe('substitutionStatusOn', () => {
  const period = { validFrom: '2026-03-02', validUntil: '2026-03-06', revoked: false };

  it('should be active on the first day, the last day and between', () => {
    for (const day of ['2026-03-02', '2026-03-04', '2026-03-06'])
      expect(substitutionStatusOn(period, day)).toBe('active');
  });

  it('should be future the day before and expired the day after', () => {
    expect(substitutionStatusOn(period, '2026-03-01')).toBe('future');
    expect(substitutionStatusOn(period, '2026-03-07')).toBe('expired');
  });

  it('should be revoked on any day once revoked', () => {
    expect(substitutionStatusOn({ ...period, revoked: true }, '2026-03-04')).toBe('revoked');
    expect(substitutionStatusOn({ ...period, revoked: true }, '2026-03-01')).toBe('revoked');
  });

  it('should cover a single day', () => {
    const one = { validFrom: '2026-03-02', validUntil: '2026-03-02', revoked: false };
    expect(['2026-03-01', '2026-03-02', '2026-03-03'].map((d) => substitutionStatusOn(one, d))).toEqual([
      'future',
      'active',
      'expired',
    ]);
  });
});
