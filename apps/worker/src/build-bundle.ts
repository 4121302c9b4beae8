import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflows } from './workflow-bundle';

/**
 * `nx build worker`: bundles the workflow code once (as production workers load it through
 * `workflowBundle: { codePath }`) and fails if anything non-deterministic slipped into it.
 */
async function main(): Promise<void> {
  const out = path.resolve(__dirname, '../../../dist/apps/worker');
  mkdirSync(out, { recursive: true });
  const bundle = await bundleWorkflows();
  writeFileSync(path.join(out, 'workflow-bundle.js'), bundle.code);
  console.log(
    `workflow bundle: ${path.join(out, 'workflow-bundle.js')} (${(bundle.code.length / 1024).toFixed(0)} KiB)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
