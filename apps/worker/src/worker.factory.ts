import {
  NativeConnection,
  Worker,
  type ActivityInterceptorsFactory,
  type WorkflowBundleOption,
} from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { MailConfig } from '@partyflow/config';
import { createActivities } from '@partyflow/activities';
import { withTracing, type Tracing } from '@partyflow/tracing';
import { bundleWorkflows } from './workflow-bundle';

export type CreateWorkerOptions = {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** Bundle once and share it across workers (tests, benchmarks), or the prebuilt file (production). */
  workflowBundle?: WorkflowBundleOption;
  /** Activity interceptors, in order (the retry counter of the worker's metrics, issue 12 §4). */
  activityInterceptors?: ActivityInterceptorsFactory[];
  /** The worker's traces (issue 12 §4), when OTEL_EXPORTER_OTLP_ENDPOINT is set (`startTracing`). */
  tracing?: Tracing;
  /** E-mail settings (issue 12 §5); without them queued mails are not sent. */
  mail?: MailConfig;
};

/** A Temporal worker with every workflow and the activities over one PostgreSQL data source. */
export async function createWorker({
  connection,
  namespace,
  taskQueue,
  dataSource,
  workflowBundle,
  activityInterceptors = [],
  tracing,
  mail,
}: CreateWorkerOptions): Promise<Worker> {
  return Worker.create(
    withTracing(
      {
        connection,
        namespace,
        taskQueue,
        workflowBundle: workflowBundle ?? (await bundleWorkflows()),
        activities: createActivities({ dataSource, mail }),
        interceptors: { activity: [...activityInterceptors] },
      },
      tracing,
    ),
  );
}
