import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { AppConfig } from '@partyflow/config';
import { taskReassignmentWorkflowId, taskReassignmentWorkflowRef } from '@partyflow/contracts';
import { startCommitted } from '../common/workflow-start';
import { APP_CONFIG } from '../tokens';

/** The typed Temporal client of bulk reassignment (issue 14 §2); the service never holds a workflow handle. */
@Injectable()
export class TaskReassignmentClient {
  constructor(
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts the operation's workflow once its row is committed; bounded retries, then `TemporalCallFailed`. */
  async start(operationId: string): Promise<void> {
    await startCommitted(this.client, this.config.temporal, taskReassignmentWorkflowRef, {
      workflowId: taskReassignmentWorkflowId(operationId),
      args: [{ operationId }],
    });
  }
}
