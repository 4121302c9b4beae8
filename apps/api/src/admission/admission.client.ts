import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { AppConfig } from '@partyflow/config';
import { admissionStateQuery, admissionWorkflowId, type AdmissionInput, type AdmissionState } from '@partyflow/contracts';
import { APP_CONFIG } from '../tokens';

/** The typed Temporal client of the admission process; controllers never hold a workflow handle. */
@Injectable()
export class AdmissionClient {
  constructor(private readonly client: Client, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async start(input: AdmissionInput): Promise<string> {
    const workflowId = admissionWorkflowId(input.caseId);
    await this.client.workflow.start('admissionWorkflow', {
      workflowId,
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
    });
    return workflowId;
  }

  async state(caseId: string): Promise<AdmissionState | null> {
    try {
      return await this.client.workflow.getHandle(admissionWorkflowId(caseId)).query(admissionStateQuery);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return null;
      throw e;
    }
  }
}
