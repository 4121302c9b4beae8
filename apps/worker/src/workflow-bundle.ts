import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  bundleWorkflowCode,
  type WorkflowBundle,
  type WorkflowBundleOption,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { AppConfig } from '@partyflow/config';
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

/**
 * The OpenTelemetry workflow interceptors (issue 12 §4), in every bundle: their spans go to the worker's `exporter`
 * sink, which every worker provides through `withTracing` (@partyflow/tracing), dropping them when tracing is off.
 */
export const WORKFLOW_INTERCEPTORS_PATH = path.join(root, 'workflows/src/tracing/workflow-interceptors.ts');

/** Where `nx build worker` (build-bundle.ts) writes the bundle that production workers load. */
export const PREBUILT_BUNDLE_PATH = path.join(root, 'dist/apps/worker/workflow-bundle.js');

/** Written beside a prebuilt bundle: what was compiled into it. */
export type BundleManifest = { timeZone: string };
export const manifestPathOf = (codePath: string): string => `${codePath.replace(/\.js$/, '')}.json`;

/** The webpack instance of Temporal's bundler (a dependency of @temporalio/worker), for its DefinePlugin. */
function temporalWebpack(): { DefinePlugin: new (definitions: Record<string, string>) => object } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve('webpack', { paths: [path.dirname(require.resolve('@temporalio/worker'))] }));
}

/**
 * Bundles the workflows (`workflowsPath` lets the replay test bundle a deliberately broken
 * variant). The time zone of local dates is compiled in (`__PARTYFLOW_TIME_ZONE__`, read by
 * libs/domain/src/calendar/local-date.util.ts), so workflow code uses the zone the worker was
 * configured with (default: the process's configured zone, Asia/Ho_Chi_Minh unless
 * PARTYFLOW_TIME_ZONE says otherwise).
 */
export async function bundleWorkflows({
  timeZone = localTimeZone(),
  workflowsPath = WORKFLOWS_PATH,
  interceptorModules = [WORKFLOW_INTERCEPTORS_PATH],
}: {
  timeZone?: string;
  workflowsPath?: string;
  /** The workflow interceptor modules; another set only in tests (workflow-interceptors.workflow.spec.ts). */
  interceptorModules?: string[];
} = {}): Promise<WorkflowBundleWithSourceMap> {
  const { DefinePlugin } = temporalWebpack();
  return bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: interceptorModules,
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

/**
 * The workflow code a worker runs (AppConfig.worker). 'prebuilt' (production) loads the bundle
 * `nx build worker` wrote, through `workflowBundle: { codePath }`, and fails at start when the file
 * is missing or was built for another time zone than the one configured (the zone is compiled in).
 * 'source' (development: the demo, tests) bundles the workflows now, with `bundle`.
 */
export async function workerWorkflowBundle(
  { worker, timeZone }: Pick<AppConfig, 'worker' | 'timeZone'>,
  bundle: () => Promise<WorkflowBundle> = () => bundleWorkflows({ timeZone }),
): Promise<WorkflowBundleOption> {
  if (worker.workflowBundle === 'source') return bundle();
  const codePath = path.resolve(worker.workflowBundlePath ?? PREBUILT_BUNDLE_PATH);
  const manifestPath = manifestPathOf(codePath);
  if (!existsSync(codePath) || !existsSync(manifestPath)) {
    throw new Error(
      `No prebuilt workflow bundle at ${codePath} (with ${path.basename(manifestPath)} beside it): build it with ` +
        '`npx nx build worker`, or set PARTYFLOW_WORKFLOW_BUNDLE=source to bundle at start (development only)',
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BundleManifest;
  if (manifest.timeZone !== timeZone) {
    throw new Error(
      `The workflow bundle at ${codePath} was built for the time zone ${manifest.timeZone}, but ` +
        `PARTYFLOW_TIME_ZONE is ${timeZone}: rebuild it with \`npx nx build worker\` under the same zone`,
    );
  }
  return { codePath };
}
