import { matchHeaders } from '@partyflow/domain';
import { ImportRowError } from './imports.errors';
import { ORGANISATION_COLUMNS, orgKindOf, parseOrganisationRow } from './organisations.import';

// Issue 9 §4: an organisations row is valid exactly when POST /organisations would take its code, name and kind
// (the same zod fields); the first problem names the row and the column.
const row = (values: Record<string, string>, rowNumber = 2) => ({
  rowNumber,
  values,
  present: new Set(Object.keys(values)),
});
const rowError = (values: Record<string, string>, rowNumber = 2): ImportRowError => {
  try {
    parseOrganisationRow(row(values, rowNumber));
  } catch (e) {
    if (e instanceof ImportRowError) return e;
    throw e;
  }
  throw new Error('the row was accepted');
};
const good = { code: 'hn-hm-ys', name: 'Đảng ủy phường Yên Sở', kind: 'Đảng ủy cơ sở', parent_code: 'hn-hm' };

describe('organisations import headers (issue 9 §4: Vietnamese headers beside the English ones)', () => {
  it('matches the Vietnamese headers of a committee sheet to the columns, in any order', () => {
    const m = matchHeaders(
      ['Tên tổ chức', 'Mã tổ chức', 'Mã tổ chức cấp trên', 'LOẠI', 'Căn cứ'],
      ORGANISATION_COLUMNS,
    );
    expect(m).toEqual({ ok: true, columns: ['name', 'code', 'parent_code', 'kind', 'reason'] });
  });

  it('refuses a file without the parent column, naming it', () => {
    expect(matchHeaders(['Mã tổ chức', 'Tên tổ chức', 'Loại'], ORGANISATION_COLUMNS)).toEqual({
      ok: false,
      index: -1,
      header: 'parent_code',
      message: 'thiếu cột bắt buộc',
    });
  });
});

describe('organisation kinds as a sheet writes them (issue 9 §4: Vietnamese kind labels beside the codes)', () => {
  it.each([
    ['cell', 'cell'],
    ['Chi bộ', 'cell'],
    ['chi bo', 'cell'],
    ['Đảng ủy cơ sở', 'grassroots_committee'],
    ['Đảng uỷ cơ sở', 'grassroots_committee'],
    ['Đảng bộ cơ sở', 'grassroots_committee'],
    ['Tỉnh ủy, thành ủy', 'provincial_committee'],
    ['Thành ủy', 'provincial_committee'],
    ['Quận ủy', 'district_committee'],
    ['GRASSROOTS_COMMITTEE', 'grassroots_committee'],
  ])('reads %p as %p', (text, kind) => {
    expect(orgKindOf(text)).toBe(kind);
  });

  it('leaves an unknown kind as written, for the schema to refuse', () => {
    expect(orgKindOf('Chi đoàn')).toBe('Chi đoàn');
  });
});

describe('organisations import rows (issue 9 §4, the fields of POST /organisations)', () => {
  it('reads the code upper-cased, the Vietnamese kind, the parent code; no reason when the cell is empty', () => {
    expect(parseOrganisationRow(row(good, 7))).toEqual({
      rowNumber: 7,
      code: 'HN-HM-YS',
      name: 'Đảng ủy phường Yên Sở',
      kind: 'grassroots_committee',
      parentCode: 'HN-HM',
      reason: null,
    });
  });

  it('reads an empty parent code as a root (the tree rules decide whether the kind may be one)', () => {
    expect(parseOrganisationRow(row({ ...good, kind: 'Tỉnh ủy', parent_code: '' })).parentCode).toBeNull();
  });

  it('refuses a code with diacritics or spaces, naming row and column code', () => {
    const e = rowError({ ...good, code: 'HN HM Yên Sở' }, 12);
    expect([e.row, e.column, e.status, e.reason]).toEqual([
      12,
      'code',
      400,
      "'HN HM Yên Sở': chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang; tối đa 64 ký tự",
    ]);
  });

  it('refuses an unknown kind naming the column kind, and a missing name naming name', () => {
    const kind = rowError({ ...good, kind: 'Chi đoàn' });
    expect([kind.column, kind.reason]).toEqual([
      'kind',
      "'Chi đoàn': phải là một trong: provincial_committee, district_committee, grassroots_committee, cell",
    ]);
    const name = rowError({ ...good, name: '' });
    expect([name.column, name.reason]).toEqual(['name', 'bắt buộc']);
  });

  it('refuses a reason shorter than POST /organisations accepts, naming reason', () => {
    const e = rowError({ ...good, reason: 'QĐ' });
    expect([e.column, e.reason]).toEqual(['reason', "'QĐ': bắt buộc: căn cứ thành lập (số quyết định, lý do)"]);
  });
});
