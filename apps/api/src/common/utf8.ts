import { isUtf8 } from 'node:buffer';

/**
 * Issue 11 §9: uploaded text must be UTF-8, and without NUL (PostgreSQL cannot store U+0000); anything
 * else is refused where it is, never decoded to U+FFFD ("Nguy\xean" from a Latin-1 file) and stored.
 */
export type BadByte = { offset: number; reason: string };

export const NOT_UTF8 = 'không phải văn bản UTF-8 hợp lệ (tệp cần lưu với bảng mã UTF-8)';
export const NUL_CHAR = 'chứa ký tự NUL (U+0000), không được phép';

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    if (i + need >= n) return i;
    if (buf[i + 1] < lo || buf[i + 1] > hi) return i;
    for (let k = 2; k <= need; k++) if (buf[i + k] < 0x80 || buf[i + k] > 0xbf) return i;
    i += need + 1;
  }
  return -1;
}

/** The first byte of `buf` that is not acceptable text (not UTF-8, or NUL), if any. */
export function firstBadByte(buf: Uint8Array): BadByte | null {
  const nul = buf.indexOf(0);
  const invalid = isUtf8(buf) ? -1 : firstInvalidUtf8(buf);
  if (invalid >= 0 && (nul < 0 || invalid < nul)) return { offset: invalid, reason: NOT_UTF8 };
  return nul >= 0 ? { offset: nul, reason: NUL_CHAR } : null;
}

/** How many bytes at the end of `buf` begin a UTF-8 sequence that the next chunk may complete (0–3). */
function incompleteTail(buf: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if (b < 0x80) return 0;
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return back < length ? back : 0;
    }
  }
  return 0;
}

/**
 * Checks a stream of chunks as one text: a character split between two chunks is carried over to the
 * next. `push` answers the bytes complete so far (to decode) and the first bad byte among them.
 */
export class Utf8Scanner {
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): { bytes: Buffer; bad: BadByte | null } {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const keep = incompleteTail(data);
    const bytes = data.subarray(0, data.length - keep);
    this.carry = Buffer.from(data.subarray(data.length - keep));
    return { bytes, bad: firstBadByte(bytes) };
  }

  /** The end of the stream: a sequence still incomplete is bad. */
  end(): { bytes: Buffer; bad: BadByte | null } {
    const bytes = this.carry;
    this.carry = Buffer.alloc(0);
    return { bytes, bad: bytes.length ? { offset: 0, reason: NOT_UTF8 } : null };
  }
}
