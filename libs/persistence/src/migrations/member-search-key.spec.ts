import { searchKey } from '@partyflow/domain';
import { SEARCH_KEY_FROM, SEARCH_KEY_TO } from './1764633600300-member-records';

/**
 * Issue 9 §2: names are searched without diacritics by the SQL function `member_search_key`
 * (migration 1764633600300, a `translate` over the Vietnamese letters, then lower case); the query
 * side computes `searchKey` of libs/domain. Both must give the same key for every Vietnamese letter.
 */
describe('member_search_key and searchKey agree', () => {
  const from = [...SEARCH_KEY_FROM];
  const to = [...SEARCH_KEY_TO];

  it('should map 67 lower-case and 67 upper-case Vietnamese letters, one to one, all in NFC', () => {
    expect(from).toHaveLength(134);
    expect(to).toHaveLength(134);
    expect(new Set(from).size).toBe(134);
    expect(SEARCH_KEY_FROM).toBe(SEARCH_KEY_FROM.normalize('NFC'));
  });

  it.each(from.map((letter, i) => [letter, to[i]]))('should search %s as %s', (letter, plain) => {
    expect(searchKey(letter)).toBe(plain.toLowerCase());
  });
});
