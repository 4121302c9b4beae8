module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/../libs/testing/src/global-setup.ts',
  setupFiles: ['<rootDir>/../libs/testing/src/jest-setup.ts'],
  setupFilesAfterEnv: ['<rootDir>/../libs/testing/src/jest-after-env.ts'],
  globalTeardown: '<rootDir>/../libs/testing/src/global-teardown.ts',
  testTimeout: 180000,
};
