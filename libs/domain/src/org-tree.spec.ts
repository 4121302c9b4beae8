import {
  ALLOWED_PARENT_KINDS,
  creatableKindProblem,
  isAtOrBelow,
  lowestCommonOrg,
  parentProblem,
  pathIds,
  rebasePath,
  relocatedAncestor,
  supervisedChain,
  type ParentCandidate,
} from './org-tree';

const province: ParentCandidate = { id: 'p', kind: 'provincial_committee', path: '/p/', closed: false };
const district: ParentCandidate = { id: 'd', kind: 'district_committee', path: '/p/d/', closed: false };
const ward: ParentCandidate = { id: 'w', kind: 'grassroots_committee', path: '/p/d/w/', closed: false };
const cell: ParentCandidate = { id: 'c', kind: 'cell', path: '/p/d/w/c/', closed: false };

describe('allowed parents: the tree the project models (org.ts; DOMAIN.md; [R10])', () => {
  it('should list the parent kinds of each kind, a provincial committee being a root', () => {
    expect(ALLOWED_PARENT_KINDS).toEqual({
      provincial_committee: [],
      district_committee: ['provincial_committee'],
      grassroots_committee: ['provincial_committee', 'district_committee'],
      cell: ['grassroots_committee'],
    });
  });

  it('should accept a cell under a grassroots committee and a grassroots committee under a province [R10]', () => {
    expect(parentProblem({ kind: 'cell', parent: ward })).toBeUndefined();
    expect(parentProblem({ kind: 'grassroots_committee', parent: province })).toBeUndefined();
    expect(parentProblem({ kind: 'provincial_committee', parent: null })).toBeUndefined();
  });

  it('should refuse a cell directly under a province, naming parentId and the allowed kind', () => {
    expect(parentProblem({ kind: 'cell', parent: province })).toEqual({
      field: 'parentId',
      message: 'chi bộ chỉ trực thuộc đảng ủy cơ sở, không trực thuộc tỉnh ủy, thành ủy',
    });
  });

  it('should refuse a cell under a cell and a province under anything', () => {
    expect(parentProblem({ kind: 'cell', parent: cell })?.field).toBe('parentId');
    expect(parentProblem({ kind: 'provincial_committee', parent: province })).toEqual({
      field: 'parentId',
      message: 'tỉnh ủy, thành ủy là cấp cao nhất, không trực thuộc tổ chức nào',
    });
  });

  it('should require a parent for every kind but the provincial committee', () => {
    expect(parentProblem({ kind: 'grassroots_committee', parent: null })).toEqual({
      field: 'parentId',
      message: 'bắt buộc: đảng ủy cơ sở phải trực thuộc tỉnh ủy, thành ủy hoặc huyện ủy, quận ủy',
    });
  });

  it('should refuse new organisations under a district committee: no district level since 2025 [R10]', () => {
    expect(parentProblem({ kind: 'grassroots_committee', parent: district })).toEqual({
      field: 'parentId',
      message: 'huyện ủy, quận ủy: cấp huyện không còn từ năm 2025, không nhận thêm tổ chức trực thuộc',
    });
    expect(creatableKindProblem('district_committee')).toEqual({
      field: 'kind',
      message: 'cấp huyện không còn từ năm 2025; không tạo mới huyện ủy, quận ủy',
    });
    expect(creatableKindProblem('cell')).toBeUndefined();
  });

  it('should refuse a closed parent', () => {
    expect(parentProblem({ kind: 'cell', parent: { ...ward, closed: true } })).toEqual({
      field: 'parentId',
      message: 'tổ chức cấp trên đã giải thể (đóng)',
    });
  });

  it('should refuse a cycle: a move under the organisation itself or one of its descendants (issue 9 §1)', () => {
    const cycle = {
      field: 'parentId',
      message: 'không thể chuyển một tổ chức vào chính nó hoặc vào tổ chức cấp dưới của nó',
    };
    const otherWard: ParentCandidate = { id: 'w2', kind: 'grassroots_committee', path: '/p/w/w2/', closed: false };
    expect(parentProblem({ kind: 'grassroots_committee', parent: ward, subjectPath: ward.path })).toEqual(cycle);
    expect(parentProblem({ kind: 'grassroots_committee', parent: otherWard, subjectPath: '/p/w/' })).toEqual(cycle);
    // A sibling whose id merely starts like the subject is not below it: paths end with '/'.
    expect(parentProblem({ kind: 'cell', parent: { ...ward, path: '/p/d/w2/' }, subjectPath: '/p/d/w/c/' })).toBe(
      undefined,
    );
  });
});

