/**
 * The key a name is searched by (issue 9 §2): without diacritics, 'đ' read as 'd', lower case,
 * single spaces, so `nguyen thu trang` finds `Nguyễn Thu Trang`. The database computes the same
 * key with the SQL function `member_search_key` (migration 1764633600300, which maps the Vietnamese
 * letters); a spec in libs/persistence checks that both agree on every Vietnamese letter.
 */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** `text` as a LIKE pattern that matches it literally (`%`, `_` and `\` escaped with `\`). */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
