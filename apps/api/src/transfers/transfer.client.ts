import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { AppConfig } from '@partyflow/config';
import { transferStateQuery, transferWorkflowRef, type TransferInput, type TransferState } from '@partyflow/contracts';
import { startCommitted } from '../common/workflow-start';
import { APP_CONFIG } from '../tokens';

/** The typed Temporal client of the transfer process; the service never holds a workflow handle. */
@Injectable()
export class TransferClient {
  constructor(
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts the transfer's workflow after its row is committed; bounded retries, then `TemporalCallFailed`. */
  async start(workflowId: string, input: TransferInput): Promise<void> {
    await startCommitted(this.client, this.config.temporal, transferWorkflowRef, {
      workflowId,
      args: [input],
    });
  }

  async state(workflowId: string): Promise<TransferState> {
    return this.client.workflow.getHandle(workflowId).query(transferStateQuery);
  }
}
