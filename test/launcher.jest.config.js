// The launchers (issue 12 §1): start:demo under kill -9 and Ctrl-C, and the embedded PostgreSQL in a 0700 folder.
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'launcher',
  rootDir: __dirname,
  testMatch: ['<rootDir>/launcher/**/*.launcher-spec.ts'],
  setupFiles: ['<rootDir>/../libs/testing/src/jest-setup.ts'],
  testTimeout: 400000,
};
