import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { AppConfig } from '@partyflow/config';
import { deadlinePolicyFanOutWorkflowRef, type DeadlinePolicyFanOutInput } from '@partyflow/contracts';
import { startCommitted } from '../common/workflow-start';
import { APP_CONFIG } from '../tokens';

/** The typed Temporal client of the deadline-policy fan-out (issue 7 §4); the service never holds a workflow handle. */
@Injectable()
export class PolicyFanOutClient {
  constructor(
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts the fan-out of a committed policy change; its workflow id is the operation id.
   * Bounded retries, then `TemporalCallFailed`.
   */
  async start(input: DeadlinePolicyFanOutInput): Promise<void> {
    await startCommitted(this.client, this.config.temporal, deadlinePolicyFanOutWorkflowRef, {
      workflowId: input.operationId,
      args: [input],
    });
  }
}
