import { parseViDate, toViDate } from './dates';

describe('dates typed as dd/mm/yyyy (issue 10: local dates shown and typed dd/MM/yyyy, never shifted)', () => {
  it('should read a Vietnamese date as the same local date', () => {
    expect(parseViDate('20/05/2000')).toBe('2000-05-20');
    expect(parseViDate(' 2/5/2000 ')).toBe('2000-05-02');
    expect(parseViDate('29/02/2024')).toBe('2024-02-29');
  });

  it('should refuse a date that is not a real calendar date or not dd/mm/yyyy', () => {
    expect(parseViDate('30/02/1995')).toBeNull();
    expect(parseViDate('29/02/2023')).toBeNull();
    expect(parseViDate('2000-05-20')).toBeNull();
    expect(parseViDate('05/2000')).toBeNull();
  });

  it('should show a local date as dd/mm/yyyy', () => {
    expect(toViDate('2026-12-01')).toBe('01/12/2026');
    expect(toViDate(null)).toBe('');
  });
});
