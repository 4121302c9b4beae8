module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.ts',
  setupFiles: ['<rootDir>/support/jest-setup.ts'],
  setupFilesAfterEnv: ['<rootDir>/support/jest-after-env.ts'],
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testTimeout: 180000,
};
