// Unit tests of the web page's pure code (form generation from the contracts, ordering, search): no browser needed.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'web',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
