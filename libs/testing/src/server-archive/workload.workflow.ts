import {
  ApplicationFailure,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  executeChild,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';

/**
 * The workload the Java time-skipping server serves while its class-data archive is recorded (record.ts): what the
 * workflow tests ask of it, in small. Test tooling only; never bundled with the project's workflows.
 */
export const nudgeSignal = defineSignal<[string]>('nudge');
export const answerUpdate = defineUpdate<string, [string]>('answer');
export const seenQuery = defineQuery<string[]>('seen');

type WorkloadActivities = { echo(text: string): Promise<string>; refuse(): Promise<void> };

const { echo } = proxyActivities<WorkloadActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 2, initialInterval: '1 second' },
});
const { refuse } = proxyActivities<WorkloadActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 2, initialInterval: '1 second', nonRetryableErrorTypes: ['Refused'] },
});

export async function workloadChildWorkflow(n: number): Promise<number> {
  await sleep('1 hour');
  return n + 1;
}

/** A task's life in small: handlers, a deadline beaten and one that passes, activities, a child, a new run. */
export async function workloadWorkflow(keyword: string, round = 0): Promise<string[]> {
  const seen: string[] = [];
  let answered = false;
  setHandler(nudgeSignal, (text) => {
    seen.push(text);
  });
  setHandler(
    answerUpdate,
    async (text) => {
      seen.push(await echo(text));
      answered = true;
      return text;
    },
    {
      validator: (text) => {
        if (!text) throw new Error('an empty answer');
      },
    },
  );
  setHandler(seenQuery, () => seen);
  if (patched('workload-patch')) seen.push('patched');
  upsertSearchAttributes({ [keyword]: [`round-${round}`] });
  if (!(await condition(() => answered, '3 days'))) seen.push('overdue');
  await sleep('2 days');
  try {
    await refuse();
  } catch {
    seen.push('refused');
  }
  seen.push(String(await executeChild(workloadChildWorkflow, { args: [round] })));
  if (round === 0) await continueAsNew<typeof workloadWorkflow>(keyword, 1);
  return seen;
}

/** Ends in a failure, as a case stopped by a rule does. */
export async function failingWorkloadWorkflow(): Promise<void> {
  await sleep('1 minute');
  throw ApplicationFailure.nonRetryable('stopped by a rule', 'Stopped');
}
