// ESLint 9 flat config. Syntax-only (no type information) so `npx eslint .` stays fast.
import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// @nx/enforce-module-boundaries only reads the cached project graph (.nx/workspace-data) and silently skips
// itself when there is none (a fresh clone) or checks a stale one. Refresh it first, unless Nx runs this lint.
if (!process.env.NX_TASK_TARGET_PROJECT) await createProjectGraphAsync({ exitOnError: true });

// Project tags live in each project.json. Workflow-safe code is bundled into the Temporal
// workflow sandbox, so it may depend only on other workflow-safe projects.
const depConstraints = [
  { sourceTag: 'scope:workflow-safe', onlyDependOnLibsWithTags: ['scope:workflow-safe'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'scope:node', onlyDependOnLibsWithTags: ['*'] },
];

// Imports the Nx rule would refuse but test code needs (regular expressions over the import string; see below).
const TEST_ALLOW = [
  '^(\\.\\./)+infra/postgres/embedded-postgres$',
  '^(\\.\\./)+apps/api/src/api\\.factory$',
  '^(\\.\\./)+apps/worker/src/(worker\\.factory|workflow-bundle)$',
];

// The Nx rule only sees workspace projects; npm packages and Node built-ins are banned here.
const SANDBOX_WHY =
  'Workflow-safe code runs in the Temporal workflow sandbox, which must stay deterministic: no I/O, ORM, NestJS, ' +
  'Temporal client/worker/activity or Node modules. Import activity types with `import type` from @partyflow/contracts.';
const NODE_BUILTINS = ['fs', 'path', 'crypto', 'os', 'child_process', 'net', 'http', 'https', 'util', 'events', 'stream', 'url', 'worker_threads'];
const SANDBOX_BANNED = [
  'typeorm',
  'pg',
  'embedded-postgres',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@partyflow/persistence',
  '@partyflow/activities',
  '@partyflow/config',
  '@partyflow/testing',
  ...NODE_BUILTINS,
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', '**/.nx/**', '**/coverage/**', '**/tmp/**', '**/*.js', '**/*.cjs'],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints }],
    },
  },
  {
    files: ['workflows/src/**/*.ts', 'libs/domain/src/**/*.ts', 'libs/contracts/src/**/*.ts'],
    // Specs and the replay harness run on the worker side and are never bundled (workflows/src/index.ts does not reach them).
    ignores: ['**/*.spec.ts', 'workflows/src/replay/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: SANDBOX_BANNED.map((name) => ({ name, message: SANDBOX_WHY })),
          patterns: [
            { group: ['@nestjs/*'], message: SANDBOX_WHY },
            { group: ['node:*'], message: SANDBOX_WHY },
            { group: NODE_BUILTINS.map((name) => `${name}/*`), message: SANDBOX_WHY },
            { group: ['typeorm/*', '@partyflow/persistence/*', '@partyflow/activities/*'], message: SANDBOX_WHY },
          ],
        },
      ],
    },
  },
  {
    // Test code (Jest specs, the e2e project and its shared helpers in test/support) may boot the API and
    // worker in process and start the embedded PostgreSQL: Jest's globalSetup ignores moduleNameMapper, and
    // apps/ and infra/ have no path alias, so these few relative imports are allowed here and nowhere else.
    files: ['test/**/*.ts', '**/*.spec.ts', 'workflows/src/replay/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', { allow: TEST_ALLOW, depConstraints }] },
  },
  {
    // Specs (not helpers) may import their own project's barrel by alias: e2e specs use @partyflow/testing.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', { allow: TEST_ALLOW, depConstraints, allowCircularSelfDependency: true }] },
  },
  {
    // Workflow tests run on the worker side (time-skipping server, real activities, PostgreSQL, shared
    // helpers from @partyflow/testing, which lives in the e2e project): they may import anything.
    files: ['workflows/src/**/*.spec.ts', 'workflows/src/replay/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [...TEST_ALLOW, '^@partyflow/testing$'],
          depConstraints: [{ sourceTag: 'scope:workflow-safe', onlyDependOnLibsWithTags: ['*'] }, ...depConstraints.slice(1)],
        },
      ],
    },
  },
);
