import { columnLetter, headerKey, matchHeaders, type ImportColumnSpec } from './import-headers';

// Issue 9 §4: Vietnamese column headers are accepted beside the English ones, matched after NFC,
// case and diacritics folding.
const SPECS: ImportColumnSpec[] = [
  { name: 'full_name', aliases: ['Họ và tên', 'Họ tên'], required: true },
  { name: 'birth_date', aliases: ['Ngày sinh'], required: true },
  { name: 'national_id', aliases: ['Số CCCD', 'Số căn cước công dân'], required: true },
  { name: 'residence_cell', aliases: ['Chi bộ nơi cư trú'], required: false },
];

describe('headerKey (issue 9 §4: NFC + case + diacritics folding)', () => {
  it('folds diacritics, đ, case, separators and the required mark', () => {
    expect(headerKey('Họ và tên')).toBe('ho va ten');
    expect(headerKey('  HỌ   VÀ TÊN (*) ')).toBe('ho va ten');
    expect(headerKey('Số CCCD*')).toBe('so cccd');
    expect(headerKey('full_name')).toBe('full name');
    expect(headerKey('Full-Name')).toBe('full name');
    expect(headerKey('Đảng viên')).toBe('dang vien');
  });

  it('reads the decomposed (NFD) spelling the same as the precomposed one', () => {
    const nfd = 'Ngày sinh'.normalize('NFD');
    expect(nfd).not.toBe('Ngày sinh');
    expect(headerKey(nfd)).toBe(headerKey('Ngày sinh'));
  });
});

describe('matchHeaders (issue 9 §4)', () => {
  it('matches Vietnamese, English and unaccented headers to the columns, an empty header to null', () => {
    expect(matchHeaders(['Họ và tên', 'birth_date', 'so cccd', ''], SPECS)).toEqual({
      ok: true,
      columns: ['full_name', 'birth_date', 'national_id', null],
    });
    expect(matchHeaders(['HỌ TÊN', 'NGÀY SINH', 'Số căn cước công dân', 'Chi bộ nơi cư trú'], SPECS)).toEqual({
      ok: true,
      columns: ['full_name', 'birth_date', 'national_id', 'residence_cell'],
    });
  });

  it('refuses an unknown header, naming it and its position', () => {
    const m = matchHeaders(['Họ và tên', 'Ngày sinh', 'Số CCCD', 'Quê quán'], SPECS);
    expect(m).toEqual({ ok: false, index: 3, header: 'Quê quán', message: expect.stringMatching(/^cột không có/) });
  });

  it('refuses two headers naming the same column', () => {
    expect(matchHeaders(['Họ và tên', 'full_name', 'Ngày sinh', 'Số CCCD'], SPECS)).toEqual({
      ok: false,
      index: 1,
      header: 'full_name',
      message: "trùng cột full_name với cột 'Họ và tên'",
    });
  });

  it('refuses a missing required column, naming the column', () => {
    expect(matchHeaders(['Họ và tên', 'Ngày sinh'], SPECS)).toEqual({
      ok: false,
      index: -1,
      header: 'national_id',
      message: 'thiếu cột bắt buộc',
    });
  });
});

describe('columnLetter', () => {
  it('names spreadsheet columns', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});
