import path from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

const root = path.resolve(__dirname, '../../..');

/**
 * The workflow bundler (webpack) does not read tsconfig paths, so the workflow-safe libraries
 * are aliased here. Only these may reach workflow code; TypeORM, NestJS and Node built-ins
 * would fail the bundle (and the lint rules keep them out).
 */
export const WORKFLOW_ALIASES: Record<string, string> = {
  '@partyflow/domain': path.join(root, 'libs/domain/src/index.ts'),
  '@partyflow/contracts': path.join(root, 'libs/contracts/src/index.ts'),
};

export const WORKFLOWS_PATH = path.join(root, 'workflows/src/index.ts');

/** Bundles the deployed workflows; `workflowsPath` lets the replay test bundle a deliberately broken variant. */
export async function bundleWorkflows(workflowsPath: string = WORKFLOWS_PATH): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    webpackConfigHook: (config) => {
      config.resolve = config.resolve ?? {};
      config.resolve.alias = { ...(config.resolve.alias as Record<string, string>), ...WORKFLOW_ALIASES };
      return config;
    },
    logger: { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error, log: () => undefined },
  });
}
