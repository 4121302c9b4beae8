import { loadConfig } from '@partyflow/config';

describe('the probation of new admission cases (PARTYFLOW_PROBATION_MONTHS, issue 12 §2: the chaos run)', () => {
  it('should be the 12 months of [R18] when unset, in production too', () => {
    expect(loadConfig({}).admission.probationMonths).toBe(12);
    expect(loadConfig({ NODE_ENV: 'production' }).admission.probationMonths).toBe(12);
    expect(loadConfig({ NODE_ENV: 'production', PARTYFLOW_PROBATION_MONTHS: '12' }).admission.probationMonths).toBe(12);
  });

  it.each(['0', '3'])('should be %s months when set so outside production', (months) => {
    expect(loadConfig({ PARTYFLOW_PROBATION_MONTHS: months }).admission.probationMonths).toBe(Number(months));
  });

  it('should refuse a shorter probation with NODE_ENV=production, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PARTYFLOW_PROBATION_MONTHS: '0' })).toThrow(
      'Invalid configuration PARTYFLOW_PROBATION_MONTHS: production keeps the 12 months of [R18]',
    );
  });

  it.each(['-1', '13', '1.5', 'x'])('should refuse %s, naming the variable', (months) => {
    expect(() => loadConfig({ PARTYFLOW_PROBATION_MONTHS: months })).toThrow(
      /^Invalid configuration PARTYFLOW_PROBATION_MONTHS: /,
    );
  });
});
