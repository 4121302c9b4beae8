import {
  authorityHolderAt,
  DELEGATED_POWER_LABELS,
  grantStatusAt,
  isGrantValidAt,
  periodsOverlap,
  type AuthorityGrant,
} from './delegation-grant';

const d = (iso: string) => new Date(iso);
const grant = { validFrom: d('2026-01-01T00:00:00Z'), validUntil: d('2027-01-01T00:00:00Z'), revokedAt: null };

describe('delegation grant validity [seed:000][R5]', () => {
  it.each([
    ['2025-12-31T23:59:59.999Z', 'future'],
    ['2026-01-01T00:00:00Z', 'active'],
    ['2026-06-30T12:00:00Z', 'active'],
    ['2026-12-31T23:59:59.999Z', 'active'],
    ['2027-01-01T00:00:00Z', 'expired'],
  ])('should be %s → %s when valid_from ≤ t < valid_until', (at, status) => {
    expect(grantStatusAt({ grant, at: d(at) })).toBe(status);
    expect(isGrantValidAt({ grant, at: d(at) })).toBe(status === 'active');
  });

  it('should be revoked from the instant of revocation, not before, when revoked while active', () => {
    const revoked = { ...grant, revokedAt: d('2026-03-01T08:00:00Z') };
    expect(grantStatusAt({ grant: revoked, at: d('2026-03-01T07:59:59Z') })).toBe('active');
    expect(grantStatusAt({ grant: revoked, at: d('2026-03-01T08:00:00Z') })).toBe('revoked');
    expect(grantStatusAt({ grant: revoked, at: d('2027-06-01T00:00:00Z') })).toBe('revoked');
  });

  it('should run for ever when valid_until is open', () => {
    expect(grantStatusAt({ grant: { ...grant, validUntil: null }, at: d('2090-01-01T00:00:00Z') })).toBe('active');
  });

  it.each([
    [['2026-01-01', '2026-06-01'], ['2026-05-01', '2026-09-01'], true],
    [['2026-01-01', '2026-06-01'], ['2026-06-01', '2026-09-01'], false],
    [['2026-01-01', null], ['2030-01-01', '2030-02-01'], true],
    [['2026-03-01', '2026-04-01'], ['2026-01-01', '2026-02-01'], false],
  ] as const)('should tell overlap of %p and %p as %p when periods are half-open', (a, b, expected) => {
    const p = ([from, until]: readonly [string, string | null]) => ({ from: d(from), until: until ? d(until) : null });
    expect(periodsOverlap({ a: p(a), b: p(b) })).toBe(expected);
  });
});

describe('authority holder at an instant [R5][seed:000]', () => {
  const grassrootsOrgId = 'gr';
  const competentOrgId = 'district';
  const admissionOnly: AuthorityGrant[] = [{ id: 'g1', granteeOrgId: 'gr', power: 'admission', ...grant }];

  it('should give admission decisions to the grassroots committee when it holds an active admission grant', () => {
    expect(
      authorityHolderAt({
        grants: admissionOnly,
        power: 'admission',
        grassrootsOrgId,
        competentOrgId,
        at: d('2026-05-01T00:00:00Z'),
      }),
    ).toEqual({ orgId: 'gr', role: 'grassroots_committee_member', delegated: true, grantId: 'g1' });
  });

  it('should keep expulsion with the superior standing committee when only admission is delegated', () => {
    expect(
      authorityHolderAt({
        grants: admissionOnly,
        power: 'expulsion',
        grassrootsOrgId,
        competentOrgId,
        at: d('2026-05-01T00:00:00Z'),
      }),
    ).toEqual({ orgId: 'district', role: 'standing_committee_member', delegated: false, grantId: null });
  });

  it('should route to the superior when the grant has expired at the moment the step opens', () => {
    expect(
      authorityHolderAt({
        grants: admissionOnly,
        power: 'admission',
        grassrootsOrgId,
        competentOrgId,
        at: d('2027-01-01T00:00:00Z'),
      }).delegated,
    ).toBe(false);
  });

  it('should route to the superior when the grant was revoked before the step opens', () => {
    const revoked = [{ ...admissionOnly[0], revokedAt: d('2026-04-01T00:00:00Z') }];
    expect(
      authorityHolderAt({
        grants: revoked,
        power: 'admission',
        grassrootsOrgId,
        competentOrgId,
        at: d('2026-05-01T00:00:00Z'),
      }).orgId,
    ).toBe('district');
  });

  it('should ignore a grant to another grassroots committee', () => {
    const other = [{ ...admissionOnly[0], granteeOrgId: 'other' }];
    expect(
      authorityHolderAt({
        grants: other,
        power: 'admission',
        grassrootsOrgId,
        competentOrgId,
        at: d('2026-05-01T00:00:00Z'),
      }).delegated,
    ).toBe(false);
  });
});

describe('delegated power labels', () => {
  it.each(['admission', 'expulsion'] as const)('should have a Vietnamese NFC label when the power is %s', (power) => {
    const { vi } = DELEGATED_POWER_LABELS[power];
    expect(vi.length).toBeGreaterThan(0);
    expect(vi.normalize('NFC')).toBe(vi);
  });
});
