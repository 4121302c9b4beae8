import { buildOverdueTree, daysOverdue, formatRate, orgKeys, type OrgStep, type SupervisedTask } from './overdue-tree';

const org = (id: string, name: string, kind: OrgStep['kind']): OrgStep => ({ id, code: id, name, kind });
const hn = org('hn', 'Đảng bộ Thành phố Hà Nội', 'provincial_committee');
const hm = org('hm', 'Đảng bộ Quận Hoàng Mai', 'district_committee');
const lb = org('lb', 'Đảng bộ Quận Long Biên', 'district_committee');
const hl = org('hl', 'Đảng bộ phường Hoàng Liệt', 'grassroots_committee');
const tdp5 = org('tdp5', 'Chi bộ Tổ dân phố số 5', 'cell');

const task = (id: string, dueAt: string, orgs: OrgStep[]) => ({ id, dueAt, orgs }) as unknown as SupervisedTask;

describe("the overdue tree of a supervisor's dashboard (issue 10: province → district → grassroots → cell)", () => {
  const a = task('a', '2026-11-20T02:00:00Z', [hn, hm, hl, tdp5]);
  const b = task('b', '2026-11-10T02:00:00Z', [hn, hm, hl, tdp5]);
  const c = task('c', '2026-11-15T02:00:00Z', [hn, lb]);
  const d = task('d', '2026-11-16T02:00:00Z', [hn, hm, hl]);
  const tree = buildOverdueTree([a, b, c, d]);

  it('should count the tasks below each organisation, districts by name, tasks after sub-organisations, oldest first', () => {
    const shape = (rows: ReturnType<typeof buildOverdueTree>): unknown[] =>
      rows.map((r) => (r.kind === 'org' ? [r.org.name, r.count, shape(r.children)] : r.task.id));
    expect(shape(tree)).toEqual([
      [
        'Đảng bộ Thành phố Hà Nội',
        4,
        [
          [
            'Đảng bộ Quận Hoàng Mai',
            3,
            [['Đảng bộ phường Hoàng Liệt', 3, [['Chi bộ Tổ dân phố số 5', 2, ['b', 'a']], 'd']]],
          ],
          ['Đảng bộ Quận Long Biên', 1, ['c']],
        ],
      ],
    ]);
    expect(orgKeys(tree)).toEqual(['hn', 'hm', 'hl', 'tdp5', 'lb']);
  });

  it('should count whole days overdue in Vietnam time and write a rate the Vietnamese way', () => {
    // Due at 23:30 on 01/12 in Vietnam; at 00:30 on 02/12 it is one day overdue, though only an hour late.
    expect(daysOverdue('2026-12-01T16:30:00Z', new Date('2026-12-01T17:30:00Z'))).toBe(1);
    expect(daysOverdue('2026-12-01T01:00:00Z', new Date('2026-12-01T10:00:00Z'))).toBe(0);
    expect([formatRate(33.3), formatRate(100), formatRate(0), formatRate(null)]).toEqual(['33,3%', '100%', '0%', '—']);
  });
});
