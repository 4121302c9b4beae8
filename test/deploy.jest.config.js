// The deployment files (issue 12 §3): static checks of infra/docker, infra/compose and infra/k8s, and the migrate
// step and first administrator's command run as the Job runs them, on a real PostgreSQL and Temporal dev server.
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'deploy',
  rootDir: __dirname,
  testMatch: ['<rootDir>/deploy/**/*.spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/../libs/testing/src/jest-after-env.ts'],
  testTimeout: 180000,
};
