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
// Wall time per job (infra/scripts/test-all.sh writes one "job<TAB>seconds<TAB>exit code" line each, and a
// "whole suite" line: the jobs run side by side, so the suite takes less than their sum).
const times = path.join(dir, 'wall-times.tsv');
if (fs.existsSync(times)) {
  const rows = fs
    .readFileSync(times, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
  const jobs = rows.filter(([job]) => job !== 'whole suite');
  const suite = rows.find(([job]) => job === 'whole suite');
  const sum = jobs.reduce((total, [, seconds]) => total + Number(seconds), 0);
  const width = Math.max('sum of the jobs'.length, ...jobs.map(([job]) => job.length));
  const format = (seconds) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  const line = (label, seconds, rc) =>
    console.log(
      `  ${label.padEnd(width)}  ${format(Number(seconds)).padStart(6)}${rc && rc !== '0' ? `  (exit ${rc})` : ''}`,
    );
  console.log('wall time per job (min:s):');
  for (const [job, seconds, rc] of jobs) line(job, seconds, rc);
  line('sum of the jobs', sum);
  if (suite) line('whole suite', suite[1]);
}
console.log(`${passed} passed, ${failed + suitesFailed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed + suitesFailed > 0 || passed === 0 ? 1 : 0);
