import { isSameOrHigherRole, ROLE_LADDERS, ROLES } from './roles';

/** Issue 14 §2: a substitute holds the same or a higher role than the absent person in the same organisation [A]. */
describe('isSameOrHigherRole', () => {
  it('should accept the same role, every role of the list', () => {
    for (const role of ROLES) expect(isSameOrHigherRole({ role, than: role })).toBe(true);
  });

  it('should accept the cell secretary for a cell committee member and refuse the reverse', () => {
    expect(isSameOrHigherRole({ role: 'cell_secretary', than: 'cell_committee_member' })).toBe(true);
    expect(isSameOrHigherRole({ role: 'cell_committee_member', than: 'cell_secretary' })).toBe(false);
  });

  it('should accept a standing committee member for a committee member and refuse the reverse', () => {
    expect(isSameOrHigherRole({ role: 'standing_committee_member', than: 'grassroots_committee_member' })).toBe(true);
    expect(isSameOrHigherRole({ role: 'grassroots_committee_member', than: 'standing_committee_member' })).toBe(false);
  });

  it('should refuse roles of different ladders and the roles on none', () => {
    expect(isSameOrHigherRole({ role: 'standing_committee_member', than: 'cell_secretary' })).toBe(false);
    expect(isSameOrHigherRole({ role: 'administrator', than: 'cell_secretary' })).toBe(false);
    expect(isSameOrHigherRole({ role: 'supervisor', than: 'cell_committee_member' })).toBe(false);
    expect(isSameOrHigherRole({ role: 'organisation_department', than: 'grassroots_committee_member' })).toBe(false);
    expect(isSameOrHigherRole({ role: 'cell_secretary', than: 'administrator' })).toBe(false);
  });

  it('should put every ladder role on one ladder only', () => {
    const onLadders = ROLE_LADDERS.flat();
    expect(new Set(onLadders).size).toBe(onLadders.length);
  });
});
