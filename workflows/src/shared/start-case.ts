import { setHandler, upsertSearchAttributes, type QueryDefinition } from '@temporalio/workflow';
import { SA_ORG_CODES, SA_PROCESS } from '@partyflow/contracts';
import { installHumanTasks, type HumanTasks } from '../human-task/human-task';
import { withIncidents, type IncidentOptions } from './incident';

type StepRecorder = (input: { caseId: string; step: string; at: string }) => Promise<unknown>;
type CaseEnder<R> = (input: { caseId: string; result: R; at: string }) => Promise<unknown>;
/** The result type the process's end-case activity takes. */
type ResultOf<F> = F extends CaseEnder<infer R> ? R : never;

export type CaseOptions<A extends object, S> = Omit<IncidentOptions<A>, 'tasks' | 'orgId'> & {
  process: string;
  caseId: string;
  /** The case's organisation: its incidents go to the administrator nearest to it. */
  orgId: string;
  /** The PartyOrgCodes search attribute, root first; without the key, only PartyProcess is set. */
  orgCodes?: string[];
  /** The case's state, answered by `stateQuery` as it changes. */
  state: S;
  stateQuery: QueryDefinition<S>;
  /** The process's activities, unguarded: the case gets them back guarded by incidents. */
  activities: A;
};

export type OpenedCase<A> = {
  tasks: HumanTasks;
  /** The activities, each failure for good opening an incident (shared/incident.ts). */
  acts: A;
  /** The workflow clock as an ISO instant, the `at` of every activity. */
  nowIso: () => string;
};

export type SteppedCase<A, R> = OpenedCase<A> & {
  /** The case moves to `step`: the state says so, then the case row (through the guarded activity). */
  enterStep: (step: string) => Promise<void>;
  /** The case ends with `result`: the state's status, then the case row; answers the result. */
  finish: (result: R) => Promise<R>;
};

/**
 * The opening every case workflow shares, written once: the human-task helper, the state query,
 * the activities guarded by incidents, and the PartyProcess / PartyOrgCodes search attributes; with
 * `steps` (the process's record-step and end-case activities) also `enterStep` and `finish`. It
 * emits exactly what the workflows wrote by hand before (the helper's patch marker, then one
 * search-attribute upsert), so recorded histories replay unchanged. Call it before anything awaits.
 */
export function startCase<A extends object, S extends { status: string; currentStep: string }, E extends keyof A>(
  options: CaseOptions<A, S> & { steps: { record: keyof A; end: E } },
): SteppedCase<A, ResultOf<A[E]>>;
export function startCase<A extends object, S>(options: CaseOptions<A, S>): OpenedCase<A>;
export function startCase<A extends object, S>(
  options: CaseOptions<A, S> & { steps?: { record: keyof A; end: keyof A } },
): OpenedCase<A> | SteppedCase<A, unknown> {
  const { process, caseId, orgId, orgCodes, state, stateQuery, activities, steps, ...incidents } = options;
  const tasks = installHumanTasks({ process, caseId });
  setHandler(stateQuery, () => state);
  const acts = withIncidents(activities, { ...incidents, tasks, orgId });
  // One upsert, as the workflows wrote it: a case given `orgCodes` always sends the pair (even if a
  // very old input lacks the value), one given none never does.
  upsertSearchAttributes(
    'orgCodes' in options
      ? [
          { key: SA_PROCESS, value: process },
          { key: SA_ORG_CODES, value: orgCodes as string[] },
        ]
      : [{ key: SA_PROCESS, value: process }],
  );
  const nowIso = () => new Date().toISOString();
  if (!steps) return { tasks, acts, nowIso };

  const caseState = state as unknown as { status: string; currentStep: string };
  const record = acts[steps.record] as unknown as StepRecorder;
  const end = acts[steps.end] as unknown as CaseEnder<unknown>;
  return {
    tasks,
    acts,
    nowIso,
    enterStep: async (step) => {
      caseState.currentStep = step;
      await record({ caseId, step, at: nowIso() });
    },
    finish: async (result) => {
      caseState.status = (result as { status: string }).status;
      await end({ caseId, result, at: nowIso() });
      return result;
    },
  };
}
