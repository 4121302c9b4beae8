// Shared Jest settings: SWC transpiles TypeScript (with decorator metadata for NestJS and
// TypeORM); the tsconfig path aliases are mapped to sources so no build step is needed.
const path = require('node:path');
const root = __dirname;
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { swcrc: false, ...require('./swc-options.js') }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@partyflow/domain$': path.join(root, 'libs/domain/src/index.ts'),
    '^@partyflow/contracts$': path.join(root, 'libs/contracts/src/index.ts'),
    '^@partyflow/persistence$': path.join(root, 'libs/persistence/src/index.ts'),
    '^@partyflow/audit$': path.join(root, 'libs/audit/src/index.ts'),
    '^@partyflow/documents$': path.join(root, 'libs/documents/src/index.ts'),
    '^@partyflow/activities$': path.join(root, 'activities/src/index.ts'),
    '^@partyflow/workflows$': path.join(root, 'workflows/src/index.ts'),
    '^@partyflow/config$': path.join(root, 'libs/config/src/index.ts'),
    '^@partyflow/observability$': path.join(root, 'libs/observability/src/index.ts'),
    '^@partyflow/tracing$': path.join(root, 'libs/tracing/src/index.ts'),
    '^@partyflow/testing$': path.join(root, 'libs/testing/src/index.ts'),
    // Apart from the index: playwright-core takes about 0.3 s to load, which no other test should pay.
    '^@partyflow/testing/browser$': path.join(root, 'libs/testing/src/browser.ts'),
    // Reading generated documents back (issue 14 §7): jszip and a child process, apart from the index too.
    '^@partyflow/testing/documents$': path.join(root, 'libs/testing/src/documents.ts'),
  },
};
