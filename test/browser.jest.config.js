// The browser tests (issue 10): Debian's Chromium, driven by playwright-core, on the whole real system (Temporal dev
// server, PostgreSQL with the demo data, a worker and the API serving the built page at /app).
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'browser',
  rootDir: __dirname,
  testMatch: ['<rootDir>/browser/**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/../libs/testing/src/global-setup.ts',
  setupFiles: ['<rootDir>/../libs/testing/src/jest-setup.ts'],
  setupFilesAfterEnv: ['<rootDir>/../libs/testing/src/jest-after-env.ts'],
  globalTeardown: '<rootDir>/../libs/testing/src/global-teardown.ts',
  testTimeout: 240000,
  reporters: ['default', '<rootDir>/browser-failures.reporter.js'],
};