describe('materialised paths of a moved subtree (issue 9 §1)', () => {
  it('should read the ids of a path root first', () => {
    expect(pathIds('/p/d/w/c/')).toEqual(['p', 'd', 'w', 'c']);
  });

  it('should replace the moved root prefix and leave other paths alone', () => {
    expect(rebasePath({ path: '/p/d/w/c/', from: '/p/d/w/', to: '/p/w/' })).toBe('/p/w/c/');
    expect(rebasePath({ path: '/p/d/w/', from: '/p/d/w/', to: '/p/w/' })).toBe('/p/w/');
    expect(rebasePath({ path: '/p/d/x/', from: '/p/d/w/', to: '/p/w/' })).toBe('/p/d/x/');
  });

  it('should tell a path at or below another by whole segments', () => {
    expect(isAtOrBelow({ path: '/p/d/w/c/', ancestorPath: '/p/d/' })).toBe(true);
    expect(isAtOrBelow({ path: '/p/d2/', ancestorPath: '/p/d/' })).toBe(false);
  });
});

describe('open tasks follow a moved case by level above its cell (caseOrgChain [seed:000]; issue 9 §1)', () => {
  // Hoàng Liệt ward (w) moves from the Hoàng Mai district (d) straight under Hà Nội (p) [R10].
  const oldCasePath = '/p/d/w/c/';
  const newCasePath = '/p/w/c/';

  it('should move a task of the old competent committee (the grandparent) to the new grandparent', () => {
    expect(relocatedAncestor({ oldCasePath, newCasePath, assigneeOrgId: 'd' })).toBe('p');
  });

  it('should leave tasks of the cell and of the moved ward where they are', () => {
    expect(relocatedAncestor({ oldCasePath, newCasePath, assigneeOrgId: 'c' })).toBeUndefined();
    expect(relocatedAncestor({ oldCasePath, newCasePath, assigneeOrgId: 'w' })).toBeUndefined();
  });

  it('should leave a task of an organisation off the case path (a residence cell elsewhere) alone', () => {
    expect(relocatedAncestor({ oldCasePath, newCasePath, assigneeOrgId: 'r' })).toBeUndefined();
  });

  it('should keep an ancestor that is still on the new path (the province above both places)', () => {
    expect(relocatedAncestor({ oldCasePath, newCasePath, assigneeOrgId: 'p' })).toBeUndefined();
  });

  it('should move a cell to another ward: the old ward task goes to the new ward, one level up', () => {
    expect(relocatedAncestor({ oldCasePath, newCasePath: '/p/d/w2/c/', assigneeOrgId: 'w' })).toBe('w2');
  });

  it('should answer null when the new path has no organisation at that level', () => {
    expect(relocatedAncestor({ oldCasePath: '/p/d/w/c/', newCasePath: '/q/c/', assigneeOrgId: 'p' })).toBeNull();
  });
});

describe("supervisedChain: a supervisor's drill-down starts at the supervised organisation (issue 10, supervisor's dashboard)", () => {
  it('should start at the highest supervised organisation holding the path and end at its own', () => {
    expect(supervisedChain({ path: '/p/d/w/c/', supervisedPaths: ['/p/'] })).toEqual(['p', 'd', 'w', 'c']);
    expect(supervisedChain({ path: '/p/d/w/c/', supervisedPaths: ['/p/d/w/', '/p/d/'] })).toEqual(['d', 'w', 'c']);
    expect(supervisedChain({ path: '/p/d/', supervisedPaths: ['/p/d/'] })).toEqual(['d']);
  });

  it('should give the whole path when no supervised organisation holds it', () => {
    expect(supervisedChain({ path: '/p/d/', supervisedPaths: ['/p/x/'] })).toEqual(['p', 'd']);
  });
});

describe('lowestCommonOrg: where one audit row of several organisations is read (issue 9 §7)', () => {
  it('is the organisation itself for one path, and for the same path twice', () => {
    expect(lowestCommonOrg(['/p/d/w/c/'])).toBe('c');
    expect(lowestCommonOrg(['/p/d/w/c/', '/p/d/w/c/'])).toBe('c');
  });
  it('is the lowest ancestor of cells of different wards of one district', () => {
    expect(lowestCommonOrg(['/p/d/w1/c1/', '/p/d/w2/c2/', '/p/d/w1/c3/'])).toBe('d');
  });
  it('is the ancestor itself when one path holds the others', () => {
    expect(lowestCommonOrg(['/p/d/w/c/', '/p/d/'])).toBe('d');
  });
  it('is null for no paths and for paths under different roots', () => {
    expect(lowestCommonOrg([])).toBeNull();
    expect(lowestCommonOrg(['/p/d/', '/q/e/'])).toBeNull();
  });
});
