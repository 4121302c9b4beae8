import { nextPolicyVersion, resolvePolicyLayer, tighteningProblems, type PolicyLayer } from './policy-overrides';

const national: PolicyLayer = { orgId: null, orgPath: '', version: 3, cleared: false };
const layer = (orgId: string, orgPath: string, version: number, cleared = false): PolicyLayer => ({
  orgId,
  orgPath,
  version,
  cleared,
});
const hm = layer('hm', '/hn/hm/', 4);
const hl = layer('hl', '/hn/hm/hl/', 5);
const lb = layer('lb', '/hn/lb/', 6);

describe('resolvePolicyLayer: the nearest ancestor with an override, else the national default [issue 11 §2]', () => {
  it('should take the national default when no override lies on the path', () => {
    expect(resolvePolicyLayer('/hn/lb/bd/', national, [hm, hl])).toEqual({ layer: national, version: 3 });
  });

  it("should take the deepest override on the task's path, the organisation itself included", () => {
    expect(resolvePolicyLayer('/hn/hm/hl/tdp5/', national, [hm, hl, lb])).toEqual({ layer: hl, version: 5 });
    expect(resolvePolicyLayer('/hn/hm/hl/', national, [hm, hl, lb])).toEqual({ layer: hl, version: 5 });
    expect(resolvePolicyLayer('/hn/hm/dc/', national, [hm, hl, lb])).toEqual({ layer: hm, version: 4 });
  });

  it('should skip a cleared override, and count its clearing version for the tasks below it', () => {
    const hlCleared = layer('hl', '/hn/hm/hl/', 7, true);
    expect(resolvePolicyLayer('/hn/hm/hl/tdp5/', national, [hm, hlCleared])).toEqual({ layer: hm, version: 7 });
    // Outside the cleared subtree nothing changes.
    expect(resolvePolicyLayer('/hn/hm/dc/', national, [hm, hlCleared])).toEqual({ layer: hm, version: 4 });
    // A cleared override above the layer in force is no longer what times the task.
    const hmCleared = layer('hm', '/hn/hm/', 8, true);
    expect(resolvePolicyLayer('/hn/hm/hl/', national, [hmCleared, hl])).toEqual({ layer: hl, version: 5 });
  });

  it('should not take an organisation whose path merely starts like the prefix of another (path segments)', () => {
    expect(resolvePolicyLayer('/hn/hmx/', national, [hm])).toEqual({ layer: national, version: 3 });
  });
});

describe('nextPolicyVersion: one sequence per step across every layer [issue 11 §2]', () => {
  it('should be one more than the highest version of any layer, cleared ones included', () => {
    expect(nextPolicyVersion([national, hm, layer('x', '/x/', 9, true)])).toBe(10);
    expect(nextPolicyVersion([])).toBe(1);
  });
});

describe('tighteningProblems: an override may only shorten the deadline in force above [issue 11 §2, seed:000]', () => {
  const above = { due: { amount: 30, unit: 'working_days' as const } };
  it('should accept the same or a shorter due duration in the same unit', () => {
    expect(tighteningProblems(above, { due: { amount: 30, unit: 'working_days' } })).toEqual([]);
    expect(tighteningProblems(above, { due: { amount: 10, unit: 'working_days' } })).toEqual([]);
  });

  it('should refuse a longer due duration, naming due.amount with the limit', () => {
    expect(tighteningProblems(above, { due: { amount: 31, unit: 'working_days' } })).toEqual([
      {
        field: 'due.amount',
        message: 'tối đa 30 (thời hạn cấp trên đang áp dụng): cấp dưới chỉ được rút ngắn thời hạn',
      },
    ]);
  });

  it('should refuse another unit, naming due.unit', () => {
    expect(tighteningProblems(above, { due: { amount: 1, unit: 'months' } })).toEqual([
      {
        field: 'due.unit',
        message: 'phải cùng đơn vị với thời hạn cấp trên đang áp dụng (ngày làm việc) để chỉ có thể rút ngắn',
      },
    ]);
  });
});
