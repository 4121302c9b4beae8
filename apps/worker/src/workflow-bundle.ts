import path from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { localTimeZone } from '@partyflow/domain';

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

/** The webpack instance of Temporal's bundler (a dependency of @temporalio/worker), for its DefinePlugin. */
function temporalWebpack(): { DefinePlugin: new (definitions: Record<string, string>) => object } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve('webpack', { paths: [path.dirname(require.resolve('@temporalio/worker'))] }));
}

/**
 * Bundles the workflows (`workflowsPath` lets the replay test bundle a deliberately broken variant). The time zone of local dates is compiled in (`__PARTYFLOW_TIME_ZONE__`, read by
 * libs/domain/src/calendar/local-date.util.ts), so workflow code uses the zone the worker was configured
 * with (default: the process's configured zone, Asia/Ho_Chi_Minh unless PARTYFLOW_TIME_ZONE says otherwise).
 */
export async function bundleWorkflows({
  timeZone = localTimeZone(),
  workflowsPath = WORKFLOWS_PATH,
}: { timeZone?: string; workflowsPath?: string } = {}): Promise<WorkflowBundleWithSourceMap> {
  const { DefinePlugin } = temporalWebpack();
  return bundleWorkflowCode({
    workflowsPath,
    webpackConfigHook: (config) => {
      config.resolve = config.resolve ?? {};
      config.resolve.alias = { ...(config.resolve.alias as Record<string, string>), ...WORKFLOW_ALIASES };
      config.plugins = [
        ...(config.plugins ?? []),
        new DefinePlugin({ __PARTYFLOW_TIME_ZONE__: JSON.stringify(timeZone) }) as never,
      ];
      return config;
    },
    logger: {
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: console.warn,
      error: console.error,
      log: () => undefined,
    },
  });
}
