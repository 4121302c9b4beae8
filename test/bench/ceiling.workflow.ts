import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/**
 * The bare-engine ceiling of the admission benchmark: a workflow that only accepts `steps`
 * updates in sequence, with no activities, timers or search attributes. Each update is one
 * round trip client → server → worker → server → client, the floor under a task completion.
 * Bundled on its own (test/bench/admission.bench.ts); imports only from '@temporalio/workflow'.
 */
export const ceilingStepUpdate = defineUpdate<number, [number]>('benchCeilingStep');

export async function benchCeilingWorkflow(steps: number): Promise<number> {
  let done = 0;
  setHandler(
    ceilingStepUpdate,
    (step: number) => {
      done += 1;
      return step;
    },
    {
      // As the human-task validator refuses a completion out of turn, refuse a step out of order.
      validator: (step: number) => {
        if (step !== done) throw new Error(`step ${step} out of order: expected ${done}`);
      },
    },
  );
  await condition(() => done >= steps);
  return done;
}
