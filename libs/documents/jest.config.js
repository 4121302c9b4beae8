module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'documents',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // Each test renders a PDF (the font embedded) and reads it back with pdf.js in a child process: seconds apiece
  // on a loaded 2-core machine, beyond Jest's default 5 s.
  testTimeout: 30000,
};
