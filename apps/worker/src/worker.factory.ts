import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { MailConfig } from '@partyflow/config';
import { createActivities } from '@partyflow/activities';
import { bundleWorkflows } from './workflow-bundle';

export type CreateWorkerOptions = {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** Bundle once and share it across workers (tests, benchmarks), or the prebuilt file (production). */
  workflowBundle?: WorkflowBundleOption;
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
  mail,
}: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowBundle: workflowBundle ?? (await bundleWorkflows()),
    activities: createActivities({ dataSource, mail }),
  });
}
