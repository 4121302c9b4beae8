// For a browser test that failed, prints what its pages last did (libs/testing/src/browser.ts WebUser writes it when
// the test closes the page): the page's address, the buttons on screen, its last requests and errors. A failure on CI
// then says what the page showed, not only which locator timed out.
const { existsSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const path = require('node:path');

const DIR = path.join(__dirname, '..', 'dist', 'test-results', 'browser-diagnostics');
const diagnosticsName = (testName) => testName.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 150);

class BrowserFailuresReporter {
  onRunStart() {
    rmSync(DIR, { recursive: true, force: true });
  }

  onTestCaseResult(_test, result) {
    if (result.status !== 'failed' || !existsSync(DIR)) return;
    const prefix = `${diagnosticsName(result.fullName)}-`;
    for (const file of readdirSync(DIR).filter((f) => f.startsWith(prefix) && f.endsWith('.txt'))) {
      process.stderr.write(`\n[browser] what the page showed when "${result.fullName}" failed (${file}):\n`);
      process.stderr.write(readFileSync(path.join(DIR, file), 'utf8').replace(/^/gm, '  | '));
    }
  }
}
module.exports = BrowserFailuresReporter;
