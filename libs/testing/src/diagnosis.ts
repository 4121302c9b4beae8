import type { Client } from '@temporalio/client';

/**
 * What a test's workflows were doing, for the message of a wait that timed out: each one's status, its pending
 * activities and the types of its history events (so a rare failure on a loaded CI machine can be read afterwards).
 */
export async function workflowsDiagnosis(client: Client, workflowIds: string[]): Promise<string> {
  const lines = await Promise.all(
    workflowIds.map(async (id) => {
      try {
        const handle = client.workflow.getHandle(id);
        const [description, history] = await Promise.all([handle.describe(), handle.fetchHistory()]);
        const pending = description.raw.pendingActivities?.map((p) => p.activityType?.name) ?? [];
        const events = history.events?.map((e) => String(e.eventType).replace('EVENT_TYPE_', '')) ?? [];
        return `${id}: ${description.status.name}; pending activities [${pending.join(', ')}]; events ${events.join(' ')}`;
      } catch (e) {
        return `${id}: not described (${(e as Error).message})`;
      }
    }),
  );
  return lines.join('\n');
}
