module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'workflows',
  rootDir: __dirname,
  // The worker's own specs (apps/worker has no test project) run here, beside the workflows it loads.
  roots: ['<rootDir>', '<rootDir>/../apps/worker'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/../apps/worker/src/**/*.spec.ts'],
  // The history recorder runs only when asked (infra/scripts/record-histories.sh), never in CI.
  testPathIgnorePatterns:
    process.env.PARTYFLOW_RECORD_HISTORIES === '1' ? [] : ['/src/replay/record-histories\\.spec\\.ts$'],
  globalSetup: '<rootDir>/../libs/testing/src/global-setup.ts',
  setupFiles: ['<rootDir>/../libs/testing/src/jest-setup.ts'],
  globalTeardown: '<rootDir>/../libs/testing/src/global-teardown.ts',
  testTimeout: 180000,
};
