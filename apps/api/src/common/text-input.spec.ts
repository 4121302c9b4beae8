import { findBadText, textProblem } from './text-input';

describe('the edge rule for request text (issue 11 §9)', () => {
  it('should accept Vietnamese text with diacritics, emoji and surrogate pairs', () => {
    expect(textProblem('Nguyễn Thị Ánh 👍 𠀀')).toBeNull();
    expect(findBadText({ username: 'quantri', data: { items: [{ name: 'Đặng Văn Ơn' }] } })).toBeNull();
  });

  it('should name the field of a NUL in a login username (issue 11 §9)', () => {
    expect(findBadText({ username: 'quantri\u0000', password: 'x' })).toEqual({
      field: 'username',
      message: 'chứa ký tự NUL (U+0000), không được phép',
    });
  });

  it('should name nested fields and array items as fromZodError does, and the query under query. (issue 11 §9)', () => {
    expect(findBadText({ data: { verifiedPersons: [{ fullName: 'a' }, { fullName: 'b\u0000' }] } })?.field).toBe(
      'data.verifiedPersons.1.fullName',
    );
    expect(findBadText({ q: 'Nguy\u0000' }, ['query'])?.field).toBe('query.q');
    expect(findBadText('\u0000')?.field).toBe('body');
  });

  it('should refuse a lone surrogate (it would be stored as U+FFFD), and a NUL in an object key', () => {
    expect(findBadText({ comment: 'x\ud800y' })).toEqual({
      field: 'comment',
      message: 'không phải văn bản Unicode hợp lệ (có nửa cặp thay thế UTF-16 đơn lẻ)',
    });
    expect(findBadText({ comment: '\udc00' })?.field).toBe('comment');
    expect(findBadText({ data: { 'a\u0000b': 1 } })?.field).toBe('data.a\\u0000b');
  });
});
