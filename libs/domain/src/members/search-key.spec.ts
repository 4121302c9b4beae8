import { escapeLikePattern, searchKey } from './search-key';

describe('searchKey (issue 9 §2: search without diacritics)', () => {
  it.each([
    ['Nguyễn Thu Trang', 'nguyen thu trang'],
    ['nguyen thu trang', 'nguyen thu trang'],
    ['  NGUYỄN   Thu\tTrang ', 'nguyen thu trang'],
    ['Đặng Đức Đạt', 'dang duc dat'],
    ['Lê Thị Hương', 'le thi huong'],
    ['Trần Minh Quân', 'tran minh quan'],
    ['Phạm Ngọc Ửng', 'pham ngoc ung'],
  ])('should give %s the key %s', (text, key) => {
    expect(searchKey(text)).toBe(key);
  });

  it('should give the same key to a name in NFD and in NFC', () => {
    expect(searchKey('Nguyễn Thu Trang'.normalize('NFD'))).toBe(searchKey('Nguyễn Thu Trang'.normalize('NFC')));
  });

  it('should escape LIKE wildcards so a query matches them literally', () => {
    expect(escapeLikePattern('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
