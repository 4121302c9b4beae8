module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'workflows',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  globalSetup: '<rootDir>/../test/support/global-setup.ts',
  globalTeardown: '<rootDir>/../test/support/global-teardown.ts',
  testTimeout: 180000,
};
