/**
 * The cluster run (issue 12 §2): a subset of the e2e suite covering every process — admission, screening with
 * transfers, inspections — against the Temporal server built from go.temporal.io/server on PostgreSQL, with two
 * workers and two API instances behind a round-robin proxy (libs/testing/src/cluster.ts, startSystem).
 */
const e2e = require('./jest.config.js');

module.exports = {
  ...e2e,
  displayName: 'cluster',
  testMatch: [
    '<rootDir>/e2e/admission.e2e-spec.ts',
    '<rootDir>/e2e/screening.e2e-spec.ts',
    '<rootDir>/e2e/inspections.e2e-spec.ts',
    '<rootDir>/e2e/search-attributes.e2e-spec.ts',
  ],
  globalSetup: '<rootDir>/cluster.global-setup.ts',
};
