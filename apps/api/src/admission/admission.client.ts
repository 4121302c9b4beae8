import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { AppConfig } from '@partyflow/config';
import {
  admissionStateQuery,
  admissionWorkflowId,
  admissionWorkflowRef,
  type AdmissionInput,
  type AdmissionState,
} from '@partyflow/contracts';
import { startCommitted } from '../common/workflow-start';
import { APP_CONFIG } from '../tokens';

/** The typed Temporal client of the admission process; controllers never hold a workflow handle. */
@Injectable()
export class AdmissionClient {
  constructor(
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts the case's workflow after its row is committed; bounded retries, then `TemporalCallFailed`. */
  async start(input: AdmissionInput): Promise<string> {
    const workflowId = admissionWorkflowId(input.caseId);
    await startCommitted(this.client, this.config.temporal, admissionWorkflowRef, {
      workflowId,
      args: [input],
    });
    return workflowId;
  }

  /** Whether the case's workflow exists in Temporal (running or closed). */
  async exists(caseId: string): Promise<boolean> {
    try {
      await this.client.workflow.getHandle(admissionWorkflowId(caseId)).describe();
      return true;
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return false;
      throw e;
    }
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
