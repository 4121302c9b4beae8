import Module from 'node:module';

/**
 * Jest's global setup runs outside the test sandbox, so moduleNameMapper does not apply there. This maps
 * the same `@partyflow/*` names (jest.preset.js is the one list) onto their sources, so the global setup
 * can migrate the template database and bundle the workflows with the project's own code.
 * Jest still transpiles the TypeScript it requires. Import it before anything that uses an alias.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const preset = require('../../../jest.preset.js') as { moduleNameMapper: Record<string, string> };
const aliases = new Map(Object.entries(preset.moduleNameMapper).map(([pattern, file]) => [pattern.slice(1, -1), file]));

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return resolve.call(this, aliases.get(request) ?? request, ...rest);
};
