import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { casePlaceChangedSignal, type CasePlace } from '@partyflow/contracts';

/**
 * The typed Temporal client of a move (issue 9 §1): tells a running admission or screening case, by the
 * workflow id on its row, the deciding organisations of its new place. A signal is durable: a case whose
 * worker is down reads it when it resumes.
 */
@Injectable()
export class CasePlaceClient {
  constructor(private readonly client: Client) {}

  /** Signals the new place; the call is abandoned after `deadlineMs`. */
  async signal(workflowId: string, place: CasePlace, { deadlineMs }: { deadlineMs: number }): Promise<void> {
    await this.client.withDeadline(Date.now() + deadlineMs, () =>
      this.client.workflow.getHandle(workflowId).signal(casePlaceChangedSignal, place),
    );
  }
}
