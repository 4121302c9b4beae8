import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import {
  completeTaskUpdate,
  reassignTaskUpdate,
  repromiseTaskUpdate,
  type CompleteTaskInput,
  type CompleteTaskResult,
  type ReassignTask,
  type ReassignTaskResult,
  type RepromiseTask,
  type RepromiseTaskResult,
} from '@partyflow/contracts';

/**
 * The typed Temporal client of the human-task operations every process shares (the updates of
 * workflows/src/human-task/human-task.ts), addressed by the workflow id on the task's row. Used by
 * tasks and delegations; services never hold a workflow handle.
 */
@Injectable()
export class HumanTaskClient {
  constructor(private readonly client: Client) {}

  /** Completes an open task; the workflow checks the step, the outcome and whom the user acts as, and may refuse. */
  async complete(workflowId: string, input: CompleteTaskInput): Promise<CompleteTaskResult> {
    return this.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, { args: [input] });
  }

  /** Moves an open task to another assignee; the call is abandoned after `deadlineMs` (a case that does not answer). */
  async reassign(
    workflowId: string,
    input: ReassignTask,
    { deadlineMs }: { deadlineMs: number },
  ): Promise<ReassignTaskResult> {
    return this.client.withDeadline(Date.now() + deadlineMs, () =>
      this.client.workflow.getHandle(workflowId).executeUpdate(reassignTaskUpdate, { args: [input] }),
    );
  }

  /** Re-promises an overdue task (issue 14 §3): the workflow writes it and its timers follow the new date. */
  async repromise(workflowId: string, input: RepromiseTask): Promise<RepromiseTaskResult> {
    return this.client.workflow.getHandle(workflowId).executeUpdate(repromiseTaskUpdate, { args: [input] });
  }
}
