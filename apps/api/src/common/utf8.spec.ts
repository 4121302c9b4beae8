import { firstBadByte, firstInvalidUtf8, NOT_UTF8, NUL_CHAR, Utf8Scanner } from './utf8';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('UTF-8 checks of uploaded text (issue 11 §9)', () => {
  it('should accept Vietnamese UTF-8 text, including 4-byte characters', () => {
    expect(firstInvalidUtf8(bytes('Nguyễn Thị Ánh, Đặng 𠀀'))).toBe(-1);
    expect(firstBadByte(bytes('Nguyễn Thị Ánh'))).toBeNull();
  });

  it('should place the first byte of Latin-1 "Nguy\\xean" (issue 11 §9)', () => {
    expect(firstInvalidUtf8(bytes('Nguy', [0xea], 'n'))).toBe(4);
    expect(firstBadByte(bytes('Nguy', [0xea], 'n'))).toEqual({ offset: 4, reason: NOT_UTF8 });
  });

  it('should refuse overlong forms, surrogates, code points above U+10FFFF and a truncated sequence (RFC 3629)', () => {
    expect(firstInvalidUtf8(bytes('a', [0xc0, 0xaf]))).toBe(1); // overlong '/'
    expect(firstInvalidUtf8(bytes('ab', [0xe0, 0x80, 0xaf]))).toBe(2); // overlong 3-byte
    expect(firstInvalidUtf8(bytes([0xed, 0xa0, 0x80]))).toBe(0); // U+D800
    expect(firstInvalidUtf8(bytes('x', [0xf4, 0x90, 0x80, 0x80]))).toBe(1); // U+110000
    expect(firstInvalidUtf8(bytes('xy', [0xe1, 0xba]))).toBe(2); // 'ạ' cut short
    expect(firstInvalidUtf8(bytes([0x80]))).toBe(0); // a lone continuation byte
  });

  it('should refuse a NUL, PostgreSQL cannot store it, at whichever comes first (issue 11 §9)', () => {
    expect(firstBadByte(bytes('ab', [0], 'c'))).toEqual({ offset: 2, reason: NUL_CHAR });
    expect(firstBadByte(bytes('a', [0xff], 'b', [0]))).toEqual({ offset: 1, reason: NOT_UTF8 });
    expect(firstBadByte(bytes('a', [0], 'b', [0xff]))).toEqual({ offset: 1, reason: NUL_CHAR });
  });

  it('should carry a character split between two chunks over to the next, and refuse one the stream ends inside', () => {
    const text = bytes('Nguyễn'); // 'ễ' is 3 bytes: e1 bb 85
    const scanner = new Utf8Scanner();
    const first = scanner.push(text.subarray(0, 5));
    expect(first.bad).toBeNull();
    expect(first.bytes.toString('utf8')).toBe('Nguy');
    const second = scanner.push(text.subarray(5));
    expect(second.bad).toBeNull();
    expect(second.bytes.toString('utf8')).toBe('ễn');
    expect(scanner.end()).toEqual({ bytes: Buffer.alloc(0), bad: null });

    const cut = new Utf8Scanner();
    expect(cut.push(text.subarray(0, 5)).bad).toBeNull();
    expect(cut.end().bad).toEqual({ offset: 0, reason: NOT_UTF8 });
  });

  it('should place a bad byte within the chunk it is in', () => {
    const scanner = new Utf8Scanner();
    expect(scanner.push(bytes('abc')).bad).toBeNull();
    expect(scanner.push(bytes('de', [0xea], 'f')).bad).toEqual({ offset: 2, reason: NOT_UTF8 });
  });
});
