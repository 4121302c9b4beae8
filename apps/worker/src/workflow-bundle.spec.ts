import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@partyflow/config';
import { DEFAULT_TIME_ZONE } from '@partyflow/domain';
import { PREBUILT_BUNDLE_PATH, workerWorkflowBundle } from './workflow-bundle';

/**
 * Issue 8 §2: the worker loads the prebuilt bundle (`nx build worker`) in production and bundles
 * from source only in development (the demo, tests).
 */
describe('the workflow code of the worker', () => {
  it.each<[Record<string, string>, 'prebuilt' | 'source']>([
    [{}, 'source'],
    [{ NODE_ENV: 'development' }, 'source'],
    [{ NODE_ENV: 'production' }, 'prebuilt'],
    [{ NODE_ENV: 'production', PARTYFLOW_WORKFLOW_BUNDLE: 'source' }, 'source'],
    [{ PARTYFLOW_WORKFLOW_BUNDLE: 'prebuilt' }, 'prebuilt'],
  ])('should choose from %j → %s', (env, expected) => {
    const { workflowBundle, workflowBundlePath } = loadConfig(env).worker;
    expect({ workflowBundle, workflowBundlePath }).toEqual({ workflowBundle: expected, workflowBundlePath: undefined });
  });

  it('should refuse an unknown choice at start, naming the setting', () => {
    expect(() => loadConfig({ PARTYFLOW_WORKFLOW_BUNDLE: 'webpack' })).toThrow(
      /^Invalid configuration PARTYFLOW_WORKFLOW_BUNDLE: /,
    );
  });

  describe('loading', () => {
    let dir: string;
    let codePath: string;
    const bundler = jest.fn(async () => ({ code: '/* bundled from source */' }));
    const config = (over: Record<string, string> = {}) =>
      loadConfig({
        NODE_ENV: 'production',
        PARTYFLOW_WORKFLOW_BUNDLE_PATH: codePath,
        PARTYFLOW_TIME_ZONE: DEFAULT_TIME_ZONE,
        ...over,
      });

    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'partyflow-prebuilt-'));
      codePath = path.join(dir, 'workflow-bundle.js');
      bundler.mockClear();
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('should load the prebuilt file by its path, without bundling, when it was built for the configured zone', async () => {
      writeFileSync(codePath, '/* prebuilt */');
      writeFileSync(path.join(dir, 'workflow-bundle.json'), JSON.stringify({ timeZone: DEFAULT_TIME_ZONE }));
      expect(await workerWorkflowBundle(config(), bundler)).toEqual({ codePath });
      expect(bundler).not.toHaveBeenCalled();
    });

    it('should fail at start, naming the file and the build command, when the prebuilt bundle is missing', async () => {
      await expect(workerWorkflowBundle(config(), bundler)).rejects.toThrow(
        `No prebuilt workflow bundle at ${codePath} (with workflow-bundle.json beside it): build it with \`npx nx build worker\``,
      );
      expect(bundler).not.toHaveBeenCalled();
    });

    it('should fail at start when the bundle was built for another time zone than PARTYFLOW_TIME_ZONE', async () => {
      writeFileSync(codePath, '/* prebuilt */');
      writeFileSync(path.join(dir, 'workflow-bundle.json'), JSON.stringify({ timeZone: 'UTC' }));
      await expect(workerWorkflowBundle(config(), bundler)).rejects.toThrow(
        `The workflow bundle at ${codePath} was built for the time zone UTC, but PARTYFLOW_TIME_ZONE is ${DEFAULT_TIME_ZONE}`,
      );
    });

    it('should bundle from source, ignoring any file, in development', async () => {
      expect(await workerWorkflowBundle(config({ NODE_ENV: 'development' }), bundler)).toEqual({
        code: '/* bundled from source */',
      });
      expect(bundler).toHaveBeenCalledTimes(1);
    });

    it('should default to the file nx build worker writes', () => {
      expect(path.relative(path.resolve(__dirname, '../../..'), PREBUILT_BUNDLE_PATH)).toBe(
        'dist/apps/worker/workflow-bundle.js',
      );
    });
  });
});
