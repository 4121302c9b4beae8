import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@partyflow/config';
import { bundleWorkflows, manifestPathOf, PREBUILT_BUNDLE_PATH, type BundleManifest } from './workflow-bundle';

/**
 * `nx build worker`: bundles the workflow code once (as production workers load it through
 * `workflowBundle: { codePath }`) and fails if anything non-deterministic slipped into it. The
 * configured time zone is compiled in; the manifest beside the bundle records it, and a worker
 * configured with another zone refuses to start.
 */
async function main(): Promise<void> {
  const { timeZone } = loadConfig();
  mkdirSync(path.dirname(PREBUILT_BUNDLE_PATH), { recursive: true });
  const bundle = await bundleWorkflows({ timeZone });
  writeFileSync(PREBUILT_BUNDLE_PATH, bundle.code);
  const manifest: BundleManifest = { timeZone };
  writeFileSync(manifestPathOf(PREBUILT_BUNDLE_PATH), `${JSON.stringify(manifest)}\n`);
  console.log(
    `workflow bundle: ${PREBUILT_BUNDLE_PATH} (${(bundle.code.length / 1024).toFixed(0)} KiB, time zone ${timeZone})`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
