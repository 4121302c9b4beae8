import {
  NativeConnection,
  Worker,
  type ActivityInterceptorsFactory,
  type WorkflowBundleOption,
} from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '@partyflow/activities';
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
};

/** A Temporal worker with every workflow and the activities over one PostgreSQL data source. */
export async function createWorker({
  connection,
  namespace,
  taskQueue,
  dataSource,
  workflowBundle,
  activityInterceptors = [],
}: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowBundle: workflowBundle ?? (await bundleWorkflows()),
    activities: createActivities({ dataSource }),
    interceptors: { activity: [...activityInterceptors] },
  });
}
