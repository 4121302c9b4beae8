import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Production sources of this library (specs and fixtures may use Node). */
function productionSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return productionSources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.fixture.ts') ? [path] : [];
  });
}

/**
 * The one package libs/domain may import, and only in its one wrapper: the Vietnamese lunar calendar (issue 9 §5).
 * Vetted: plain JavaScript with no Node built-in, no Date.now(), no randomness; it builds dates only as
 * `new Date(y, m, d)` and reads them back with the local getters, so its answers do not depend on the process's zone.
 */
const ALLOWED_PACKAGE_IMPORTS: Record<string, RegExp> = {
  'calendar/lunar.ts': /^import \{ LunarDate \} from '@nghiavuive\/lunar_date_vi';$/m,
};

const files = productionSources(__dirname).map((path) => {
  const file = relative(__dirname, path);
  const text = readFileSync(path, 'utf8');
  const allowed = ALLOWED_PACKAGE_IMPORTS[file];
  return { path: file, text: allowed ? text.replace(allowed, '') : text };
});

describe('workflow safety of libs/domain (imported by Temporal workflow code)', () => {
  it('should find the production sources when scanning', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('should find each allowed package import where it is allowed, so that the allowance cannot go stale', () => {
    for (const [file, line] of Object.entries(ALLOWED_PACKAGE_IMPORTS))
      expect(readFileSync(join(__dirname, file), 'utf8')).toMatch(line);
  });

  it.each([
    ['a non-relative import (Node built-in or package)', /\bfrom\s+'(?!\.{1,2}\/)[^']*'/],
    ['require()', /\brequire\(/],
    ['Date.now()', /\bDate\.now\b/],
    ['new Date() without argument', /new\s+Date\(\s*\)/],
    ['randomness', /Math\.random|crypto\./],
    ['process access', /(?<![.\w])process\./],
    ['timers', /\bset(Timeout|Interval|Immediate)\(/],
    ['an interface declaration (type over interface)', /^\s*(export\s+)?interface\s/m],
    ['an explicit any', /:\s*any\b|<any>|as any\b/],
    ['a default export', /export\s+default\b/],
  ])('should contain no %s when scanning every source file', (_label, pattern) => {
    expect(files.filter((file) => pattern.test(file.text)).map((file) => file.path)).toEqual([]);
  });

  it('should store Vietnamese text in Unicode NFC when scanning every source file', () => {
    expect(files.filter((file) => file.text !== file.text.normalize('NFC')).map((file) => file.path)).toEqual([]);
  });

  it('should name files in kebab-case when scanning every source file', () => {
    expect(
      files
        .filter((file) => !/^[a-z0-9-]+(\.[a-z]+)?\.ts$/.test(file.path.split('/').pop() ?? ''))
        .map((file) => file.path),
    ).toEqual([]);
  });
});
