// Runs TypeScript sources directly: SWC transpiles (with decorator metadata for NestJS and
// TypeORM) and the tsconfig path aliases resolve to sources. Used as `node -r infra/scripts/register.js`.
process.env.SWC_NODE_PROJECT =
  process.env.SWC_NODE_PROJECT || require('node:path').join(__dirname, '../../tsconfig.json');
require('@swc-node/register');
