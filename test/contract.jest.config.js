// The OpenAPI contract job (issue 11): Schemathesis against the whole real system (Temporal dev server, PostgreSQL
// with the demo data, a worker and the API), as an administrator and as a cell secretary.
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'contract',
  rootDir: __dirname,
  testMatch: ['<rootDir>/contract/**/*.contract-spec.ts'],
  globalSetup: '<rootDir>/../libs/testing/src/global-setup.ts',
  setupFiles: ['<rootDir>/../libs/testing/src/jest-setup.ts'],
  setupFilesAfterEnv: ['<rootDir>/../libs/testing/src/jest-after-env.ts'],
  globalTeardown: '<rootDir>/../libs/testing/src/global-teardown.ts',
  testTimeout: 360000,
};
