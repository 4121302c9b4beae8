import {
  criteriaPeriodsOverlap,
  criteriaSetStatusOn,
  isCriteriaPeriodOrdered,
  isCriteriaSetInForce,
  overlappingCriteriaSets,
  selectCriteriaSetInForce,
  type CriteriaSetRecord,
} from './criteria-set-period';

const set = (over: Partial<CriteriaSetRecord> & Pick<CriteriaSetRecord, 'id'>): CriteriaSetRecord => ({
  organisationId: 'district',
  effectiveFrom: '2026-01-01',
  effectiveUntil: null,
  retired: false,
  ...over,
});

describe('criteria set periods (a committee’s own stricter criteria with effective dates [seed:000][seed:001])', () => {
  it('should accept a period whose end is on or after its start, and an open end, and refuse an end before the start', () => {
    expect(isCriteriaPeriodOrdered({ effectiveFrom: '2026-01-01', effectiveUntil: '2026-01-01' })).toBe(true);
    expect(isCriteriaPeriodOrdered({ effectiveFrom: '2026-01-01', effectiveUntil: null })).toBe(true);
    expect(isCriteriaPeriodOrdered({ effectiveFrom: '2026-01-02', effectiveUntil: '2026-01-01' })).toBe(false);
  });

  it('should be in force on both inclusive ends and not a day outside, and never once retired', () => {
    const s = set({ id: 'a', effectiveFrom: '2026-03-01', effectiveUntil: '2026-03-31' });
    expect(isCriteriaSetInForce({ set: s, onDate: '2026-02-28' })).toBe(false);
    expect(isCriteriaSetInForce({ set: s, onDate: '2026-03-01' })).toBe(true);
    expect(isCriteriaSetInForce({ set: s, onDate: '2026-03-31' })).toBe(true);
    expect(isCriteriaSetInForce({ set: s, onDate: '2026-04-01' })).toBe(false);
    expect(isCriteriaSetInForce({ set: { ...s, retired: true }, onDate: '2026-03-15' })).toBe(false);
  });

  it('should find periods that share a day as overlapping, and adjacent periods as not', () => {
    const march = { effectiveFrom: '2026-03-01', effectiveUntil: '2026-03-31' };
    expect(criteriaPeriodsOverlap({ a: march, b: { effectiveFrom: '2026-03-31', effectiveUntil: null } })).toBe(true);
    expect(criteriaPeriodsOverlap({ a: march, b: { effectiveFrom: '2026-04-01', effectiveUntil: null } })).toBe(false);
    expect(criteriaPeriodsOverlap({ a: march, b: { effectiveFrom: '2025-01-01', effectiveUntil: '2026-02-28' } })).toBe(
      false,
    );
    expect(criteriaPeriodsOverlap({ a: march, b: { effectiveFrom: '2025-01-01', effectiveUntil: null } })).toBe(true);
  });

  it('should list the same committee’s overlapping sets, leaving out retired ones, other committees and the set being edited', () => {
    const existing = [
      set({ id: 'open', effectiveFrom: '2026-01-01' }),
      set({ id: 'retired', effectiveFrom: '2026-01-01', retired: true }),
      set({ id: 'other-org', organisationId: 'province', effectiveFrom: '2026-01-01' }),
      set({ id: 'before', effectiveFrom: '2025-01-01', effectiveUntil: '2025-12-31' }),
    ];
    const candidate = { organisationId: 'district', effectiveFrom: '2026-06-01', effectiveUntil: null };
    expect(overlappingCriteriaSets({ candidate, existing }).map((s) => s.id)).toEqual(['open']);
    expect(overlappingCriteriaSets({ candidate: { ...candidate, id: 'open' }, existing })).toEqual([]);
  });

  it('should use the set of the nearest committee above the cell that is in force on the day of the cell’s consideration [R8: QĐ 24 §1.1]', () => {
    const sets = [
      set({ id: 'province', organisationId: 'province', effectiveFrom: '2020-01-01' }),
      set({ id: 'district-old', effectiveFrom: '2024-01-01', effectiveUntil: '2026-05-31' }),
      set({ id: 'district-new', effectiveFrom: '2026-06-01' }),
    ];
    const pathIds = ['province', 'district', 'grassroots', 'cell'];
    expect(selectCriteriaSetInForce({ sets, pathIds, onDate: '2026-05-31' })?.id).toBe('district-old');
    expect(selectCriteriaSetInForce({ sets, pathIds, onDate: '2026-06-01' })?.id).toBe('district-new');
    // Before the district adopted any set, the province's applies.
    expect(selectCriteriaSetInForce({ sets, pathIds, onDate: '2023-12-31' })?.id).toBe('province');
    expect(selectCriteriaSetInForce({ sets, pathIds, onDate: '2019-12-31' })).toBeNull();
    // A committee outside the path never applies.
    expect(selectCriteriaSetInForce({ sets, pathIds: ['other', 'cell'], onDate: '2026-06-01' })).toBeNull();
  });

  it('should tell a set scheduled before its first day, in force on both ends, expired after its last, and retired whatever the day', () => {
    const s = set({ id: 'a', effectiveFrom: '2026-03-01', effectiveUntil: '2026-03-31' });
    expect(criteriaSetStatusOn({ set: s, onDate: '2026-02-28' })).toBe('scheduled');
    expect(criteriaSetStatusOn({ set: s, onDate: '2026-03-01' })).toBe('in_force');
    expect(criteriaSetStatusOn({ set: s, onDate: '2026-03-31' })).toBe('in_force');
    expect(criteriaSetStatusOn({ set: s, onDate: '2026-04-01' })).toBe('expired');
    expect(criteriaSetStatusOn({ set: { ...s, retired: true }, onDate: '2026-03-15' })).toBe('retired');
    expect(criteriaSetStatusOn({ set: { ...s, effectiveUntil: null }, onDate: '2099-01-01' })).toBe('in_force');
  });
});
