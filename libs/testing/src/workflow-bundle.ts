import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { WorkflowBundle } from '@temporalio/worker';
import { bundleWorkflows } from '../../../apps/worker/src/workflow-bundle';

/** The file holding the run's workflow bundle, written once by the global setup (issue 8 §4). */
export const BUNDLE_VAR = 'PARTYFLOW_TEST_WORKFLOW_BUNDLE';

/**
 * Global setup: bundles the workflows once per run into a temporary file; returns the function that removes it.
 * When the caller already bundled them (`npm test` bundles once for all its Jest runs, infra/scripts/test-all.sh) and
 * PARTYFLOW_TEST_WORKFLOW_BUNDLE names that file, the run uses it as it is and leaves it to the caller.
 */
export async function writeTestWorkflowBundle(): Promise<() => void> {
  const given = process.env[BUNDLE_VAR];
  if (given) {
    if (!existsSync(given)) throw new Error(`${BUNDLE_VAR} names ${given}, which does not exist`);
    return () => undefined;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'partyflow-bundle-'));
  const file = path.join(dir, 'workflow-bundle.js');
  writeFileSync(file, (await bundleWorkflows()).code);
  process.env[BUNDLE_VAR] = file;
  return () => rmSync(dir, { recursive: true, force: true });
}

/**
 * The run's workflow bundle (the same code as `bundleWorkflows()`); bundles here only when run without the global
 * setup.
 */
export async function testWorkflowBundle(): Promise<WorkflowBundle> {
  const file = process.env[BUNDLE_VAR];
  return file ? { code: await readFile(file, 'utf8') } : bundleWorkflows();
}

/** `node -r ./infra/scripts/register.js libs/testing/src/workflow-bundle.ts <file>`: the test bundle into <file>. */
async function main(file: string): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, (await bundleWorkflows()).code);
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: workflow-bundle.ts <output file>');
  main(path.resolve(file)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
