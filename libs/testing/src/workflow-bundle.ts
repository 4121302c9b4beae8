import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { WorkflowBundle } from '@temporalio/worker';
import { bundleWorkflows } from '../../../apps/worker/src/workflow-bundle';

/** The file holding the run's workflow bundle, written once by the global setup (issue 8 §4). */
export const BUNDLE_VAR = 'PARTYFLOW_TEST_WORKFLOW_BUNDLE';

/** Global setup: bundles the workflows once per run into a temporary file; returns the function that removes it. */
export async function writeTestWorkflowBundle(): Promise<() => void> {
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
