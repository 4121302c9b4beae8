// Sums the Jest JSON reports of every project into one closing line: "N passed, N failed".
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2];
let passed = 0,
  failed = 0,
  skipped = 0,
  suitesFailed = 0;
for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  if (!f.endsWith('.json')) continue;
  const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests || 0);
  suitesFailed += r.numFailedTestSuites;
  console.log(`${path.basename(f, '.json')}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
// Wall time per project (infra/scripts/test-all.sh writes one "project<TAB>seconds<TAB>exit code" line each).
const times = path.join(dir, 'wall-times.tsv');
if (fs.existsSync(times)) {
  const rows = fs
    .readFileSync(times, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
  const total = rows.reduce((sum, [, seconds]) => sum + Number(seconds), 0);
  const width = Math.max('total'.length, ...rows.map(([project]) => project.length));
  const format = (seconds) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  console.log('wall time per project (min:s):');
  for (const [project, seconds, rc] of rows) {
    console.log(
      `  ${project.padEnd(width)}  ${format(Number(seconds)).padStart(6)}${rc === '0' ? '' : `  (exit ${rc})`}`,
    );
  }
  console.log(`  ${'total'.padEnd(width)}  ${format(total).padStart(6)}`);
}
console.log(`${passed} passed, ${failed + suitesFailed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed + suitesFailed > 0 || passed === 0 ? 1 : 0);
