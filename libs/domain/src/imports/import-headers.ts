/**
 * Spreadsheet column headers (issue 9 §4): a committee's files come from the national member
 * database software or are typed by hand, with Vietnamese headers ("Họ và tên", "Ngày sinh",
 * "Số CCCD") or the English column names (full_name, birth_date, national_id). A header matches a
 * column when both read the same after NFC, lower case, diacritics folded ('đ' as 'd'), and
 * '_', '-', '.' and runs of spaces read as one space; a trailing '(*)' or '*' (the mark of a
 * required column in many templates) is ignored.
 */
export type ImportColumnSpec = {
  /** The English column name, as the README and error messages name it. */
  name: string;
  /** Other headers accepted for it (Vietnamese first). */
  aliases: readonly string[];
  required: boolean;
};

export function headerKey(text: string): string {
  return text
    .normalize('NFC')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\(\s*\*\s*\)|\*/g, ' ')
    .replace(/[_\-.\s]+/g, ' ')
    .trim();
}

export type HeaderMatch =
  { ok: true; columns: Array<string | null> } | { ok: false; index: number; header: string; message: string };

/**
 * Which column each header names (null for an empty header, whose cells must stay empty). Refused,
 * naming the header (its 0-based index) when: a header names no known column, two headers name the
 * same column, or a required column is missing (index -1, header = the column's name).
 */
export function matchHeaders(header: readonly string[], specs: readonly ImportColumnSpec[]): HeaderMatch {
  const byKey = new Map<string, string>();
  for (const s of specs) for (const h of [s.name, ...s.aliases]) byKey.set(headerKey(h), s.name);
  const columns: Array<string | null> = [];
  const seen = new Map<string, number>();
  for (const [index, raw] of header.entries()) {
    const key = headerKey(raw);
    if (key === '') {
      columns.push(null);
      continue;
    }
    const name = byKey.get(key);
    if (!name) {
      const known = specs.map((s) => `${s.name} (${s.aliases[0] ?? s.name})`).join(', ');
      return { ok: false, index, header: raw.trim(), message: `cột không có trong mẫu; các cột: ${known}` };
    }
    const first = seen.get(name);
    if (first !== undefined)
      return { ok: false, index, header: raw.trim(), message: `trùng cột ${name} với cột '${header[first].trim()}'` };
    seen.set(name, index);
    columns.push(name);
  }
  const missing = specs.find((s) => s.required && !seen.has(s.name));
  if (missing) return { ok: false, index: -1, header: missing.name, message: 'thiếu cột bắt buộc' };
  return { ok: true, columns };
}

/** The 1-based spreadsheet column letter of a 0-based index (0 → A, 26 → AA), to name a cell. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
